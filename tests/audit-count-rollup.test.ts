import type { Database } from '@spendsense/server/db/client';
import {
  AUDIT_EVENT_TYPE_NAMES,
  type AuditEventType,
  type AuditFilter,
} from '@spendsense/server/domain/audit/index';
import { countAuditEntries, wholeDaysOf } from '@spendsense/server/services/audit/query';
import { AuditWriter, runAudited } from '@spendsense/server/services/audit/record-audit';
import { runRetention } from '@spendsense/server/services/retention/archive';
import { seededRandom } from '@spendsense/server/test-support/audit-chain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import { type AuditFixtureWorld, createAuditFixtureWorld, fixtureRecord } from './support/audit-fixtures.js';
import { openTestDatabase, usingPostgres } from './support/database.js';

/**
 * totalCount over event types and a time window sums whole UTC days from audit_count_rollup and counts only
 * the partial days at the edges. These tests hold it to a plain count of the rows, for random filters,
 * around day boundaries, after rollbacks, concurrent writers and archiving, and hold the rollup to the rows
 * grouped by UTC day in JavaScript.
 */

const NOW = new Date('2026-12-15T12:00:00.000Z');
const DAY_MS = 86_400_000;
const HISTORY_START = Date.parse('2026-01-01T00:00:00.000Z');
const HISTORY_END = Date.parse('2026-12-01T00:00:00.000Z');
const NON_ARCHIVAL = AUDIT_EVENT_TYPE_NAMES.filter((t) => t !== 'audit_archived' && t !== 'audit_purged');

let db: Database;
let app: ReturnType<typeof createTestApp>;
let world: AuditFixtureWorld;
/** Instants that entries carry, to aim filter bounds exactly at them. */
const instants: number[] = [];

/**
 * The reference count of `filter`, written without the project's SQL: every bound an ISO instant with its
 * offset, so the session's time zone cannot move it.
 */
