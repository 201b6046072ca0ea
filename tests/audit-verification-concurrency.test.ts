import { setImmediate } from 'node:timers/promises';
import type { Database } from '@spendsense/server/db/client';
import { VERIFY_SLICE } from '@spendsense/server/services/audit/verify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import { appendAuditFixtures, createAuditFixtureWorld } from './support/audit-fixtures.js';
import { openTestDatabase } from './support/database.js';

/**
 * A whole-chain verification hashes in slices and yields between them, so a cheap request sent while it
 * runs is answered before it ends rather than after (issue #8: one caller must not stall the server). The
 * order of the two answers is observed; no clock is read.
 */
let db: Database;
let app: ReturnType<typeof createTestApp>;
let token: string;
const ENTRIES = VERIFY_SLICE * 6;

beforeAll(async () => {
  db = await openTestDatabase();
  app = createTestApp(db);
  token = await app.tokenFor('COMPLIANCE');
  const world = await createAuditFixtureWorld(app.services);
  await appendAuditFixtures(app.services, world, { count: ENTRIES, batchSize: 500 });
});

afterAll(async () => {
  await db?.close();
});

async function entriesVerified(): Promise<number> {
  const metric = await app.services.metrics.auditEntriesVerified.get();
  return metric.values[0]?.value ?? 0;
}

describe('auditIntegrity while other requests arrive', () => {
  it('answers a cheap query sent mid-verification before the verification answers', async () => {
    const before = await entriesVerified();
    const order: string[] = [];
    const verification = app
      .graphql<{ auditIntegrity: { valid: boolean; checked: number } }>(
        '{ auditIntegrity { valid checked } }',
        {},
        { token },
      )
      .then((result) => {
        order.push('verification');
        return result;
      });
    // Wait (by turns of the event loop, not by time) until hashing has started but not finished.
    while (order.length === 0 && (await entriesVerified()) === before) await setImmediate();
    const progressWhenSent = (await entriesVerified()) - before;
    const cheap = app
      .graphql<{ viewer: { username: string } }>('{ viewer { username } }', {}, { token })
      .then((result) => {
        order.push('cheap');
        return result;
      });
    const [verified, viewer] = await Promise.all([verification, cheap]);

    expect(viewer.data?.viewer?.username).toBe('compliance');
    expect(verified.data?.auditIntegrity).toEqual({ valid: true, checked: expect.any(Number) });
    expect(verified.data!.auditIntegrity.checked).toBeGreaterThanOrEqual(ENTRIES);
    expect(progressWhenSent).toBeGreaterThan(0);
    expect(progressWhenSent).toBeLessThan(verified.data!.auditIntegrity.checked);
    expect(order).toEqual(['cheap', 'verification']);
  });
});
