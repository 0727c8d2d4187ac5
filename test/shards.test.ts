import { spawn, type ChildProcess } from "node:child_process";
import { Writable } from "node:stream";
import { Events } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { startBot, type RunningBot } from "../src/discord/bot.ts";
import { createLogger } from "../src/log.ts";
import { AnniversaryStore } from "../src/storage/anniversaries.ts";
import { openDatabase } from "../src/storage/database.ts";
import { callbackOf, guildIdForShard, snowflake, startFakeDiscord, type FakeDiscord } from "./fake-discord/index.ts";
import { chatInput } from "./fake-discord/interactions.ts";
import { TEST_TOKEN } from "./support/bot.ts";
import { realLibrary } from "./support/library.ts";
import { scratchDatabases } from "./support/scratch.ts";

const guilds = [0, 1].map((shard) => ({ id: guildIdForShard(shard, 2), channels: [{ id: snowflake(), name: "anniversaries", type: 0 }] }));
const databases = scratchDatabases();

let fake: FakeDiscord | undefined;
let child: ChildProcess | undefined;
const bots: RunningBot[] = [];
afterEach(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once("exit", r));
    child.kill("SIGTERM");
    await exited;
  }
  child = undefined;
  await Promise.all(bots.splice(0).map((b) => b.stop()));
  await fake?.close();
  fake = undefined;
  databases.removeAll();
});

describe("sharding", () => {
  it("runs under discord.js's ShardingManager when SHARD_COUNT is set, each shard answering its own guild", async () => {
    fake = await startFakeDiscord({ token: TEST_TOKEN, shards: 2, guilds });
    child = spawn(process.execPath, ["src/cli/launch.mjs", "src/main.ts"], {
      env: { ...process.env, DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_BASE: fake.apiBase, SHARD_COUNT: "2", SHARD_SPAWN_DELAY_MS: "0", DATABASE_PATH: databases.path(), LOG_LEVEL: "warn" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr!.on("data", (d) => (stderr += String(d)));
    await fake.waitForReady(60_000);
    expect(fake.identifies).toBe(2);
    for (const g of guilds) {
      const payload = chatInput({ name: "treaty", guildId: g.id, options: { name: "inf" } });
      fake.sendInteraction(payload);
      const call = await fake.waitForCall(callbackOf(payload), 15_000);
      expect((call.body as { data: { embeds: { title: string }[] } }).data.embeds[0]?.title).toMatch(/^INF/);
    }
    expect(stderr).not.toContain(TEST_TOKEN);
  }, 90_000);

  it("schedules each guild's anniversary post on the shard that holds it, once", async () => {
    fake = await startFakeDiscord({ token: TEST_TOKEN, shards: 2, guilds });
    const path = databases.path();
    const setup = openDatabase(path);
    const store = new AnniversaryStore(setup);
    for (const g of guilds) store.setSchedule({ guildId: g.id, channelId: g.channels[0]!.id, postTime: "09:00", timeZone: "UTC" }, new Date());
    setup.close();

    // Before the 09:00 post time while the shards start; then noon. 7 November: Russia's CFE withdrawal took effect in 2023.
    let now = new Date("2026-11-07T08:00:00Z");
    const log = createLogger("silent", new Writable({ write: (_c, _e, done) => done() }));
    for (const shard of [0, 1]) {
      const bot = await startBot(
        { config: { DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_BASE: fake.apiBase, REPORT_URL: "-", DATABASE_PATH: path }, library: realLibrary(), log, now: () => now, clientOptions: { shards: [shard], shardCount: 2 } },
        { handleSignals: false },
      );
      bots.push(bot);
      if (!bot.client.isReady()) await new Promise<void>((r) => bot.client.once(Events.ClientReady, () => r()));
    }
    await fake.waitForReady();
    now = new Date("2026-11-07T12:00:00Z");
    const posts = () => fake!.calls.filter((c) => c.method === "POST" && c.path.startsWith("/channels/"));

    const first = await bots[0]!.anniversaries!.tick(now);
    expect(first.sent).toBe(1);
    expect(posts().map((c) => c.path)).toEqual([`/channels/${guilds[0]!.channels[0]!.id}/messages`]);
    const second = await bots[1]!.anniversaries!.tick(now);
    expect(second.sent).toBe(1);
    expect(posts().map((c) => c.path)).toEqual(guilds.map((g) => `/channels/${g.channels[0]!.id}/messages`));
    for (const b of bots) await b.anniversaries!.tick(now);
    expect(posts()).toHaveLength(2);
    for (const p of posts()) expect((p.body as { allowed_mentions: unknown }).allowed_mentions).toEqual({ parse: [] });
  });
});
