// npm run bench: speed and memory, printed as one JSON line. A benchmark, not a test: nothing here fails on a number.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadCatalog } from "../src/catalog/load.ts";
import { findTreaty, openLibrary, suggestTreaties, whoSaid } from "../src/core/answers.ts";
import { createLogger } from "../src/log.ts";
import { AnniversaryScheduler } from "../src/schedule/anniversaries.ts";
import { AnniversaryStore } from "../src/storage/anniversaries.ts";
import { openDatabase } from "../src/storage/database.ts";
import { benchDiscord } from "./discord.ts";
import { benchLoad } from "./load.ts";
import { quantile } from "./support.ts";

const library = openLibrary(loadCatalog());
const treaties = library.catalog.treaties;

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

function timeEach(queries: string[], fn: (q: string) => unknown, warmUp = 500) {
  for (const q of queries.slice(0, warmUp)) fn(q);
  const ms = queries.map((q) => {
    const t0 = performance.now();
    fn(q);
    return performance.now() - t0;
  });
  ms.sort((a, b) => a - b);
  return { n: ms.length, p50Ms: round(quantile(ms, 0.5) ?? 0), p99Ms: round(quantile(ms, 0.99) ?? 0), maxMs: round(ms.at(-1) ?? 0) };
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
// Cold: a fresh index, each distinct query once (no word cache to help); warm: the mixed stream people send.
const coldLibrary = openLibrary(library.catalog);
const treatyLookupCold = timeEach([...new Set(queries)], (q) => findTreaty(coldLibrary, q), 0);
const treatyLookup = timeEach(queries, (q) => findTreaty(library, q));
const autocomplete = timeEach(queries.map((q) => q.slice(0, 6)), (q) => suggestTreaties(library, q));
const quoteWords = library.catalog.quotes.flatMap((q) => [q.text.split(" ").slice(2, 8).join(" "), `${q.speaker.split(" ").at(-1)} ${q.treaties[0] ?? ""}`]);
const whoSaidLookup = timeEach(Array.from({ length: 3000 }, (_, i) => quoteWords[i % Math.max(1, quoteWords.length)] ?? "pizza"), (q) => whoSaid(library, q));

// One-shot ask against bare `npm run` of a trivial script: the same npm and Node start-up, nothing else.
spawnSync("npm", ["run", "-s", "ask", "--", "treaty", "cfe", "--json"]); // builds the bundle if stale
const runs = 7;
const baseline = median(Array.from({ length: runs }, () => wall("npm", ["run", "-s", "bench:baseline"]).ms));
const oneShot = median(Array.from({ length: runs }, () => wall("npm", ["run", "-s", "ask", "--", "treaty", "cfe", "--json"]).ms));

/** One tick with 10,000 servers due at once, sent through a stub: the claim, render and bookkeeping cost, and the file's size. */
async function anniversaryTick(guilds = 10_000) {
  const dir = mkdtempSync(join(tmpdir(), "treaty-bot-bench-"));
  const path = join(dir, "bench.sqlite");
  const db = openDatabase(path);
  const store = new AnniversaryStore(db);
  const zones = ["Europe/Berlin", "America/New_York", "Asia/Tokyo", "UTC", "Europe/Moscow", "Asia/Kolkata", "Europe/London", "America/Chicago"];
  const configured = new Date("2026-11-01T00:00:00Z");
  db.transaction(() => {
    for (let i = 0; i < guilds; i++) {
      const minute = (i * 37) % 360; // post times from 00:00 to 05:59, all passed by the tick in every zone above
      const postTime = `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
      store.setSchedule({ guildId: String(1_100_000_000_000_000_000n + BigInt(i)), channelId: String(1_200_000_000_000_000_000n + BigInt(i)), postTime, timeZone: zones[i % zones.length]! }, configured);
    }
  })();
  const fileBytes = () => {
    db.pragma("wal_checkpoint(TRUNCATE)");
    return statSync(path).size;
  };
  const settingsBytes = fileBytes();
  let sent = 0;
  const scheduler = new AnniversaryScheduler({
    store,
    catalog: library.catalog,
    log: createLogger("silent"),
    serves: () => true,
    send: async () => ({ kind: "sent", messageId: String(++sent) }),
  });
  const t0 = performance.now();
  const report = await scheduler.tick(new Date("2026-11-07T12:00:00Z"));
  const ms = performance.now() - t0;
  const withPosts = fileBytes();
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    guilds,
    posted: report.sent,
    tickMs: Math.round(ms),
    postsPerSecond: Math.round(report.sent / (ms / 1000)),
    bytesPerGuild: Math.round(withPosts / guilds),
    settingsBytesPerGuild: Math.round(settingsBytes / guilds),
    postRecordBytesPerDay: Math.round((withPosts - settingsBytes) / guilds),
  };
}
const anniversaries = await anniversaryTick();
const discord = await benchDiscord(1000);
const load = await benchLoad();

const batchInput = `${mixedQueries(10_000).map((q) => q.replace(/\n/g, " ")).join("\n")}\n`;
const batch = wall("npm", ["run", "-s", "ask", "--", "treaty", "--json", "--batch"], batchInput);

console.log(
  JSON.stringify({
    catalog: { treaties: treaties.length, quotes: library.catalog.quotes.length },
    treatyLookupCold,
    treatyLookup,
    autocomplete,
    whoSaidLookup,
    ask: { oneShotMs: Math.round(oneShot), npmBaselineMs: Math.round(baseline), ratio: round(oneShot / baseline, 2) },
    batch: { queries: 10_000, ms: Math.round(batch.ms), queriesPerSecond: Math.round(10_000 / (batch.ms / 1000)), peakRssMb: batch.maxRssKb ? round(batch.maxRssKb / 1024, 1) : null, ok: batch.ok },
    anniversaries,
    discord,
    load,
    inProcess: { peakRssMb: round(process.resourceUsage().maxRSS / 1024, 1), heapUsedMb: round(process.memoryUsage().heapUsed / 1048576, 1) },
  }),
);