async function referenceCount(filter: AuditFilter): Promise<number> {
  const { rows } = await db.sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM audit_log
     WHERE ($1::text[] IS NULL OR event_type::text = ANY ($1::text[]))
       AND ($2::text IS NULL OR user_id = $2::text)
       AND ($3::text IS NULL OR occurred_at >= $3::timestamptz)
       AND ($4::text IS NULL OR occurred_at <= $4::timestamptz)`,
    [
      filter.eventTypes ? [...filter.eventTypes] : null,
      filter.userId ?? null,
      filter.from?.toISOString() ?? null,
      filter.to?.toISOString() ?? null,
    ],
  );
  return rows[0]!.n;
}

/** The rollup's net count per (type, UTC day), zeros left out, next to the rows grouped in JavaScript. */
async function rollupAgainstRows(): Promise<{
  rollup: Record<string, number>;
  rows: Record<string, number>;
}> {
  const sums = await db.prisma.$queryRaw<Array<{ key: string; n: number }>>`
    SELECT event_type::text || ' ' || day::text AS key, sum(n)::int AS n
    FROM audit_count_rollup GROUP BY event_type, day HAVING sum(n) <> 0`;
  const rollup = Object.fromEntries(sums.map((row) => [row.key, row.n]));
  const rows: Record<string, number> = {};
  for (const entry of await db.prisma.auditEntry.findMany({
    select: { eventType: true, occurredAt: true },
  })) {
    const key = `${entry.eventType} ${entry.occurredAt.toISOString().slice(0, 10)}`;
    rows[key] = (rows[key] ?? 0) + 1;
  }
  return { rollup, rows };
}

async function expectRollupExact(): Promise<void> {
  const { rollup, rows } = await rollupAgainstRows();
  expect(rollup).toEqual(rows);
}

/** A bound near `ms`: as it is, at its UTC day's start, at the day's last millisecond, or one ms either side. */
function boundNear(ms: number, random: () => number): Date {
  const dayStart = Math.floor(ms / DAY_MS) * DAY_MS;
  const roll = random();
  if (roll < 0.2) return new Date(dayStart);
  if (roll < 0.35) return new Date(dayStart + DAY_MS - 1);
  if (roll < 0.45) return new Date(ms + (random() < 0.5 ? -1 : 1));
  return new Date(ms);
}

/**
 * A random filter: a few event types or none, bounds at random instants, at entries' own instants or at day
 * boundaries, windows from empty to the whole history, and now and then a customer (the count(*) path).
 */
function randomFilter(random: () => number, world: AuditFixtureWorld): AuditFilter {
  const filter: AuditFilter = {};
  if (random() < 0.7) {
    const types = NON_ARCHIVAL.filter(() => random() < 0.3);
    filter.eventTypes = types.length ? types : [NON_ARCHIVAL[Math.floor(random() * NON_ARCHIVAL.length)]!];
  }
  const pickInstant = () =>
    random() < 0.4
      ? instants[Math.floor(random() * instants.length)]!
      : HISTORY_START - 10 * DAY_MS + Math.floor(random() * (HISTORY_END - HISTORY_START + 20 * DAY_MS));
  const from = random() < 0.85 ? boundNear(pickInstant(), random) : null;
  let to: Date | null = null;
  if (random() < 0.85) {
    const spans = [0, 1, DAY_MS / 2, DAY_MS, 2 * DAY_MS, 40 * DAY_MS, 200 * DAY_MS];
    const base = from ? from.getTime() + spans[Math.floor(random() * spans.length)]! : pickInstant();
    to = boundNear(base, random);
    if (from && to < from) to = from;
  }
  filter.from = from;
  filter.to = to;
  if (random() < 0.1) filter.userId = world.customerIds[Math.floor(random() * world.customerIds.length)]!;
  return filter;
}

async function expectRandomFiltersExact(seed: number, runs: number): Promise<void> {
  const random = seededRandom(seed);
  let withWholeDays = 0;
  for (let run = 0; run < runs; run++) {
    const filter = randomFilter(random, world);
    const [counted, expected] = await Promise.all([
      countAuditEntries(app.services, filter),
      referenceCount(filter),
    ]);
    expect({ filter, counted }).toEqual({ filter, counted: expected });
    if (!filter.userId && wholeDaysOf(filter)) withWholeDays++;
  }
  // Most filters went through the rollup, not only the count(*) path.
  expect(withWholeDays).toBeGreaterThan(runs / 3);
}

function subjectsOf(world: AuditFixtureWorld) {
  return {
    userId: world.customerIds[0]!,
    operatorId: world.operators[0]!.id,
    recommendationId: world.recommendationIds[0]!,
  };
}

/**
 * The history, oldest first (retention archives months as contiguous ranges of the chain): entries 13 h 17 min
 * apart from 1 January to November, so they fall at every hour of the day, plus on nine days entries at the
 * instants that decide which day an entry counts under (midnight, a millisecond after, noon, 23:59:59.999).
 */
function history(): Array<{ type: AuditEventType; at: number }> {
  const times = Array.from({ length: 600 }, (_, i) => HISTORY_START + 3_600_000 + i * 47_820_000);
  for (const day of [0, 31, 59, 120, 200, 240, 260, 290, 320]) {
    const start = HISTORY_START + day * DAY_MS;
    times.push(start, start + 1, start + DAY_MS / 2, start + DAY_MS - 1);
  }
  times.sort((a, b) => a - b);
  return times.map((at, i) => ({ type: NON_ARCHIVAL[i % NON_ARCHIVAL.length]!, at }));
}

/** Appends `entries` in transactions of `perTransaction` (1: audit_append; more: audit_append_batch). */
async function append(
  entries: Array<{ type: AuditEventType; at: number }>,
  perTransaction: number,
): Promise<void> {
  for (let offset = 0; offset < entries.length; offset += perTransaction) {
    await runAudited(app.services, async (_tx, audit) => {
      for (const [i, { type, at }] of entries.slice(offset, offset + perTransaction).entries()) {
        await audit.record(fixtureRecord(type, offset + i, new Date(at), subjectsOf(world)));
        instants.push(at);
      }
    });
  }
}

beforeAll(async () => {
  db = await openTestDatabase();
  app = createTestApp(db, { now: () => NOW, retention: { activeMonths: 3, purgeAfterMonths: 24 } });
  world = await createAuditFixtureWorld(app.services, 'cr');
  const entries = history();
  await append(entries.slice(0, 300), 50);
  await append(entries.slice(300, 340), 1);
  await append(entries.slice(340), 37);
}, 240_000);

afterAll(async () => {
  await db?.close();
});

describe('audit_count_rollup', () => {
  it('holds, per event type and UTC day, exactly the entries the table holds (backfill and appends alike)', async () => {
    expect(await db.prisma.auditEntry.count()).toBeGreaterThan(600);
    await expectRollupExact();
  });

  it('totalCount equals count(*) for random filters, edge days and empty windows included', async () => {
    await expectRandomFiltersExact(901, 300);
    // A window before any entry, and an instant no entry carries.
    expect(
      await countAuditEntries(app.services, {
        from: new Date('2025-03-01T00:00:00Z'),
        to: new Date('2025-09-01T00:00:00Z'),
      }),
    ).toBe(0);
    const gap = new Date(instants[0]! + 1);
    expect(await countAuditEntries(app.services, { from: gap, to: gap })).toBe(
      await referenceCount({ from: gap, to: gap }),
    );
  });

  it('a window ending at 23:59:59.999 counts that day whole and one ending at midnight counts its first instant', async () => {
    const day = HISTORY_START + 200 * DAY_MS;
    for (const [from, to] of [
      [day - 3 * DAY_MS, day + DAY_MS - 1],
      [day - 3 * DAY_MS, day],
      [day, day],
      [day + DAY_MS - 1, day + 5 * DAY_MS],
      [day + 1, day + DAY_MS - 2],
    ] as const) {
      const filter = { from: new Date(from), to: new Date(to) };
      expect(await countAuditEntries(app.services, filter)).toBe(await referenceCount(filter));
    }
    expect(wholeDaysOf({ from: new Date(day), to: new Date(day + DAY_MS - 1) })).toEqual({
      first: new Date(day),
      end: new Date(day + DAY_MS),
    });
    expect(wholeDaysOf({ from: new Date(day + 1), to: new Date(day + 2 * DAY_MS - 2) })).toBeNull();
  });

  it('totalCount through the API agrees', async () => {
    const token = await app.tokenFor('COMPLIANCE');
    const filter = {
      eventTypes: ['PERSONA_ASSIGNED', 'CONSENT_CHANGED'],
      from: '2026-02-03T05:00:00.000Z',
      to: '2026-09-30T23:59:59.999Z',
    };
    const result = await app.graphql<{ auditLog: { totalCount: number } }>(
      'query($filter: AuditLogFilter) { auditLog(filter: $filter, first: 1) { totalCount } }',
      { filter },
      { token },
    );
    expect(result.errors).toBeUndefined();
    const expected = await referenceCount({
      eventTypes: ['persona_assigned', 'consent_changed'],
      from: new Date(filter.from),
      to: new Date(filter.to),
    });
    expect(expected).toBeGreaterThan(20);
    expect(result.data!.auditLog.totalCount).toBe(expected);
  });

  it('an append that rolls back leaves the rollup as it was (one entry and a batch)', async () => {
    const before = await rollupAgainstRows();
    for (const size of [1, 3]) {
      const rolledBack = db.prisma.$transaction(async (tx) => {
        const writer = new AuditWriter(tx, app.services);
        for (let i = 0; i < size; i++) {
          await writer.record(
            fixtureRecord('persona_assigned', i, new Date('2026-05-05T10:00:00.000Z'), subjectsOf(world)),
          );
        }
        await writer.flush();
        // Counted inside the transaction, so the rollback is what takes it away.
        const [inside] = await tx.$queryRaw<Array<{ n: number }>>`
          SELECT sum(n)::int AS n FROM audit_count_rollup WHERE event_type = 'persona_assigned' AND day = '2026-05-05'`;
        expect(inside!.n).toBe((before.rollup['persona_assigned 2026-05-05'] ?? 0) + size);
        throw new Error('rolled back on purpose');
      });
      await expect(rolledBack).rejects.toThrow('rolled back on purpose');
    }
    expect(await rollupAgainstRows()).toEqual(before);
  });

  it('dates entries in UTC whatever the session time zone of the writer', async () => {
    // 12:00 UTC on 10 October is already 11 October at UTC+14 (a month retention keeps active).
    await db.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL TIME ZONE 'Pacific/Kiritimati'`);
      const writer = new AuditWriter(tx, app.services);
      for (const [i, at] of ['2026-10-10T12:00:00.000Z', '2026-10-10T23:59:59.999Z'].entries()) {
        await writer.record(fixtureRecord('operator_action', i, new Date(at), subjectsOf(world)));
        instants.push(Date.parse(at));
      }
      await writer.flush();
    });
    await expectRollupExact();
    const filter = {
      eventTypes: ['operator_action' as const],
      from: new Date('2026-10-09T00:00:00Z'),
      to: new Date('2026-10-11T23:59:59.999Z'),
    };
    expect(await countAuditEntries(app.services, filter)).toBe(await referenceCount(filter));
  });

  it('follows archiving: archived entries leave the counts, includeArchived adds them back', async () => {
    const random = seededRandom(903);
    const closedFilters = Array.from({ length: 40 }, () => {
      const filter = randomFilter(random, world);
      // Windows closed before the archival run's own receipts (stamped NOW).
      return {
        ...filter,
        to: filter.to && filter.to < new Date(HISTORY_END) ? filter.to : new Date(HISTORY_END),
      };
    });
    const totalsBefore = await Promise.all(
      closedFilters.map((filter) => countAuditEntries(app.services, filter)),
    );
    // Appends keep going while retention deletes months and appends its receipts.
    const [report] = await Promise.all([
      runRetention(app.services, { dryRun: false }),
      ...Array.from({ length: 4 }, async (_, writer) => {
        for (let t = 0; t < 5; t++) {
          await runAudited(app.services, async (_tx, audit) => {
            await audit.record(fixtureRecord('login_attempt', writer * 10 + t, NOW, subjectsOf(world)));
          });
        }
      }),
    ]);
    expect(report.archived.length).toBeGreaterThanOrEqual(8);
    await expectRollupExact();
    const removedRows = await db.prisma.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS n FROM audit_count_rollup WHERE removed`;
    expect(removedRows[0]!.n).toBeGreaterThan(0);
    await expectRandomFiltersExact(904, 150);
    const totalsAfter = await Promise.all(
      closedFilters.map((filter) => countAuditEntries(app.services, filter, { includeArchived: true })),
    );
    expect(totalsAfter).toEqual(totalsBefore);
  }, 240_000);
  it('stays exact with eight concurrent writers, entries of many days in each transaction', async () => {
    const random = seededRandom(77);
    const plans = Array.from({ length: 8 }, (_, writer) =>
      Array.from({ length: 6 }, (_, t) =>
        Array.from({ length: 1 + ((writer + t) % 4) }, () => ({
          type: NON_ARCHIVAL[Math.floor(random() * NON_ARCHIVAL.length)]!,
          at: HISTORY_START + Math.floor(random() * (HISTORY_END - HISTORY_START)),
        })),
      ),
    );
    const before = await db.prisma.auditEntry.count();
    await Promise.all(
      plans.map(async (transactions, writer) => {
        for (const entries of transactions) {
          await runAudited(app.services, async (_tx, audit) => {
            for (const [i, { type, at }] of entries.entries()) {
              await audit.record(fixtureRecord(type, writer * 100 + i, new Date(at), subjectsOf(world)));
              instants.push(at);
            }
          });
        }
      }),
    );
    const appended = plans.flat(2).length;
    expect(await db.prisma.auditEntry.count()).toBe(before + appended);
    await expectRollupExact();
    await expectRandomFiltersExact(902, 150);
  }, 120_000);
});

describe.runIf(!usingPostgres)('on the embedded database', () => {
  it('reads days in UTC whatever the session time zone of the reader', async () => {
    // PGlite is one connection: the setting holds for every statement countAuditEntries sends.
    await db.sql.exec(`SET TIME ZONE 'America/Anchorage'`);
    try {
      await expectRandomFiltersExact(905, 60);
    } finally {
      await db.sql.exec('SET TIME ZONE UTC');
    }
  });
});
