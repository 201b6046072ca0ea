import { randomUUID } from 'node:crypto';
import type { Database } from '@spendsense/server/db/client';
import type { AuditEventDataMap } from '@spendsense/server/domain/audit/index';
import type { PrismaClient } from '@spendsense/server/generated/prisma/client';
import { complianceMetrics } from '@spendsense/server/services/audit/metrics';
import { runAudited } from '@spendsense/server/services/audit/record-audit';
import { setConsent } from '@spendsense/server/services/consent';
import type { ServiceContext } from '@spendsense/server/services/context';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import { openTestDatabase } from './support/database.js';

const METRICS = /* GraphQL */ `
  query Metrics($from: DateTime, $to: DateTime) {
    complianceMetrics(from: $from, to: $to) {
      range { from to }
      consent {
        totalCustomers optedIn optedOut optInRatePct averageDaysToConsent
        monthlyTrend { month optIns optOuts }
      }
      eligibility {
        totalChecks passed failed passRatePct
        failureReasons { reason count }
        mostCommonCombinations { reasons count }
      }
      tone {
        totalValidations passed failed passRatePct criticalViolations
        violationsByCategory { category count }
        severityDistribution { severity count }
        violationsByCategoryAndSeverity { category severity count }
      }
      operatorActions {
        totalActions approvals overrides flags averageReviewTimeSeconds overrideRatePct
        byOperator { operatorId count operator { username } }
      }
    }
  }
`;

interface Metrics {
  range: { from: string | null; to: string | null };
  consent: {
    totalCustomers: number;
    optedIn: number;
    optedOut: number;
    optInRatePct: number | null;
    averageDaysToConsent: number | null;
    monthlyTrend: Array<{ month: string; optIns: number; optOuts: number }>;
  };
  eligibility: {
    totalChecks: number;
    passed: number;
    failed: number;
    passRatePct: number | null;
    failureReasons: Array<{ reason: string; count: number }>;
    mostCommonCombinations: Array<{ reasons: string[]; count: number }>;
  };
  tone: {
    totalValidations: number;
    passed: number;
    failed: number;
    passRatePct: number | null;
    criticalViolations: number;
    violationsByCategory: Array<{ category: string; count: number }>;
    severityDistribution: Array<{ severity: string; count: number }>;
    violationsByCategoryAndSeverity: Array<{ category: string; severity: string; count: number }>;
  };
  operatorActions: {
    totalActions: number;
    approvals: number;
    overrides: number;
    flags: number;
    averageReviewTimeSeconds: number | null;
    overrideRatePct: number | null;
    byOperator: Array<{ operatorId: string; count: number; operator: { username: string } | null }>;
  };
}

const at = (iso: string) => new Date(iso);
const operatorGlobalId = (id: string) => Buffer.from(`Operator:${id}`).toString('base64');

// The fixture spans January to July 2026. The "spring" range is March to May, both bounds inclusive and each
// hit exactly by an entry: 2026-03-01T00:00:00.000Z and 2026-05-31T23:59:59.999Z.
const SPRING = { from: '2026-03-01T00:00:00.000Z', to: '2026-05-31T23:59:59.999Z' };

const CUSTOMERS: Array<{
  id: string;
  createdAt: string;
  consents: Array<['OPTED_IN' | 'OPTED_OUT', string]>;
}> = [
  // 10 days to consent.
  {
    id: 'usr_m1',
    createdAt: '2026-01-01T00:00:00.000Z',
    consents: [['OPTED_IN', '2026-01-11T00:00:00.000Z']],
  },
  // 30.5 days; revokes and opts in again, which must not count as a second "first" opt-in.
  {
    id: 'usr_m2',
    createdAt: '2026-01-05T00:00:00.000Z',
    consents: [
      ['OPTED_IN', '2026-02-04T12:00:00.000Z'],
      ['OPTED_OUT', '2026-03-10T00:00:00.000Z'],
      ['OPTED_IN', '2026-04-01T00:00:00.000Z'],
    ],
  },
  // 28 days, first opt-in exactly at the spring lower bound.
  { id: 'usr_m3', createdAt: '2026-02-01T00:00:00.000Z', consents: [['OPTED_IN', SPRING.from]] },
  // Never answered: opted out by default.
  { id: 'usr_m4', createdAt: '2026-02-01T00:00:00.000Z', consents: [] },
  {
    id: 'usr_m5',
    createdAt: '2026-03-01T00:00:00.000Z',
    consents: [['OPTED_OUT', '2026-03-15T00:00:00.000Z']],
  },
  // 91.99999998843 days, exactly at the spring upper bound, and still May in UTC.
  { id: 'usr_m6', createdAt: '2026-03-01T00:00:00.000Z', consents: [['OPTED_IN', SPRING.to]] },
  // 182 days; leaves June without any consent change.
  {
    id: 'usr_m7',
    createdAt: '2026-01-01T00:00:00.000Z',
    consents: [['OPTED_IN', '2026-07-02T00:00:00.000Z']],
  },
];

