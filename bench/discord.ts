// The bot as operators run it (`npm start`, its own process) against the fake Discord on loopback:
// latency from INTERACTION_CREATE sent to the callback received, and the bot process's memory.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { startFakeDiscord } from "../test/fake-discord/index.ts";
import { autocomplete, chatInput } from "../test/fake-discord/interactions.ts";

/** Resident memory of a process, in MB, from /proc (Linux): current and peak. */
function memoryOf(pid: number): { rssMb: number; peakMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
    return { rssMb: Math.round(kb("VmRSS") / 1024), peakMb: Math.round(kb("VmHWM") / 1024) };
  } catch {
    return null;
  }
}

export async function benchDiscord(count = 1000) {
  const token = "MTBENCH000000000000000.bench-token.abcdefghij";
  const fake = await startFakeDiscord({ token });
  const bot = spawn(process.execPath, ["src/cli/launch.mjs", "src/main.ts"], {
    env: { ...process.env, DISCORD_TOKEN: token, DISCORD_API_BASE: fake.apiBase, LOG_LEVEL: "warn", DATABASE_PATH: `var/bench-${process.pid}.sqlite` },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    await fake.waitForReady(30_000);
    await new Promise((r) => setTimeout(r, 300));
    const afterStart = memoryOf(bot.pid!);
    const queries = ["cfe", "inf", "new start", "pizza", "ДРСМД", "open skies", "conventinal forces"];
    const ms: number[] = [];
    for (let i = 0; i < count; i++) {
      const q = queries[i % queries.length]!;
      const payload = i % 3 === 2 ? autocomplete({ name: "treaty", options: [{ name: "name", value: q.slice(0, 4), focused: true }] }) : chatInput({ name: "treaty", options: { name: q } });
      const t0 = performance.now();
      fake.sendInteraction(payload);
      await fake.waitForCall((c) => c.method === "POST" && c.path === `/interactions/${payload.id}/${payload.token}/callback`, 10_000);
      ms.push(performance.now() - t0);
      if (i % 200 === 199) fake.calls.length = 0;
    }
    const afterLoad = memoryOf(bot.pid!);
    ms.sort((a, b) => a - b);
    const at = (p: number) => Number((ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] ?? 0).toFixed(2));
    return { interactions: count, p50Ms: at(0.5), p99Ms: at(0.99), botRssAfterStartMb: afterStart?.rssMb ?? null, botRssAfterMb: afterLoad?.rssMb ?? null, botPeakRssMb: afterLoad?.peakMb ?? null };
  } finally {
    bot.kill("SIGTERM");
    await new Promise((r) => bot.once("exit", r));
    await fake.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchDiscord(Number(process.argv[2] ?? 1000))));
}
