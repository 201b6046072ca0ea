import { randomUUID } from 'node:crypto';
import type { Database } from '@spendsense/server/db/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import { openTestDatabase } from './support/database.js';

const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

let db: Database;
let app: ReturnType<typeof createTestApp>;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  db = await openTestDatabase();
  app = createTestApp(db);
  for (const role of ['VIEWER', 'REVIEWER', 'COMPLIANCE', 'ADMIN'] as const)
    tokens[role] = await app.tokenFor(role);
});
afterAll(() => db.close());

describe('node and nodes', () => {
  const missing = [
    'User',
    'Operator',
    'PersonaAssignment',
    'Recommendation',
    'ConsentRecord',
    'AuditEntry',
  ].map(
    (type) =>
      [
        type,
        gid(type, type === 'AuditEntry' ? '999999' : type === 'User' ? 'usr_missing' : randomUUID()),
      ] as const,
  );
  it.each(missing)('a missing %s is null, not an error', async (_type, id) => {
    const result = await app.graphql(
      'query($id: ID!) { node(id: $id) { __typename id } }',
      { id },
      { token: tokens.ADMIN },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ node: null });
  });
  it('never tells a caller whether something they may not read exists', async () => {
    await app.graphql('mutation { login(input: { username: "nobody", password: "x" }) { token } }');
    const existing = gid('AuditEntry', '1');
    const absent = gid('AuditEntry', '999999');
    const operator = await db.prisma.operator.findFirstOrThrow();
    const ask = (id: string, selection: string, token?: string) =>
      app.graphql(`query($id: ID!) { node(id: $id) { ${selection} } }`, { id }, token ? { token } : {});
    const absentOperator = gid('Operator', randomUUID());
    for (const [present, missing] of [
      [existing, absent],
      [gid('Operator', operator.id), absentOperator],
    ] as const) {
      for (const token of [undefined, tokens.VIEWER, tokens.REVIEWER]) {
        for (const selection of ['__typename', 'id', '__typename ... on Node { id }']) {
          const a = await ask(present, selection, token);
          const b = await ask(missing, selection, token);
          expect({ data: b.data, errors: b.errors?.map((e) => e.extensions?.code) }).toEqual({
            data: a.data,
            errors: a.errors?.map((e) => e.extensions?.code),
          });
          expect(a.errors?.map((e) => e.extensions?.code) ?? []).not.toContain('INTERNAL_SERVER_ERROR');
        }
      }
    }
    expect((await ask(existing, '__typename', tokens.COMPLIANCE)).data).toEqual({
      node: { __typename: 'AuditEntry' },
    });
    expect((await ask(absent, '__typename', tokens.COMPLIANCE)).data).toEqual({ node: null });
  });

  it('one missing id among others nulls only its own item', async () => {
    const ids = missing.map(([, id]) => id);
    const result = await app.graphql(
      'query($ids: [ID!]!) { nodes(ids: $ids) { __typename } }',
      { ids },
      { token: tokens.ADMIN },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ nodes: ids.map(() => null) });
  });
});