type Eligibility = [occurredAt: string, pass: boolean, reasons: string[]];
const ELIGIBILITY: Eligibility[] = [
  ['2026-01-15T10:00:00.000Z', true, []],
  ['2026-02-10T10:00:00.000Z', false, ['income_below_threshold']],
  [SPRING.from, false, ['age_below_18', 'income_below_threshold']],
  ['2026-03-20T10:00:00.000Z', false, ['income_below_threshold', 'age_below_18']],
  ['2026-04-10T10:00:00.000Z', false, ['credit_score_below_minimum']],
  ['2026-04-11T10:00:00.000Z', true, []],
  [SPRING.to, false, ['income_below_threshold']],
  ['2026-06-15T10:00:00.000Z', false, ['income_below_threshold', 'debt_ratio_above_maximum', 'age_below_18']],
  ['2026-06-16T10:00:00.000Z', false, ['residency_not_supported']],
  // A reason repeated within one check counts once.
  ['2026-06-17T10:00:00.000Z', false, ['existing_account', 'existing_account']],
  ['2026-07-01T10:00:00.000Z', true, []],
];

type Tone = [occurredAt: string, category: string | null, severity: 'warning' | 'critical' | null];
const TONE: Tone[] = [
  ['2026-01-20T10:00:00.000Z', null, null],
  ['2026-02-20T10:00:00.000Z', 'shame_based', 'warning'],
  ['2026-03-05T10:00:00.000Z', 'pressure', 'critical'],
  ['2026-03-06T10:00:00.000Z', 'pressure', 'warning'],
  ['2026-04-07T10:00:00.000Z', null, null],
  ['2026-05-08T10:00:00.000Z', 'misleading', 'critical'],
  ['2026-06-09T10:00:00.000Z', 'pressure', 'critical'],
  ['2026-06-10T10:00:00.000Z', null, null],
];

type Reviewer = 'alice' | 'bob' | 'ghost';
type Action = [
  occurredAt: string,
  who: Reviewer,
  action: 'approved' | 'overridden' | 'flagged',
  seconds: number | null,
];
const ACTIONS: Action[] = [
  ['2026-01-25T10:00:00.000Z', 'alice', 'approved', 60],
  ['2026-02-25T10:00:00.000Z', 'alice', 'approved', 30],
  ['2026-03-02T10:00:00.000Z', 'bob', 'overridden', 120],
  ['2026-03-03T10:00:00.000Z', 'alice', 'flagged', null],
  ['2026-04-04T10:00:00.000Z', 'ghost', 'approved', 45],
  ['2026-05-05T10:00:00.000Z', 'bob', 'approved', 10],
  ['2026-06-06T10:00:00.000Z', 'alice', 'flagged', 7],
];

async function createCustomers(db: Database): Promise<void> {
  for (const customer of CUSTOMERS) {
    await db.prisma.user.create({
      data: {
        id: customer.id,
        name: customer.id,
        email: `${customer.id}@example.com`,
        dateOfBirth: at('1990-01-01T00:00:00.000Z'),
        createdAt: at(customer.createdAt),
      },
    });
  }
}

/** Consent goes through the real service (history, status and consent_changed entry in one transaction). */
async function recordConsents(services: ServiceContext): Promise<void> {
  for (const customer of CUSTOMERS) {
    for (const [status, occurredAt] of customer.consents) {
      await setConsent(services, { userId: customer.id, status, channel: 'web', occurredAt: at(occurredAt) });
    }
  }
}

