import type { Database } from '@spendsense/server/db/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import { appendAuditFixtures, createAuditFixtureWorld } from './support/audit-fixtures.js';
import { openTestDatabase } from './support/database.js';

/**
 * Time windows far from the end a page is read from are first narrowed to their seq range (and a closed
 * window's range is remembered). These tests hold the results to a brute-force reading of the table.
 */
describe('audit log pages over time windows', () => {
  let db: Database;
  let app: ReturnType<typeof createTestApp>;
  let token: string;

  beforeAll(async () => {
    db = await openTestDatabase();
    app = createTestApp(db, { now: () => new Date('2026-06-01T00:00:00Z') });
    const world = await createAuditFixtureWorld(app.services, 'tw');
    await appendAuditFixtures(app.services, world, {
      count: 240,
      start: new Date('2026-01-01T00:00:00Z'),
      stepMs: 3_600_000,
    });
    token = await app.tokenFor('COMPLIANCE');
  });
  afterAll(async () => db?.close());

  const PAGE = `query($filter: AuditLogFilter, $first: Int, $after: String, $orderBy: AuditLogOrder) {
    auditLog(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { sequence occurredAt } } } }`;

  async function readAll(filter: Record<string, unknown>, orderBy: 'SEQ_DESC' | 'SEQ_ASC') {
    const seqs: string[] = [];
    let after: string | null = null;
    for (;;) {
      const result: any = await app.graphql(PAGE, { filter, first: 7, after, orderBy }, { token });
      expect(result.errors).toBeUndefined();
      seqs.push(...result.data.auditLog.edges.map((e: any) => e.node.sequence));
      if (!result.data.auditLog.pageInfo.hasNextPage) return { seqs, total: result.data.auditLog.totalCount };
      after = result.data.auditLog.pageInfo.endCursor;
    }
  }

  async function expected(from: string, to: string, orderBy: 'SEQ_DESC' | 'SEQ_ASC') {
    const rows = await db.prisma.auditEntry.findMany({
      where: { occurredAt: { gte: new Date(from), lte: new Date(to) } },
      orderBy: { seq: orderBy === 'SEQ_DESC' ? 'desc' : 'asc' },
      select: { seq: true },
    });
    return rows.map((r) => r.seq.toString());
  }

  it.each([
    [
      'a closed window in the middle, newest first',
      '2026-01-03T05:00:00Z',
      '2026-01-05T17:00:00Z',
      'SEQ_DESC',
    ],
    [
      'a closed window in the middle, oldest first',
      '2026-01-03T05:00:00Z',
      '2026-01-05T17:00:00Z',
      'SEQ_ASC',
    ],
    ['a window reaching past the newest entry', '2026-01-09T00:00:00Z', '2026-12-31T00:00:00Z', 'SEQ_DESC'],
    [
      'a window with exact instants on both bounds',
      '2026-01-02T09:00:00Z',
      '2026-01-02T19:00:00Z',
      'SEQ_DESC',
    ],
  ] as const)('%s returns exactly the matching entries, twice', async (_label, from, to, orderBy) => {
    const want = await expected(from, to, orderBy);
    expect(want.length).toBeGreaterThan(0);
    for (let round = 0; round < 2; round++) {
      const got = await readAll({ from, to }, orderBy);
      expect(got.seqs).toEqual(want);
      expect(got.total).toBe(want.length);
    }
  });

  it('answers an empty closed window with no entries', async () => {
    const got = await readAll({ from: '2025-01-01T00:00:00Z', to: '2025-02-01T00:00:00Z' }, 'SEQ_DESC');
    expect(got).toEqual({ seqs: [], total: 0 });
  });
});
