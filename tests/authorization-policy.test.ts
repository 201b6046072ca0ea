import type { Database } from '@spendsense/server/db/client';
import {
  type Access,
  allows,
  CALLERS,
  type Caller,
  FIELD_POLICY,
  NODE_POLICY,
  ROUTE_POLICY,
  TYPE_POLICY,
} from '@spendsense/server/policy';
import { schema } from '@spendsense/server/schema/index';
import { getNamedType, isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import { appendAuditFixtures, createAuditFixtureWorld } from './support/audit-fixtures.js';
import { openTestDatabase } from './support/database.js';
import { TEST_PASSWORD } from './support/passwords.js';

/**
 * The authorization table (server/src/policy.ts) against the built schema and the real server: every root
 * field, subscription and type that carries customer, operator or audit data has an entry, and every cell of
 * the table (entry × caller) does what it says through yoga.fetch with a real session of each role.
 */
const ROOTS = ['Query', 'Mutation', 'Subscription'] as const;
const fieldPolicy = FIELD_POLICY as Record<string, string>;
const typePolicy = TYPE_POLICY as Record<string, string>;
const toGlobalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

describe('the policy table covers the schema', () => {
  it('names every root field and subscription', () => {
    const missing = ROOTS.flatMap((root) => {
      const type = schema.getType(root);
      if (!isObjectType(type)) throw new Error(`the schema has no ${root} type`);
      return Object.keys(type.getFields())
        .map((field) => `${root}.${field}`)
        .filter((path) => fieldPolicy[path] === undefined);
    });
    expect(missing).toEqual([]);
  });

  it('reaches customer, operator or audit data only through a guarded field or type', () => {
    // The types a caller reaches from the roots without passing any entry of the table: a new field that
    // exposes data without a policy shows up here.
    const open = new Set<string>();
    const visit = (typeName: string) => {
      const type = schema.getType(typeName);
      if (!isObjectType(type) || open.has(typeName) || typePolicy[typeName] !== undefined) return;
      open.add(typeName);
      for (const field of Object.values(type.getFields())) {
        const access = fieldPolicy[`${typeName}.${field.name}`];
        if (access === undefined || access === 'public') visit(getNamedType(field.type).name);
      }
    };
    for (const root of ROOTS) {
      const type = schema.getType(root);
      if (!isObjectType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        if (fieldPolicy[`${root}.${field.name}`] === 'public') visit(getNamedType(field.type).name);
      }
    }
    expect([...open].sort()).toEqual(['LoginPayload']);
  });

  it('every Node type except the persona registry (product configuration) carries a type policy', () => {
    const nodes = Object.values(schema.getTypeMap())
      .filter((type) => isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Node'))
      .map((type) => type.name)
      .filter((name) => name !== 'Persona');
    expect(nodes.filter((name) => typePolicy[name] === undefined)).toEqual([]);
  });

  it('names nothing the schema does not have', () => {
    const stale = Object.keys(fieldPolicy).filter((path) => {
      const [typeName, fieldName] = path.split('.') as [string, string];
      const type = schema.getType(typeName);
      return !isObjectType(type) || type.getFields()[fieldName] === undefined;
    });
    const staleTypes = Object.keys(typePolicy).filter((name) => !isObjectType(schema.getType(name)));
    expect([...stale, ...staleTypes]).toEqual([]);
  });
});

let db: Database;
let app: ReturnType<typeof createTestApp>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  db = await openTestDatabase();
  app = createTestApp(db);
  const world = await createAuditFixtureWorld(app.services, 'pol');
  await appendAuditFixtures(app.services, world, { count: 4 });
  const operator = world.operators[0]!;
  const userId = world.customerIds[0]!;
  const assignment = await db.prisma.personaAssignment.create({
    data: {
      userId,
      window: 'D30',
      personaId: 'high_utilization',
      status: 'ASSIGNED',
      source: 'OVERRIDE',
      confidence: 1,
      referenceDate: new Date('2026-01-01'),
      qualifyingPersonas: ['high_utilization'],
      evaluations: [],
      prioritizationReason: 'Policy test',
      registryVersion: 'test',
      signalSnapshot: {},
      assignedByOperatorId: operator.id,
    },
  });
  const consent = await db.prisma.consentRecord.create({
    data: {
      userId,
      status: 'OPTED_IN',
      consentVersion: '2026-03',
      channel: 'operator_action',
      changedByOperatorId: operator.id,
      changedAt: new Date('2026-01-01T00:00:00.000Z'),
    },
  });
  await db.prisma.recommendation.update({
    where: { id: world.recommendationIds[0]! },
    data: { reviewedByOperatorId: operator.id },
  });
  Object.assign(ids, {
    User: toGlobalId('User', userId),
    PersonaAssignment: toGlobalId('PersonaAssignment', assignment.id),
    Recommendation: toGlobalId('Recommendation', world.recommendationIds[0]!),
    ConsentRecord: toGlobalId('ConsentRecord', consent.id),
    Operator: toGlobalId('Operator', operator.id),
    AuditEntry: toGlobalId('AuditEntry', '1'),
  });
  for (const role of ['VIEWER', 'REVIEWER', 'COMPLIANCE', 'ADMIN'] as const) await app.tokenFor(role);
});

