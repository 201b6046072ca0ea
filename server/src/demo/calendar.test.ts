import { describe, expect, it } from 'vitest';
import { addMonths, dayStart, isoDayOf, midnightOf, nextMonthStart, weekdayOf } from './calendar.js';

const at = (iso: string) => Date.parse(iso);

describe('demo calendar', () => {
  it('reads and writes UTC days', () => {
    expect(dayStart('2026-11-22')).toBe(at('2026-11-22T00:00:00Z'));
    expect(isoDayOf(at('2026-11-22T23:59:59.999Z'))).toBe('2026-11-22');
    expect(midnightOf(at('2026-11-22T13:45:00Z'))).toBe(at('2026-11-22T00:00:00Z'));
    expect(() => dayStart('2026-13-01')).toThrow(RangeError);
    expect(() => dayStart('22/11/2026')).toThrow(RangeError);
  });

  it('adds months keeping the time of day and clamping to the month end', () => {
    expect(addMonths(at('2026-11-22T12:00:00Z'), -26)).toBe(at('2024-09-22T12:00:00Z'));
    expect(addMonths(at('2026-01-31T08:30:00Z'), 1)).toBe(at('2026-02-28T08:30:00Z'));
    expect(addMonths(at('2024-03-31T00:00:00Z'), -1)).toBe(at('2024-02-29T00:00:00Z'));
    expect(addMonths(at('2026-12-15T00:00:00Z'), 1)).toBe(at('2027-01-15T00:00:00Z'));
  });

  it('finds the next first of the month', () => {
    expect(nextMonthStart(at('2026-11-22T12:00:00Z'))).toBe(at('2026-12-01T00:00:00Z'));
    expect(nextMonthStart(at('2026-12-01T00:00:00Z'))).toBe(at('2027-01-01T00:00:00Z'));
  });

  it('names the UTC weekday', () => {
    expect(weekdayOf(at('2026-11-20T23:59:59Z'))).toBe(5);
    expect(weekdayOf(at('2026-11-22T00:00:00Z'))).toBe(0);
    expect(weekdayOf(at('2026-11-23T00:00:00Z'))).toBe(1);
  });
});
