import { randomUUID } from 'node:crypto';
import type { Database } from '@spendsense/server/db/client';
import { DISCLAIMER } from '@spendsense/server/domain/guardrails/index';
import { OPERATOR_ROLES, type OperatorRole } from '@spendsense/server/domain/operators/index';
import { DomainError } from '@spendsense/server/errors';
import { assignPersona } from '@spendsense/server/services/assign-persona';
import { generateRecommendations } from '@spendsense/server/services/recommendations';
import { reviewRecommendation } from '@spendsense/server/services/review';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditEntriesAfter,
  auditHead,
  globalId,
  manualClock,
  openTestApp,
  optIn,
  REFERENCE_DATE,
  signInEveryRole,
  storeCustomer,
  subscriptionHeavyLedger,
  type TestApp,
  tableCounts,
  variableIncomeLedger,
} from './support/review-fixtures.js';

const QUEUE = `
  query Queue($filter: ReviewQueueFilter, $first: Int, $after: String) {
    reviewQueue(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id catalogItemId status stoppedAt user { customerId } } }
    }
  }`;

const REVIEW = `
  mutation Review($input: ReviewRecommendationInput!) {
    reviewRecommendation(input: $input) {
      id status reviewedAt reviewJustification disclaimer deliveredBody body reviewedBy { username }
    }
  }`;

const BATCH = `
  mutation Batch($input: ReviewRecommendationsInput!) {
    reviewRecommendations(input: $input) { id status reviewedBy { username } }
  }`;

const AGENT = { 'user-agent': 'review-test/1.0' };

let db: Database;
let app: TestApp;
const clock = manualClock();
let tokens: Record<OperatorRole, string>;
const operators: Record<string, string> = {};

beforeAll(async () => {
  ({ db, app } = await openTestApp(clock));
  tokens = await signInEveryRole(app);
  for (const role of OPERATOR_ROLES) {
    operators[role] = (
      await db.prisma.operator.findUniqueOrThrow({ where: { username: role.toLowerCase() } })
    ).id;
  }
  for (const [ledger, window] of [
    [subscriptionHeavyLedger('usr_subs'), 'D30'],
    [variableIncomeLedger('usr_gig'), 'D180'],
  ] as const) {
    await storeCustomer(app.services, ledger);
    await optIn(app.services, ledger.user.id);
    await assignPersona(app.services, { userId: ledger.user.id, window, referenceDate: REFERENCE_DATE });
  }
  clock.set('2025-07-01T09:00:00.000Z');
  await generateRecommendations(app.services, { userId: 'usr_subs', window: 'D30' });
  clock.set('2025-07-01T09:10:00.000Z');
  await generateRecommendations(app.services, { userId: 'usr_gig', window: 'D180' });
  clock.set('2025-07-01T09:30:00.250Z');
});

afterAll(async () => {
  await db?.close();
});

async function idOf(catalogItemId: string, status = 'PENDING_REVIEW'): Promise<string> {
  const row = await db.prisma.recommendation.findFirstOrThrow({
    where: { catalogItemId, status: status as never },
    orderBy: { createdAt: 'desc' },
  });
  return row.id;
}

const recommendationGid = (id: string) => globalId('Recommendation', id);