describe('the fuzzed classes that were INTERNAL_SERVER_ERROR', () => {
  let userId: string;
  beforeAll(async () => {
    await db.prisma.user.create({
      data: { id: 'usr_fuzz', name: 'Fuzz', email: 'fuzz@example.com', dateOfBirth: new Date('1990-01-01') },
    });
    userId = gid('User', 'usr_fuzz');
  });

  const cases: Array<[string, string, Record<string, unknown>, string]> = [
    [
      'a cursor of another connection (users)',
      'query($c: String) { users(first: 2, after: $c) { totalCount } }',
      { c: 'GPC:N:1' },
      'ADMIN',
    ],
    [
      'a cursor of another connection (auditLog)',
      'query($c: String) { auditLog(first: 2, after: $c) { totalCount } }',
      { c: 'GPC:N:1' },
      'ADMIN',
    ],
    [
      'a cursor of another connection (reviewQueue)',
      'query($c: String) { reviewQueue(first: 2, after: $c) { totalCount } }',
      { c: 'GPC:N:1' },
      'ADMIN',
    ],
    [
      'a NUL byte in a global id',
      'query($id: ID!) { node(id: $id) { id } }',
      { id: gid('User', 'usr\u0000x') },
      'ADMIN',
    ],
    ['a NUL byte in a raw id', 'query($id: ID!) { node(id: $id) { id } }', { id: 'a\u0000b' }, 'ADMIN'],
    [
      'a NUL byte in a user id argument',
      'query($id: ID!) { user(id: $id) { id } }',
      { id: gid('User', 'usr\u0000x') },
      'ADMIN',
    ],
    [
      'a NUL byte in a login username',
      'mutation($u: String!) { login(input: { username: $u, password: "x" }) { token } }',
      { u: 'adm\u0000in' },
      '',
    ],
    [
      'a NUL byte in a search',
      'query($s: String) { users(first: 2, search: $s) { totalCount } }',
      { s: 'a\u0000' },
      'ADMIN',
    ],
    [
      'year 0000 in an audit filter',
      'query($f: DateTime) { auditLog(first: 2, filter: { from: $f }) { totalCount } }',
      { f: '0000-01-01T00:00:00Z' },
      'ADMIN',
    ],
    [
      'year 0000 in compliance metrics',
      'query($f: DateTime) { complianceMetrics(from: $f) { consent { totalCustomers } } }',
      { f: '0000-01-01T00:00:00Z' },
      'ADMIN',
    ],
    [
      'year 0001 as a signals reference date',
      'query($id: ID!) { user(id: $id) { signals(window: D30, referenceDate: "0001-01-01") { referenceDate } } }',
      {},
      'ADMIN',
    ],
    [
      'a lone surrogate in a consent reason',
      'mutation($id: ID!, $r: String) { setConsent(input: { userId: $id, status: OPTED_IN, reason: $r }) { __typename } }',
      { r: 'x\uD800y' },
      'ADMIN',
    ],
    [
      'a lone surrogate in a justification',
      'mutation($id: ID!, $j: String!) { overridePersona(input: { userId: $id, window: D30, personaId: "savings_builder", justification: $j }) { __typename } }',
      { j: '\uDC00' },
      'ADMIN',
    ],
  ];
  it.each(cases)(
    '%s → a typed error or null, never INTERNAL_SERVER_ERROR',
    async (_name, query, variables, role) => {
      const result = await app.graphql(
        query,
        { id: userId, ...variables },
        role ? { token: tokens[role] } : {},
      );
      const codes = (result.errors ?? []).map((error) => error.extensions?.code);
      expect(codes).not.toContain('INTERNAL_SERVER_ERROR');
      expect(codes.every((code) => typeof code === 'string')).toBe(true);
      expect(JSON.stringify(result)).not.toMatch(/\bat .+\.(ts|js):\d+/);
    },
  );

  it('a document nested far deeper than any real query → a typed error', async () => {
    const deep = `{ viewer { ${'id '.repeat(1)}${'... on Operator { '.repeat(400)}id${' }'.repeat(400)} } }`;
    const nested = `{ users(first: 1) { edges { node { ${'recommendations(first: 1) { edges { node { user { '.repeat(60)} id ${'} } } }'.repeat(60)} } } } }`;
    for (const query of [deep, nested]) {
      const result = await app.graphql(query, {}, { token: tokens.ADMIN });
      const codes = (result.errors ?? []).map((error) => error.extensions?.code);
      expect(codes.length).toBeGreaterThan(0);
      expect(codes).not.toContain('INTERNAL_SERVER_ERROR');
      expect(codes.every((code) => typeof code === 'string')).toBe(true);
    }
  });
});

describe('auditEntryAdded', () => {
  it('afterSeq beyond the head → BAD_USER_INPUT, not a stream that never delivers', async () => {
    const { createClient } = await import('graphql-sse');
    const client = createClient({
      url: 'http://yoga/graphql/stream',
      fetchFn: app.yoga.fetch,
      retryAttempts: 0,
      headers: { authorization: `Bearer ${tokens.COMPLIANCE}` },
    });
    const outcome = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: 'subscription { auditEntryAdded(afterSeq: "99999999") { sequence } }' },
        {
          next: (message) => resolve(message),
          error: (error) => resolve({ error }),
          complete: () => resolve('complete'),
        },
      );
    });
    client.dispose();
    expect(JSON.stringify(outcome)).toContain('BAD_USER_INPUT');
  });
});

describe('sessions', () => {
  it('an expired session is SESSION_EXPIRED; a revoked or unknown one UNAUTHENTICATED', async () => {
    const later = createTestApp(db, { now: () => new Date(Date.now() + 13 * 3600_000) });
    const ask = (target: ReturnType<typeof createTestApp>, token: string) =>
      target.graphql('{ users(first: 1) { totalCount } }', {}, { token });
    const token = await app.tokenFor('VIEWER', 'session-viewer');
    expect((await ask(app, token)).errors).toBeUndefined();
    expect((await ask(later, token)).errors?.map((e) => e.extensions?.code)).toEqual(['SESSION_EXPIRED']);
    expect((await ask(app, 'not-a-session')).errors?.map((e) => e.extensions?.code)).toEqual([
      'UNAUTHENTICATED',
    ]);
    await app.graphql('mutation { logout }', {}, { token });
    expect((await ask(app, token)).errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });
});
