import type { Database } from '@spendsense/server/db/client';
import type { OperatorRole } from '@spendsense/server/domain/operators/index';
import { PERSONA_REGISTRY_VERSION } from '@spendsense/server/domain/personas/index';
import { assignPersona } from '@spendsense/server/services/assign-persona';
import { setConsent } from '@spendsense/server/services/consent';
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
} from './support/review-fixtures.js';

const OVERRIDE = `
  mutation Override($input: OverridePersonaInput!) {
    overridePersona(input: $input) {
      id personaId status source priority confidence prioritizationReason registryVersion
      qualifyingPersonas referenceDate
      evaluations { personaId matched }
      assignedBy { username }
    }
  }`;

const PROFILE = `
  query Profile($id: ID!) {
    user(id: $id) {
      currentPersona(window: D30) { id personaId source }
      personaHistory(window: D30, first: 10) { totalCount edges { node { id personaId source } } }
    }
  }`;

const AGENT = { 'user-agent': 'persona-override-test/1.0' };

let db: Database;
let app: TestApp;
const clock = manualClock();
let tokens: Record<OperatorRole, string>;
let engineAssignmentId: string;

beforeAll(async () => {
  ({ db, app } = await openTestApp(clock));
  tokens = await signInEveryRole(app);
  await storeCustomer(app.services, subscriptionHeavyLedger('usr_override'));
  await optIn(app.services, 'usr_override');
  const assignment = await assignPersona(app.services, {
    userId: 'usr_override',
    window: 'D30',
    referenceDate: REFERENCE_DATE,
  });
  engineAssignmentId = assignment.id;
  expect(assignment.personaId).toBe('subscription_heavy');
});

afterAll(async () => {
  await db?.close();
});

const input = (overrides: Record<string, unknown> = {}) => ({
  userId: globalId('User', 'usr_override'),
  window: 'D30',
  personaId: 'savings_builder',
  justification: 'Customer moved their savings to us last week; the engine has not seen the transfer yet.',
  ...overrides,
});

