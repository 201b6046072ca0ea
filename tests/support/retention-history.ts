import type { Database } from '@spendsense/server/db/client';
import { createTestApp } from './app.js';
import { appendAuditFixtures, createAuditFixtureWorld } from './audit-fixtures.js';

/**
 * The audit history the retention tests archive and purge: fixture entries from 1 January 2026, read at a
 * clock in mid-December with three active months, so September to December stay active.
 */

export const RETENTION_NOW = new Date('2026-12-15T12:00:00.000Z');

/** The months due for archival at {@link RETENTION_NOW} for a history that runs past August. */
export const DUE_MONTHS = [
  '2026-01',
  '2026-02',
  '2026-03',
  '2026-04',
  '2026-05',
  '2026-06',
  '2026-07',
  '2026-08',
] as const;

/** A server on `db` at {@link RETENTION_NOW}, with `count` entries `stepHours` apart written from 1 January. */
export async function appWithAuditHistory(
  db: Database,
  history: { count: number; stepHours: number; purgeAfterMonths: number },
): Promise<ReturnType<typeof createTestApp>> {
  const app = createTestApp(db, {
    now: () => RETENTION_NOW,
    retention: { activeMonths: 3, purgeAfterMonths: history.purgeAfterMonths },
  });
  const world = await createAuditFixtureWorld(app.services);
  await appendAuditFixtures(app.services, world, {
    count: history.count,
    stepMs: history.stepHours * 3_600_000,
  });
  return app;
}
