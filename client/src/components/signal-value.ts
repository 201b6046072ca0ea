const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 2 });
const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/**
 * A signal value (or a threshold compared with it) in its unit, as the schema's `unit` names it:
 * count, usd, usd_per_month, percent, months, days, boolean or enum.
 */
export function formatSignalValue(value: unknown, unit: string): string {
  if (value === null || value === undefined) return 'missing';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value !== 'number') return String(value);
  switch (unit) {
    case 'usd':
      return usd.format(value);
    case 'usd_per_month':
      return `${usd.format(value)}/month`;
    case 'percent':
      return `${number.format(value)} %`;
    case 'months':
      return `${number.format(value)} month${value === 1 ? '' : 's'}`;
    case 'days':
      return `${number.format(value)} day${value === 1 ? '' : 's'}`;
    default:
      return number.format(value);
  }
}

/** The unit spelled out for a table column. */
export function unitLabel(unit: string): string {
  return (
    {
      count: 'count',
      usd: 'US dollars',
      usd_per_month: 'US dollars per month',
      percent: 'percent',
      months: 'months',
      days: 'days',
      boolean: 'yes/no',
      enum: 'category',
    }[unit] ?? unit
  );
}
