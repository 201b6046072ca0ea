import type { Database } from '@spendsense/server/db/client';
import type { OperatorRole } from '@spendsense/server/domain/operators/index';
import { assignPersona } from '@spendsense/server/services/assign-persona';
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
} from './support/review-fixtures.js';

const SET_CONSENT = `
  mutation SetConsent($input: SetConsentInput!) {
    setConsent(input: $input) {
      changed
      user { id consentStatus consentUpdatedAt }
      record { status previousStatus consentVersion channel reason changedAt changedBy { username } }
    }
  }`;

const HISTORY = `
  query History($id: ID!, $first: Int, $after: String) {
    user(id: $id) {
      consentStatus
      consentHistory(first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node { status previousStatus consentVersion channel changedBy { username } } }
      }
    }
  }`;

const AGENT = { 'user-agent': 'consent-test/1.0' };

let db: Database;
let app: TestApp;
const clock = manualClock();
let tokens: Record<OperatorRole, string>;
const user = globalId('User', 'usr_consent');

beforeAll(async () => {
  ({ db, app } = await openTestApp(clock));
  tokens = await signInEveryRole(app);
  await storeCustomer(app.services, subscriptionHeavyLedger('usr_consent'));
  await storeCustomer(app.services, subscriptionHeavyLedger('usr_revoked'));
});

afterAll(async () => {
  await db?.close();
});

describe('setConsent', () => {
  it('records a first opt-in by a reviewer: history row, status and exactly one consent_changed', async () => {
    const reviewer = await db.prisma.operator.findUniqueOrThrow({ where: { username: 'reviewer' } });
    const head = await auditHead(db);

    const result = await app.graphql<{ setConsent: any }>(
      SET_CONSENT,
      { input: { userId: user, status: 'OPTED_IN', reason: 'Confirmed by phone' } },
      { token: tokens.REVIEWER, headers: AGENT },
    );

    expect(result.errors).toBeUndefined();
    expect(result.data!.setConsent).toEqual({
      changed: true,
      user: { id: user, consentStatus: 'OPTED_IN', consentUpdatedAt: '2025-07-01T09:00:00.000Z' },
      record: {
        status: 'OPTED_IN',
        previousStatus: null,
        consentVersion: '1.0',
        channel: 'OPERATOR',
        reason: 'Confirmed by phone',
        changedAt: '2025-07-01T09:00:00.000Z',
        changedBy: { username: 'reviewer' },
      },
    });
    const entries = await auditEntriesAfter(db, head);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      eventType: 'consent_changed',
      userId: 'usr_consent',
      operatorId: reviewer.id,
      recommendationId: null,
      userAgent: 'consent-test/1.0',
    });
    expect(entries[0]!.eventData).toEqual({
      old_status: null,
      new_status: 'opted_in',
      consent_version: '1.0',
      changed_via: 'operator_action',
      reason: 'Confirmed by phone',
    });
  });

  it('records a withdrawal with old and new status, version and channel', async () => {
    clock.advanceSeconds(3600);
    const admin = await db.prisma.operator.findUniqueOrThrow({ where: { username: 'admin' } });
    const head = await auditHead(db);
    const result = await app.graphql<{ setConsent: any }>(
      SET_CONSENT,
      { input: { userId: user, status: 'OPTED_OUT', consentVersion: '1.1', channel: 'WEB' } },
      { token: tokens.ADMIN },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.setConsent.record).toMatchObject({
      status: 'OPTED_OUT',
      previousStatus: 'OPTED_IN',
      consentVersion: '1.1',
      channel: 'WEB',
      reason: null,
    });
    const entries = await auditEntriesAfter(db, head);
    expect(entries.map((entry) => [entry.eventType, entry.operatorId])).toEqual([
      ['consent_changed', admin.id],
    ]);
    expect(entries[0]!.eventData).toEqual({
      old_status: 'opted_in',
      new_status: 'opted_out',
      consent_version: '1.1',
      changed_via: 'web',
      reason: null,
    });
  });

  it('repeating the current status and version records and logs nothing', async () => {
    const before = await tableCounts(db);
    const result = await app.graphql<{ setConsent: any }>(
      SET_CONSENT,
      { input: { userId: user, status: 'OPTED_OUT', consentVersion: '1.1', channel: 'API' } },
      { token: tokens.REVIEWER },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.setConsent.changed).toBe(false);
    expect(result.data!.setConsent.record).toMatchObject({ status: 'OPTED_OUT', channel: 'WEB' });
    expect(await tableCounts(db)).toEqual(before);
  });

  it('pages through the consent history, newest first, with totalCount', async () => {
    const first = await app.graphql<{ user: any }>(HISTORY, { id: user, first: 1 }, { token: tokens.VIEWER });
    expect(first.errors).toBeUndefined();
    const history = first.data!.user.consentHistory;
    expect(first.data!.user.consentStatus).toBe('OPTED_OUT');
    expect(history.totalCount).toBe(2);
    expect(history.pageInfo.hasNextPage).toBe(true);
    expect(history.edges.map((edge: any) => edge.node)).toEqual([
      {
        status: 'OPTED_OUT',
        previousStatus: 'OPTED_IN',
        consentVersion: '1.1',
        channel: 'WEB',
        changedBy: { username: 'admin' },
      },
    ]);
    const second = await app.graphql<{ user: any }>(
      HISTORY,
      { id: user, first: 5, after: history.pageInfo.endCursor },
      { token: tokens.VIEWER },
    );
    expect(second.data!.user.consentHistory.pageInfo.hasNextPage).toBe(false);
    expect(second.data!.user.consentHistory.edges.map((edge: any) => edge.node)).toEqual([
      {
        status: 'OPTED_IN',
        previousStatus: null,
        consentVersion: '1.0',
        channel: 'OPERATOR',
        changedBy: { username: 'reviewer' },
      },
    ]);
  });

  it.each([
    ['VIEWER', 'FORBIDDEN'],
    ['COMPLIANCE', 'FORBIDDEN'],
    [null, 'UNAUTHENTICATED'],
  ] as const)('refuses %s with %s, changes nothing and logs the denial', async (role, code) => {
    const before = await tableCounts(db);
    const head = await auditHead(db);
    const result = await app.graphql(
      SET_CONSENT,
      { input: { userId: user, status: 'OPTED_IN' } },
      role ? { token: tokens[role] } : {},
    );
    expect(result.errors?.[0]?.extensions?.['code']).toBe(code);
    const entries = await auditEntriesAfter(db, head);
    expect(entries.map((entry) => entry.eventType)).toEqual(['unauthorized_access']);
    expect(entries[0]!.eventData).toEqual({
      field_path: 'Mutation.setConsent',
      required_scopes: ['capability:review'],
      operator_role: role,
    });
    expect({ ...(await tableCounts(db)), audit: before.audit, headSeq: before.headSeq }).toEqual(before);
  });

  it.each([
    ['a malformed consent version', { consentVersion: 'v1' }, 'BAD_USER_INPUT'],
    ['the SYSTEM channel', { channel: 'SYSTEM' }, 'BAD_USER_INPUT'],
    ['a reason over 1000 characters', { reason: 'r'.repeat(1001) }, 'BAD_USER_INPUT'],
    ['an unknown customer', { userId: globalId('User', 'usr_nobody') }, 'NOT_FOUND'],
    ['a global ID of another type', { userId: globalId('Recommendation', 'usr_consent') }, 'BAD_USER_INPUT'],
  ])('rejects %s with a typed error and changes nothing', async (_label, overrides, code) => {
    const before = await tableCounts(db);
    const result = await app.graphql(
      SET_CONSENT,
      { input: { userId: user, status: 'OPTED_IN', ...overrides } },
      { token: tokens.REVIEWER },
    );
    expect(result.errors?.[0]?.extensions?.['code']).toBe(code);
    expect(await tableCounts(db)).toEqual(before);
  });

  it('accepts a reason of exactly 1000 characters', async () => {
    const result = await app.graphql<{ setConsent: any }>(
      SET_CONSENT,
      { input: { userId: user, status: 'OPTED_IN', reason: 'r'.repeat(1000) } },
      { token: tokens.REVIEWER },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.setConsent.changed).toBe(true);
  });
});