describe('reviewQueue', () => {
  it('lists the items a guardrail held back, newest first, with totalCount and cursors', async () => {
    const page1 = await app.graphql<{ reviewQueue: any }>(QUEUE, { first: 1 }, { token: tokens.REVIEWER });
    expect(page1.errors).toBeUndefined();
    expect(page1.data!.reviewQueue.totalCount).toBe(2);
    expect(page1.data!.reviewQueue.pageInfo.hasNextPage).toBe(true);
    expect(page1.data!.reviewQueue.edges.map((edge: any) => edge.node)).toEqual([
      {
        id: recommendationGid(await idOf('offer-payday-loan')),
        catalogItemId: 'offer-payday-loan',
        status: 'PENDING_REVIEW',
        stoppedAt: 'ELIGIBILITY',
        user: { customerId: 'usr_gig' },
      },
    ]);
    const page2 = await app.graphql<{ reviewQueue: any }>(
      QUEUE,
      { first: 5, after: page1.data!.reviewQueue.pageInfo.endCursor },
      { token: tokens.REVIEWER },
    );
    expect(page2.data!.reviewQueue.pageInfo.hasNextPage).toBe(false);
    expect(page2.data!.reviewQueue.edges.map((edge: any) => edge.node.catalogItemId)).toEqual([
      'offer-subscription-manager',
    ]);
  });

  it.each([
    ['stoppedAt', { stoppedAt: 'TONE' }, 1, ['offer-subscription-manager']],
    ['userId', { userId: globalId('User', 'usr_gig') }, 1, ['offer-payday-loan']],
    ['userId and stoppedAt', { userId: globalId('User', 'usr_gig'), stoppedAt: 'TONE' }, 0, []],
    ['statuses', { statuses: ['PASSED'], userId: globalId('User', 'usr_subs') }, 7, null],
    ['several statuses', { statuses: ['PASSED', 'PENDING_REVIEW'] }, 16, null],
  ])('filters by %s', async (_label, filter, totalCount, catalogItemIds) => {
    const result = await app.graphql<{ reviewQueue: any }>(
      QUEUE,
      { filter, first: 20 },
      { token: tokens.ADMIN },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.reviewQueue.totalCount).toBe(totalCount);
    expect(result.data!.reviewQueue.edges).toHaveLength(totalCount);
    if (catalogItemIds) {
      expect(result.data!.reviewQueue.edges.map((edge: any) => edge.node.catalogItemId)).toEqual(
        catalogItemIds,
      );
    }
  });

  it('rejects a filter naming another type as the customer', async () => {
    const result = await app.graphql(
      QUEUE,
      { filter: { userId: globalId('Operator', 'usr_gig') } },
      { token: tokens.REVIEWER },
    );
    expect(result.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it("shows the figures each rationale cites, rebuilt from the assignment's signals", async () => {
    const result = await app.graphql<{ reviewQueue: any }>(
      `{ reviewQueue(filter: { statuses: [PASSED, PENDING_REVIEW] }, first: 30) {
          edges { node { rationale citedFacts { name value } } } } }`,
      {},
      { token: tokens.REVIEWER },
    );
    expect(result.errors).toBeUndefined();
    const nodes = result.data!.reviewQueue.edges.map((edge: any) => edge.node);
    expect(nodes.length).toBe(16);
    for (const node of nodes) {
      expect(node.citedFacts, node.rationale).not.toBeNull();
      expect(node.citedFacts.length).toBeGreaterThan(0);
    }
    const paychecks = nodes.find((node: any) => node.rationale.includes('paychecks into the account'));
    expect(paychecks.citedFacts).toEqual([
      { name: 'account_mask', value: '7788' },
      { name: 'paychecks_cited', value: 3 },
      { name: 'lowest_paycheck', value: 900 },
      { name: 'highest_paycheck', value: 2400 },
      { name: 'median_pay_gap_days', value: 60 },
    ]);
    expect(paychecks.rationale).toContain('ending in 7788');
  });

  it('is readable by compliance officers too', async () => {
    const result = await app.graphql<{ reviewQueue: any }>(QUEUE, {}, { token: tokens.COMPLIANCE });
    expect(result.errors).toBeUndefined();
    expect(result.data!.reviewQueue.totalCount).toBe(2);
  });

  it('is readable by a viewer, who may not act on it (the viewer policy in policy.ts)', async () => {
    const result = await app.graphql<{ reviewQueue: { totalCount: number } }>(
      QUEUE,
      {},
      { token: tokens.VIEWER },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.reviewQueue.totalCount).toBeGreaterThan(0);
  });

  it.each([[null, 'UNAUTHENTICATED']] as const)(
    'refuses %s with %s and logs the denial',
    async (role, code) => {
      const head = await auditHead(db);
      const result = await app.graphql(QUEUE, {}, role ? { token: tokens[role] } : {});
      expect(result.errors?.[0]?.extensions?.['code']).toBe(code);
      const entries = await auditEntriesAfter(db, head);
      expect(entries.map((entry) => [entry.eventType, entry.eventData])).toEqual([
        [
          'unauthorized_access',
          {
            field_path: 'Query.reviewQueue',
            required_scopes: ['capability:readCustomers'],
            operator_role: role,
          },
        ],
      ]);
    },
  );
});

describe('reviewRecommendation', () => {
  it('a reviewer approves: status, reviewer, disclaimer and exactly one operator_action with the review time', async () => {
    const id = await idOf('offer-subscription-manager');
    const head = await auditHead(db);
    const result = await app.graphql<{ reviewRecommendation: any }>(
      REVIEW,
      { input: { id: recommendationGid(id), action: 'APPROVE', justification: '  ' } },
      { token: tokens.REVIEWER, headers: AGENT },
    );
    expect(result.errors).toBeUndefined();
    const reviewed = result.data!.reviewRecommendation;
    expect(reviewed).toMatchObject({
      status: 'APPROVED',
      reviewedAt: '2025-07-01T09:30:00.250Z',
      reviewJustification: null,
      disclaimer: DISCLAIMER,
      reviewedBy: { username: 'reviewer' },
    });
    expect(reviewed.deliveredBody).toBe(`${reviewed.body}\n\n${DISCLAIMER}`);

    const entries = await auditEntriesAfter(db, head);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      eventType: 'operator_action',
      userId: 'usr_subs',
      operatorId: operators.REVIEWER,
      recommendationId: id,
      userAgent: 'review-test/1.0',
    });
    expect(entries[0]!.occurredAt.toISOString()).toBe('2025-07-01T09:30:00.250Z');
    expect(entries[0]!.eventData).toEqual({
      recommendation_id: id,
      action: 'approved',
      justification: null,
      // Generated at 09:00:00.000, reviewed at 09:30:00.250.
      review_time_seconds: 1800.25,
      original_status: 'pending_review',
      new_status: 'approved',
      stopped_at: 'tone',
    });
  });

  it('reviewing it again is a CONFLICT and changes nothing', async () => {
    const id = await idOf('offer-subscription-manager', 'APPROVED');
    const before = await tableCounts(db);
    const result = await app.graphql(
      REVIEW,
      { input: { id: recommendationGid(id), action: 'FLAG', justification: 'Second thoughts' } },
      { token: tokens.ADMIN },
    );
    expect(result.errors?.[0]?.extensions?.['code']).toBe('CONFLICT');
    expect(await tableCounts(db)).toEqual(before);
  });

  it('a reviewer may not override: FORBIDDEN, logged as unauthorized_access, nothing else changes', async () => {
    const id = await idOf('offer-payday-loan');
    const before = await tableCounts(db);
    const head = await auditHead(db);
    const result = await app.graphql(
      REVIEW,
      { input: { id: recommendationGid(id), action: 'OVERRIDE', justification: 'Customer asked for it' } },
      { token: tokens.REVIEWER, headers: AGENT },
    );
    expect(result.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const entries = await auditEntriesAfter(db, head);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      eventType: 'unauthorized_access',
      operatorId: operators.REVIEWER,
      userAgent: 'review-test/1.0',
    });
    expect(entries[0]!.eventData).toEqual({
      field_path: 'Mutation.reviewRecommendation',
      required_scopes: ['capability:administer'],
      operator_role: 'REVIEWER',
    });
    expect({ ...(await tableCounts(db)), audit: before.audit, headSeq: before.headSeq }).toEqual(before);
    expect((await db.prisma.recommendation.findUniqueOrThrow({ where: { id } })).status).toBe(
      'PENDING_REVIEW',
    );
  });

  it.each([
    ['VIEWER', 'FORBIDDEN'],
    ['COMPLIANCE', 'FORBIDDEN'],
    [null, 'UNAUTHENTICATED'],
  ] as const)('refuses %s with %s for any action and logs the denial', async (role, code) => {
    const id = await idOf('offer-payday-loan');
    const before = await tableCounts(db);
    const head = await auditHead(db);
    const result = await app.graphql(
      REVIEW,
      { input: { id: recommendationGid(id), action: 'APPROVE' } },
      role ? { token: tokens[role] } : {},
    );
    expect(result.errors?.[0]?.extensions?.['code']).toBe(code);
    const entries = await auditEntriesAfter(db, head);
    expect(entries.map((entry) => [entry.eventType, entry.eventData])).toEqual([
      [
        'unauthorized_access',
        {
          field_path: 'Mutation.reviewRecommendation',
          required_scopes: ['capability:review'],
          operator_role: role,
        },
      ],
    ]);
    expect({ ...(await tableCounts(db)), audit: before.audit, headSeq: before.headSeq }).toEqual(before);
  });

  it.each([
    ['FLAG without a justification', 'FLAG', undefined, 'BAD_USER_INPUT'],
    ['FLAG with a blank justification', 'FLAG', ' \n ', 'BAD_USER_INPUT'],
    ['OVERRIDE without a justification', 'OVERRIDE', null, 'BAD_USER_INPUT'],
    ['a justification over 2000 characters', 'FLAG', 'j'.repeat(2001), 'BAD_USER_INPUT'],
    ['APPROVE of a predatory product', 'APPROVE', undefined, 'BAD_USER_INPUT'],
    ['OVERRIDE of a predatory product', 'OVERRIDE', 'Customer insists', 'BAD_USER_INPUT'],
  ])('rejects %s and changes nothing', async (_label, action, justification, code) => {
    const id = await idOf('offer-payday-loan');
    const before = await tableCounts(db);
    const result = await app.graphql(
      REVIEW,
      { input: { id: recommendationGid(id), action, justification } },
      { token: tokens.ADMIN },
    );
    expect(result.errors?.[0]?.extensions?.['code']).toBe(code);
    expect(await tableCounts(db)).toEqual(before);
  });

  it.each([
    ['an unknown recommendation', recommendationGid(randomUUID()), 'NOT_FOUND'],
    ['a global ID of another type', globalId('User', 'usr_gig'), 'BAD_USER_INPUT'],
  ])('rejects %s and changes nothing', async (_label, id, code) => {
    const before = await tableCounts(db);
    const result = await app.graphql(REVIEW, { input: { id, action: 'APPROVE' } }, { token: tokens.ADMIN });
    expect(result.errors?.[0]?.extensions?.['code']).toBe(code);
    expect(await tableCounts(db)).toEqual(before);
  });

  it('flags with a justification of exactly 2000 characters: not delivered', async () => {
    const id = await idOf('offer-payday-loan');
    const head = await auditHead(db);
    clock.set('2025-07-01T10:10:00.000Z');
    const result = await app.graphql<{ reviewRecommendation: any }>(
      REVIEW,
      { input: { id: recommendationGid(id), action: 'FLAG', justification: 'f'.repeat(2000) } },
      { token: tokens.REVIEWER },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.reviewRecommendation).toMatchObject({
      status: 'FLAGGED',
      disclaimer: null,
      deliveredBody: null,
      reviewJustification: 'f'.repeat(2000),
    });
    const entries = await auditEntriesAfter(db, head);
    expect(entries.map((entry) => entry.eventType)).toEqual(['operator_action']);
    expect(entries[0]!.eventData).toEqual({
      recommendation_id: id,
      action: 'flagged',
      justification: 'f'.repeat(2000),
      review_time_seconds: 3600,
      original_status: 'pending_review',
      new_status: 'flagged',
      stopped_at: 'eligibility',
    });
  });

  it('an administrator overrides a held item: delivered with the disclaimer', async () => {
    clock.set('2025-07-01T11:00:00.000Z');
    await generateRecommendations(app.services, { userId: 'usr_subs', window: 'D30' });
    const id = await idOf('offer-subscription-manager');
    clock.set('2025-07-01T11:00:42.000Z');
    const head = await auditHead(db);
    const result = await app.graphql<{ reviewRecommendation: any }>(
      REVIEW,
      {
        input: {
          id: recommendationGid(id),
          action: 'OVERRIDE',
          justification: 'Partner copy approved by legal',
        },
      },
      { token: tokens.ADMIN },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.reviewRecommendation).toMatchObject({
      status: 'OVERRIDDEN',
      disclaimer: DISCLAIMER,
      reviewedBy: { username: 'admin' },
    });
    const entries = await auditEntriesAfter(db, head);
    expect(entries.map((entry) => [entry.eventType, entry.operatorId, entry.recommendationId])).toEqual([
      ['operator_action', operators.ADMIN, id],
    ]);
    expect(entries[0]!.eventData).toMatchObject({
      action: 'overridden',
      justification: 'Partner copy approved by legal',
      review_time_seconds: 42,
      original_status: 'pending_review',
      new_status: 'overridden',
    });
  });

  it('a delivered item may still be flagged', async () => {
    const id = await idOf('edu-subscription-audit', 'PASSED');
    const head = await auditHead(db);
    const result = await app.graphql<{ reviewRecommendation: any }>(
      REVIEW,
      { input: { id: recommendationGid(id), action: 'FLAG', justification: 'Customer complained' } },
      { token: tokens.REVIEWER },
    );
    expect(result.data!.reviewRecommendation.status).toBe('FLAGGED');
    const entries = await auditEntriesAfter(db, head);
    expect(entries[0]!.eventData).toMatchObject({ original_status: 'passed', new_status: 'flagged' });
  });

  it('of two operators reviewing the same item at once, exactly one wins', async () => {
    clock.set('2025-07-01T12:00:00.000Z');
    await generateRecommendations(app.services, { userId: 'usr_subs', window: 'D30' });
    const id = await idOf('offer-subscription-manager');
    const [reviewer, admin] = await Promise.all([
      db.prisma.operator.findUniqueOrThrow({ where: { id: operators.REVIEWER! } }),
      db.prisma.operator.findUniqueOrThrow({ where: { id: operators.ADMIN! } }),
    ]);
    const head = await auditHead(db);
    const outcomes = await Promise.allSettled([
      reviewRecommendation(app.services, reviewer, { recommendationId: id, action: 'APPROVE' }),
      reviewRecommendation(app.services, admin, {
        recommendationId: id,
        action: 'FLAG',
        justification: 'No',
      }),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(DomainError);
    expect(((rejected[0] as PromiseRejectedResult).reason as DomainError).code).toBe('CONFLICT');
    const entries = await auditEntriesAfter(db, head);
    expect(entries.map((entry) => [entry.eventType, entry.recommendationId])).toEqual([
      ['operator_action', id],
    ]);
  });
});

describe('reviewRecommendations (batch approve)', () => {
  async function passedIds(count: number): Promise<string[]> {
    const rows = await db.prisma.recommendation.findMany({
      where: { status: 'PASSED', userId: 'usr_gig' },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: count,
    });
    return rows.map((row) => row.id);
  }

  it('approves every item in one go, one operator_action each, in the order given', async () => {
    const ids = (await passedIds(3)).reverse();
    const head = await auditHead(db);
    clock.set('2025-07-01T13:00:00.000Z');
    const result = await app.graphql<{ reviewRecommendations: any[] }>(
      BATCH,
      { input: { ids: ids.map(recommendationGid), action: 'APPROVE', justification: 'Routine check' } },
      { token: tokens.REVIEWER },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.reviewRecommendations).toEqual(
      ids.map((id) => ({
        id: recommendationGid(id),
        status: 'APPROVED',
        reviewedBy: { username: 'reviewer' },
      })),
    );
    const entries = await auditEntriesAfter(db, head);
    expect(entries.map((entry) => [entry.eventType, entry.recommendationId, entry.operatorId])).toEqual(
      ids.map((id) => ['operator_action', id, operators.REVIEWER]),
    );
    for (const entry of entries) {
      expect(entry.eventData).toEqual({
        recommendation_id: entry.recommendationId,
        action: 'approved',
        justification: 'Routine check',
        // Generated at 09:10:00.
        review_time_seconds: 13_800,
        original_status: 'passed',
        new_status: 'approved',
        stopped_at: null,
      });
    }
  });

  it.each([
    [
      'an item reviewed before',
      async () => [...(await passedIds(2)), await idOf('offer-payday-loan', 'FLAGGED')],
      'CONFLICT',
    ],
    ['an unknown item', async () => [...(await passedIds(2)), randomUUID()], 'NOT_FOUND'],
    ['a repeated item', async () => [...(await passedIds(2)), ...(await passedIds(1))], 'BAD_USER_INPUT'],
    ['no items', async () => [], 'BAD_USER_INPUT'],
    ['101 items', async () => Array.from({ length: 101 }, () => randomUUID()), 'BAD_USER_INPUT'],
  ])('is all or nothing: %s fails the batch and nothing changes', async (_label, ids, code) => {
    const before = await tableCounts(db);
    const result = await app.graphql(
      BATCH,
      { input: { ids: (await ids()).map(recommendationGid), action: 'APPROVE' } },
      { token: tokens.REVIEWER },
    );
    expect(result.errors?.[0]?.extensions?.['code']).toBe(code);
    expect(await tableCounts(db)).toEqual(before);
  });

  it('is all or nothing: a predatory item among approvable ones fails the batch', async () => {
    clock.set('2025-07-01T14:00:00.000Z');
    await generateRecommendations(app.services, { userId: 'usr_gig', window: 'D180' });
    const ids = [...(await passedIds(2)), await idOf('offer-payday-loan')];
    const before = await tableCounts(db);
    const result = await app.graphql(
      BATCH,
      { input: { ids: ids.map(recommendationGid), action: 'APPROVE' } },
      { token: tokens.ADMIN },
    );
    expect(result.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(await tableCounts(db)).toEqual(before);
  });

  it('accepts exactly 100 items (then fails on the unknown ones, changing nothing)', async () => {
    const before = await tableCounts(db);
    const ids = [...(await passedIds(1)), ...Array.from({ length: 99 }, () => randomUUID())];
    const result = await app.graphql(
      BATCH,
      { input: { ids: ids.map(recommendationGid), action: 'APPROVE' } },
      { token: tokens.REVIEWER },
    );
    expect(result.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    expect(await tableCounts(db)).toEqual(before);
  });

  it.each([
    ['VIEWER', 'FORBIDDEN'],
    ['COMPLIANCE', 'FORBIDDEN'],
  ] as const)('refuses %s with %s and logs the denial', async (role, code) => {
    const before = await tableCounts(db);
    const head = await auditHead(db);
    const result = await app.graphql(
      BATCH,
      { input: { ids: (await passedIds(1)).map(recommendationGid), action: 'APPROVE' } },
      { token: tokens[role] },
    );
    expect(result.errors?.[0]?.extensions?.['code']).toBe(code);
    const entries = await auditEntriesAfter(db, head);
    expect(entries.map((entry) => [entry.eventType, (entry.eventData as any).field_path])).toEqual([
      ['unauthorized_access', 'Mutation.reviewRecommendations'],
    ]);
    expect({ ...(await tableCounts(db)), audit: before.audit, headSeq: before.headSeq }).toEqual(before);
  });
});
