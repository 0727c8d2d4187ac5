import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { AnniversaryStore } from "../src/storage/anniversaries.ts";
import { MIGRATIONS, openDatabase, type BotDatabase } from "../src/storage/database.ts";
import { scratchDatabase } from "./support/scratch.ts";

const scratch: { path: string; remove(): void }[] = [];
const newPath = () => {
  const s = scratchDatabase();
  scratch.push(s);
  return s.path;
};
afterEach(() => {
  for (const s of scratch.splice(0)) s.remove();
});

const schemaVersion = (db: BotDatabase) => db.pragma("user_version", { simple: true });
const schema = (db: BotDatabase) => db.prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY name").all();

describe("the database file", () => {
  it("is created with its folder on first start, in WAL mode, at the current schema version", () => {
    const path = join(newPath(), "..", "nested", "deeper", "bot.sqlite");
    const db = openDatabase(path);
    expect(existsSync(path)).toBe(true);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(schema(db).map((r) => (r as { name: string }).name)).toEqual(["anniversary_posts", "anniversary_schedules", "anniversary_schedules_by_channel"]);
    db.close();
  });

  it("reopens as a no-op, and the settings and post record survive", () => {
    const path = newPath();
    const first = openDatabase(path);
    const before = schema(first);
    const store = new AnniversaryStore(first);
    store.setSchedule({ guildId: "g", channelId: "c", postTime: "09:00", timeZone: "Europe/Berlin" }, new Date("2026-11-01T10:00:00Z"));
    store.claim([{ guildId: "g", localDate: "2026-11-07", channelId: "c" }], new Date("2026-11-07T08:00:00Z"));
    store.finish([{ guildId: "g", localDate: "2026-11-07", state: "sent", messageId: "m1" }], new Date("2026-11-07T08:00:01Z"));
    first.close();

    const second = openDatabase(path);
    expect(schemaVersion(second)).toBe(MIGRATIONS.length);
    expect(schema(second)).toEqual(before);
    const reopened = new AnniversaryStore(second);
    expect(reopened.schedule("g")).toEqual({ guildId: "g", channelId: "c", postTime: "09:00", timeZone: "Europe/Berlin", enabled: true, updatedAt: "2026-11-01T10:00:00.000Z" });
    expect(reopened.lastPost("g")).toMatchObject({ localDate: "2026-11-07", state: "sent", messageId: "m1", finishedAt: "2026-11-07T08:00:01.000Z" });
    second.close();
  });

  it("brings an older file up step by step, and refuses a file newer than the bot", () => {
    const path = newPath();
    const old = openDatabase(path);
    new AnniversaryStore(old).setSchedule({ guildId: "g", channelId: "c", postTime: "09:00", timeZone: "UTC" }, new Date());
    old.close();

    const next = [...MIGRATIONS, "ALTER TABLE anniversary_schedules ADD COLUMN locale TEXT"];
    const upgraded = openDatabase(path, { migrations: next });
    expect(schemaVersion(upgraded)).toBe(next.length);
    expect(upgraded.prepare("SELECT guild_id, locale FROM anniversary_schedules").all()).toEqual([{ guild_id: "g", locale: null }]);
    upgraded.close();

    expect(() => openDatabase(path)).toThrow(`schema version ${next.length}, newer than this bot's ${MIGRATIONS.length}`);
  });

  it("lets exactly one of two connections claim a server's local day", () => {
    const path = newPath();
    const [a, b] = [openDatabase(path), openDatabase(path)];
    const post = { guildId: "g", localDate: "2026-11-07", channelId: "c" };
    expect(new AnniversaryStore(a).claim([post], new Date())).toEqual([post]);
    expect(new AnniversaryStore(b).claim([post], new Date())).toEqual([]);
    expect(new AnniversaryStore(b).claim([{ ...post, localDate: "2026-11-08" }], new Date())).toHaveLength(1);
    a.close();
    b.close();
  });
});