describe('overridePersona', () => {
  it('stores the override as the current assignment and writes exactly one persona_overridden', async () => {
    const engine = await db.prisma.personaAssignment.findUniqueOrThrow({ where: { id: engineAssignmentId } });
    const admin = await db.prisma.operator.findUniqueOrThrow({ where: { username: 'admin' } });
    const head = await auditHead(db);

    const result = await app.graphql<{ overridePersona: any }>(
      OVERRIDE,
      { input: input() },
      { token: tokens.ADMIN, headers: AGENT },
    );

    expect(result.errors).toBeUndefined();
    const override = result.data!.overridePersona;
    const overrideId = decodeGlobalId(override.id).id;
    expect(override).toMatchObject({
      personaId: 'savings_builder',
      status: 'ASSIGNED',
      source: 'OVERRIDE',
      priority: 4,
      confidence: 1,
      prioritizationReason:
        'Overridden by admin: Customer moved their savings to us last week; the engine has not seen the transfer yet.',
      registryVersion: PERSONA_REGISTRY_VERSION,
      qualifyingPersonas: engine.qualifyingPersonas,
      referenceDate: REFERENCE_DATE,
      assignedBy: { username: 'admin' },
    });
    // The override changes the decision, not the evidence.
    const stored = await db.prisma.personaAssignment.findUniqueOrThrow({ where: { id: overrideId } });
    expect(stored.evaluations).toEqual(engine.evaluations);
    expect(stored.signalSnapshot).toEqual(engine.signalSnapshot);
    expect(stored.assignedByOperatorId).toBe(admin.id);
    expect(stored.assignedAt.getTime()).toBeGreaterThan(engine.assignedAt.getTime());

    const entries = await auditEntriesAfter(db, head);
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry).toMatchObject({
      eventType: 'persona_overridden',
      userId: 'usr_override',
      operatorId: admin.id,
      recommendationId: null,
      userAgent: 'persona-override-test/1.0',
      occurredAt: stored.assignedAt,
    });
    expect(entry!.eventData).toEqual({
      window: 'D30',
      old_persona: 'subscription_heavy',
      new_persona: 'savings_builder',
      justification:
        'Customer moved their savings to us last week; the engine has not seen the transfer yet.',
      assignment_id: overrideId,
      replaced_assignment_id: engineAssignmentId,
    });

    const profile = await app.graphql<{ user: any }>(
      PROFILE,
      { id: globalId('User', 'usr_override') },
      { token: tokens.VIEWER },
    );
    expect(profile.data!.user.currentPersona).toEqual({
      id: override.id,
      personaId: 'savings_builder',
      source: 'OVERRIDE',
    });
    expect(profile.data!.user.personaHistory.totalCount).toBe(2);
    expect(profile.data!.user.personaHistory.edges.map((edge: any) => edge.node)).toEqual([
      { id: override.id, personaId: 'savings_builder', source: 'OVERRIDE' },
      {
        id: globalId('PersonaAssignment', engineAssignmentId),
        personaId: 'subscription_heavy',
        source: 'ENGINE',
      },
    ]);
  });

  it('overrides the override: old_persona is the current (overridden) persona', async () => {
    const head = await auditHead(db);
    const result = await app.graphql<{ overridePersona: any }>(
      OVERRIDE,
      { input: input({ personaId: 'young_professional', justification: 'x'.repeat(2000) }) },
      { token: tokens.ADMIN },
    );
    expect(result.errors).toBeUndefined();
    const entries = await auditEntriesAfter(db, head);
    expect(entries.map((entry) => entry.eventType)).toEqual(['persona_overridden']);
    expect(entries[0]!.eventData).toMatchObject({
      old_persona: 'savings_builder',
      new_persona: 'young_professional',
      justification: 'x'.repeat(2000),
    });
    expect(await db.prisma.personaAssignment.count({ where: { userId: 'usr_override' } })).toBe(3);
  });

  it.each([
    ['REVIEWER', 'FORBIDDEN'],
    ['COMPLIANCE', 'FORBIDDEN'],
    ['VIEWER', 'FORBIDDEN'],
    [null, 'UNAUTHENTICATED'],
  ] as const)('refuses %s with %s, changes nothing and logs the denial', async (role, code) => {
    const before = await tableCounts(db);
    const head = await auditHead(db);
    const result = await app.graphql(OVERRIDE, { input: input() }, role ? { token: tokens[role] } : {});
    expect(result.errors?.[0]?.extensions?.['code']).toBe(code);
    const entries = await auditEntriesAfter(db, head);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ eventType: 'unauthorized_access', userId: null });
    expect(entries[0]!.eventData).toEqual({
      field_path: 'Mutation.overridePersona',
      required_scopes: ['capability:administer'],
      operator_role: role,
    });
    expect({ ...(await tableCounts(db)), audit: before.audit, headSeq: before.headSeq }).toEqual(before);
  });

  it.each([
    ['a blank justification', { justification: '   ' }, 'BAD_USER_INPUT'],
    ['an empty justification', { justification: '' }, 'BAD_USER_INPUT'],
    ['a justification over 2000 characters', { justification: 'y'.repeat(2001) }, 'BAD_USER_INPUT'],
    ['an unknown persona', { personaId: 'big_spender' }, 'BAD_USER_INPUT'],
    ['unclassified, which is no persona', { personaId: 'unclassified' }, 'BAD_USER_INPUT'],
    ['a window without any assignment', { window: 'D180' }, 'BAD_USER_INPUT'],
    ['an unknown customer', { userId: globalId('User', 'usr_nobody') }, 'NOT_FOUND'],
    ['a global ID of another type', { userId: globalId('Operator', 'usr_override') }, 'BAD_USER_INPUT'],
  ])('rejects %s with a typed error and changes nothing', async (_label, overrides, code) => {
    const before = await tableCounts(db);
    const result = await app.graphql(OVERRIDE, { input: input(overrides) }, { token: tokens.ADMIN });
    expect(result.errors?.[0]?.extensions?.['code']).toBe(code);
    expect(await tableCounts(db)).toEqual(before);
  });

  it('needs the customer’s consent, like any assignment', async () => {
    await setConsent(app.services, { userId: 'usr_override', status: 'OPTED_OUT', channel: 'web' });
    const before = await tableCounts(db);
    const result = await app.graphql(OVERRIDE, { input: input() }, { token: tokens.ADMIN });
    expect(result.errors?.[0]?.extensions?.['code']).toBe('CONSENT_REQUIRED');
    expect(await tableCounts(db)).toEqual(before);
    await setConsent(app.services, { userId: 'usr_override', status: 'OPTED_IN', channel: 'web' });
  });
});
