import type { Database } from '@spendsense/server/db/client';
import { DISCLAIMER, toneTextOf } from '@spendsense/server/domain/guardrails/index';
import type { OperatorRole } from '@spendsense/server/domain/operators/index';
import { CATALOG } from '@spendsense/server/domain/recommendations/index';
import type { SignalSnapshot } from '@spendsense/server/domain/signals/index';
import { assignPersona } from '@spendsense/server/services/assign-persona';
import { ageOn, estimateAnnualIncome } from '@spendsense/server/services/recommendations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditEntriesAfter,
  auditHead,
  decodeGlobalId,
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

const GENERATE = `
  mutation Generate($input: GenerateRecommendationsInput!) {
    generateRecommendations(input: $input) {
      id kind catalogItemId title body rationale disclaimer deliveredBody status stoppedAt personaId window
      generationId createdAt reviewedAt reviewedBy { username } reviewJustification
      guardrailResults { stage pass reason details }
      user { customerId }
      assignment { id personaId }
    }
  }`;

let db: Database;
let app: TestApp;
const clock = manualClock();
let tokens: Record<OperatorRole, string>;
const assignments: Record<string, string> = {};

beforeAll(async () => {
  ({ db, app } = await openTestApp(clock));
  tokens = await signInEveryRole(app);
  const minor = subscriptionHeavyLedger('usr_minor');
  const customers = [
    [subscriptionHeavyLedger('usr_subs'), 'D30'],
    [variableIncomeLedger('usr_gig'), 'D180'],
    [{ ...minor, user: { ...minor.user, dateOfBirth: '2010-03-15' } }, 'D30'],
  ] as const;
  for (const [ledger, window] of customers) {
    await storeCustomer(app.services, ledger);
    await optIn(app.services, ledger.user.id);
    const assignment = await assignPersona(app.services, {
      userId: ledger.user.id,
      window,
      referenceDate: REFERENCE_DATE,
    });
    assignments[ledger.user.id] = assignment.id;
  }
});

afterAll(async () => {
  await db?.close();
});

async function generate(userId: string, window: string, role: 'REVIEWER' | 'ADMIN' = 'REVIEWER') {
  const result = await app.graphql<{ generateRecommendations: any[] }>(
    GENERATE,
    { input: { userId: globalId('User', userId), window } },
    { token: tokens[role] },
  );
  expect(result.errors).toBeUndefined();
  return result.data!.generateRecommendations;
}

/** The audit entries a generated batch must have written, in order: per item generated, eligibility, tone. */
function expectedEntryTypes(items: any[]): Array<[string, string]> {
  return items.flatMap((item) => {
    const id = decodeGlobalId(item.id).id;
    const stages = item.guardrailResults.map((result: any) => result.stage);
    return [
      ['recommendation_generated', id] as [string, string],
      ...(stages.includes('ELIGIBILITY') ? [['eligibility_checked', id] as [string, string]] : []),
      ...(stages.includes('TONE') ? [['tone_validated', id] as [string, string]] : []),
    ];
  });
}

