import { PermissionFlagsBits } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnniversaryStore } from "../src/storage/anniversaries.ts";
import { openDatabase, type BotDatabase } from "../src/storage/database.ts";
import { DEFAULT_BOT_USER_ID, DEFAULT_CHANNEL_ID, DEFAULT_GUILD_ID, autocomplete, chatInput, type RecordedCall } from "./fake-discord/index.ts";
import type { OptionInput } from "./fake-discord/interactions.ts";
import { channelPayload, rolePayload } from "./fake-discord/payloads.ts";
import { scratchDatabase } from "./support/scratch.ts";
import { startBotAgainstFake, type BotUnderTest, type CallbackBody } from "./support/bot.ts";

const NEWS = "1100000000000000201";
const LOCKED = "1100000000000000202";
const VOICE = "1100000000000000203";
const OTHER_GUILD = "1100000000000000101";
const OTHER_CHANNEL = "1100000000000000211";
const BOT_ROLE = (BigInt(DEFAULT_BOT_USER_ID) + 1n).toString();

let t: BotUnderTest;
let clock = new Date("2026-11-07T06:00:00Z");
const database = scratchDatabase();
let db: BotDatabase;
let store: AnniversaryStore;

beforeAll(async () => {
  t = await startBotAgainstFake({
    databasePath: database.path,
    now: () => clock,
    fake: {
      guilds: [
        {
          id: DEFAULT_GUILD_ID,
          channels: [
            { id: DEFAULT_CHANNEL_ID, name: "general", type: 0 },
            { id: NEWS, name: "treaty-news", type: 0 },
            { id: LOCKED, name: "locked", type: 0 },
            { id: VOICE, name: "voice", type: 2 },
          ],
        },
        { id: OTHER_GUILD, channels: [{ id: OTHER_CHANNEL, name: "general", type: 0 }] },
      ],
    },
  });
  // A second connection, as an operator's sqlite3 would have: what the bot stored is on disk.
  db = openDatabase(database.path);
  store = new AnniversaryStore(db);
});
afterAll(async () => {
  db?.close();
  await t?.stop();
  database.remove();
});

const ask = (payload: { id: string; token: string }): Promise<CallbackBody> => t.answer(payload);

/** `/anniversaries set`, with the channel resolved the way Discord sends it. */
function set(channel: { id: string; name: string; type?: number }, time: string, timezone: string, guildId = DEFAULT_GUILD_ID) {
  const options: OptionInput[] = [{ name: "channel", value: channel.id, type: 7 }, { name: "time", value: time }, { name: "timezone", value: timezone }];
  const resolved = { channels: { [channel.id]: { id: channel.id, name: channel.name, type: channel.type ?? 0, permissions: "0" } } };
  return chatInput({ name: "anniversaries", subcommand: "set", guildId, ...(guildId === OTHER_GUILD ? { channelId: OTHER_CHANNEL } : {}), options, resolved });
}

const embedOf = (body: CallbackBody) => body.data?.embeds?.[0] ?? {};
const postsTo = (channelId: string) => (c: RecordedCall) => c.method === "POST" && c.path === `/channels/${channelId}/messages`;
const postCount = (channelId: string) => t.fake.calls.filter(postsTo(channelId)).length;

async function until(check: () => boolean, what: string): Promise<void> {
  for (const started = Date.now(); !check(); await new Promise((r) => setTimeout(r, 10))) {
    if (Date.now() - started > 5000) throw new Error(`timed out waiting until ${what}`);
  }
}

