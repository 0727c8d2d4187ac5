// A scheduler on a temporary database, a clock the test moves, and an outbox in place of Discord.
import { Writable } from "node:stream";
import type { Catalog } from "../../src/catalog/load.ts";
import { createLogger } from "../../src/log.ts";
import type { MessagePayload } from "../../src/render/embed.ts";
import { AnniversaryScheduler, type PostOutcome } from "../../src/schedule/anniversaries.ts";
import { AnniversaryStore } from "../../src/storage/anniversaries.ts";
import { openDatabase } from "../../src/storage/database.ts";
import { realCatalog } from "./library.ts";
import { scratchDatabase } from "./scratch.ts";

/** The real catalog plus one made-up CFE event on each day given (YYYY-MM-DD), for days the data leaves empty. */
export function catalogWithEventsOn(...dates: string[]): Catalog {
  const catalog = realCatalog();
  return {
    ...catalog,
    treaties: catalog.treaties.map((t) =>
      t.id === "cfe"
        ? { ...t, events: [...t.events, ...dates.map((date) => ({ date, kind: "other" as const, actor: "Test", text: `A test event on ${date}.`, sources: [t.sources[0]!.id] }))] }
        : t,
    ),
  };
}

export interface SentMessage {
  channelId: string;
  message: MessagePayload;
  /** The tick that sent it. */
  at: string;
}

export interface SchedulerUnderTest {
  store: AnniversaryStore;
  scheduler: AnniversaryScheduler;
  /** Every message sent, shared between schedulers made by `rig.scheduler()`. */
  outbox: SentMessage[];
  /** Ticks at each instant from `from` to `to` (inclusive), every `stepMinutes`. */
  run(from: string, to: string, stepMinutes?: number): Promise<void>;
  close(): void;
}

export interface Rig {
  path: string;
  outbox: SentMessage[];
  /** What the next send answers; "sent" by default. */
  answer: (channelId: string) => PostOutcome | Promise<PostOutcome>;
  /** A scheduler with its own connection to the rig's database file, like a restarted bot or another process. */
  scheduler(opts?: { catalog?: Catalog; serves?: (guildId: string) => boolean; store?: (s: AnniversaryStore) => AnniversaryStore }): SchedulerUnderTest;
  logs: string[];
  remove(): void;
}

export function anniversaryRig(): Rig {
  const db = scratchDatabase();
  const outbox: SentMessage[] = [];
  const logs: string[] = [];
  const log = createLogger(
    "debug",
    new Writable({
      write(chunk, _enc, done) {
        logs.push(String(chunk));
        done();
      },
    }),
  );
  let ticking = "";
  let messages = 0;
  const rig: Rig = {
    path: db.path,
    outbox,
    logs,
    answer: () => ({ kind: "sent", messageId: String(++messages) }),
    scheduler(opts = {}) {
      const database = openDatabase(db.path);
      const own = new AnniversaryStore(database);
      const store = opts.store ? opts.store(own) : own;
      const scheduler = new AnniversaryScheduler({
        store,
        catalog: opts.catalog ?? realCatalog(),
        log,
        serves: opts.serves ?? (() => true),
        send: async (channelId, message) => {
          const outcome = await rig.answer(channelId);
          if (outcome.kind === "sent") outbox.push({ channelId, message, at: ticking });
          return outcome;
        },
      });
      return {
        store: own,
        scheduler,
        outbox,
        async run(from, to, stepMinutes = 1) {
          for (let t = Date.parse(from); t <= Date.parse(to); t += stepMinutes * 60_000) {
            ticking = new Date(t).toISOString();
            await scheduler.tick(new Date(t));
          }
        },
        close: () => database.close(),
      };
    },
    remove: db.remove,
  };
  return rig;
}
