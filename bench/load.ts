// The bot under load, in its own process (`npm start`) against the fake Discord on loopback:
// - burst: 2,000 interactions dispatched at once; latency from INTERACTION_CREATE sent to the callback received;
// - soak: 100,000 interactions in windows of 200 at a time; the bot's heap and resident memory before and after.
// A benchmark, not a test: it reports, it does not judge.
import type { ChildProcess } from "node:child_process";
import { startFakeDiscord, type FakeDiscord, type RecordedCall } from "../test/fake-discord/index.ts";
import { processMemoryMb, quantile, spawnBot, treatyInteraction } from "./support.ts";

const TOKEN = "MTBENCH000000000000000.load-bench-token.abcdefghij";
const QUERIES = ["cfe", "inf", "new start", "pizza", "ДРСМД", "open skies", "conventinal forces", "npt", "salt", "who knows"];

/**
 * Loaded into the bot's process before its own code: on request over the IPC channel, collects garbage and reports
 * process.memoryUsage(), so heap figures come from the bot itself. The bot's code is untouched.
 */
const MEMORY_PROBE = `process.on("message", (m) => { if (m === "memory") { globalThis.gc?.(); process.send?.(process.memoryUsage()); } });`;

type Payload = { id: string; token: string };

const mb = (bytes: number) => Number((bytes / 1048576).toFixed(1));

/** The bot's heap (after a full GC) and its resident memory. */
async function memoryOf(bot: ChildProcess): Promise<{ heapMb: number; rssMb: number | null }> {
  const usage = await new Promise<NodeJS.MemoryUsage>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the bot did not report its memory")), 10_000);
    bot.once("message", (m) => {
      clearTimeout(timer);
      resolve(m as NodeJS.MemoryUsage);
    });
    bot.send("memory");
  });
  const rss = processMemoryMb(bot.pid!)?.rss;
  return { heapMb: mb(usage.heapUsed), rssMb: rss === undefined ? null : Number(rss.toFixed(1)) };
}

const interaction = (i: number): Payload => treatyInteraction(QUERIES, i);

const tokenOf = (c: RecordedCall): string | undefined =>
  c.method === "POST" && c.path.startsWith("/interactions/") && c.path.endsWith("/callback") && c.status < 300 ? c.path.split("/")[3] : undefined;

/** Sends every payload at once; resolves with each one's first successful callback (missing ones are absent after the timeout). */
async function sendAll(fake: FakeDiscord, payloads: Payload[], timeoutMs: number): Promise<{ sentAt: Map<string, number>; answers: Map<string, RecordedCall[]> }> {
  const sentAt = new Map<string, number>();
  const answers = new Map<string, RecordedCall[]>();
  // One waiter that counts, rather than one per interaction: the fake checks every waiter on every call.
  const done = fake
    .waitForCall((c) => {
      const token = tokenOf(c);
      if (token && sentAt.has(token)) answers.set(token, [...(answers.get(token) ?? []), c]);
      return answers.size === payloads.length;
    }, timeoutMs)
    .then(
      () => true,
      () => false,
    );
  for (const p of payloads) {
    sentAt.set(p.token, Date.now());
    fake.sendInteraction(p);
  }
  await done;
  return { sentAt, answers };
}

export async function benchLoad(opts: { burst?: number; soak?: number; window?: number } = {}) {
  const burstCount = opts.burst ?? 2000;
  const soakCount = opts.soak ?? 100_000;
  const window = opts.window ?? 200;
  const fake = await startFakeDiscord({ token: TOKEN });
  const { bot, stop } = spawnBot(fake, TOKEN, {
    nodeArgs: ["--expose-gc", "--import", `data:text/javascript,${encodeURIComponent(MEMORY_PROBE)}`],
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  try {
    await fake.waitForReady(30_000);
    // Warm up (JIT, indexes, connection pool) so the burst measures the steady state.
    await sendAll(fake, Array.from({ length: 200 }, (_, i) => interaction(i)), 30_000);
    fake.forgetInteractions();

    const burstPayloads = Array.from({ length: burstCount }, (_, i) => interaction(i));
    const t0 = Date.now();
    const { sentAt, answers } = await sendAll(fake, burstPayloads, 60_000);
    const wallMs = Date.now() - t0;
    await new Promise((r) => setTimeout(r, 200)); // a late duplicate would show up here
    const callbacks = new Map<string, number>();
    for (const c of fake.calls) {
      const token = tokenOf(c);
      if (token) callbacks.set(token, (callbacks.get(token) ?? 0) + 1);
    }
    const allAnswered = burstPayloads.every((p) => callbacks.get(p.token) === 1);
    const ms = burstPayloads
      .map((p) => (answers.get(p.token)?.[0]?.at ?? NaN) - sentAt.get(p.token)!)
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    const at = (q: number) => quantile(ms, q) ?? null;
    fake.forgetInteractions();

    const before = await memoryOf(bot);
    const soakStart = Date.now();
    for (let sent = 0; sent < soakCount; sent += window) {
      const batch = Array.from({ length: Math.min(window, soakCount - sent) }, (_, i) => interaction(sent + i));
      const { answers: got } = await sendAll(fake, batch, 30_000);
      if (got.size !== batch.length) throw new Error(`soak: ${batch.length - got.size} of ${batch.length} interactions unanswered after ${sent} sent`);
      fake.forgetInteractions();
    }
    const soakMs = Date.now() - soakStart;
    const after = await memoryOf(bot);

    return {
      burst: { interactions: burstCount, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: ms.at(-1) ?? null, wallMs, allAnswered },
      soak: {
        interactions: soakCount,
        window,
        seconds: Number((soakMs / 1000).toFixed(1)),
        perSecond: Math.round(soakCount / (soakMs / 1000)),
        heapBeforeMb: before.heapMb,
        heapAfterMb: after.heapMb,
        rssBeforeMb: before.rssMb,
        rssAfterMb: after.rssMb,
      },
    };
  } finally {
    await stop();
    await fake.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchLoad()));
}