describe("/anniversaries on Discord", () => {
  it("is a Manage Server command for servers only", async () => {
    const { anniversariesCommand } = await import("../commands/anniversaries.ts");
    expect(anniversariesCommand.definition).toMatchObject({ default_member_permissions: "32", contexts: [0] });
  });

  it("switches daily posts on, then posts the day's anniversaries once at the server's time, without mentions", async () => {
    const reply = await ask(set({ id: NEWS, name: "treaty-news" }, "09:00", "Europe/Berlin"));
    expect(reply.type).toBe(4);
    expect(reply.data?.flags).toBe(64);
    expect(reply.data?.allowed_mentions).toEqual({ parse: [] });
    expect(embedOf(reply).title).toBe("Daily posts are on");
    expect(embedOf(reply).description).toMatch(new RegExp(`\\*\\*09:00\\*\\* \\(Europe/Berlin\\)[^]*<#${NEWS}>[^]*Next post: 2026-11-07, <t:${Date.parse("2026-11-07T08:00:00Z") / 1000}:F>`));
    expect(store.schedule(DEFAULT_GUILD_ID)).toMatchObject({ channelId: NEWS, postTime: "09:00", timeZone: "Europe/Berlin", enabled: true });

    clock = new Date("2026-11-07T07:59:30Z"); // 08:59:30 in Berlin
    await t.bot.anniversaries!.tick();
    expect(postCount(NEWS)).toBe(0);

    clock = new Date("2026-11-07T08:00:00Z");
    await t.bot.anniversaries!.tick();
    await t.bot.anniversaries!.tick(new Date("2026-11-07T08:00:30Z"));
    const posts = t.fake.calls.filter(postsTo(NEWS));
    expect(posts).toHaveLength(1);
    const body = posts[0]!.body as { allowed_mentions: unknown; embeds: { title: string; description: string; footer?: { text: string } }[] };
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.embeds).toHaveLength(1);
    expect(body.embeds[0]!.title).toBe("On this day in arms control: 11-07");
    expect(body.embeds[0]!.description).toMatch(/\*\*2023\*\* \(3 years ago\), CFE: Russia[^]*\[\[source\]\]\(https?:\/\//);
    expect(body.embeds[0]!.footer?.text).toMatch(/^Data /);
    expect(store.lastPost(DEFAULT_GUILD_ID)).toMatchObject({ localDate: "2026-11-07", state: "sent", messageId: expect.stringMatching(/^\d+$/) });

    const status = await ask(chatInput({ name: "anniversaries", subcommand: "status" }));
    expect(embedOf(status).description).toMatch(/Every day at \*\*09:00\*\* \(Europe\/Berlin\)[^]*Next post: 2026-1[12]-\d\d, <t:\d+:F>[^]*Last post: 2026-11-07, \[sent\]\(https:\/\/discord\.com\/channels\/\d+\/\d+\/\d+\)\./);
  });

  it("suggests time zones as the manager types", async () => {
    const body = await ask(autocomplete({ name: "anniversaries", subcommand: "set", options: [{ name: "timezone", value: "berl", focused: true }] }));
    const choices = body.data?.choices ?? [];
    expect(choices[0]).toEqual({ name: "Europe/Berlin (UTC+01:00, now 09:00)", value: "Europe/Berlin" });
    expect(choices.length).toBeLessThanOrEqual(25);
  });

  it("answers a bad time, an unknown zone, a voice channel and a DM with a clear word and changes nothing", async () => {
    const badTime = await ask(set({ id: NEWS, name: "treaty-news" }, "25:00", "Europe/Berlin"));
    expect(embedOf(badTime)).toMatchObject({ title: "That is not a time of day", description: expect.stringMatching(/“25:00” is not a time on a 24-hour clock\. Use HH:MM/) });
    const badZone = await ask(set({ id: NEWS, name: "treaty-news" }, "10:00", "Mars/Olympus"));
    expect(embedOf(badZone)).toMatchObject({ title: "Unknown time zone", description: expect.stringContaining("“Mars/Olympus” is not a time zone the bot knows") });
    const voice = await ask(set({ id: VOICE, name: "voice", type: 2 }, "10:00", "UTC"));
    expect(embedOf(voice).title).toBe("Pick a text channel");
    const dm = await ask(chatInput({ name: "anniversaries", subcommand: "status", guildId: null }));
    expect(embedOf(dm)).toMatchObject({ title: "Only in a server" });
    for (const body of [badTime, badZone, voice, dm]) expect(body.data?.flags).toBe(64);
    expect(store.schedule(DEFAULT_GUILD_ID)).toMatchObject({ channelId: NEWS, postTime: "09:00" });
  });

  it("refuses a channel the bot cannot post in, naming what it lacks", async () => {
    // The bot's role loses Administrator, and the locked channel denies it sending and embedding.
    const basic = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks | PermissionFlagsBits.ReadMessageHistory;
    t.fake.dispatch(0, "GUILD_ROLE_UPDATE", { guild_id: DEFAULT_GUILD_ID, role: { ...rolePayload(BOT_ROLE, "fake-bot", String(basic), 1, true), tags: { bot_id: DEFAULT_BOT_USER_ID } } });
    const deny = String(PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks);
    t.fake.dispatch(0, "CHANNEL_UPDATE", { ...channelPayload(DEFAULT_GUILD_ID, { id: LOCKED, name: "locked", type: 0 }, 2), permission_overwrites: [{ id: BOT_ROLE, type: 0, allow: "0", deny }] });
    const guild = () => t.bot.client.guilds.cache.get(DEFAULT_GUILD_ID);
    await until(() => guild()?.channels.cache.get(LOCKED)?.permissionsFor(guild()!.members.me!)?.has("SendMessages") === false, "the locked channel is locked");

    const body = await ask(set({ id: LOCKED, name: "locked" }, "10:00", "UTC"));
    expect(embedOf(body)).toMatchObject({ title: "The bot cannot post there" });
    expect(embedOf(body).description).toMatch(new RegExp(`lacks \\*\\*Send Messages\\*\\* and \\*\\*Embed Links\\*\\* in <#${LOCKED}>[^]*Nothing was changed`));
    expect(store.schedule(DEFAULT_GUILD_ID)).toMatchObject({ channelId: NEWS });
  });

  it("marks a refused post failed and drops the schedule of a channel that is gone, without crashing", async () => {
    t.fake.failNext({ method: "POST", pathIncludes: `/channels/${NEWS}/messages` }, 403, { message: "Missing Permissions", code: 50013 });
    await t.bot.anniversaries!.tick(new Date("2026-11-19T08:00:00Z"));
    expect(store.lastPost(DEFAULT_GUILD_ID)).toMatchObject({ localDate: "2026-11-19", state: "failed", detail: "50013 Missing Permissions" });
    expect(store.schedule(DEFAULT_GUILD_ID)).toMatchObject({ channelId: NEWS, enabled: true });
    expect(t.logs.join("")).toContain("anniversary post refused");

    t.fake.failNext({ method: "POST", pathIncludes: `/channels/${NEWS}/messages` }, 404, { message: "Unknown Channel", code: 10003 });
    await t.bot.anniversaries!.tick(new Date("2026-12-08T08:00:00Z"));
    expect(store.lastPost(DEFAULT_GUILD_ID)).toMatchObject({ localDate: "2026-12-08", state: "failed", detail: "10003 Unknown Channel" });
    expect(store.schedule(DEFAULT_GUILD_ID)).toBeNull();
    expect(t.bot.client.isReady()).toBe(true);
  });

  it("forgets a schedule when its channel is deleted or the bot leaves the server, but not during an outage", async () => {
    expect(embedOf(await ask(set({ id: DEFAULT_CHANNEL_ID, name: "general" }, "07:00", "UTC"))).title).toBe("Daily posts are on");
    t.fake.dispatch(0, "CHANNEL_DELETE", channelPayload(DEFAULT_GUILD_ID, { id: DEFAULT_CHANNEL_ID, name: "general", type: 0 }, 0));
    await until(() => store.schedule(DEFAULT_GUILD_ID) === null, "the deleted channel's schedule is gone");

    expect(embedOf(await ask(set({ id: OTHER_CHANNEL, name: "general" }, "07:00", "UTC", OTHER_GUILD))).title).toBe("Daily posts are on");
    t.fake.dispatch(0, "GUILD_DELETE", { id: OTHER_GUILD, unavailable: true });
    await until(() => t.bot.client.guilds.cache.get(OTHER_GUILD)?.available === false, "the server is unavailable");
    expect(store.schedule(OTHER_GUILD)).not.toBeNull();
    // An unavailable server is not posted to: its shard cannot reach it.
    expect(await t.bot.anniversaries!.tick(new Date("2026-12-09T07:00:00Z"))).toMatchObject({ due: 0 });

    t.fake.dispatch(0, "GUILD_DELETE", { id: OTHER_GUILD });
    await until(() => store.schedule(OTHER_GUILD) === null, "the schedule of the server the bot left is gone");
    expect(t.logs.join("")).toContain("left a server; its anniversary schedule was removed");
  });
});
