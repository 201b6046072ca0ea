import type { Database } from '@spendsense/server/db/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import {
  highUtilizationCustomer,
  REFERENCE_DATE,
  storeCustomers,
  unclassifiedCustomer,
} from './support/customers.js';
import { openTestDatabase } from './support/database.js';

const toGlobalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

const PROFILE = `
  query Profile($userId: ID!) {
    profile(userId: $userId) {
      user { customerId name }
      windows {
        window
        assignedPersonaId
        status
        prioritizationReason
        assignment {
          id
          persona { personaId name }
          priority
          confidence
          qualifyingPersonas
          registryVersion
          evaluations {
            personaId
            matched
            matchedConditions
            evidence
            conditions { signal operator threshold actual held missingReason groupPath text }
            criteriaTree { path parentPath depth kind held condition { signal operator threshold actual unit held } }
          }
          signalSnapshot { window referenceDate readings { key value unit } cards { mask utilizationPct flags } }
        }
      }
    }
  }`;

const ASSIGN = `
  mutation Assign($input: AssignPersonaInput!) {
    assignPersona(input: $input) { id personaId status prioritizationReason qualifyingPersonas }
  }`;

describe('persona profile API', () => {
  let db: Database;
  let app: ReturnType<typeof createTestApp>;
  let reviewer: string;
  let viewer: string;

  beforeAll(async () => {
    db = await openTestDatabase();
    app = createTestApp(db);
    await storeCustomers(app.services, [
      highUtilizationCustomer('usr_high'),
      unclassifiedCustomer('usr_plain'),
      unclassifiedCustomer('usr_new'),
    ]);
    reviewer = await app.tokenFor('REVIEWER');
    viewer = await app.tokenFor('VIEWER');
    for (const userId of ['usr_high', 'usr_plain']) {
      for (const window of ['D30', 'D180']) {
        const result = await app.graphql(
          ASSIGN,
          { input: { userId: toGlobalId('User', userId), window, referenceDate: REFERENCE_DATE } },
          { token: reviewer },
        );
        expect(result.errors).toBeUndefined();
      }
    }
  });

  afterAll(async () => db?.close());

  it('shows both windows of a High Utilization customer with every qualifying persona and its evidence', async () => {
    const result = await app.graphql<{ profile: any }>(
      PROFILE,
      { userId: toGlobalId('User', 'usr_high') },
      { token: viewer },
    );
    expect(result.errors).toBeUndefined();
    const { windows } = result.data!.profile;
    expect(windows.map((w: any) => w.window)).toEqual(['D30', 'D180']);
    for (const w of windows) {
      expect(w.status).toBe('ASSIGNED');
      expect(w.assignedPersonaId).toBe('high_utilization');
      expect(w.assignment.persona).toEqual({ personaId: 'high_utilization', name: expect.any(String) });
      expect(w.assignment.priority).toBe(1);
      expect(w.assignment.qualifyingPersonas).toEqual(['high_utilization', 'subscription_heavy']);
      expect(w.prioritizationReason).toBe('Highest priority match among 2 qualifying personas (priority 1)');
      expect(w.assignment.confidence).toBeGreaterThan(0);
      expect(w.assignment.confidence).toBeLessThanOrEqual(1);
      expect(w.assignment.registryVersion).toMatch(/^reg-[0-9a-f]{16}$/);
      expect(w.assignment.evaluations).toHaveLength(6);

      const high = w.assignment.evaluations.find((e: any) => e.personaId === 'high_utilization');
      expect(high.matched).toBe(true);
      const utilization = high.conditions.find((c: any) => c.signal === 'credit.maxUtilizationPct');
      expect(utilization).toMatchObject({ operator: '>=', threshold: 50, actual: 62.5, held: true });
      expect(utilization.text).toBe('credit.maxUtilizationPct >= 50 (actual 62.5)');
      expect(high.evidence['credit.maxUtilizationPct']).toBe(62.5);
      expect(high.matchedConditions).toContain('credit.maxUtilizationPct >= 50 (actual 62.5)');

      const subscriptions = w.assignment.evaluations.find((e: any) => e.personaId === 'subscription_heavy');
      expect(subscriptions.matched).toBe(true);
      expect(subscriptions.evidence['subscriptions.recurringMerchantCount']).toBe(3);

      const savings = w.assignment.evaluations.find((e: any) => e.personaId === 'savings_builder');
      expect(savings.matched).toBe(false);
      expect(savings.conditions.find((c: any) => c.signal === 'credit.maxUtilizationPct').held).toBe(false);
      // The tree, node by node: (growth OR inflow) AND utilization < 30, with what held at each node.
      expect(
        savings.criteriaTree.map((n: any) => [
          n.path,
          n.parentPath,
          n.depth,
          n.kind,
          n.held,
          n.condition?.signal,
        ]),
      ).toEqual([
        ['', null, 0, 'ALL', false, undefined],
        ['all[0]', '', 1, 'ANY', expect.any(Boolean), undefined],
        ['all[0].any[0]', 'all[0]', 2, 'CONDITION', expect.any(Boolean), 'savings.growthRatePct'],
        ['all[0].any[1]', 'all[0]', 2, 'CONDITION', expect.any(Boolean), 'savings.netInflowMonthly'],
        ['all[1]', '', 1, 'CONDITION', false, 'credit.maxUtilizationPct'],
      ]);
      const [, anyGroup, growth, inflow] = savings.criteriaTree;
      expect(anyGroup.held).toBe(growth.held || inflow.held);
      expect(savings.criteriaTree[4].condition).toMatchObject({
        operator: '<',
        threshold: 30,
        actual: 62.5,
        unit: 'percent',
        held: false,
      });
      // Leaves of the tree are exactly the flat conditions, in the same order.
      expect(savings.criteriaTree.filter((n: any) => n.kind === 'CONDITION').map((n: any) => n.path)).toEqual(
        savings.conditions.map((c: any) => c.groupPath),
      );

      expect(w.assignment.signalSnapshot.window).toBe(w.window);
      expect(w.assignment.signalSnapshot.referenceDate).toBe(REFERENCE_DATE);
      expect(w.assignment.signalSnapshot.cards).toEqual([
        { mask: '4523', utilizationPct: 62.5, flags: [30, 50] },
      ]);
    }
  });

  it('stores an unclassified decision with the reason', async () => {
    const result = await app.graphql<{ profile: any }>(
      PROFILE,
      { userId: toGlobalId('User', 'usr_plain') },
      { token: viewer },
    );
    const d30 = result.data!.profile.windows[0];
    expect(d30.status).toBe('UNCLASSIFIED');
    expect(d30.assignedPersonaId).toBe('unclassified');
    expect(d30.assignment.persona).toBeNull();
    expect(d30.assignment.priority).toBeNull();
    expect(d30.assignment.qualifyingPersonas).toEqual([]);
    expect(d30.prioritizationReason).toMatch(/^No persona criteria met/);
  });

  it('answers a customer without assignments with an unclassified entry saying so', async () => {
    const result = await app.graphql<{ profile: any }>(
      PROFILE,
      { userId: toGlobalId('User', 'usr_new') },
      { token: viewer },
    );
    expect(result.errors).toBeUndefined();
    for (const w of result.data!.profile.windows) {
      expect(w).toMatchObject({
        assignedPersonaId: 'unclassified',
        status: 'UNCLASSIFIED',
        prioritizationReason: 'No assignment found for this time window',
        assignment: null,
      });
    }
  });

  it('answers an unknown customer with NOT_FOUND and a malformed id with BAD_USER_INPUT', async () => {
    const unknown = await app.graphql(
      PROFILE,
      { userId: toGlobalId('User', 'usr_nobody') },
      { token: viewer },
    );
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const malformed = await app.graphql(PROFILE, { userId: 'not-a-global-id' }, { token: viewer });
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const wrongType = await app.graphql(
      PROFILE,
      { userId: toGlobalId('Operator', 'usr_high') },
      { token: viewer },
    );
    expect(wrongType.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('keeps history when re-assigning, newest first', async () => {
    const userId = toGlobalId('User', 'usr_high');
    const again = await app.graphql(
      ASSIGN,
      { input: { userId, window: 'D30', referenceDate: REFERENCE_DATE } },
      { token: reviewer },
    );
    expect(again.errors).toBeUndefined();
    const history = await app.graphql<{ user: any }>(
      `query($id: ID!) { user(id: $id) {
          personaHistory(window: D30, first: 10) { totalCount edges { node { id personaId } } }
          all: personaHistory(first: 10) { totalCount }
          currentPersona(window: D30) { id }
      } }`,
      { id: userId },
      { token: viewer },
    );
    const { personaHistory, all, currentPersona } = history.data!.user;
    expect(personaHistory.totalCount).toBe(2);
    expect(all.totalCount).toBe(3);
    expect(personaHistory.edges[0].node.id).toBe((again.data as any).assignPersona.id);
    expect(currentPersona.id).toBe((again.data as any).assignPersona.id);
  });

  it('writes a persona_assigned audit entry with the decision for every assignment', async () => {
    const entries = await db.prisma.auditEntry.findMany({
      where: { eventType: 'persona_assigned', userId: 'usr_high' },
      orderBy: { seq: 'asc' },
    });
    expect(entries).toHaveLength(3);
    const assignments = await db.prisma.personaAssignment.findMany({ where: { userId: 'usr_high' } });
    for (const entry of entries) {
      const data = entry.eventData as Record<string, any>;
      const assignment = assignments.find((a) => a.id === data.assignment_id)!;
      expect(assignment).toBeDefined();
      expect(data).toMatchObject({
        window: assignment.window,
        persona_id: 'high_utilization',
        qualifying_personas: ['high_utilization', 'subscription_heavy'],
        reason: assignment.prioritizationReason,
        confidence: assignment.confidence,
        registry_version: assignment.registryVersion,
      });
      expect(data.evidence_summary.high_utilization['credit.maxUtilizationPct']).toBe(62.5);
    }
  });

  it('refuses anonymous callers and viewers who try to assign, and records the denial', async () => {
    const anonymous = await app.graphql(PROFILE, { userId: toGlobalId('User', 'usr_high') });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.data).toBeNull();
    const before = await db.prisma.personaAssignment.count();
    const denied = await app.graphql(
      ASSIGN,
      { input: { userId: toGlobalId('User', 'usr_high'), window: 'D30' } },
      { token: viewer },
    );
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await db.prisma.personaAssignment.count()).toBe(before);
    const denial = await db.prisma.auditEntry.findFirst({
      where: { eventType: 'unauthorized_access' },
      orderBy: { seq: 'desc' },
    });
    expect(denial?.eventData).toMatchObject({
      field_path: 'Mutation.assignPersona',
      operator_role: 'VIEWER',
      required_scopes: ['capability:review'],
    });
  });

  it('refuses a future reference date and an opted-out customer, changing nothing', async () => {
    const before = await db.prisma.personaAssignment.count();
    const future = await app.graphql(
      ASSIGN,
      { input: { userId: toGlobalId('User', 'usr_high'), window: 'D30', referenceDate: '2999-01-01' } },
      { token: reviewer },
    );
    expect(future.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await db.prisma.user.create({
      data: {
        id: 'usr_optout',
        name: 'No Consent',
        email: 'optout@example.test',
        dateOfBirth: new Date('1990-01-01'),
      },
    });
    const optedOut = await app.graphql(
      ASSIGN,
      { input: { userId: toGlobalId('User', 'usr_optout'), window: 'D30', referenceDate: REFERENCE_DATE } },
      { token: reviewer },
    );
    expect(optedOut.errors?.[0]?.extensions?.code).toBe('CONSENT_REQUIRED');
    expect(await db.prisma.personaAssignment.count()).toBe(before);
  });

  it('lists customers with search, cursor pagination and a total', async () => {
    const page = await app.graphql<{ users: any }>(
      `{ users(first: 2, search: "usr_") { totalCount pageInfo { hasNextPage endCursor } edges { node { customerId } } } }`,
      {},
      { token: viewer },
    );
    expect(page.data!.users.totalCount).toBe(4);
    expect(page.data!.users.edges.map((e: any) => e.node.customerId)).toEqual(['usr_high', 'usr_new']);
    const next = await app.graphql<{ users: any }>(
      `query($after: String) { users(first: 5, search: "usr_", after: $after) { pageInfo { hasNextPage } edges { node { customerId } } } }`,
      { after: page.data!.users.pageInfo.endCursor },
      { token: viewer },
    );
    expect(next.data!.users.edges.map((e: any) => e.node.customerId)).toEqual(['usr_optout', 'usr_plain']);
    expect(next.data!.users.pageInfo.hasNextPage).toBe(false);
  });
});