describe('generateRecommendations', () => {
  it('stores 5 education items and 3 offers; the pressure-worded offer waits for review at tone', async () => {
    const head = await auditHead(db);
    const items = await generate('usr_subs', 'D30');

    expect(items.map((item) => item.kind)).toEqual([
      ...Array(5).fill('EDUCATION'),
      ...Array(3).fill('PARTNER_OFFER'),
    ]);
    expect(new Set(items.map((item) => item.generationId)).size).toBe(1);
    for (const item of items) {
      expect(item).toMatchObject({
        personaId: 'subscription_heavy',
        window: 'D30',
        user: { customerId: 'usr_subs' },
        assignment: {
          id: globalId('PersonaAssignment', assignments['usr_subs']!),
          personaId: 'subscription_heavy',
        },
        createdAt: '2025-07-01T09:00:00.000Z',
        reviewedAt: null,
        reviewedBy: null,
        reviewJustification: null,
      });
      expect(item.rationale).toMatch(/^Because /);
    }

    const held = items.filter((item) => item.status === 'PENDING_REVIEW');
    expect(held.map((item) => item.catalogItemId)).toEqual(['offer-subscription-manager']);
    const [manager] = held;
    expect(manager).toMatchObject({ stoppedAt: 'TONE', disclaimer: null, deliveredBody: null });
    expect(manager.guardrailResults.map((r: any) => [r.stage, r.pass, r.reason])).toEqual([
      ['CONSENT', true, null],
      ['ELIGIBILITY', true, null],
      ['TONE', false, 'warning pressure: "act now", "limited time"'],
    ]);

    for (const item of items.filter((candidate) => candidate.status === 'PASSED')) {
      expect(item.stoppedAt).toBeNull();
      expect(item.disclaimer).toBe(DISCLAIMER);
      expect(item.deliveredBody).toBe(`${item.body}\n\n${DISCLAIMER}`);
      expect(item.guardrailResults.map((r: any) => [r.stage, r.pass])).toEqual([
        ['CONSENT', true],
        ['ELIGIBILITY', true],
        ['TONE', true],
        ['DISCLAIMER', true],
      ]);
    }

    const entries = await auditEntriesAfter(db, head);
    expect(entries).toHaveLength(24);
    expect(entries.map((entry) => [entry.eventType, entry.recommendationId])).toEqual(
      expectedEntryTypes(items),
    );
    for (const entry of entries) {
      expect(entry).toMatchObject({ userId: 'usr_subs', operatorId: null });
      expect(entry.occurredAt.toISOString()).toBe('2025-07-01T09:00:00.000Z');
    }

    const managerId = decodeGlobalId(manager.id).id;
    const managerEntries = entries.filter((entry) => entry.recommendationId === managerId);
    expect(managerEntries[0]!.eventData).toEqual({
      persona_id: 'subscription_heavy',
      window: 'D30',
      content_id: 'offer-subscription-manager',
      content_type: 'partner_offer',
      title: 'Subscription manager',
      rationale: manager.rationale,
      passed_guardrails: false,
      guardrail_results: [
        { stage: 'consent', pass: true, reason: null },
        { stage: 'eligibility', pass: true, reason: null },
        { stage: 'tone', pass: false, reason: 'warning pressure: "act now", "limited time"' },
      ],
      stopped_at: 'tone',
      generation_id: manager.generationId,
      assignment_id: assignments['usr_subs'],
    });
    expect(managerEntries[1]!.eventData).toEqual({
      recommendation_id: managerId,
      pass: true,
      failure_reasons: [],
      thresholds: { predatory_allowed: false, min_age_years: 18 },
      user_values: { age_years: 35 },
      content_id: 'offer-subscription-manager',
      content_type: 'partner_offer',
    });
    const offer = CATALOG.offers.find((candidate) => candidate.id === 'offer-subscription-manager')!;
    expect(managerEntries[2]!.eventData).toEqual({
      recommendation_id: managerId,
      pass: false,
      detected_violations: ['act now', 'limited time'],
      category: 'pressure',
      categories: ['pressure'],
      severity: 'warning',
      original_text: toneTextOf({ ...offer, rationale: manager.rationale }),
      content_id: 'offer-subscription-manager',
    });

    // Education content has no eligibility rules: it passes with nothing to compare.
    const education = entries.find(
      (entry) =>
        entry.eventType === 'eligibility_checked' &&
        entry.recommendationId === decodeGlobalId(items[0].id).id,
    );
    expect(education!.eventData).toMatchObject({
      pass: true,
      failure_reasons: [],
      thresholds: {},
      user_values: {},
    });
  });

  it('stops the predatory payday loan at eligibility: no tone entry for it', async () => {
    clock.advanceSeconds(60);
    const head = await auditHead(db);
    const items = await generate('usr_gig', 'D180', 'ADMIN');

    expect(items).toHaveLength(8);
    const held = items.filter((item) => item.status === 'PENDING_REVIEW');
    expect(held.map((item) => [item.catalogItemId, item.stoppedAt])).toEqual([
      ['offer-payday-loan', 'ELIGIBILITY'],
    ]);
    expect(held[0].guardrailResults.map((r: any) => [r.stage, r.pass, r.reason])).toEqual([
      ['CONSENT', true, null],
      ['ELIGIBILITY', false, 'predatory_product'],
    ]);

    const entries = await auditEntriesAfter(db, head);
    expect(entries).toHaveLength(8 + 8 + 7);
    expect(entries.map((entry) => [entry.eventType, entry.recommendationId])).toEqual(
      expectedEntryTypes(items),
    );
    const paydayId = decodeGlobalId(held[0].id).id;
    const payday = entries.filter((entry) => entry.recommendationId === paydayId);
    expect(payday.map((entry) => entry.eventType)).toEqual([
      'recommendation_generated',
      'eligibility_checked',
    ]);
    expect(payday[1]!.eventData).toEqual({
      recommendation_id: paydayId,
      pass: false,
      failure_reasons: ['predatory_product'],
      thresholds: { predatory_allowed: false, min_age_years: 18 },
      user_values: { age_years: 35 },
      content_id: 'offer-payday-loan',
      content_type: 'partner_offer',
    });
  });

  it('holds back every offer for a minor, citing age and the customer values', async () => {
    const head = await auditHead(db);
    const items = await generate('usr_minor', 'D30');
    const offers = items.filter((item) => item.kind === 'PARTNER_OFFER');
    expect(offers.length).toBeGreaterThanOrEqual(1);
    const offerIds = new Set(offers.map((item) => decodeGlobalId(item.id).id));
    const checks = (await auditEntriesAfter(db, head, 'eligibility_checked')).filter((entry) =>
      offerIds.has(entry.recommendationId!),
    );
    expect(checks).toHaveLength(offers.length);
    for (const check of checks) {
      const data = check.eventData as any;
      expect(data.pass).toBe(false);
      expect(data.failure_reasons).toContain('age_below_min');
      expect(data.thresholds.min_age_years).toBeGreaterThanOrEqual(18);
      expect(data.user_values.age_years).toBe(15);
    }
    for (const offer of offers)
      expect([offer.status, offer.stoppedAt]).toEqual(['PENDING_REVIEW', 'ELIGIBILITY']);
    expect(items.filter((item) => item.kind === 'EDUCATION').every((item) => item.status === 'PASSED')).toBe(
      true,
    );
  });

  it('lists a customer’s recommendations by status, newest first, with totalCount', async () => {
    const result = await app.graphql<{ user: any }>(
      `query($id: ID!) {
        user(id: $id) {
          all: recommendations(first: 3) { totalCount edges { node { createdAt } } }
          held: recommendations(first: 10, status: [PENDING_REVIEW]) { totalCount edges { node { catalogItemId } } }
        }
      }`,
      { id: globalId('User', 'usr_subs') },
      { token: tokens.VIEWER },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.user.all.totalCount).toBe(8);
    expect(result.data!.user.all.edges).toHaveLength(3);
    expect(result.data!.user.held).toEqual({
      totalCount: 1,
      edges: [{ node: { catalogItemId: 'offer-subscription-manager' } }],
    });
  });

  it('resolves a recommendation as a Node', async () => {
    const row = await db.prisma.recommendation.findFirstOrThrow({
      where: { catalogItemId: 'offer-payday-loan' },
    });
    const result = await app.graphql<{ node: any }>(
      `query($id: ID!) { node(id: $id) { __typename ... on Recommendation { catalogItemId status } } }`,
      { id: globalId('Recommendation', row.id) },
      { token: tokens.VIEWER },
    );
    expect(result.data!.node).toEqual({
      __typename: 'Recommendation',
      catalogItemId: 'offer-payday-loan',
      status: 'PENDING_REVIEW',
    });
  });

  it.each([
    ['VIEWER', 'FORBIDDEN'],
    ['COMPLIANCE', 'FORBIDDEN'],
    [null, 'UNAUTHENTICATED'],
  ] as const)('refuses %s with %s, changes nothing and logs the denial', async (role, code) => {
    const before = await tableCounts(db);
    const head = await auditHead(db);
    const result = await app.graphql(
      GENERATE,
      { input: { userId: globalId('User', 'usr_subs'), window: 'D30' } },
      role ? { token: tokens[role] } : {},
    );
    expect(result.errors?.[0]?.extensions?.['code']).toBe(code);
    const entries = await auditEntriesAfter(db, head);
    expect(entries.map((entry) => [entry.eventType, entry.eventData])).toEqual([
      [
        'unauthorized_access',
        {
          field_path: 'Mutation.generateRecommendations',
          required_scopes: ['capability:review'],
          operator_role: role,
        },
      ],
    ]);
    expect({ ...(await tableCounts(db)), audit: before.audit, headSeq: before.headSeq }).toEqual(before);
  });

  it.each([
    [
      'a window without a persona assignment',
      { userId: globalId('User', 'usr_subs'), window: 'D180' },
      'BAD_USER_INPUT',
    ],
    ['an unknown customer', { userId: globalId('User', 'usr_nobody'), window: 'D30' }, 'NOT_FOUND'],
    [
      'a global ID of another type',
      { userId: globalId('Operator', 'usr_subs'), window: 'D30' },
      'BAD_USER_INPUT',
    ],
  ])('rejects %s with a typed error and changes nothing', async (_label, input, code) => {
    const before = await tableCounts(db);
    const result = await app.graphql(GENERATE, { input }, { token: tokens.REVIEWER });
    expect(result.errors?.[0]?.extensions?.['code']).toBe(code);
    expect(await tableCounts(db)).toEqual(before);
  });
});