async function recordGuardrailsAndReviews(
  services: ServiceContext,
  operators: Record<Reviewer, string>,
): Promise<void> {
  type Entry = {
    [K in keyof AuditEventDataMap]: {
      eventType: K;
      eventData: AuditEventDataMap[K];
      occurredAt: string;
      operatorId?: string;
      recommendationId: string;
    };
  }[keyof AuditEventDataMap];
  const entries: Entry[] = [];
  for (const [occurredAt, pass, reasons] of ELIGIBILITY) {
    const recommendationId = randomUUID();
    entries.push({
      eventType: 'eligibility_checked',
      occurredAt,
      recommendationId,
      eventData: {
        recommendation_id: recommendationId,
        pass,
        failure_reasons: reasons,
        thresholds: { min_income: 30000 },
        user_values: { income: pass ? 45000 : 12000 },
      },
    });
  }
  for (const [occurredAt, category, severity] of TONE) {
    const recommendationId = randomUUID();
    entries.push({
      eventType: 'tone_validated',
      occurredAt,
      recommendationId,
      eventData: {
        recommendation_id: recommendationId,
        pass: category === null,
        detected_violations: category === null ? [] : ['you should be ashamed'],
        category,
        severity,
        original_text: 'Build a small emergency fund.',
      },
    });
  }
  for (const [occurredAt, who, action, seconds] of ACTIONS) {
    const recommendationId = randomUUID();
    entries.push({
      eventType: 'operator_action',
      occurredAt,
      recommendationId,
      operatorId: operators[who],
      eventData: {
        recommendation_id: recommendationId,
        action,
        justification: action === 'approved' ? null : 'Wording needs review.',
        review_time_seconds: seconds,
        original_status: 'PENDING_REVIEW',
        new_status: action.toUpperCase(),
      },
    });
  }
  entries.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  await runAudited(services, async (_tx, audit) => {
    for (const entry of entries) {
      await audit.record({
        eventType: entry.eventType,
        eventData: entry.eventData,
        userId: 'usr_m1',
        operatorId: entry.operatorId ?? null,
        recommendationId: entry.recommendationId,
        occurredAt: at(entry.occurredAt),
      } as Parameters<typeof audit.record>[0]);
    }
    // Entries of other types inside the range must not leak into any section.
    await audit.record({
      eventType: 'login_attempt',
      occurredAt: at('2026-04-01T08:00:00.000Z'),
      operatorId: operators.alice,
      eventData: { status: 'success', username: 'alice', failure_reason: null },
    });
    await audit.record({
      eventType: 'recommendation_generated',
      occurredAt: at('2026-04-01T09:00:00.000Z'),
      userId: 'usr_m1',
      recommendationId: randomUUID(),
      eventData: {
        persona_id: 'high_utilization',
        window: 'D30',
        content_id: 'edu_credit_utilization',
        content_type: 'education',
        title: 'Credit utilization',
        rationale: 'Because your card is at 62 %.',
        passed_guardrails: false,
        guardrail_results: [{ stage: 'eligibility', pass: false, reason: 'income_below_threshold' }],
      },
    });
  });
}

