// Wall-clock time in a server's time zone: what "09:00 in Europe/Berlin" means on any day, daylight saving included.
import { DateTime, IANAZone } from "luxon";

/** Every zone this runtime knows, plus "UTC", which Intl lists under no name of its own. */
const ZONES: readonly string[] = ["UTC", ...Intl.supportedValuesOf("timeZone")];

/** Offered before anything is typed: the zones most servers use, spread around the world. */
const COMMON_ZONES = [
  "UTC", "Europe/London", "Europe/Paris", "Europe/Berlin", "Europe/Warsaw", "Europe/Kyiv", "Europe/Kiev", "Europe/Moscow",
  "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Sao_Paulo", "America/Toronto",
  "Asia/Kolkata", "Asia/Shanghai", "Asia/Tokyo", "Asia/Seoul", "Asia/Jerusalem", "Asia/Tehran", "Asia/Dubai",
  "Australia/Sydney", "Africa/Johannesburg", "Africa/Lagos", "Pacific/Auckland",
].filter((z) => ZONES.includes(z));

/** A server's day as its own clock shows it: the local date and the minutes since local midnight. */
export interface LocalDay {
  /** YYYY-MM-DD */
  date: string;
  minutes: number;
}

/** "9:05" → "09:05"; null for anything that is not a time of day on a 24-hour clock ("25:00", "9pm"). */
export function parsePostTime(text: string): string | null {
  const m = /^\s*(\d{1,2}):(\d{2})\s*$/.exec(text);
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  return hour < 24 && minute < 60 ? `${String(hour).padStart(2, "0")}:${m[2]}` : null;
}

/** "09:05" → 545. */
export function minutesOf(postTime: string): number {
  return Number(postTime.slice(0, 2)) * 60 + Number(postTime.slice(3, 5));
}

const keyOf = (text: string) => text.trim().toLowerCase().replace(/\s+/g, "_");
const cityOf = (zone: string) => zone.slice(zone.lastIndexOf("/") + 1).toLowerCase();

/** A zone as people type it ("europe/berlin", "New York", "utc") → its IANA name; null when no zone fits. */
export function resolveTimeZone(text: string): string | null {
  const key = keyOf(text);
  if (!key) return null;
  const named = ZONES.find((z) => z.toLowerCase() === key);
  if (named) return named;
  const byCity = ZONES.filter((z) => cityOf(z) === key);
  if (byCity.length === 1) return byCity[0]!;
  // Aliases the list leaves out ("US/Eastern", "Etc/GMT+5", a newer name than this runtime's) are still real zones.
  return IANAZone.isValidZone(text.trim()) ? new Intl.DateTimeFormat("en-US", { timeZone: text.trim() }).resolvedOptions().timeZone : null;
}

/** How well a zone fits what was typed: exact name, city, city prefix, name or part prefix, anywhere; -1 for no fit. */
function fit(zone: string, key: string): number {
  const name = zone.toLowerCase();
  if (name === key) return 0;
  const city = cityOf(zone);
  if (city === key) return 1;
  if (city.startsWith(key)) return 2;
  if (name.startsWith(key) || name.split("/").some((part) => part.startsWith(key))) return 3;
  return name.includes(key) ? 4 : -1;
}

/** Autocomplete for a time zone: the best fits first, each labelled with its offset and local time now. */
export function suggestTimeZones(text: string, now: Date, limit = 25): { zone: string; label: string }[] {
  const key = keyOf(text);
  const zones = key
    ? ZONES.map((zone) => ({ zone, rank: fit(zone, key) }))
        .filter((z) => z.rank >= 0)
        .sort((a, b) => a.rank - b.rank || a.zone.localeCompare(b.zone))
        .map((z) => z.zone)
    : COMMON_ZONES;
  return zones.slice(0, limit).map((zone) => {
    const local = DateTime.fromJSDate(now, { zone });
    return { zone, label: `${zone.replace(/_/g, " ")} (UTC${local.toFormat("ZZ")}, now ${local.toFormat("HH:mm")})` };
  });
}

/** The local date and time of day in a zone at an instant; null when the zone is unknown to this runtime. */
export function localDay(now: Date, zone: string): LocalDay | null {
  const local = DateTime.fromJSDate(now, { zone });
  return local.isValid ? { date: local.toISODate()!, minutes: local.hour * 60 + local.minute } : null;
}

/** The first instant of a local date whose clock reads the post time or later: when the scheduler posts, DST included. */
export function postInstant(date: string, postTime: string, zone: string): Date {
  const wanted = minutesOf(postTime);
  // Clock changes move the wall clock by at most a few hours: start well before and step to the first minute that qualifies.
  let at = DateTime.fromISO(date, { zone }).plus({ minutes: Math.max(0, wanted - 180) });
  while (at.toISODate() === date && at.hour * 60 + at.minute < wanted) at = at.plus({ minutes: 1 });
  return at.toJSDate();
}

/** YYYY-MM-DD plus some days, on the calendar alone. */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: "UTC" }).plus({ days }).toISODate()!;
}
