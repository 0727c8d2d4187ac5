// What a storage failure means to a server manager, from SQLite's error code (no driver import needed).

/** A sentence for people, or null when the error is not SQLite's (a bug: let it surface). */
export function describeStorageError(err: unknown): string | null {
  const code = typeof err === "object" && err !== null && "code" in err ? String((err as { code: unknown }).code) : "";
  if (!code.startsWith("SQLITE_")) return null;
  if (/^SQLITE_(BUSY|LOCKED)/.test(code)) return "the bot's database is locked by another process";
  if (/^SQLITE_(READONLY|CANTOPEN|PERM|AUTH)/.test(code)) return "the bot's database file cannot be written";
  if (/^SQLITE_(CORRUPT|NOTADB)/.test(code)) return "the bot's database file is damaged";
  if (/^SQLITE_FULL/.test(code)) return "the disk holding the bot's database is full";
  return "the bot's database could not be used";
}
