// Temporary database files for tests, each in a folder of its own that the test removes afterwards.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface ScratchDatabase {
  path: string;
  remove(): void;
}

/** A fresh folder for one test's database file; `remove` deletes it. */
export function scratchDatabase(): ScratchDatabase {
  const dir = mkdtempSync(join(tmpdir(), "treaty-bot-test-"));
  return { path: join(dir, "bot.sqlite"), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Scratch databases made on demand through `path()`, all removed by `removeAll()` (from an afterEach). */
export function scratchDatabases(): { path(): string; removeAll(): void } {
  const made: ScratchDatabase[] = [];
  return {
    path() {
      const db = scratchDatabase();
      made.push(db);
      return db.path;
    },
    removeAll() {
      for (const db of made.splice(0)) db.remove();
    },
  };
}
