// Per-server anniversary schedules and the record of every post, over the bot's SQLite file.
import type { BotDatabase } from "./database.ts";

export interface AnniversarySchedule {
  guildId: string;
  channelId: string;
  /** HH:MM on the server's wall clock. */
  postTime: string;
  /** IANA zone name. */
  timeZone: string;
  enabled: boolean;
  updatedAt: string;
}

export type PostState = "claimed" | "sent" | "failed" | "empty";

export interface AnniversaryPost {
  guildId: string;
  /** YYYY-MM-DD in the server's zone on the day the post fell due. */
  localDate: string;
  channelId: string;
  state: PostState;
  claimedAt: string;
  finishedAt: string | null;
  messageId: string | null;
  /** Why a post failed, or nothing. */
  detail: string | null;
}

export type DuePost = Pick<AnniversaryPost, "guildId" | "localDate" | "channelId">;

export interface PostResult {
  guildId: string;
  localDate: string;
  state: Exclude<PostState, "claimed">;
  messageId?: string;
  detail?: string;
}

interface ScheduleRow {
  guild_id: string;
  channel_id: string;
  post_time: string;
  time_zone: string;
  enabled: number;
  updated_at: string;
}

interface PostRow {
  guild_id: string;
  local_date: string;
  channel_id: string;
  state: PostState;
  claimed_at: string;
  finished_at: string | null;
  message_id: string | null;
  detail: string | null;
}

const toSchedule = (r: ScheduleRow): AnniversarySchedule => ({
  guildId: r.guild_id,
  channelId: r.channel_id,
  postTime: r.post_time,
  timeZone: r.time_zone,
  enabled: r.enabled === 1,
  updatedAt: r.updated_at,
});

const toPost = (r: PostRow): AnniversaryPost => ({
  guildId: r.guild_id,
  localDate: r.local_date,
  channelId: r.channel_id,
  state: r.state,
  claimedAt: r.claimed_at,
  finishedAt: r.finished_at,
  messageId: r.message_id,
  detail: r.detail,
});

export class AnniversaryStore {
  private readonly q;

  constructor(readonly db: BotDatabase) {
    const scheduleColumns = "guild_id, channel_id, post_time, time_zone, enabled, updated_at";
    this.q = {
      schedule: db.prepare<[string], ScheduleRow>(`SELECT ${scheduleColumns} FROM anniversary_schedules WHERE guild_id = ?`),
      enabled: db.prepare<[], ScheduleRow>(`SELECT ${scheduleColumns} FROM anniversary_schedules WHERE enabled = 1`),
      set: db.prepare<[string, string, string, string, string]>(
        `INSERT INTO anniversary_schedules (guild_id, channel_id, post_time, time_zone, enabled, updated_at) VALUES (?, ?, ?, ?, 1, ?)
         ON CONFLICT (guild_id) DO UPDATE SET channel_id = excluded.channel_id, post_time = excluded.post_time,
           time_zone = excluded.time_zone, enabled = 1, updated_at = excluded.updated_at`,
      ),
      off: db.prepare<[string, string]>(`UPDATE anniversary_schedules SET enabled = 0, updated_at = ? WHERE guild_id = ? AND enabled = 1`),
      forgetGuild: db.prepare<[string]>(`DELETE FROM anniversary_schedules WHERE guild_id = ?`),
      forgetChannel: db.prepare<[string], { guild_id: string }>(`DELETE FROM anniversary_schedules WHERE channel_id = ? RETURNING guild_id`),
      hasPost: db.prepare<[string, string], { one: number }>(`SELECT 1 AS one FROM anniversary_posts WHERE guild_id = ? AND local_date = ?`),
      lastPost: db.prepare<[string], PostRow>(`SELECT * FROM anniversary_posts WHERE guild_id = ? ORDER BY local_date DESC LIMIT 1`),
      claim: db.prepare<[string, string, string, string]>(
        `INSERT INTO anniversary_posts (guild_id, local_date, channel_id, state, claimed_at) VALUES (?, ?, ?, 'claimed', ?) ON CONFLICT DO NOTHING`,
      ),
      finish: db.prepare<[string, string, string | null, string | null, string, string]>(
        `UPDATE anniversary_posts SET state = ?, finished_at = ?, message_id = ?, detail = ? WHERE guild_id = ? AND local_date = ? AND state = 'claimed'`,
      ),
    };
  }

  schedule(guildId: string): AnniversarySchedule | null {
    const row = this.q.schedule.get(guildId);
    return row ? toSchedule(row) : null;
  }

  enabledSchedules(): AnniversarySchedule[] {
    return this.q.enabled.all().map(toSchedule);
  }

  /** Saves a server's schedule and switches it on. */
  setSchedule(s: Pick<AnniversarySchedule, "guildId" | "channelId" | "postTime" | "timeZone">, now: Date): void {
    this.q.set.run(s.guildId, s.channelId, s.postTime, s.timeZone, now.toISOString());
  }

  /** Switches the posts off but keeps the settings, so `status` can show them; false if they were not on. */
  switchOff(guildId: string, now: Date): boolean {
    return this.q.off.run(now.toISOString(), guildId).changes > 0;
  }

  /** The bot left the server: its settings go (the post record stays, so a quick return cannot post a day twice). */
  forgetGuild(guildId: string): boolean {
    return this.q.forgetGuild.run(guildId).changes > 0;
  }

  /** The channel is gone: the servers that posted there lose their schedule. Returns their ids. */
  forgetChannel(channelId: string): string[] {
    return this.q.forgetChannel.all(channelId).map((r) => r.guild_id);
  }

  hasPost(guildId: string, localDate: string): boolean {
    return this.q.hasPost.get(guildId, localDate) !== undefined;
  }

  lastPost(guildId: string): AnniversaryPost | null {
    const row = this.q.lastPost.get(guildId);
    return row ? toPost(row) : null;
  }

  /**
   * Claims posts before they are sent, in one transaction. Returns only those this caller won:
   * a post another tick or process already claimed (sent or not) is never sent again.
   */
  claim(posts: readonly DuePost[], now: Date): DuePost[] {
    const at = now.toISOString();
    return this.db.transaction(() => posts.filter((p) => this.q.claim.run(p.guildId, p.localDate, p.channelId, at).changes === 1))();
  }

  /** Records how claimed posts ended, in one transaction. */
  finish(results: readonly PostResult[], now: Date): void {
    const at = now.toISOString();
    this.db.transaction(() => {
      for (const r of results) this.q.finish.run(r.state, at, r.messageId ?? null, r.detail ?? null, r.guildId, r.localDate);
    })();
  }
}
