/**
 * Locale-free number formatting for rationale text: `Intl` and `toLocaleString` depend on the host's ICU data
 * and default locale, and a rationale must read the same on every machine and in every stored copy.
 */

/**
 * Rounds half away from zero to `decimals` places, going through a 12-significant-digit decimal form first so
 * binary noise (1.005 stored as 1.00499999…) rounds the way the decimal reads.
 */
function roundScaled(value: number, decimals: number): number {
  return Math.round(Number((Math.abs(value) * 10 ** decimals).toPrecision(12)));
}

function groupThousands(whole: number): string {
  return String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `$3,400` for whole dollars, `$1,234.56` otherwise, `-$12.50` below zero. */
export function formatMoney(amount: number): string {
  if (!Number.isFinite(amount)) throw new RangeError(`cannot format ${amount} as money`);
  const cents = roundScaled(amount, 2);
  const dollars = Math.floor(cents / 100);
  const remainder = cents % 100;
  const sign = amount < 0 && cents > 0 ? '-' : '';
  const fraction = remainder === 0 ? '' : `.${String(remainder).padStart(2, '0')}`;
  return `${sign}$${groupThousands(dollars)}${fraction}`;
}

/** At most one decimal, no trailing `.0`: 68 → `68`, 12.46 → `12.5`, 1234.5 → `1,234.5`. */
export function formatDecimal(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`cannot format ${value}`);
  const tenths = roundScaled(value, 1);
  const sign = value < 0 && tenths > 0 ? '-' : '';
  const whole = groupThousands(Math.floor(tenths / 10));
  const fraction = tenths % 10 === 0 ? '' : `.${tenths % 10}`;
  return `${sign}${whole}${fraction}`;
}

/** `68%`, `12.5%`. */
export function formatPercent(percent: number): string {
  return `${formatDecimal(percent)}%`;
}

/** `1 card`, `2 cards`, `0.8 months`; the plural is the noun plus `s`. */
export function formatCount(value: number, noun: string): string {
  const text = formatDecimal(value);
  return `${text} ${text === '1' ? noun : `${noun}s`}`;
}

/** Orders by UTF-16 code units: unlike `localeCompare`, the same on every host and ICU version. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