describe('complianceMetrics', () => {
  let db: Database;
  let app: ReturnType<typeof createTestApp>;
  let admin: string;
  let operators: Record<Reviewer, string>;

  beforeAll(async () => {
    db = await openTestDatabase();
    app = createTestApp(db);
    admin = await app.tokenFor('ADMIN', 'alice');
    await app.tokenFor('REVIEWER', 'bob');
    const byName = await db.prisma.operator.findMany({ where: { username: { in: ['alice', 'bob'] } } });
    const idOf = (username: string) => byName.find((o) => o.username === username)!.id;
    operators = { alice: idOf('alice'), bob: idOf('bob'), ghost: randomUUID() };
    await createCustomers(db);
    await recordConsents(app.services);
    await recordGuardrailsAndReviews(app.services, operators);
  });

  afterAll(async () => {
    await db?.close();
  });

  async function metrics(variables: { from?: string; to?: string } = {}, token = admin): Promise<Metrics> {
    const result = await app.graphql<{ complianceMetrics: Metrics }>(METRICS, variables, { token });
    expect(result.errors).toBeUndefined();
    return result.data!.complianceMetrics;
  }

  /** byOperator ties are ordered by operator id, which is random per run. */
  function operatorRows(rows: Array<[Reviewer, number]>) {
    return [...rows]
      .sort(([a, countA], [b, countB]) => countB - countA || operators[a].localeCompare(operators[b]))
      .map(([who, count]) => ({
        operatorId: operatorGlobalId(operators[who]),
        count,
        operator: who === 'ghost' ? null : { username: who },
      }));
  }

  it('computes every number over all time', async () => {
    const all = await metrics();
    expect(all.range).toEqual({ from: null, to: null });
    expect(all.consent).toEqual({
      totalCustomers: 7,
      optedIn: 5,
      optedOut: 2,
      optInRatePct: 71.4,
      // (10 + 30.5 + 28 + 91.99999998843 + 182) / 5
      averageDaysToConsent: 68.5,
      monthlyTrend: [
        { month: '2026-01', optIns: 1, optOuts: 0 },
        { month: '2026-02', optIns: 1, optOuts: 0 },
        { month: '2026-03', optIns: 1, optOuts: 2 },
        { month: '2026-04', optIns: 1, optOuts: 0 },
        { month: '2026-05', optIns: 1, optOuts: 0 },
        { month: '2026-06', optIns: 0, optOuts: 0 },
        { month: '2026-07', optIns: 1, optOuts: 0 },
      ],
    });
    expect(all.eligibility).toEqual({
      totalChecks: 11,
      passed: 3,
      failed: 8,
      passRatePct: 27.3,
      failureReasons: [
        { reason: 'income_below_threshold', count: 5 },
        { reason: 'age_below_18', count: 3 },
        { reason: 'credit_score_below_minimum', count: 1 },
        { reason: 'debt_ratio_above_maximum', count: 1 },
        { reason: 'existing_account', count: 1 },
        { reason: 'residency_not_supported', count: 1 },
      ],
      // Six distinct combinations; residency_not_supported is the sixth and drops out of the top five.
      mostCommonCombinations: [
        { reasons: ['age_below_18', 'income_below_threshold'], count: 2 },
        { reasons: ['income_below_threshold'], count: 2 },
        { reasons: ['age_below_18', 'debt_ratio_above_maximum', 'income_below_threshold'], count: 1 },
        { reasons: ['credit_score_below_minimum'], count: 1 },
        { reasons: ['existing_account'], count: 1 },
      ],
    });
    expect(all.tone).toEqual({
      totalValidations: 8,
      passed: 3,
      failed: 5,
      passRatePct: 37.5,
      criticalViolations: 3,
      violationsByCategory: [
        { category: 'pressure', count: 3 },
        { category: 'misleading', count: 1 },
        { category: 'shame_based', count: 1 },
      ],
      severityDistribution: [
        { severity: 'critical', count: 3 },
        { severity: 'warning', count: 2 },
      ],
      violationsByCategoryAndSeverity: [
        { category: 'misleading', severity: 'critical', count: 1 },
        { category: 'pressure', severity: 'critical', count: 2 },
        { category: 'pressure', severity: 'warning', count: 1 },
        { category: 'shame_based', severity: 'warning', count: 1 },
      ],
    });
    expect(all.operatorActions).toEqual({
      totalActions: 7,
      approvals: 4,
      overrides: 1,
      flags: 2,
      // (60 + 30 + 120 + 45 + 10 + 7) / 6 = 45.33: the action without a review time is left out.
      averageReviewTimeSeconds: 45.3,
      overrideRatePct: 14.3,
      byOperator: operatorRows([
        ['alice', 4],
        ['bob', 2],
        ['ghost', 1],
      ]),
    });
  });

  it('includes entries exactly on both bounds of the range', async () => {
    const spring = await metrics(SPRING);
    expect(spring.range).toEqual(SPRING);
    expect(spring.consent).toEqual({
      // Customer counts are the current state, not limited to the range.
      totalCustomers: 7,
      optedIn: 5,
      optedOut: 2,
      optInRatePct: 71.4,
      // usr_m3 (28) and usr_m6 (91.99999998843); usr_m2's second opt-in in April is not a first opt-in.
      averageDaysToConsent: 60,
      monthlyTrend: [
        { month: '2026-03', optIns: 1, optOuts: 2 },
        { month: '2026-04', optIns: 1, optOuts: 0 },
        { month: '2026-05', optIns: 1, optOuts: 0 },
      ],
    });
    expect(spring.eligibility).toEqual({
      totalChecks: 5,
      passed: 1,
      failed: 4,
      passRatePct: 20,
      failureReasons: [
        { reason: 'income_below_threshold', count: 3 },
        { reason: 'age_below_18', count: 2 },
        { reason: 'credit_score_below_minimum', count: 1 },
      ],
      mostCommonCombinations: [
        { reasons: ['age_below_18', 'income_below_threshold'], count: 2 },
        { reasons: ['credit_score_below_minimum'], count: 1 },
        { reasons: ['income_below_threshold'], count: 1 },
      ],
    });
    expect(spring.tone).toEqual({
      totalValidations: 4,
      passed: 1,
      failed: 3,
      passRatePct: 25,
      criticalViolations: 2,
      violationsByCategory: [
        { category: 'pressure', count: 2 },
        { category: 'misleading', count: 1 },
      ],
      severityDistribution: [
        { severity: 'critical', count: 2 },
        { severity: 'warning', count: 1 },
      ],
      violationsByCategoryAndSeverity: [
        { category: 'misleading', severity: 'critical', count: 1 },
        { category: 'pressure', severity: 'critical', count: 1 },
        { category: 'pressure', severity: 'warning', count: 1 },
      ],
    });
    expect(spring.operatorActions).toEqual({
      totalActions: 4,
      approvals: 2,
      overrides: 1,
      flags: 1,
      averageReviewTimeSeconds: 58.3,
      overrideRatePct: 25,
      byOperator: operatorRows([
        ['bob', 2],
        ['alice', 1],
        ['ghost', 1],
      ]),
    });
  });

  it('excludes entries one millisecond outside either bound', async () => {
    const inner = await metrics({ from: '2026-03-01T00:00:00.001Z', to: '2026-05-31T23:59:59.998Z' });
    expect(inner.eligibility.totalChecks).toBe(3);
    expect(inner.consent.monthlyTrend).toEqual([
      { month: '2026-03', optIns: 0, optOuts: 2 },
      { month: '2026-04', optIns: 1, optOuts: 0 },
    ]);
    // Neither usr_m3 nor usr_m6 first opted in strictly inside; usr_m2 first opted in in February.
    expect(inner.consent.averageDaysToConsent).toBeNull();
  });

  it('accepts a single instant and open-ended ranges', async () => {
    const instant = await metrics({ from: SPRING.from, to: SPRING.from });
    expect(instant.eligibility.totalChecks).toBe(1);
    expect(instant.consent.monthlyTrend).toEqual([{ month: '2026-03', optIns: 1, optOuts: 0 }]);
    const sinceJune = await metrics({ from: '2026-06-01T00:00:00.000Z' });
    expect([sinceJune.eligibility.totalChecks, sinceJune.tone.totalValidations]).toEqual([4, 2]);
    expect(sinceJune.operatorActions.byOperator).toEqual(operatorRows([['alice', 1]]));
    const untilFebruary = await metrics({ to: '2026-02-28T23:59:59.999Z' });
    expect(untilFebruary.operatorActions).toMatchObject({ totalActions: 2, averageReviewTimeSeconds: 45 });
    expect(untilFebruary.consent.averageDaysToConsent).toBe(20.3); // (10 + 30.5) / 2 = 20.25, half up
  });

  it('counts months in UTC whatever the session time zone', async () => {
    // At UTC+14 usr_m6's opt-in (May 31, 23:59:59.999 UTC) is already June 1 locally.
    const { consent } = await db.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL TIME ZONE 'Pacific/Kiritimati'");
      // The metrics read through the database's SQL executor: here, one that runs in this transaction.
      const sql: typeof db.sql = {
        ...db.sql,
        query: async <Row>(statement: string, params: unknown[] = []) => ({
          rows: await tx.$queryRawUnsafe<Row[]>(statement, ...params),
        }),
      };
      const inSession = { ...app.services, db: { ...db, prisma: tx as unknown as PrismaClient, sql } };
      return complianceMetrics(inSession);
    });
    expect(consent.monthlyTrend.slice(3, 6)).toEqual([
      { month: '2026-04', optIns: 1, optOuts: 0 },
      { month: '2026-05', optIns: 1, optOuts: 0 },
      { month: '2026-06', optIns: 0, optOuts: 0 },
    ]);
  });

  it('reports zeros and null rates for a range without entries', async () => {
    const empty = await metrics({ from: '2030-01-01T00:00:00.000Z' });
    expect(empty.eligibility).toEqual({
      totalChecks: 0,
      passed: 0,
      failed: 0,
      passRatePct: null,
      failureReasons: [],
      mostCommonCombinations: [],
    });
    expect(empty.consent.monthlyTrend).toEqual([]);
  });

  it('rejects from after to as BAD_USER_INPUT', async () => {
    const result = await app.graphql(
      METRICS,
      { from: '2026-03-01T00:00:00.001Z', to: '2026-03-01T00:00:00.000Z' },
      { token: admin },
    );
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toBe('from must not be after to');
  });

  it('is readable by compliance and admin only, and logs every denial', async () => {
    const query = '{ complianceMetrics { eligibility { totalChecks } } }';
    const anonymous = await app.graphql(query);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    for (const role of ['VIEWER', 'REVIEWER'] as const) {
      const denied = await app.graphql(query, {}, { token: await app.tokenFor(role) });
      expect(denied.errors?.[0]?.extensions?.code, role).toBe('FORBIDDEN');
      expect(denied.data, role).toBeNull();
    }
    for (const role of ['COMPLIANCE', 'ADMIN'] as const) {
      const allowed = await app.graphql<{ complianceMetrics: { eligibility: { totalChecks: number } } }>(
        query,
        {},
        { token: await app.tokenFor(role, `metrics-${role.toLowerCase()}`) },
      );
      expect(allowed.errors, role).toBeUndefined();
      expect(allowed.data?.complianceMetrics.eligibility.totalChecks, role).toBe(11);
    }
    const denials = await db.prisma.auditEntry.count({
      where: {
        eventType: 'unauthorized_access',
        eventData: { path: ['field_path'], equals: 'Query.complianceMetrics' },
      },
    });
    expect(denials).toBe(3);
  });

  it('computes in the database: a few aggregate statements, no audit entry loaded', async () => {
    const calls: Array<{ model: string | undefined; operation: string; sql: string; rows: number }> = [];
    const recorded = db.prisma.$extends({
      query: {
        async $allOperations({ model, operation, args, query }) {
          const result = await query(args);
          const sql = JSON.stringify(args);
          calls.push({ model, operation, sql, rows: Array.isArray(result) ? result.length : 1 });
          return result;
        },
      },
    });
    // The aggregates go through the database's SQL executor, not Prisma: recorded there.
    const sql: typeof db.sql = {
      ...db.sql,
      async query<Row>(statement: string, params?: unknown[]) {
        const result = await db.sql.query<Row>(statement, params);
        calls.push({ model: undefined, operation: 'sql', sql: statement, rows: result.rows.length });
        return result;
      },
    };
    const observed = createTestApp({ ...db, prisma: recorded as unknown as PrismaClient, sql });
    const token = await observed.tokenFor('COMPLIANCE', 'metrics-observer');
    calls.length = 0;
    const result = await observed.graphql(METRICS, {}, { token });
    expect(result.errors).toBeUndefined();

    expect(calls.filter((call) => call.model === 'AuditEntry')).toEqual([]);
    // The session lookup is a statement of its own (the request's authentication), not a metric.
    const raw = calls.filter((call) => call.model === undefined && !call.sql.includes('operator_sessions'));
    expect(raw.map((call) => call.operation)).toEqual(['sql', 'sql', 'sql', 'sql']);
    for (const call of raw) {
      expect(call.rows).toBe(1);
      expect(call.sql).toMatch(/COUNT\(\*\)/);
    }
    // The only model read is the byOperator links: one batched lookup for every row (the ghost finds nothing).
    expect(calls.filter((call) => call.model === 'Operator').map((call) => call.operation)).toEqual([
      'findMany',
    ]);
  });
});

