import { spawn } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { callbackOf, startFakeDiscord } from "./fake-discord/index.ts";
import { chatInput } from "./fake-discord/interactions.ts";
import { TEST_TOKEN } from "./support/bot.ts";
import { scratchDatabase } from "./support/scratch.ts";

describe("shutting down", () => {
  it("on SIGTERM finishes the reply in flight, closes the database cleanly and exits 0", async () => {
    const fake = await startFakeDiscord({ token: TEST_TOKEN });
    const scratch = scratchDatabase();
    const database = scratch.path;
    const bot = spawn(process.execPath, ["src/cli/launch.mjs", "src/main.ts"], {
      env: { ...process.env, DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_BASE: fake.apiBase, DATABASE_PATH: database, LOG_LEVEL: "info", SHARD_COUNT: "auto" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let logs = "";
    bot.stderr!.on("data", (d) => (logs += String(d)));
    const exited = new Promise<number | null>((r) => bot.once("exit", (code) => r(code)));
    try {
      await fake.waitForReady(30_000).catch((err: unknown) => {
        throw new Error(`${String(err)}\n${logs}`);
      });
      // Discord is slow to take this reply: SIGTERM arrives while the bot waits for it.
      fake.delayNext({ method: "POST", pathIncludes: "/callback" }, 800);
      const payload = chatInput({ name: "treaty", options: { name: "cfe" } });
      fake.sendInteraction(payload);
      await new Promise((r) => setTimeout(r, 300));
      bot.kill("SIGTERM");
      const call = await fake.waitForCall(callbackOf(payload), 5_000);
      expect(call.status).toBe(204);
      expect(await exited).toBe(0);
      expect(logs).toMatch(/"msg":"stopped"/);
      expect(logs).not.toContain(TEST_TOKEN);
      // A clean close checkpoints the write-ahead log into the database file.
      const wal = `${database}-wal`;
      expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true);
    } finally {
      if (bot.exitCode === null) bot.kill("SIGKILL");
      await fake.close();
      scratch.remove();
    }
  }, 60_000);
});
