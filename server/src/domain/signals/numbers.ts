/**
 * Deterministic rounding and the small statistics the signals need. Rounding goes through a 15-significant-digit
 * decimal form first, so binary noise (1.005 stored as 1.00499999…) rounds the way a person reading the
 * decimal expects, and half-way values round away from zero on both signs.
 */

/** Rounds to 2 decimals: cents for money, hundredths for percentages, months and days. */
export function round2(value: number): number {
  const scaled = Number((Math.abs(value) * 100).toPrecision(15));
  const rounded = Math.round(scaled) / 100;
  // `0` rather than `-0`, so snapshots serialize and compare identically.
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}

export function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : sum(values) / values.length;
}

/** Middle value; the mean of the two middle values for an even count. NaN for no values. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Population standard deviation: the pay amounts observed are the whole series being described, not a
 * sample of a larger one, and it stays defined for two values.
 */
export function populationStandardDeviation(values: readonly number[]): number {
  const average = mean(values);
  return Math.sqrt(mean(values.map((value) => (value - average) ** 2)));
}