afterAll(async () => {
  await db?.close();
});

/** A fresh session of `caller` for every cell: some cells end their session (logout). */
async function tokenOf(caller: Caller): Promise<string | undefined> {
  return caller === 'anonymous' ? undefined : app.tokenFor(caller);
}

async function deniedCount(): Promise<number> {
  return db.prisma.auditEntry.count({ where: { eventType: 'unauthorized_access' } });
}

/** A document for each root field, with arguments that pass validation and change nothing that matters. */
function rootDocument(path: string): { query: string; variables?: Record<string, unknown> } {
  const user = ids.User!;
  const documents: Record<string, { query: string; variables?: Record<string, unknown> }> = {
    'Query.auditIntegrity': { query: '{ auditIntegrity { valid } }' },
    'Query.auditLog': { query: '{ auditLog(first: 1) { edges { cursor } } }' },
    'Query.complianceMetrics': { query: '{ complianceMetrics { __typename } }' },
    'Query.node': { query: `{ node(id: "${user}") { id } }` },
    'Query.nodes': { query: `{ nodes(ids: ["${user}"]) { id } }` },
    'Query.operators': { query: '{ operators { username } }' },
    'Query.personaRegistryVersion': { query: '{ personaRegistryVersion }' },
    'Query.personas': { query: '{ personas { id } }' },
    'Query.profile': { query: `{ profile(userId: "${user}") { __typename } }` },
    'Query.reviewQueue': { query: '{ reviewQueue(first: 1) { edges { cursor } } }' },
    'Query.user': { query: `{ user(id: "${user}") { id } }` },
    'Query.users': { query: '{ users(first: 1) { edges { cursor } } }' },
    'Query.viewer': { query: '{ viewer { username } }' },
    'Mutation.assignPersona': {
      query: `mutation { assignPersona(input: { userId: "${toGlobalId('User', 'usr_nobody')}", window: D30 }) { __typename } }`,
    },
    'Mutation.generateRecommendations': {
      query: `mutation { generateRecommendations(input: { userId: "${toGlobalId('User', 'usr_nobody')}", window: D30 }) { __typename } }`,
    },
    'Mutation.login': {
      query: 'mutation($input: LoginInput!) { login(input: $input) { token } }',
      variables: { input: { username: 'viewer', password: TEST_PASSWORD } },
    },
    'Mutation.logout': { query: 'mutation { logout }' },
    'Mutation.overridePersona': {
      query: `mutation { overridePersona(input: { userId: "${toGlobalId('User', 'usr_nobody')}", window: D30, personaId: "savings_builder", justification: "Policy test of who may override" }) { __typename } }`,
    },
    'Mutation.reviewRecommendation': {
      query: `mutation { reviewRecommendation(input: { id: "${toGlobalId('Recommendation', '00000000-0000-4000-8000-000000000000')}", action: APPROVE }) { __typename } }`,
    },
    'Mutation.reviewRecommendations': {
      query: `mutation { reviewRecommendations(input: { action: APPROVE, ids: ["${toGlobalId('Recommendation', '00000000-0000-4000-8000-000000000000')}"] }) { __typename } }`,
    },
    'Mutation.runRetention': { query: 'mutation { runRetention(dryRun: true) { __typename } }' },
    'Mutation.setConsent': {
      query: `mutation { setConsent(input: { userId: "${toGlobalId('User', 'usr_nobody')}", status: OPTED_IN }) { __typename } }`,
    },
  };
  const document = documents[path];
  if (!document) throw new Error(`no document for ${path}: add one`);
  return document;
}

const AUTH_CODES = ['UNAUTHENTICATED', 'FORBIDDEN', 'SESSION_EXPIRED'];

function codesOf(result: { errors?: Array<{ extensions?: Record<string, unknown> }> }): string[] {
  return (result.errors ?? []).map((error) => String(error.extensions?.['code']));
}

async function expectCell(
  caller: Caller,
  allowed: boolean,
  run: (token: string | undefined) => Promise<{
    status: number;
    errors?: Array<{ extensions?: Record<string, unknown> }>;
    data?: unknown;
  }>,
  label: string,
): Promise<void> {
  const token = await tokenOf(caller);
  const deniedBefore = await deniedCount();
  const result = await run(token);
  const codes = codesOf(result);
  const denied = (await deniedCount()) - deniedBefore;
  if (allowed) {
    expect(
      codes.filter((code) => AUTH_CODES.includes(code)),
      `${label} as ${caller}`,
    ).toEqual([]);
    expect(result.status, `${label} as ${caller}`).toBeLessThan(500);
    expect(denied, `${label} as ${caller}: no denial recorded`).toBe(0);
  } else {
    const expected = caller === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
    expect(codes, `${label} as ${caller}`).toContain(expected);
    expect(denied, `${label} as ${caller}: the denial is audited`).toBeGreaterThanOrEqual(1);
  }
}

