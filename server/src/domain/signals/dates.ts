/**
 * Calendar-date arithmetic on ISO `YYYY-MM-DD` strings. Dates are whole UTC days counted from the Unix epoch,
 * so local time zones and daylight-saving shifts can never move a window boundary.
 */

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(candidate: string): boolean {
  const match = ISO_DATE.exec(candidate);
  if (!match) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const parsed = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2024-02-30 over into March; a round trip catches impossible dates.
  return (
    parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === day
  );
}

/** Whole days since 1970-01-01 (negative before it). Throws on anything but a real `YYYY-MM-DD` date. */
export function toEpochDay(date: string): number {
  if (!isIsoDate(date))
    throw new RangeError(`not an ISO calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY;
}

export function fromEpochDay(epochDay: number): string {
  return new Date(epochDay * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromEpochDay(toEpochDay(date) + days);
}

/** `to - from` in whole days: 0 for the same date, 1 for the next day. */
export function daysBetween(from: string, to: string): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** `YYYY-MM` of a date, for grouping by calendar month. */
export function calendarMonth(date: string): string {
  return date.slice(0, 7);
}
