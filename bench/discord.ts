// The bot as operators run it (`npm start`, its own process) against the fake Discord on loopback:
// latency from INTERACTION_CREATE sent to the callback received, and the bot process's memory.
import { callbackOf, startFakeDiscord } from "../test/fake-discord/index.ts";
import { processMemoryMb, quantile, spawnBot, treatyInteraction } from "./support.ts";

const QUERIES = ["cfe", "inf", "new start", "pizza", "ДРСМД", "open skies", "conventinal forces"];

export async function benchDiscord(count = 1000) {
  const token = "MTBENCH000000000000000.bench-token.abcdefghij";
  const fake = await startFakeDiscord({ token });
  const { bot, stop } = spawnBot(fake, token);
  try {
    await fake.waitForReady(30_000);
    await new Promise((r) => setTimeout(r, 300));
    const afterStart = processMemoryMb(bot.pid!);
    const ms: number[] = [];
    for (let i = 0; i < count; i++) {
      const payload = treatyInteraction(QUERIES, i);
      const t0 = performance.now();
      fake.sendInteraction(payload);
      await fake.waitForCall(callbackOf(payload), 10_000);
      ms.push(performance.now() - t0);
      if (i % 200 === 199) fake.forgetInteractions();
    }
    const afterLoad = processMemoryMb(bot.pid!);
    ms.sort((a, b) => a - b);
    const at = (q: number) => Number((quantile(ms, q) ?? 0).toFixed(2));
    const mb = (n: number | undefined) => (n === undefined ? null : Math.round(n));
    return { interactions: count, p50Ms: at(0.5), p99Ms: at(0.99), botRssAfterStartMb: mb(afterStart?.rss), botRssAfterMb: mb(afterLoad?.rss), botPeakRssMb: mb(afterLoad?.peak) };
  } finally {
    await stop();
    await fake.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchDiscord(Number(process.argv[2] ?? 1000))));
}