describe('every cell of the table, against the real server', () => {
  const rootPaths = Object.keys(FIELD_POLICY).filter(
    (path) => path.startsWith('Query.') || path.startsWith('Mutation.'),
  );
  it.each(rootPaths)('%s', async (path) => {
    for (const caller of CALLERS) {
      const document = rootDocument(path);
      const allowed = allows(fieldPolicy[path] as never, caller);
      await expectCell(
        caller,
        allowed,
        async (token) => {
          const result = await app.graphql(document.query, document.variables ?? {}, { token });
          const fieldName = path.split('.')[1]!;
          if (!allowed)
            expect((result.data as Record<string, unknown> | null)?.[fieldName] ?? null).toBeNull();
          return result;
        },
        path,
      );
    }
  });

  it('Subscription.auditEntryAdded', async () => {
    const { createClient } = await import('graphql-sse');
    for (const caller of CALLERS) {
      const allowed = allows(FIELD_POLICY['Subscription.auditEntryAdded'], caller);
      await expectCell(
        caller,
        allowed,
        async (token) => {
          const client = createClient({
            url: 'http://yoga/graphql/stream',
            fetchFn: app.yoga.fetch,
            retryAttempts: 0,
            headers: token ? { authorization: `Bearer ${token}` } : {},
          });
          // afterSeq "0" replays the stored entries: an allowed caller gets the first one at once.
          const outcome = await new Promise<{
            errors?: Array<{ extensions?: Record<string, unknown> }>;
            data?: unknown;
          }>((resolve) => {
            client.subscribe(
              { query: 'subscription { auditEntryAdded(afterSeq: "0") { sequence } }' },
              {
                next: (message) => resolve(message as never),
                error: (error) => resolve({ errors: Array.isArray(error) ? error : [error as never] }),
                complete: () => resolve({}),
              },
            );
          });
          client.dispose();
          if (allowed) expect(outcome.data).toBeTruthy();
          return { status: 200, ...outcome };
        },
        'Subscription.auditEntryAdded',
      );
    }
  });

  it.each(Object.keys(NODE_POLICY))('node(id) of a %s', async (typeName) => {
    for (const caller of CALLERS) {
      const allowed = allows((NODE_POLICY as Record<string, Access>)[typeName]!, caller);
      // A caller the node policy refuses but the type's own policy admits (an operator looked up by id by a
      // viewer) gets a stand-in with nothing in it: neither the object nor a sign that it exists.
      const typeAdmits = allows((TYPE_POLICY as Record<string, Access>)[typeName]!, caller);
      const ask = async (token: string | undefined) => {
        const result = await app.graphql<{ node: { id: string } | null }>(
          `query($id: ID!) { node(id: $id) { id } }`,
          { id: ids[typeName] },
          { token },
        );
        if (allowed) expect(result.data?.node?.id).toBe(ids[typeName]);
        else expect(result.data?.node?.id ?? null).not.toBe(ids[typeName]);
        return result;
      };
      if (!allowed && typeAdmits) await ask(await tokenOf(caller));
      else await expectCell(caller, allowed, ask, `node(${typeName})`);
    }
  });

  it.each([
    ['PersonaAssignment', 'assignedBy'],
    ['Recommendation', 'reviewedBy'],
    ['ConsentRecord', 'changedBy'],
  ])('%s.%s names the operator to whoever may read the record', async (typeName, field) => {
    for (const caller of CALLERS) {
      const allowed =
        allows((NODE_POLICY as Record<string, Access>)[typeName]!, caller) &&
        allows(fieldPolicy[`${typeName}.${field}`] as never, caller);
      await expectCell(
        caller,
        allowed,
        async (token) => {
          const result = await app.graphql<{ node: Record<string, { username: string } | null> | null }>(
            `query($id: ID!) { node(id: $id) { ... on ${typeName} { ${field} { username } } } }`,
            { id: ids[typeName] },
            { token },
          );
          if (allowed) expect(result.data?.node?.[field]?.username).toBe('pol-compliance-operator');
          return result;
        },
        `${typeName}.${field}`,
      );
    }
  });

  it('GET /exports/audit', async () => {
    for (const caller of CALLERS) {
      const allowed = allows(ROUTE_POLICY['GET /exports/audit'], caller);
      await expectCell(
        caller,
        allowed,
        async (token) => {
          const response = await app.yoga.fetch('http://yoga/exports/audit?format=csv', {
            headers: token ? { authorization: `Bearer ${token}` } : { 'x-graphql-yoga-csrf': '1' },
          });
          const text = await response.text();
          if (allowed) {
            expect(response.status).toBe(200);
            return { status: response.status };
          }
          expect(response.status).toBe(caller === 'anonymous' ? 401 : 403);
          return {
            status: response.status,
            errors: [{ extensions: { code: caller === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN' } }],
            text,
          };
        },
        'GET /exports/audit',
      );
    }
  });

  it.each(['GET /livez', 'GET /readyz'] as const)('%s answers anyone', async (route) => {
    expect(ROUTE_POLICY[route]).toBe('public');
    const response = await app.yoga.fetch(`http://yoga${route.slice(4)}`);
    expect(response.status).toBe(200);
  });
});
