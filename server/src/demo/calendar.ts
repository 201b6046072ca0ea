/** UTC calendar arithmetic for the demo history (all instants are epoch milliseconds). */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Midnight UTC of a `YYYY-MM-DD` day. */
export function dayStart(isoDay: string): number {
  const instant = Date.parse(`${isoDay}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDay) || Number.isNaN(instant)) {
    throw new RangeError(`Expected a date like 2026-11-22, got "${isoDay}"`);
  }
  return instant;
}

export function isoDayOf(instant: number): string {
  return new Date(instant).toISOString().slice(0, 10);
}

export function midnightOf(instant: number): number {
  return instant - (((instant % DAY) + DAY) % DAY);
}

/** The same day of the month `months` later (or earlier), clamped to the month's last day. */
export function addMonths(instant: number, months: number): number {
  const date = new Date(instant);
  const firstOfTarget = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1);
  const target = new Date(firstOfTarget);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return firstOfTarget + (Math.min(date.getUTCDate(), lastDay) - 1) * DAY + (instant - midnightOf(instant));
}

/** Midnight UTC of the first day of the month after the one `instant` falls in. */
export function nextMonthStart(instant: number): number {
  const date = new Date(instant);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(instant: number): number {
  return new Date(instant).getUTCDay();
}