describe('processing stops without consent (CONSENT_REQUIRED)', () => {
  const revoked = globalId('User', 'usr_revoked');

  beforeAll(async () => {
    // Assigned while opted in, then withdrawn: an assignment exists, consent does not.
    await optIn(app.services, 'usr_revoked');
    await assignPersona(app.services, {
      userId: 'usr_revoked',
      window: 'D30',
      referenceDate: REFERENCE_DATE,
    });
    const result = await app.graphql(
      SET_CONSENT,
      { input: { userId: revoked, status: 'OPTED_OUT', channel: 'WEB' } },
      { token: tokens.REVIEWER },
    );
    expect(result.errors).toBeUndefined();
  });

  it('assignPersona through the API', async () => {
    const before = await tableCounts(db);
    const result = await app.graphql(
      `mutation($input: AssignPersonaInput!) { assignPersona(input: $input) { id } }`,
      { input: { userId: revoked, window: 'D30', referenceDate: REFERENCE_DATE } },
      { token: tokens.REVIEWER },
    );
    expect(result.errors?.[0]?.extensions?.['code']).toBe('CONSENT_REQUIRED');
    expect(await tableCounts(db)).toEqual(before);
  });

  it('generateRecommendations through the API', async () => {
    const before = await tableCounts(db);
    const result = await app.graphql(
      `mutation($input: GenerateRecommendationsInput!) { generateRecommendations(input: $input) { id } }`,
      { input: { userId: revoked, window: 'D30' } },
      { token: tokens.REVIEWER },
    );
    expect(result.errors?.[0]?.extensions?.['code']).toBe('CONSENT_REQUIRED');
    expect(await tableCounts(db)).toEqual(before);
  });

  it('a customer who never answered counts as opted out', async () => {
    await storeCustomer(app.services, subscriptionHeavyLedger('usr_silent'));
    const before = await tableCounts(db);
    const result = await app.graphql(
      `mutation($input: AssignPersonaInput!) { assignPersona(input: $input) { id } }`,
      { input: { userId: globalId('User', 'usr_silent'), window: 'D30', referenceDate: REFERENCE_DATE } },
      { token: tokens.ADMIN },
    );
    expect(result.errors?.[0]?.extensions?.['code']).toBe('CONSENT_REQUIRED');
    expect(await tableCounts(db)).toEqual(before);
  });
});
