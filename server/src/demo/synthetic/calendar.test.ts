import { describe, expect, it } from 'vitest';
import { formatIsoDay, monthlyDays, parseIsoDay } from './calendar.js';

const day = (iso: string): number => {
  const parsed = parseIsoDay(iso);
  if (parsed === null) throw new Error(`bad test date ${iso}`);
  return parsed;
};

describe('parseIsoDay / formatIsoDay', () => {
  it('round-trips real dates, leap days included', () => {
    expect(parseIsoDay('1970-01-01')).toBe(0);
    expect(formatIsoDay(day('2024-02-29'))).toBe('2024-02-29');
    expect(day('2025-03-01') - day('2025-02-28')).toBe(1);
  });

  it('rejects impossible or malformed dates', () => {
    for (const text of [
      '2023-02-29',
      '2024-13-01',
      '2024-00-10',
      '2024-04-31',
      '2024-1-01',
      '2024-01-01T00:00:00Z',
      '',
    ]) {
      expect(parseIsoDay(text)).toBeNull();
    }
  });
});

describe('monthlyDays', () => {
  it('uses the last day of shorter months and includes both bounds', () => {
    const days = monthlyDays(day('2024-01-31'), day('2024-04-30'), 31).map(formatIsoDay);
    expect(days).toEqual(['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30']);
  });

  it('skips a day of month before the start and stops after the end', () => {
    const days = monthlyDays(day('2025-01-16'), day('2025-03-14'), 15).map(formatIsoDay);
    expect(days).toEqual(['2025-02-15']);
  });
});
