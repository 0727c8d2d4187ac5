import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { AnniversaryStore } from "../src/storage/anniversaries.ts";
import { openDatabase } from "../src/storage/database.ts";
import { scratchDatabase } from "./support/scratch.ts";
import { AnniversaryScheduler } from "../src/schedule/anniversaries.ts";
import { createLogger } from "../src/log.ts";
import { realCatalog } from "./support/library.ts";

describe("a process killed in the middle of a post", () => {
  it("loses no settings and never posts that day twice", async () => {
    const db = scratchDatabase();
    const setup = openDatabase(db.path);
    new AnniversaryStore(setup).setSchedule({ guildId: "123456789012345678", channelId: "223456789012345678", postTime: "09:00", timeZone: "Europe/Berlin" }, new Date());
    setup.close();

    const now = "2026-11-07T12:00:00Z";
    const crash = spawnSync(process.execPath, ["--import", "tsx", "test/support/crash-mid-post.ts", db.path, now], { encoding: "utf8", timeout: 30_000 });
    expect(crash.signal).toBe("SIGKILL");

    const reopened = openDatabase(db.path);
    const store = new AnniversaryStore(reopened);
    expect(store.schedule("123456789012345678")).toMatchObject({ channelId: "223456789012345678", postTime: "09:00", timeZone: "Europe/Berlin", enabled: true });
    expect(store.lastPost("123456789012345678")).toMatchObject({ localDate: "2026-11-07", state: "claimed" });

    const sent: string[] = [];
    const restarted = new AnniversaryScheduler({
      store,
      catalog: realCatalog(),
      log: createLogger("silent"),
      serves: () => true,
      send: async (channelId) => {
        sent.push(channelId);
        return { kind: "sent", messageId: "1" };
      },
    });
    await restarted.tick(new Date(now));
    await restarted.tick(new Date("2026-11-07T23:59:00Z"));
    expect(sent).toEqual([]);
    reopened.close();
    db.remove();
  });
});
