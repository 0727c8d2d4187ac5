// Days of the year for anniversaries: "MM-DD", validated against a leap year so 02-29 exists.

export function parseMonthDay(text: string): string | null {
  const m = /^\s*(\d{1,2})-(\d{1,2})\s*$/.exec(text);
  if (!m) return null;
  const md = `${m[1]!.padStart(2, "0")}-${m[2]!.padStart(2, "0")}`;
  const d = new Date(`2024-${md}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(5, 10) === md ? md : null;
}

/** Today's MM-DD on this machine's calendar. */
export function todayMonthDay(now: Date): string {
  return `${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}
