// What the benchmarks share: percentiles, a process's memory from /proc, the bot started in its own process against
// the fake Discord (on a scratch database it removes), and the mix of treaty interactions sent to it.
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FakeDiscord } from "../test/fake-discord/index.ts";
import { autocomplete, chatInput } from "../test/fake-discord/interactions.ts";

/** The value at quantile q (0 to 1) of ascending numbers; undefined for none. */
export function quantile(sorted: readonly number[], q: number): number | undefined {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Resident memory of a process from /proc (Linux), in MB: now and at its peak. Null where /proc cannot tell. */
export function processMemoryMb(pid: number): { rss: number; peak: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
    const rss = kb("VmRSS") / 1024;
    return Number.isFinite(rss) ? { rss, peak: kb("VmHWM") / 1024 } : null;
  } catch {
    return null;
  }
}

/** The bot as operators run it (`npm start`), in its own process on a scratch database; `stop` ends it and cleans up. */
export function spawnBot(fake: FakeDiscord, token: string, opts: { nodeArgs?: string[]; stdio?: StdioOptions } = {}): { bot: ChildProcess; stop(): Promise<void> } {
  const scratch = mkdtempSync(join(tmpdir(), "treaty-bot-bench-"));
  const bot = spawn(process.execPath, [...(opts.nodeArgs ?? []), "src/cli/launch.mjs", "src/main.ts"], {
    env: { ...process.env, DISCORD_TOKEN: token, DISCORD_API_BASE: fake.apiBase, LOG_LEVEL: "warn", DATABASE_PATH: join(scratch, "bench.sqlite") },
    stdio: opts.stdio ?? ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<void>((resolve) => bot.once("exit", () => resolve()));
  return {
    bot,
    async stop() {
      if (bot.exitCode === null && bot.signalCode === null) bot.kill("SIGTERM");
      await exited;
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/** The i-th of a mix of interactions: two /treaty commands, then an autocomplete of a query's first letters. */
export function treatyInteraction(queries: readonly string[], i: number): { id: string; token: string } {
  const q = queries[i % queries.length]!;
  return i % 3 === 2
    ? autocomplete({ name: "treaty", options: [{ name: "name", value: q.slice(0, 4), focused: true }] })
    : chatInput({ name: "treaty", options: { name: q } });
}
