// The bot's SQLite file: created on first start, then brought up to date by an ordered list of migrations.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { describeStorageError } from "./errors.ts";

export type BotDatabase = Database.Database;

/** Step i takes the file from schema version i to i + 1 (`PRAGMA user_version`); append steps, never edit a shipped one. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE anniversary_schedules (
     guild_id   TEXT PRIMARY KEY,
     channel_id TEXT NOT NULL,
     post_time  TEXT NOT NULL CHECK (post_time GLOB '[0-2][0-9]:[0-5][0-9]'),
     time_zone  TEXT NOT NULL,
     enabled    INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
     updated_at TEXT NOT NULL
   ) STRICT, WITHOUT ROWID;
   -- CHANNEL_DELETE names only the channel.
   CREATE INDEX anniversary_schedules_by_channel ON anniversary_schedules (channel_id);
   -- One row per server and local day, inserted before sending: the key is what stops a second post that day.
   CREATE TABLE anniversary_posts (
     guild_id    TEXT NOT NULL,
     local_date  TEXT NOT NULL,
     channel_id  TEXT NOT NULL,
     state       TEXT NOT NULL CHECK (state IN ('claimed', 'sent', 'failed', 'empty')),
     claimed_at  TEXT NOT NULL,
     finished_at TEXT,
     message_id  TEXT,
     detail      TEXT,
     PRIMARY KEY (guild_id, local_date)
   ) STRICT, WITHOUT ROWID;`,
];

export interface OpenOptions {
  migrations?: readonly string[];
  /** How long a write waits for another process's lock before failing. */
  busyTimeoutMs?: number;
}

/** Opens (creating folder and file if needed) and migrates the database; several processes may share the file. */
export function openDatabase(path: string, { migrations = MIGRATIONS, busyTimeoutMs = 5000 }: OpenOptions = {}): BotDatabase {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma("journal_mode = WAL");
    // Shards in other processes hold the write lock briefly; wait for it rather than fail.
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
    migrate(db, migrations);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Runs the steps this file has not run yet, all in one write transaction so two starting processes cannot both migrate. */
function migrate(db: BotDatabase, migrations: readonly string[]): void {
  db.transaction(() => {
    const version = db.pragma("user_version", { simple: true }) as number;
    if (version > migrations.length) {
      throw new Error(`${db.name} has schema version ${version}, newer than this bot's ${migrations.length}: run the newer bot or restore a backup`);
    }
    for (const step of migrations.slice(version)) db.exec(step);
    if (version < migrations.length) db.pragma(`user_version = ${migrations.length}`);
  }).immediate();
}

/** Storage that works (no problem), opened read-only (a problem, a database to read) or unavailable (no database). */
export type Storage = { db: BotDatabase; problem: null } | { db: BotDatabase | null; problem: string };

/**
 * Opens the database for the bot, never throwing: a file that cannot be written is opened read-only
 * (settings still readable, nothing posted), a damaged or unreadable one is left untouched on disk.
 * Either way /treaty and /who said are unaffected; the problem is reported to whoever asks.
 */
export function openStorage(path: string, options: OpenOptions = {}): Storage {
  try {
    return { db: openDatabase(path, options), problem: null };
  } catch (err) {
    const problem = describeStorageError(err) ?? `the bot's database could not be opened (${err instanceof Error ? err.message : String(err)})`;
    try {
      const db = new Database(path, { readonly: true, fileMustExist: true });
      if ((db.pragma("user_version", { simple: true }) as number) !== (options.migrations ?? MIGRATIONS).length) {
        db.close();
        return { db: null, problem };
      }
      return { db, problem };
    } catch {
      return { db: null, problem };
    }
  }
}
