import { describe, expect, it } from 'vitest';
import { addDays, calendarMonth, daysBetween, isIsoDate, toEpochDay } from './dates.js';
import { median, populationStandardDeviation, round2 } from './numbers.js';

describe('calendar dates', () => {
  it('adds days across month ends, leap days and years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addDays('2025-06-30', -179)).toBe('2025-01-02');
  });

  it('counts whole days regardless of daylight-saving changes in between', () => {
    expect(daysBetween('2025-03-01', '2025-11-05')).toBe(249);
    expect(daysBetween('2025-06-30', '2025-06-30')).toBe(0);
    expect(daysBetween('2025-06-30', '2025-06-01')).toBe(-29);
    expect(toEpochDay('1970-01-02')).toBe(1);
  });

  it('rejects impossible and non-ISO dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-1-05')).toBe(false);
    expect(() => toEpochDay('2024-02-30')).toThrow(RangeError);
    expect(() => toEpochDay('2024-01-05T00:00:00Z')).toThrow(RangeError);
  });

  it('names the calendar month of a date', () => {
    expect(calendarMonth('2025-06-30')).toBe('2025-06');
  });
});

describe('rounding and statistics', () => {
  it('rounds half away from zero on the decimal value, never producing -0', () => {
    expect(round2(1.005)).toBe(1.01);
    expect(round2(-1.005)).toBe(-1.01);
    expect(round2(2.675)).toBe(2.68);
    expect(round2(0.1 + 0.2)).toBe(0.3);
    expect(Object.is(round2(-0.001), 0)).toBe(true);
  });

  it('takes the median of odd and even counts and the population standard deviation', () => {
    expect(median([30, 14, 16])).toBe(16);
    expect(median([30, 31, 14, 16])).toBe(23);
    expect(populationStandardDeviation([2, 4, 4, 4, 5, 5, 7, 9])).toBe(2);
  });
});
