/**
 * Login lockout: 5 failed attempts within 15 minutes lock the username until the oldest of those
 * failures is 15 minutes old. A successful login clears the count.
 */
export const LOCKOUT_MAX_FAILURES = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;

export interface RecentAttempt {
  succeeded: boolean;
  at: Date;
}

/** Returns when the lock ends, or null when the username may try again now. `attempts` is newest first. */
export function lockedUntil(attempts: readonly RecentAttempt[], now: Date): Date | null {
  const windowStart = now.getTime() - LOCKOUT_WINDOW_MS;
  const failures: Date[] = [];
  for (const attempt of attempts) {
    if (attempt.at.getTime() < windowStart || attempt.succeeded) break;
    failures.push(attempt.at);
  }
  if (failures.length < LOCKOUT_MAX_FAILURES) return null;
  const oldestCounted = failures[LOCKOUT_MAX_FAILURES - 1]!;
  return new Date(oldestCounted.getTime() + LOCKOUT_WINDOW_MS);
}
