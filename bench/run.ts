// npm run bench: speed and memory, printed as one JSON line. A benchmark, not a test: nothing here fails on a number.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { loadCatalog } from "../src/catalog/load.ts";
import { findTreaty, openLibrary, suggestTreaties, whoSaid } from "../src/core/answers.ts";

const library = openLibrary(loadCatalog());
const treaties = library.catalog.treaties;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
const round = (n: number, d = 3) => Number(n.toFixed(d));

/** Mixed queries people type: names, abbreviations, aliases, typos, partial words, off-topic. */
function mixedQueries(n: number): string[] {
  const pool: string[] = [];
  for (const t of treaties) {
    pool.push(t.abbreviation, t.name, t.id, ...t.aliases.slice(0, 3));
    pool.push(t.name.replace(/([a-z])([a-z])/, "$2$1"));
    pool.push(t.name.split(" ").slice(0, 3).join(" ").toLowerCase());
  }
  pool.push("pizza", "hello", "treaty of versailles", "kyoto protocol", "world cup", "", "x".repeat(300));
  return Array.from({ length: n }, (_, i) => pool[(i * 7919) % pool.length]!);
}

function timeEach(queries: string[], fn: (q: string) => unknown) {
  for (const q of queries.slice(0, 500)) fn(q); // warm up
  const ms = queries.map((q) => {
    const t0 = performance.now();
    fn(q);
    return performance.now() - t0;
  });
  ms.sort((a, b) => a - b);
  return { n: ms.length, p50Ms: round(percentile(ms, 50)), p99Ms: round(percentile(ms, 99)), maxMs: round(ms.at(-1) ?? 0) };
}

function wall(cmd: string, args: string[], input?: string): { ms: number; maxRssKb: number | null; ok: boolean } {
  const timeBin = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;
  const t0 = performance.now();
  const r = timeBin
    ? spawnSync(timeBin, ["-f", "%M", cmd, ...args], { input, encoding: "utf8", maxBuffer: 1 << 28 })
    : spawnSync(cmd, args, { input, encoding: "utf8", maxBuffer: 1 << 28 });
  const ms = performance.now() - t0;
  const rss = timeBin ? Number(r.stderr.trim().split("\n").at(-1)) : NaN;
  return { ms, maxRssKb: Number.isFinite(rss) ? rss : null, ok: r.status === 0 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

const queries = mixedQueries(5000);
const treatyLookup = timeEach(queries, (q) => findTreaty(library, q));
const autocomplete = timeEach(queries.map((q) => q.slice(0, 6)), (q) => suggestTreaties(library, q));
const quoteWords = library.catalog.quotes.flatMap((q) => [q.text.split(" ").slice(2, 8).join(" "), `${q.speaker.split(" ").at(-1)} ${q.treaties[0] ?? ""}`]);
const whoSaidLookup = timeEach(Array.from({ length: 3000 }, (_, i) => quoteWords[i % Math.max(1, quoteWords.length)] ?? "pizza"), (q) => whoSaid(library, q));

// One-shot ask against bare `npm run` of a trivial script: the same npm and Node start-up, nothing else.
spawnSync("npm", ["run", "-s", "ask", "--", "treaty", "cfe", "--json"]); // builds the bundle if stale
const runs = 7;
const baseline = median(Array.from({ length: runs }, () => wall("npm", ["run", "-s", "bench:baseline"]).ms));
const oneShot = median(Array.from({ length: runs }, () => wall("npm", ["run", "-s", "ask", "--", "treaty", "cfe", "--json"]).ms));

const batchInput = `${mixedQueries(10_000).map((q) => q.replace(/\n/g, " ")).join("\n")}\n`;
const batch = wall("npm", ["run", "-s", "ask", "--", "treaty", "--json", "--batch"], batchInput);

console.log(
  JSON.stringify({
    catalog: { treaties: treaties.length, quotes: library.catalog.quotes.length },
    treatyLookup,
    autocomplete,
    whoSaidLookup,
    ask: { oneShotMs: Math.round(oneShot), npmBaselineMs: Math.round(baseline), ratio: round(oneShot / baseline, 2) },
    batch: { queries: 10_000, ms: Math.round(batch.ms), queriesPerSecond: Math.round(10_000 / (batch.ms / 1000)), peakRssMb: batch.maxRssKb ? round(batch.maxRssKb / 1024, 1) : null, ok: batch.ok },
    inProcess: { peakRssMb: round(process.resourceUsage().maxRSS / 1024, 1), heapUsedMb: round(process.memoryUsage().heapUsed / 1048576, 1) },
  }),
);
