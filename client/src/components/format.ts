/** The persona windows as operators read them. */
export const WINDOW_LABEL = { D30: '30-day window', D180: '180-day window' } as const;

export function windowLabel(window: string): string {
  return WINDOW_LABEL[window as keyof typeof WINDOW_LABEL] ?? window;
}

/** An instant as "2026-12-01 10:00 UTC": audit timestamps are UTC, and operators compare them across screens. */
export function formatDateTime(value: unknown): string {
  const date = new Date(String(value));
  return Number.isNaN(date.getTime())
    ? String(value)
    : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A duration in the largest unit that keeps it readable: "45.3 s", "12.5 min", "3.2 h", "2.8 days". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  const one = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 1 });
  if (seconds < 120) return `${one(seconds)} s`;
  if (seconds < 7200) return `${one(seconds / 60)} min`;
  if (seconds < 172_800) return `${one(seconds / 3600)} h`;
  return `${one(seconds / 86_400)} days`;
}
