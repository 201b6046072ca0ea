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