describe('complianceMetrics on an empty database', () => {
  let db: Database;

  beforeAll(async () => {
    db = await openTestDatabase();
  });

  afterAll(async () => {
    await db?.close();
  });

  it('reports zeros, empty lists and null rates', async () => {
    const app = createTestApp(db);
    const result = await app.graphql<{ complianceMetrics: Metrics }>(
      METRICS,
      {},
      { token: await app.tokenFor('COMPLIANCE') },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.complianceMetrics).toEqual({
      range: { from: null, to: null },
      consent: {
        totalCustomers: 0,
        optedIn: 0,
        optedOut: 0,
        optInRatePct: null,
        averageDaysToConsent: null,
        monthlyTrend: [],
      },
      eligibility: {
        totalChecks: 0,
        passed: 0,
        failed: 0,
        passRatePct: null,
        failureReasons: [],
        mostCommonCombinations: [],
      },
      tone: {
        totalValidations: 0,
        passed: 0,
        failed: 0,
        passRatePct: null,
        criticalViolations: 0,
        violationsByCategory: [],
        severityDistribution: [],
        violationsByCategoryAndSeverity: [],
      },
      operatorActions: {
        totalActions: 0,
        approvals: 0,
        overrides: 0,
        flags: 0,
        averageReviewTimeSeconds: null,
        overrideRatePct: null,
        byOperator: [],
      },
    });
  });
});
