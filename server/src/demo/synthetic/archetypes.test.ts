import { describe, expect, it } from 'vitest';
import { ARCHETYPE_WEIGHTS, ARCHETYPES, archetypeOf } from './archetypes.js';

describe('archetypeOf', () => {
  it('covers all seven archetypes within the first seven customers', () => {
    const first = Array.from({ length: 7 }, (_, i) => archetypeOf(i + 1));
    expect(new Set(first)).toEqual(new Set(ARCHETYPES));
    expect(first[0]).toBe('high_utilization');
  });

  it('holds the weights exactly in every block of 100', () => {
    for (const block of [0, 1, 57]) {
      const counts = new Map<string, number>();
      for (let i = 1; i <= 100; i++) {
        const archetype = archetypeOf(block * 100 + i);
        counts.set(archetype, (counts.get(archetype) ?? 0) + 1);
      }
      expect(Object.fromEntries(counts)).toEqual(ARCHETYPE_WEIGHTS);
    }
    expect(Object.values(ARCHETYPE_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('repeats with a period of 100', () => {
    expect(archetypeOf(101)).toBe(archetypeOf(1));
    expect(archetypeOf(250)).toBe(archetypeOf(50));
  });

  it('rejects indexes that are not positive integers', () => {
    expect(() => archetypeOf(0)).toThrow(RangeError);
    expect(() => archetypeOf(1.5)).toThrow(RangeError);
    expect(archetypeOf(1)).toBe('high_utilization');
  });
});
