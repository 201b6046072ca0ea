/**
 * Calendar arithmetic on UTC day numbers (days since 1970-01-01). Whole days keep the generator fast
 * and free of time-zone drift; ISO text is produced only at the edge.
 */

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a `YYYY-MM-DD` date, or `null` when the text is not a real calendar date. */
export function parseIsoDay(text: string): number | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month - 1)) return null;
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

// Formatting dominates generation time otherwise: millions of transactions share a few hundred dates.
const isoCache = new Map<number, string>();

export function formatIsoDay(day: number): string {
  let text = isoCache.get(day);
  if (text === undefined) {
    text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    if (isoCache.size < 100_000) isoCache.set(day, text);
  }
  return text;
}

/** `YYYY-MM-DDTHH:mm:ss.sssZ` at `secondOfDay` seconds after midnight UTC. */
export function formatIsoTimestamp(day: number, secondOfDay: number): string {
  return new Date(day * MS_PER_DAY + secondOfDay * 1000).toISOString();
}

export function daysInMonth(year: number, month0: number): number {
  return new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
}

export interface CalendarMonth {
  year: number;
  /** 0 = January. */
  month0: number;
}

export function monthOf(day: number): CalendarMonth {
  const date = new Date(day * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month0: date.getUTCMonth() };
}

/**
 * The day in each calendar month from `from` to `to` (both included) that falls on `dayOfMonth`;
 * months shorter than that use their last day, as billers do.
 */
export function monthlyDays(from: number, to: number, dayOfMonth: number): number[] {
  const days: number[] = [];
  let { year, month0 } = monthOf(from);
  for (;;) {
    const day = Date.UTC(year, month0, Math.min(dayOfMonth, daysInMonth(year, month0))) / MS_PER_DAY;
    if (day > to) return days;
    if (day >= from) days.push(day);
    month0 += 1;
    if (month0 === 12) {
      month0 = 0;
      year += 1;
    }
  }
}
