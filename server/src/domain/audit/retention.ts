/**
 * The retention policy of the audit trail, as calendar arithmetic (pure: no I/O, no clock).
 *
 * Entries stay in the database for `activeMonths`, then live in monthly Parquet archives until
 * `purgeAfterMonths` after their month, then the archive is deleted and an `audit_purged` receipt keeps the
 * chain provable across the gap. RETENTION.md explains the why.
 */
export interface RetentionPolicy {
  /** Months an entry stays in the active table (default 24). */
  activeMonths: number;
  /** Months after which an archived month is deleted (default 84, seven years). */
  purgeAfterMonths: number;
  /** Folder of the archives, laid out `YYYY-MM/audit-<first seq>-<last seq>.parquet`. */
  archiveDir: string;
}

export const DEFAULT_RETENTION = { activeMonths: 24, purgeAfterMonths: 84 } as const;

/** Why the policy cannot be used, or an empty list. */
export function retentionPolicyProblems(policy: Omit<RetentionPolicy, 'archiveDir'>): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(policy.activeMonths) || policy.activeMonths < 1) {
    problems.push('the active window must be at least one month');
  }
  if (!Number.isInteger(policy.purgeAfterMonths) || policy.purgeAfterMonths <= policy.activeMonths) {
    problems.push('archives must be kept longer than the active window');
  }
  return problems;
}

/** `YYYY-MM` of an instant, in UTC. */
export function monthOf(instant: Date): string {
  return instant.toISOString().slice(0, 7);
}

/** The first instant of `month` (`YYYY-MM`) plus `offset` months, in UTC. */
export function monthStart(month: string, offset = 0): Date {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, monthNumber - 1 + offset, 1));
}

/** The first month that stays active: every month before it is archived. */
export function firstActiveMonth(now: Date, policy: Pick<RetentionPolicy, 'activeMonths'>): string {
  return monthOf(monthStart(monthOf(now), -policy.activeMonths));
}

/** The first month whose archive is kept: every archived month before it is purged. */
export function firstKeptArchiveMonth(now: Date, policy: Pick<RetentionPolicy, 'purgeAfterMonths'>): string {
  return monthOf(monthStart(monthOf(now), -policy.purgeAfterMonths));
}

/** Where a month's archive lives under the archive folder (relative, `/`-separated). */
export function archiveFileName(month: string, firstSeq: bigint, lastSeq: bigint): string {
  const seq = (value: bigint) => value.toString().padStart(12, '0');
  return `${month}/audit-${seq(firstSeq)}-${seq(lastSeq)}.parquet`;
}