describe('customer facts for eligibility', () => {
  it('takes the age in whole years at the reference date', () => {
    expect(ageOn(new Date('1990-07-01T00:00:00Z'), '2025-06-30')).toBe(34);
    expect(ageOn(new Date('1990-07-01T00:00:00Z'), '2025-07-01')).toBe(35);
    expect(ageOn(new Date('2007-12-31T00:00:00Z'), '2025-12-30')).toBe(17);
    expect(ageOn(new Date('2007-12-31T00:00:00Z'), '2025-12-31')).toBe(18);
    // A 29 February birthday is reached on 1 March in other years.
    expect(ageOn(new Date('2004-02-29T00:00:00Z'), '2025-02-28')).toBe(20);
    expect(ageOn(new Date('2004-02-29T00:00:00Z'), '2025-03-01')).toBe(21);
    expect(ageOn(new Date('2004-02-29T00:00:00Z'), '2024-02-29')).toBe(20);
  });

  it('annualises payroll over the cadence lookback, or the shorter history', async () => {
    const subs = await db.prisma.personaAssignment.findUniqueOrThrow({
      where: { id: assignments['usr_subs']! },
    });
    // Six $2,000 paydays in the 90-day lookback: 12,000 × 365 / 90.
    expect(estimateAnnualIncome(subs.signalSnapshot as unknown as SignalSnapshot)).toBe(48_667);
    const gig = await db.prisma.personaAssignment.findUniqueOrThrow({
      where: { id: assignments['usr_gig']! },
    });
    const gigSnapshot = gig.signalSnapshot as unknown as SignalSnapshot;
    // $5,100 over a 176-day history, shorter than the 180-day lookback: 5,100 × 365 / 176.
    expect(gigSnapshot.values['history.transactionHistoryDays']).toBe(176);
    expect(estimateAnnualIncome(gigSnapshot)).toBe(10_577);
    expect(
      estimateAnnualIncome({ ...gigSnapshot, details: { ...gigSnapshot.details, payroll: [] } }),
    ).toBeNull();
  });
});
