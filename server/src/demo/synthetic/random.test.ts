import { describe, expect, it } from 'vitest';
import { hashSeed, SeededRandom } from './random.js';

describe('SeededRandom', () => {
  it('is mulberry32: the published first outputs for seed 42', () => {
    const rng = new SeededRandom(42);
    expect(rng.next()).toBe(0.6011037519201636);
    expect(rng.next()).toBe(0.44829055899754167);
  });

  it('repeats its sequence for the same seed and differs for another', () => {
    const draw = (seed: number) => {
      const rng = new SeededRandom(seed);
      return Array.from({ length: 20 }, () => rng.next());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('int covers both bounds and never leaves them', () => {
    const rng = new SeededRandom(1);
    const seen = new Set<number>();
    for (let i = 0; i < 5_000; i++) seen.add(rng.int(1, 6));
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('float stays in [min, max)', () => {
    const rng = new SeededRandom(3);
    for (let i = 0; i < 5_000; i++) {
      const value = rng.float(0.5, 1.5);
      expect(value).toBeGreaterThanOrEqual(0.5);
      expect(value).toBeLessThan(1.5);
    }
  });

  it('shuffle and sample keep the items and leave the input alone', () => {
    const rng = new SeededRandom(9);
    const items = ['a', 'b', 'c', 'd', 'e'];
    const shuffled = rng.shuffle(items);
    expect([...shuffled].sort()).toEqual(items);
    expect(items).toEqual(['a', 'b', 'c', 'd', 'e']);
    const sample = rng.sample(items, 3);
    expect(sample).toHaveLength(3);
    expect(new Set(sample).size).toBe(3);
    expect(() => rng.pick([])).toThrow(RangeError);
  });
});

describe('hashSeed', () => {
  it('is stable and separates its parts', () => {
    expect(hashSeed('customer', 42, '2025-06-30', 1)).toBe(3830824348);
    expect(hashSeed('customer', 42, '2025-06-30', 2)).not.toBe(hashSeed('customer', 42, '2025-06-30', 1));
    // '1' + '23' and '12' + '3' must not collide.
    expect(hashSeed(1, 23)).not.toBe(hashSeed(12, 3));
  });
});
