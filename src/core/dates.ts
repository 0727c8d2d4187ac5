// Days of the year for anniversaries: "MM-DD", validated against a leap year so 02-29 exists.

export function parseMonthDay(text: string): string | null {
  const m = /^\s*(\d{1,2})-(\d{1,2})\s*$/.exec(text);
  if (!m) return null;
  const md = `${m[1]!.padStart(2, "0")}-${m[2]!.padStart(2, "0")}`;
  return isRealDay(`2024-${md}`) ? md : null;
}

/** Whether a YYYY-MM-DD string names a day the calendar has (no 31 April, no 29 February 2023). */
export function isRealDay(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Today's MM-DD on this machine's calendar. */
export function todayMonthDay(now: Date): string {
  return `${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}
