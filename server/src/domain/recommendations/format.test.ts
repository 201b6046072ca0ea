import { describe, expect, it } from 'vitest';
import { compareText, formatCount, formatDecimal, formatMoney, formatPercent } from './format.js';

describe('formatMoney', () => {
  it.each([
    [3400, '$3,400'],
    [1234.56, '$1,234.56'],
    [0, '$0'],
    [5, '$5'],
    [999, '$999'],
    [1000, '$1,000'],
    [1234567.891, '$1,234,567.89'],
    [12.5, '$12.50'],
    [0.05, '$0.05'],
    [1.005, '$1.01'],
    [0.1 + 0.2, '$0.30'],
    [999.995, '$1,000'],
    [3400.004, '$3,400'],
    [-12.5, '-$12.50'],
    [-0.001, '$0'],
  ])('formats %s as %s', (amount, expected) => {
    expect(formatMoney(amount)).toBe(expected);
  });

  it('refuses non-finite amounts', () => {
    expect(() => formatMoney(Number.NaN)).toThrow(RangeError);
    expect(() => formatMoney(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('formatPercent and formatDecimal', () => {
  it.each([
    [68, '68%'],
    [67.96, '68%'],
    [12.46, '12.5%'],
    [12.44, '12.4%'],
    [0.05, '0.1%'],
    [0.04, '0%'],
    [100, '100%'],
  ])('formats %s as %s', (value, expected) => {
    expect(formatPercent(value)).toBe(expected);
  });

  it('groups thousands and keeps the sign', () => {
    expect(formatDecimal(1234.5)).toBe('1,234.5');
    expect(formatDecimal(-2.25)).toBe('-2.3');
  });
});

describe('formatCount', () => {
  it('uses the singular only for exactly one', () => {
    expect(formatCount(1, 'month')).toBe('1 month');
    expect(formatCount(0.6, 'month')).toBe('0.6 months');
    expect(formatCount(2, 'card')).toBe('2 cards');
    expect(formatCount(0, 'card')).toBe('0 cards');
  });
});

describe('compareText', () => {
  it('orders by code unit, not locale', () => {
    expect(['b', 'B', 'a', 'é'].sort(compareText)).toEqual(['B', 'a', 'b', 'é']);
    expect(compareText('x', 'x')).toBe(0);
  });
});
