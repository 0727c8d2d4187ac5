import { readFileSync, writeFileSync } from "node:fs";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { commandsByName, type CommandContext, type CommandInput } from "../commands/index.ts";
import type { NoticeReply } from "../src/core/reply.ts";
import { createLogger } from "../src/log.ts";
import { AnniversaryStore } from "../src/storage/anniversaries.ts";
import { openDatabase, openStorage } from "../src/storage/database.ts";
import { chatInput } from "./fake-discord/interactions.ts";
import { startBotAgainstFake, type BotUnderTest } from "./support/bot.ts";
import { realLibrary } from "./support/library.ts";
import { scratchDatabases } from "./support/scratch.ts";

const databases = scratchDatabases();
const scratch = () => databases.path();
const GUILD = "123456789012345678";
const input = (subcommand: string): CommandInput => ({ subcommand, string: () => null });
const context = (store: AnniversaryStore, storageProblem?: string): CommandContext => ({
  library: realLibrary(),
  now: new Date("2026-11-07T10:00:00Z"),
  guildId: GUILD,
  log: createLogger("silent"),
  reportTo: "-",
  anniversaries: store,
  ...(storageProblem ? { storageProblem } : {}),
});
const anniversaries = commandsByName.get("anniversaries")!;

let bot: BotUnderTest | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  databases.removeAll();
});

describe("a damaged database", () => {
  it("leaves /treaty answering, tells /anniversaries what is wrong, and keeps the file untouched", async () => {
    const path = scratch();
    const garbage = Buffer.from("this is not an SQLite database at all, just text pretending to be one".repeat(100));
    writeFileSync(path, garbage);
    bot = await startBotAgainstFake({ databasePath: path });

    const send = bot.answer;
    expect((await send(chatInput({ name: "treaty", options: { name: "cfe" } }))).data?.embeds?.[0]?.title).toMatch(/^CFE/);
    const reply = await send(chatInput({ name: "anniversaries", subcommand: "status" }));
    expect(reply.data?.embeds?.[0]?.title).toBe("Anniversary settings are unavailable");
    expect(reply.data?.embeds?.[0]?.description).toMatch(/damaged/);
    expect(bot.logs.some((l) => l.includes("anniversary storage unavailable"))).toBe(true);
    expect(readFileSync(path).equals(garbage)).toBe(true);
  });
});

describe("a locked database", () => {
  it("answers /anniversaries set with the lock, not a crash, and keeps what was stored", async () => {
    const path = scratch();
    const db = openDatabase(path, { busyTimeoutMs: 50 });
    const store = new AnniversaryStore(db);
    store.setSchedule({ guildId: GUILD, channelId: "223456789012345678", postTime: "09:00", timeZone: "Europe/Berlin" }, new Date());
    const other = new Database(path);
    other.exec("BEGIN EXCLUSIVE");
    try {
      const reply = (await anniversaries.run(context(store), input("off"))) as NoticeReply;
      expect(reply.title).toBe("Anniversary settings are unavailable");
      expect(reply.text).toMatch(/locked/);
    } finally {
      other.exec("ROLLBACK");
      other.close();
    }
    expect(store.schedule(GUILD)).toMatchObject({ postTime: "09:00", enabled: true });
    db.close();
  });
});

describe("a read-only database", () => {
  it("opens read-only when it cannot be written: settings stay readable, changes are refused clearly", async () => {
    const path = scratch();
    const db = openDatabase(path);
    new AnniversaryStore(db).setSchedule({ guildId: GUILD, channelId: "223456789012345678", postTime: "09:00", timeZone: "UTC" }, new Date());
    db.close();
    // As root, file modes do not stop writes; open the driver read-only, as openStorage does when writing fails.
    const readOnly = new Database(path, { readonly: true });
    const store = new AnniversaryStore(readOnly);
    const status = (await anniversaries.run(context(store, "the bot's database file cannot be written"), input("status"))) as NoticeReply;
    expect(status.text).toMatch(/09:00/);
    expect(status.text).toMatch(/cannot be written/);
    const off = (await anniversaries.run(context(store), input("off"))) as NoticeReply;
    expect(off.title).toBe("Anniversary settings are unavailable");
    expect(off.text).toMatch(/cannot be written/);
    readOnly.close();
  });

  it("reports a file it cannot open at all, without throwing", () => {
    const path = scratch();
    writeFileSync(path, "garbage".repeat(200));
    const storage = openStorage(path);
    expect(storage.db).toBeNull();
    expect(storage.problem).toMatch(/damaged/);
  });
});
