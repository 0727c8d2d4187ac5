// One ticker for every server's daily "on this day" post; each local day's row is claimed before sending, so it posts at most once.
import type { Catalog } from "../catalog/load.ts";
import { anniversariesOnLocalDate } from "../core/answers.ts";
import { localDay, minutesOf, type LocalDay } from "../core/local-time.ts";
import type { Logger } from "../log.ts";
import { onThisDayMessage, type MessagePayload } from "../render/embed.ts";
import type { AnniversaryStore, DuePost, PostResult } from "../storage/anniversaries.ts";

/** What became of one message, as the front end that sends it tells it. */
export type PostOutcome =
  | { kind: "sent"; messageId: string }
  /** The channel no longer exists (404 Unknown Channel): its schedule is dropped. */
  | { kind: "channel-gone"; detail: string }
  /** The bot may not post there (403 Missing Access or Permissions): today's post is marked failed. */
  | { kind: "forbidden"; detail: string };

export type SendToChannel = (channelId: string, message: MessagePayload) => Promise<PostOutcome>;

export interface AnniversarySchedulerOptions {
  store: AnniversaryStore;
  catalog: Catalog;
  send: SendToChannel;
  log: Logger;
  /** Whether this process serves a server (it is in this shard's cache); others are left to their own shard. */
  serves: (guildId: string) => boolean;
  now?: () => Date;
  everyMs?: number;
  footer?: string;
}

export interface TickReport {
  due: number;
  sent: number;
  /** Days with nothing in the catalog: recorded, nothing posted. */
  empty: number;
  failed: number;
}

const TICK_EVERY_MS = 30_000;

/** Posts claimed, sent and recorded together: a crash mid-batch loses at most these from today, never doubles one. */
const BATCH = 25;

export class AnniversaryScheduler {
  private readonly now: () => Date;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopping = false;

  constructor(private readonly o: AnniversarySchedulerOptions) {
    this.now = o.now ?? (() => new Date());
  }

  /** Ticks now (catching up on today's post after downtime) and then every `everyMs`; a slow tick is never overlapped. */
  start(): void {
    if (this.timer) return;
    this.stopping = false;
    const beat = () => {
      if (this.running) return;
      this.running = this.tick()
        .catch((err: unknown) => this.o.log.error({ err }, "anniversary tick failed"))
        .finally(() => (this.running = null));
    };
    this.timer = setInterval(beat, this.o.everyMs ?? TICK_EVERY_MS);
    beat();
  }

  /** Stops ticking and waits for the batch in flight; posts not yet claimed stay due for the next start. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Posts every due server's message for its local today. Tests and the benchmark call it with their own clock. */
  async tick(now: Date = this.now()): Promise<TickReport> {
    const due = this.duePosts(now);
    const report: TickReport = { due: due.length, sent: 0, empty: 0, failed: 0 };
    const messages = new Map<string, MessagePayload | null>();
    for (let i = 0; i < due.length && !this.stopping; i += BATCH) {
      const claimed = this.o.store.claim(due.slice(i, i + BATCH), now);
      const results = await Promise.all(claimed.map((post) => this.post(post, messages)));
      this.o.store.finish(results, this.now());
      for (const r of results) report[r.state]++;
    }
    if (report.due > 0) this.o.log.info({ ...report }, "anniversary posts");
    return report;
  }

  private duePosts(now: Date): DuePost[] {
    const clocks = new Map<string, LocalDay | null>();
    const due: DuePost[] = [];
    for (const s of this.o.store.enabledSchedules()) {
      if (!this.o.serves(s.guildId)) continue;
      if (!clocks.has(s.timeZone)) clocks.set(s.timeZone, localDay(now, s.timeZone));
      const today = clocks.get(s.timeZone);
      if (!today) {
        this.o.log.warn({ guildId: s.guildId, timeZone: s.timeZone }, "unknown time zone; anniversary post skipped");
        continue;
      }
      // Only today counts: a day missed while the bot was down is not posted late.
      if (today.minutes < minutesOf(s.postTime) || this.o.store.hasPost(s.guildId, today.date)) continue;
      due.push({ guildId: s.guildId, channelId: s.channelId, localDate: today.date });
    }
    return due;
  }

  /** The message for a local date, built once per tick; null when nothing in the catalog happened that day. */
  private messageFor(localDate: string, cache: Map<string, MessagePayload | null>): MessagePayload | null {
    let message = cache.get(localDate);
    if (message === undefined) {
      const reply = anniversariesOnLocalDate(this.o.catalog, localDate);
      message = reply.events.length ? onThisDayMessage(reply, this.o.footer) : null;
      cache.set(localDate, message);
    }
    return message;
  }

  private async post(post: DuePost, cache: Map<string, MessagePayload | null>): Promise<PostResult> {
    const key = { guildId: post.guildId, localDate: post.localDate };
    const message = this.messageFor(post.localDate, cache);
    if (!message) return { ...key, state: "empty" };
    try {
      const outcome = await this.o.send(post.channelId, message);
      switch (outcome.kind) {
        case "sent":
          return { ...key, state: "sent", messageId: outcome.messageId };
        case "forbidden":
          this.o.log.warn({ ...post, detail: outcome.detail }, "anniversary post refused: the bot lacks permission in the channel");
          return { ...key, state: "failed", detail: outcome.detail };
        case "channel-gone": {
          const guilds = this.o.store.forgetChannel(post.channelId);
          this.o.log.info({ ...post, guilds }, "anniversary channel is gone; its schedule was removed");
          return { ...key, state: "failed", detail: outcome.detail };
        }
      }
    } catch (err) {
      this.o.log.error({ err, ...post }, "anniversary post failed");
      return { ...key, state: "failed", detail: err instanceof Error ? err.message : String(err) };
    }
  }
}
