import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { localDay, parsePostTime, postInstant, resolveTimeZone, suggestTimeZones } from "../src/core/local-time.ts";
import type { AnniversaryStore, PostState } from "../src/storage/anniversaries.ts";
import { anniversaryRig, catalogWithEventsOn, type Rig } from "./support/anniversaries.ts";
import { realCatalog } from "./support/library.ts";

let rig: Rig;
const rigs: Rig[] = [];
function newRig(): Rig {
  rig = anniversaryRig();
  rigs.push(rig);
  return rig;
}
afterEach(() => {
  for (const r of rigs.splice(0)) r.remove();
});

const posts = (store: AnniversaryStore) =>
  store.db.prepare("SELECT guild_id AS guildId, local_date AS localDate, state FROM anniversary_posts ORDER BY claimed_at, guild_id").all() as { guildId: string; localDate: string; state: PostState }[];
const title = (m: { message: { embeds: { title?: string }[] } }) => m.message.embeds[0]?.title;

describe("the anniversary scheduler", () => {
  it("posts each server's day once, at the first tick after its own post time, with sources and no mentions", async () => {
    const { store, scheduler, outbox, run, close } = newRig().scheduler();
    store.setSchedule({ guildId: "berlin", channelId: "c-berlin", postTime: "09:00", timeZone: "Europe/Berlin" }, new Date());
    store.setSchedule({ guildId: "new-york", channelId: "c-new-york", postTime: "09:00", timeZone: "America/New_York" }, new Date());
    store.setSchedule({ guildId: "tokyo", channelId: "c-tokyo", postTime: "09:00", timeZone: "Asia/Tokyo" }, new Date());

    // Tokyo's 11-07 09:00 is 00:00Z; Berlin's (CET) 08:00Z; New York's (EST, after its fall-back) 14:00Z.
    await run("2026-11-06T23:00:00Z", "2026-11-07T23:30:00Z");
    expect(outbox.map((m) => [m.at, m.channelId, title(m)])).toEqual([
      ["2026-11-07T00:00:00.000Z", "c-tokyo", "On this day in arms control: 11-07"],
      ["2026-11-07T08:00:00.000Z", "c-berlin", "On this day in arms control: 11-07"],
      ["2026-11-07T14:00:00.000Z", "c-new-york", "On this day in arms control: 11-07"],
    ]);
    const message = outbox[0]!.message;
    expect(message.allowedMentions).toEqual({ parse: [] });
    expect(message.embeds[0]?.description).toMatch(/\*\*2023\*\* \(3 years ago\), CFE: .*\[\[source\]\]\(https?:\/\//);
    expect(store.lastPost("berlin")).toMatchObject({ localDate: "2026-11-07", state: "sent", messageId: expect.any(String) });

    // Another tick on the same day changes nothing.
    expect(await scheduler.tick(new Date("2026-11-07T23:45:00Z"))).toEqual({ due: 0, sent: 0, empty: 0, failed: 0 });
    expect(outbox).toHaveLength(3);
    close();
  });

  it("posts nothing on a day with nothing in the catalog, and records that the day was done", async () => {
    const { store, scheduler, outbox, close } = newRig().scheduler({ catalog: { ...realCatalog(), treaties: [] } });
    store.setSchedule({ guildId: "g", channelId: "c", postTime: "09:00", timeZone: "UTC" }, new Date());
    expect(await scheduler.tick(new Date("2026-11-07T09:00:00Z"))).toEqual({ due: 1, sent: 0, empty: 1, failed: 0 });
    expect(await scheduler.tick(new Date("2026-11-07T09:00:30Z"))).toEqual({ due: 0, sent: 0, empty: 0, failed: 0 });
    expect(outbox).toEqual([]);
    expect(posts(store)).toEqual([{ guildId: "g", localDate: "2026-11-07", state: "empty" }]);
    close();
  });

  it.each([
    // Spring forward: 02:00 → 03:00, so 02:30 never shows; the post goes out when the clock jumps past it.
    { zone: "Europe/Berlin", day: "2026-03-29", postTime: "02:30", from: "2026-03-28T23:00:00Z", to: "2026-03-29T21:59:00Z", expected: "2026-03-29T01:00:00.000Z" },
    { zone: "America/New_York", day: "2026-03-08", postTime: "02:30", from: "2026-03-08T05:00:00Z", to: "2026-03-09T03:59:00Z", expected: "2026-03-08T07:00:00.000Z" },
    // Fall back: the post time comes round twice; the first one posts, the second finds the day done.
    { zone: "Europe/Berlin", day: "2026-10-25", postTime: "02:30", from: "2026-10-24T22:00:00Z", to: "2026-10-25T22:59:00Z", expected: "2026-10-25T00:30:00.000Z" },
    { zone: "America/New_York", day: "2026-11-01", postTime: "01:30", from: "2026-11-01T04:00:00Z", to: "2026-11-02T04:59:00Z", expected: "2026-11-01T05:30:00.000Z" },
  ])("posts once on the clock-change day $day in $zone", async ({ zone, day, postTime, from, to, expected }) => {
    const { store, outbox, run, close } = newRig().scheduler({ catalog: catalogWithEventsOn(`1990-${day.slice(5)}`) });
    store.setSchedule({ guildId: "g", channelId: "c", postTime, timeZone: zone }, new Date());
    await run(from, to);
    expect(outbox.map((m) => m.at)).toEqual([expected]);
    expect(title(outbox[0]!)).toBe(`On this day in arms control: ${day.slice(5)}`);
    expect(posts(store)).toEqual([{ guildId: "g", localDate: day, state: "sent" }]);
    expect(postInstant(day, postTime, zone).toISOString()).toBe(expected);
    close();
  });

  it("posts every local day exactly once, in any zone, at any time, across clock changes", async () => {
    const zones = ["UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/Santiago", "Asia/Kolkata", "Pacific/Chatham", "America/St_Johns"];
    const starts = ["2026-03-07", "2026-03-28", "2026-04-04", "2026-09-26", "2026-10-03", "2026-10-24", "2026-10-31"];
    // Ticks every 10 minutes reach any post time before 23:50 on every local day.
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...zones), fc.constantFrom(...starts), fc.integer({ min: 0, max: 23 * 60 + 49 }), async (zone, start, minute) => {
        const day = (i: number) => new Date(Date.parse(`${start}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10);
        const postTime = `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
        const r = anniversaryRig();
        try {
          const { store, outbox, run, close } = r.scheduler({ catalog: catalogWithEventsOn(...[-1, 0, 1, 2, 3, 4].map((i) => `1990-${day(i).slice(5)}`)) });
          store.setSchedule({ guildId: "g", channelId: "c", postTime, timeZone: zone }, new Date());
          await run(`${day(0)}T00:00:00Z`, `${day(3)}T23:50:00Z`, 10);
          const dates = posts(store).map((p) => p.localDate);
          expect(new Set(dates).size).toBe(dates.length);
          // The middle days lie wholly inside the ticked span in every zone.
          expect(dates).toEqual(expect.arrayContaining([day(1), day(2)]));
          expect(outbox).toHaveLength(dates.length);
          close();
        } finally {
          r.remove();
        }
      }),
      { numRuns: 25 },
    );
  });

  it("after a restart between post time and the next tick, posts today's post once", async () => {
    const r = newRig();
    const before = r.scheduler();
    before.store.setSchedule({ guildId: "g", channelId: "c", postTime: "09:00", timeZone: "Europe/Berlin" }, new Date());
    await before.run("2026-11-07T07:00:00Z", "2026-11-07T07:59:00Z");
    before.close(); // down from 08:59 local, past the 09:00 post time

    const after = r.scheduler();
    await after.run("2026-11-07T08:20:00Z", "2026-11-07T12:00:00Z");
    after.close();
    const again = r.scheduler(); // and a second restart the same day finds the post done
    await again.run("2026-11-07T12:00:00Z", "2026-11-07T22:00:00Z", 5);
    expect(r.outbox.map((m) => m.at)).toEqual(["2026-11-07T08:20:00.000Z"]);
    expect(again.store.schedule("g")).toMatchObject({ postTime: "09:00", timeZone: "Europe/Berlin", enabled: true });
    again.close();
  });

  it("catches up on today's missed post only, never on days missed while down", async () => {
    const r = newRig();
    const catalog = catalogWithEventsOn("1990-11-05", "1990-11-06");
    const before = r.scheduler({ catalog });
    before.store.setSchedule({ guildId: "g", channelId: "c", postTime: "09:00", timeZone: "Europe/Berlin" }, new Date());
    await before.run("2026-11-05T07:00:00Z", "2026-11-05T09:00:00Z", 30);
    before.close(); // down all of 11-06

    const after = r.scheduler({ catalog });
    await after.run("2026-11-07T15:00:00Z", "2026-11-07T15:30:00Z");
    expect(r.outbox.map((m) => [m.at, title(m)])).toEqual([
      ["2026-11-05T08:00:00.000Z", "On this day in arms control: 11-05"],
      ["2026-11-07T15:00:00.000Z", "On this day in arms control: 11-07"],
    ]);
    expect(posts(after.store).map((p) => p.localDate)).toEqual(["2026-11-05", "2026-11-07"]);
    after.close();
  });

  it("sends exactly one message when ticks or schedulers race for the same post", async () => {
    const r = newRig();
    const a = r.scheduler();
    const b = r.scheduler();
    a.store.setSchedule({ guildId: "g", channelId: "c", postTime: "09:00", timeZone: "Europe/Berlin" }, new Date());
    const at = new Date("2026-11-07T08:00:00Z");
    await Promise.all([a.scheduler.tick(at), a.scheduler.tick(at), b.scheduler.tick(at), b.scheduler.tick(at)]);
    expect(r.outbox).toHaveLength(1);

    // A process whose due check is stale still loses the claim: the database, not the check, decides.
    const stale = r.scheduler({ store: (s) => Object.assign(Object.create(s) as AnniversaryStore, { hasPost: () => false }) });
    expect(await stale.scheduler.tick(new Date("2026-11-07T08:01:00Z"))).toEqual({ due: 1, sent: 0, empty: 0, failed: 0 });
    expect(r.outbox).toHaveLength(1);
    for (const s of [a, b, stale]) s.close();
  });

  it("drops the schedule of a channel that is gone, marks a refused post failed, and keeps going", async () => {
    const r = newRig();
    const { store, scheduler, outbox, close } = r.scheduler();
    store.setSchedule({ guildId: "gone", channelId: "c-gone", postTime: "09:00", timeZone: "UTC" }, new Date());
    store.setSchedule({ guildId: "locked", channelId: "c-locked", postTime: "09:00", timeZone: "UTC" }, new Date());
    store.setSchedule({ guildId: "flaky", channelId: "c-flaky", postTime: "09:00", timeZone: "UTC" }, new Date());
    store.setSchedule({ guildId: "fine", channelId: "c-fine", postTime: "09:00", timeZone: "UTC" }, new Date());
    const sent = r.answer;
    r.answer = (channelId) => {
      if (channelId === "c-gone") return { kind: "channel-gone", detail: "10003 Unknown Channel" };
      if (channelId === "c-locked") return { kind: "forbidden", detail: "50013 Missing Permissions" };
      if (channelId === "c-flaky") throw new Error("socket hang up");
      return sent(channelId);
    };
    expect(await scheduler.tick(new Date("2026-11-07T09:00:00Z"))).toEqual({ due: 4, sent: 1, empty: 0, failed: 3 });
    expect(outbox.map((m) => m.channelId)).toEqual(["c-fine"]);
    expect(store.schedule("gone")).toBeNull();
    expect(store.lastPost("gone")).toMatchObject({ state: "failed", detail: "10003 Unknown Channel" });
    expect(store.lastPost("locked")).toMatchObject({ state: "failed", detail: "50013 Missing Permissions" });
    const logs = r.logs.join("");
    expect(logs).toContain("the bot lacks permission in the channel");
    expect(logs).toContain("socket hang up");

    // A failed day is not retried, but the next day is tried again once the channel works.
    r.answer = sent;
    await scheduler.tick(new Date("2026-11-07T12:00:00Z"));
    expect(outbox).toHaveLength(1);
    await scheduler.tick(new Date("2026-11-08T09:00:00Z")); // 11-08 has nothing in the catalog
    expect(store.lastPost("locked")).toMatchObject({ localDate: "2026-11-08" });
    expect(store.lastPost("gone")?.localDate).toBe("2026-11-07");
    close();
  });

  it("schedules only the servers this process serves, and none that are switched off", async () => {
    const { store, scheduler, outbox, close } = newRig().scheduler({ serves: (id) => id !== "other-shard" });
    for (const guildId of ["mine", "other-shard", "switched-off"]) store.setSchedule({ guildId, channelId: `c-${guildId}`, postTime: "09:00", timeZone: "UTC" }, new Date());
    expect(store.switchOff("switched-off", new Date())).toBe(true);
    await scheduler.tick(new Date("2026-11-07T09:00:00Z"));
    expect(outbox.map((m) => m.channelId)).toEqual(["c-mine"]);
    expect(store.schedule("switched-off")).toMatchObject({ enabled: false, postTime: "09:00" });
    close();
  });
});

describe("wall-clock time in a server's zone", () => {
  it("reads a post time on a 24-hour clock and nothing else", () => {
    expect(["09:00", "9:05", " 23:59 ", "00:00"].map(parsePostTime)).toEqual(["09:00", "09:05", "23:59", "00:00"]);
    expect(["25:00", "24:00", "12:60", "9pm", "0900", "", "12:5"].map(parsePostTime)).toEqual([null, null, null, null, null, null, null]);
  });

  it("finds a zone as people type it, and refuses what is not one", () => {
    expect(resolveTimeZone("europe/berlin")).toBe("Europe/Berlin");
    expect(resolveTimeZone("New York")).toBe("America/New_York");
    expect(resolveTimeZone("utc")).toBe("UTC");
    expect(resolveTimeZone("US/Eastern")).toBe("America/New_York");
    expect(resolveTimeZone("Mars/Olympus_Mons")).toBeNull();
    expect(resolveTimeZone("")).toBeNull();
    expect(localDay(new Date("2026-03-29T01:00:00Z"), "Europe/Berlin")).toEqual({ date: "2026-03-29", minutes: 180 });
  });

  it("suggests zones best fit first, within Discord's autocomplete limits", () => {
    const now = new Date("2026-01-15T12:00:00Z");
    expect(suggestTimeZones("berlin", now)[0]).toEqual({ zone: "Europe/Berlin", label: "Europe/Berlin (UTC+01:00, now 13:00)" });
    expect(suggestTimeZones("new y", now)[0]?.zone).toBe("America/New_York");
    expect(suggestTimeZones("utc", now)[0]?.zone).toBe("UTC");
    for (const typed of ["", "a", "america", "e", "zzz"]) {
      const choices = suggestTimeZones(typed, now);
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const c of choices) expect(c.label.length).toBeLessThanOrEqual(100);
    }
    expect(suggestTimeZones("", now)[0]?.zone).toBe("UTC");
    expect(suggestTimeZones("zzz", now)).toEqual([]);
  });
});
