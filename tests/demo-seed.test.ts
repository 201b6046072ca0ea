import type { Database } from '@spendsense/server/db/client';
import { DEMO_LOGINS, seedDemo } from '@spendsense/server/demo/index';
import { archetypeOf } from '@spendsense/server/demo/synthetic/index';
import { type StoredAuditEntry, verifyChain } from '@spendsense/server/domain/audit/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import { openTestDatabase } from './support/database.js';

const NOW = new Date('2026-11-22T12:00:00Z');
const HISTORY = { customers: 30, seed: 42, asOf: '2026-11-22', months: 6 } as const;
/** Six months back from NOW. */
const HISTORY_START = new Date('2026-05-22T12:00:00Z');

async function countsByType(db: Database): Promise<Record<string, number>> {
  const rows = await db.prisma.auditEntry.groupBy({ by: ['eventType'], _count: { _all: true } });
  return Object.fromEntries(rows.map((row) => [row.eventType, row._count._all]).sort());
}

async function auditRows(db: Database) {
  return db.prisma.auditEntry.findMany({ orderBy: { seq: 'asc' } });
}

describe('the embedded demo with history', () => {
  let db: Database;
  let app: ReturnType<typeof createTestApp>;

  beforeAll(async () => {
    db = await openTestDatabase();
    app = createTestApp(db, { now: () => NOW });
    await seedDemo(app.services, HISTORY);
  }, 300_000);
  afterAll(async () => db?.close());

  it('writes every seeded event type, audit exports included', async () => {
    expect(Object.keys(await countsByType(db))).toEqual([
      'audit_exported',
      'consent_changed',
      'eligibility_checked',
      'login_attempt',
      'operator_action',
      'persona_assigned',
      'persona_overridden',
      'recommendation_generated',
      'tone_validated',
      'unauthorized_access',
    ]);
  });

  it('spreads the entries over every month of the history, never after now', async () => {
    const rows = await auditRows(db);
    expect(rows.length).toBeGreaterThan(1_000);
    expect(rows[0]!.occurredAt.getTime()).toBeGreaterThanOrEqual(HISTORY_START.getTime());
    expect(rows.at(-1)!.occurredAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
    const typesPerMonth = new Map<string, Set<string>>();
    for (const row of rows) {
      const month = row.occurredAt.toISOString().slice(0, 7);
      typesPerMonth.set(month, (typesPerMonth.get(month) ?? new Set()).add(row.eventType));
    }
    expect([...typesPerMonth.keys()]).toEqual([
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
    ]);
    // Every full month has assessments, reviews and logins, not just a few stray entries.
    for (const month of ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10']) {
      for (const type of [
        'persona_assigned',
        'recommendation_generated',
        'operator_action',
        'login_attempt',
      ]) {
        expect([month, typesPerMonth.get(month)!.has(type)]).toEqual([month, true]);
      }
    }
  });

  it('keeps sequence order and time order the same, in one chain that verifies', async () => {
    const rows = await auditRows(db);
    expect(rows.map((row) => Number(row.seq))).toEqual(rows.map((_, index) => index + 1));
    const outOfOrder = rows.findIndex(
      (row, index) => index > 0 && row.occurredAt.getTime() < rows[index - 1]!.occurredAt.getTime(),
    );
    expect(outOfOrder).toBe(-1);
    const entries: StoredAuditEntry[] = rows.map((row) => ({
      seq: Number(row.seq),
      logId: row.logId,
      eventType: row.eventType,
      userId: row.userId,
      operatorId: row.operatorId,
      recommendationId: row.recommendationId,
      occurredAt: row.occurredAt.toISOString(),
      eventData: row.eventData as never,
      ipAddress: row.ipAddress,
      userAgent: row.userAgent,
      contentHash: row.contentHash,
      prevHash: row.prevHash,
      hash: row.hash,
    }));
    expect(await verifyChain(entries)).toMatchObject({
      valid: true,
      checked: rows.length,
      firstInvalidSeq: null,
    });
  });

  it('lets customers join over the whole period and never processes them without consent', async () => {
    const customers = await db.prisma.user.findMany({
      include: { consents: { orderBy: { changedAt: 'asc' } }, assignments: { select: { assignedAt: true } } },
    });
    expect(customers).toHaveLength(HISTORY.customers);
    const joined = customers.map((c) => c.createdAt.getTime()).sort((a, b) => a - b);
    expect(joined[0]).toBeLessThan(HISTORY_START.getTime() + 30 * 86_400_000);
    expect(joined.at(-1)).toBeGreaterThan(NOW.getTime() - 45 * 86_400_000);
    const neverConsented = customers.filter((c) => !c.consents.some((r) => r.status === 'OPTED_IN'));
    expect(neverConsented.length).toBeGreaterThan(0);
    for (const customer of neverConsented) expect(customer.assignments).toEqual([]);
    // Nothing is assessed while a customer is opted out.
    for (const customer of customers) {
      for (const assignment of customer.assignments) {
        const consentThen = customer.consents.filter((r) => r.changedAt <= assignment.assignedAt).at(-1);
        expect(consentThen?.status).toBe('OPTED_IN');
      }
    }
    const withdrawals = customers.flatMap((c) => c.consents.filter((r) => r.status === 'OPTED_OUT'));
    expect(withdrawals.length).toBeGreaterThan(0);
  });

  it('has operators who approve, flag and override with justifications, and leaves a queue to review', async () => {
    const actions = await db.prisma.auditEntry.findMany({ where: { eventType: 'operator_action' } });
    const byAction = new Map<string, number>();
    for (const entry of actions) {
      const data = entry.eventData as { action: string; justification: string | null };
      byAction.set(data.action, (byAction.get(data.action) ?? 0) + 1);
      if (data.action !== 'approved') expect(data.justification?.length).toBeGreaterThan(10);
    }
    expect([...byAction.keys()].sort()).toEqual(['approved', 'flagged', 'overridden']);
    expect(new Set(actions.map((entry) => entry.operatorId)).size).toBeGreaterThanOrEqual(3);
    expect(await db.prisma.recommendation.count({ where: { status: 'PENDING_REVIEW' } })).toBeGreaterThan(0);
    const overrides = await db.prisma.personaAssignment.findMany({ where: { source: 'OVERRIDE' } });
    expect(overrides.length).toBeGreaterThan(0);
    for (const override of overrides)
      expect(override.prioritizationReason).toMatch(/^Overridden by .+: .{20,}/);
  });

  it('logs failed logins, a lockout and denied requests, with where they came from', async () => {
    const logins = await db.prisma.auditEntry.findMany({ where: { eventType: 'login_attempt' } });
    const reasons = new Set(
      logins.map((entry) => (entry.eventData as { failure_reason: string | null }).failure_reason),
    );
    expect([...reasons].sort()).toEqual([null, 'locked', 'unknown_username', 'wrong_password'].sort());
    for (const entry of logins) {
      expect(entry.ipAddress).toMatch(/^(198\.51\.100|203\.0\.113|192\.0\.2)\.\d+$/);
      expect(entry.userAgent).not.toBeNull();
    }
    const denials = await db.prisma.auditEntry.findMany({ where: { eventType: 'unauthorized_access' } });
    const paths = new Set(denials.map((entry) => (entry.eventData as { field_path: string }).field_path));
    expect(paths).toContain('Query.auditLog');
    expect(denials.some((entry) => entry.operatorId === null)).toBe(true);
  });

  it('assigns every persona and unclassified across the customers', async () => {
    const admin = DEMO_LOGINS.find((l) => l.role === 'ADMIN')!;
    const login = await app.graphql<{ login: { token: string } }>(
      'mutation($input: LoginInput!) { login(input: $input) { token } }',
      { input: { username: admin.username, password: admin.password } },
    );
    const token = login.data!.login.token;
    const result = await app.graphql<{ users: any }>(
      `{ users(first: 100) { totalCount edges { node { customerId
          d30: currentPersona(window: D30) { personaId }
          d180: currentPersona(window: D180) { personaId } } } } }`,
      {},
      { token },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.users.totalCount).toBe(HISTORY.customers);
    const assigned = result.data!.users.edges.filter((e: any) => e.node.d30);
    const personas = new Set(assigned.flatMap((e: any) => [e.node.d30.personaId, e.node.d180.personaId]));
    expect([...personas].sort()).toEqual([
      'cash_flow_optimizer',
      'high_utilization',
      'savings_builder',
      'subscription_heavy',
      'unclassified',
      'variable_income_budgeter',
      'young_professional',
    ]);
    // Customers who never consented are not processed.
    const unprocessed = result.data!.users.edges.filter((e: any) => !e.node.d30).length;
    const neverConsented = await db.prisma.user.count({
      where: { consents: { none: { status: 'OPTED_IN' } } },
    });
    expect(unprocessed).toBe(neverConsented);
  });

  it('gives a high-utilization customer a full trace in both windows', async () => {
    const consenting = await db.prisma.user.findMany({
      where: { consentStatus: 'OPTED_IN' },
      include: { assignments: { orderBy: { assignedAt: 'desc' }, take: 2 } },
      orderBy: { id: 'asc' },
    });
    const customer = consenting.find(
      (c) =>
        archetypeOf(Number(c.id.slice(4))) === 'high_utilization' &&
        c.assignments.every((a) => a.source === 'ENGINE'),
    )!;
    const token = await app.tokenFor('VIEWER', 'test-viewer');
    const result = await app.graphql<{ profile: any }>(
      `query($id: ID!) { profile(userId: $id) { windows { window assignedPersonaId prioritizationReason
          assignment { qualifyingPersonas evaluations { personaId matched conditions { signal actual held } } } } } }`,
      { id: Buffer.from(`User:${customer.id}`).toString('base64') },
      { token },
    );
    expect(result.errors).toBeUndefined();
    for (const w of result.data!.profile.windows) {
      expect(w.assignedPersonaId).toBe('high_utilization');
      expect(w.assignment.qualifyingPersonas[0]).toBe('high_utilization');
      expect(w.prioritizationReason).toMatch(/priority 1\)$/);
      const evaluation = w.assignment.evaluations.find((e: any) => e.personaId === 'high_utilization');
      expect(evaluation.matched).toBe(true);
      expect(evaluation.conditions.some((c: any) => c.held && c.actual !== null)).toBe(true);
    }
  });

  it('is idempotent: seeding again adds nothing', async () => {
    const before = await countsByType(db);
    await seedDemo(app.services, HISTORY);
    expect(await countsByType(db)).toEqual(before);
    expect(await db.prisma.user.count()).toBe(HISTORY.customers);
  });

  it('is deterministic: the same parameters give the same events at the same moments', async () => {
    const small = { customers: 10, seed: 7, asOf: '2026-11-22', months: 2 };
    const runs: Array<{ counts: Record<string, number>; timeline: string[] }> = [];
    for (let run = 0; run < 2; run++) {
      const other = await openTestDatabase();
      try {
        await seedDemo(createTestApp(other, { now: () => NOW }).services, small);
        const rows = await auditRows(other);
        runs.push({
          counts: await countsByType(other),
          timeline: rows.map((row) => `${row.eventType} ${row.userId} ${row.occurredAt.toISOString()}`),
        });
      } finally {
        await other.close();
      }
    }
    expect(runs[1]!.counts).toEqual(runs[0]!.counts);
    expect(runs[1]!.timeline).toEqual(runs[0]!.timeline);
    expect(runs[0]!.counts.persona_assigned).toBeGreaterThan(0);
  }, 300_000);
});

describe('the embedded demo without history (months 0)', () => {
  let db: Database;

  beforeAll(async () => {
    db = await openTestDatabase();
    const app = createTestApp(db, { now: () => NOW });
    await seedDemo(app.services, { customers: 20, seed: 42, asOf: '2026-11-22', months: 0 });
  }, 300_000);
  afterAll(async () => db?.close());

  it('stores today only: consents and one assignment per window for each consenting customer', async () => {
    const counts = await countsByType(db);
    const consenting = await db.prisma.user.count({ where: { consentStatus: 'OPTED_IN' } });
    expect(counts.persona_assigned).toBe(consenting * 2);
    expect(counts.recommendation_generated).toBeUndefined();
    expect(
      await db.prisma.personaAssignment.count({ where: { referenceDate: new Date('2026-11-22') } }),
    ).toBe(consenting * 2);
    const times = (await auditRows(db)).map((row) => row.occurredAt.getTime());
    expect(times.every((time, index) => index === 0 || time >= times[index - 1]!)).toBe(true);
    expect(Math.max(...times)).toBeLessThanOrEqual(NOW.getTime());
  });
});
