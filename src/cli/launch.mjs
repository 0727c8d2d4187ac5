// Starts a command-line entry point from a bundle, rebuilding it first when any source is newer.
// Running bundled JavaScript keeps `npm run ask` close to bare Node start-up; data files are read at run time.
import { existsSync, readdirSync, renameSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const [entry] = process.argv.splice(2, 1);
const bundleDependencies = entry?.endsWith("cli/ask.ts");
if (!entry) {
  console.error("usage: node src/cli/launch.mjs <entry.ts> [args...]");
  process.exit(2);
}
const source = join(root, entry);
const out = join(root, "var", "bundle", entry.replace(/[\\/]/g, "_").replace(/\.ts$/, ".mjs"));

function newest(dir) {
  let max = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    max = Math.max(max, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return max;
}

const stale = !existsSync(out) || Math.max(newest(join(root, "src")), newest(join(root, "commands")), statSync(join(root, "package-lock.json")).mtimeMs) > statSync(out).mtimeMs;
if (stale) {
  const { build } = await import("esbuild");
  const tmp = `${out}.${process.pid}.tmp`;
  await build({
    entryPoints: [source],
    outfile: tmp,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // The one-shot CLI bundles its dependencies too (resolving dozens of files costs more than running them);
    // the long-running bot keeps them external (discord.js has optional native add-ons a bundle cannot hold).
    ...(bundleDependencies ? {} : { packages: "external" }),
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: "warning",
  });
  renameSync(tmp, out);
}
await import(pathToFileURL(out).href);
