import type { Database } from '@spendsense/server/db/client';
import { CSRF_HEADER } from '@spendsense/server/http/csrf-header';
import { createOversightYoga } from '@spendsense/server/yoga';
import { createClient, NetworkError } from 'graphql-sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type GraphQLResponse } from './support/app.js';
import { openTestDatabase } from './support/database.js';

/**
 * Rate limits through the real server: a second yoga over the same services, with limits on and a clock
 * the test moves. The client address comes from X-Forwarded-For (trustProxy), as behind a load balancer.
 */

const PASSWORD = 'Test-pass-word-42!';
let db: Database;
let app: ReturnType<typeof createTestApp>;
let now = Date.UTC(2026, 10, 22, 9, 0, 0);
let limited: ReturnType<typeof createOversightYoga>;
const tokens = { COMPLIANCE: '', ADMIN: '', VIEWER: '' };

beforeAll(async () => {
  db = await openTestDatabase();
  app = createTestApp(db, { now: () => new Date(now) });
  for (const role of ['COMPLIANCE', 'ADMIN', 'VIEWER'] as const) tokens[role] = await app.tokenFor(role);
  limited = createOversightYoga({
    services: app.services,
    trustProxy: true,
    rateLimits: { loginPerMinute: 3, auditQueriesPerMinute: 2, exportsPerMinute: 2 },
  });
});

afterAll(async () => {
  await db?.close();
});

async function graphql(
  query: string,
  variables: Record<string, unknown>,
  options: { token?: string; ip: string },
): Promise<GraphQLResponse & { status: number; headers: Headers }> {
  const response = await limited.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': options.ip,
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return {
    ...((await response.json()) as GraphQLResponse),
    status: response.status,
    headers: response.headers,
  };
}

const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { token } }';
const login = (username: string, ip: string) =>
  graphql(LOGIN, { input: { username, password: PASSWORD } }, { ip });

const loginAttempts = () => db.prisma.auditEntry.count({ where: { eventType: 'login_attempt' } });

async function exportAs(token: string, ip: string) {
  const response = await limited.fetch('http://yoga/exports/audit?format=ndjson', {
    headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': ip },
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text };
}

describe('login rate limit', () => {
  it('refuses the fourth login for a username within a minute with RATE_LIMITED, without logging it', async () => {
    for (const ip of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) {
      expect((await login('compliance', ip)).data).toMatchObject({ login: { token: expect.any(String) } });
    }
    const before = await loginAttempts();
    const refused = await login('compliance', '198.51.100.4');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('20');
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors).toEqual([
      {
        message: 'Too many login attempts. Try again in 20 seconds.',
        path: ['login'],
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 20 },
      },
    ]);
    expect(await loginAttempts()).toBe(before);
  });

  it('lets the username in again once a token has come back', async () => {
    now += 19_999;
    expect((await login('compliance', '198.51.100.5')).errors?.[0]?.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: 1,
    });
    now += 1;
    expect((await login('compliance', '198.51.100.5')).data).toMatchObject({
      login: { token: expect.any(String) },
    });
  });

  it('limits one address trying many usernames, written inline or in variables', async () => {
    const ip = '203.0.113.7';
    expect((await login('nobody-1', ip)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await login('nobody-2', ip)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await login('nobody-3', ip)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const inline = await graphql(
      `mutation { attempt: login(input: { username: "nobody-4", password: "${PASSWORD}" }) { token } }`,
      {},
      { ip },
    );
    expect(inline.errors?.[0]).toMatchObject({ path: ['attempt'], extensions: { code: 'RATE_LIMITED' } });
    // Another address may still try.
    expect((await login('nobody-4', '203.0.113.8')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('audit query rate limit', () => {
  const AUDIT_LOG = '{ auditLog(first: 1) { totalCount } }';

  it('refuses the third audit query a minute per operator, whatever the address', async () => {
    const first = await graphql(AUDIT_LOG, {}, { token: tokens.COMPLIANCE, ip: '192.0.2.1' });
    expect(first.errors).toBeUndefined();
    expect(
      (await graphql(AUDIT_LOG, {}, { token: tokens.COMPLIANCE, ip: '192.0.2.2' })).errors,
    ).toBeUndefined();
    const refused = await graphql(
      '{ a: auditIntegrity { valid } }',
      {},
      { token: tokens.COMPLIANCE, ip: '192.0.2.3' },
    );
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(refused.errors?.[0]).toMatchObject({
      path: ['a'],
      extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 30 },
    });
    // Another operator has an allowance of their own.
    expect((await graphql(AUDIT_LOG, {}, { token: tokens.ADMIN, ip: '192.0.2.3' })).errors).toBeUndefined();
  });

  it('counts every occurrence, so aliases cannot multiply the allowance', async () => {
    const response = await graphql(
      '{ one: auditLog(first: 1) { totalCount } two: auditLog(first: 1) { totalCount } three: auditLog(first: 1) { totalCount } }',
      {},
      { token: tokens.ADMIN, ip: '192.0.2.9' },
    );
    expect(response.errors?.[0]).toMatchObject({ path: ['two'], extensions: { code: 'RATE_LIMITED' } });
  });

  it('leaves other fields alone', async () => {
    for (let i = 0; i < 5; i++) {
      const response = await graphql(
        '{ viewer { username } }',
        {},
        { token: tokens.COMPLIANCE, ip: '192.0.2.1' },
      );
      expect(response.errors).toBeUndefined();
    }
  });
});

describe('export rate limit', () => {
  it('refuses the third export a minute per operator with 429 and Retry-After, and recovers', async () => {
    expect((await exportAs(tokens.COMPLIANCE, '192.0.2.50')).status).toBe(200);
    expect((await exportAs(tokens.COMPLIANCE, '192.0.2.51')).status).toBe(200);
    const exportsBefore = await db.prisma.auditEntry.count({ where: { eventType: 'audit_exported' } });
    const refused = await exportAs(tokens.COMPLIANCE, '192.0.2.52');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(JSON.parse(refused.text)).toEqual({
      error: {
        code: 'RATE_LIMITED',
        message: 'Too many audit exports. Try again in 30 seconds.',
        retryAfterSeconds: 30,
      },
    });
    expect(await db.prisma.auditEntry.count({ where: { eventType: 'audit_exported' } })).toBe(exportsBefore);
    expect((await exportAs(tokens.ADMIN, '192.0.2.52')).status).toBe(200);
    now += 30_000;
    expect((await exportAs(tokens.COMPLIANCE, '192.0.2.52')).status).toBe(200);
  });

  it('limits refused requests too, by operator or by address', async () => {
    const ip = '192.0.2.77';
    const anonymous = () =>
      limited.fetch('http://yoga/exports/audit?format=csv', {
        headers: { 'x-forwarded-for': ip, [CSRF_HEADER]: '1' },
      });
    expect((await anonymous()).status).toBe(401);
    expect((await anonymous()).status).toBe(401);
    const before = await db.prisma.auditEntry.count({ where: { eventType: 'unauthorized_access' } });
    expect((await anonymous()).status).toBe(429);
    // The flood does not reach the audit log.
    expect(await db.prisma.auditEntry.count({ where: { eventType: 'unauthorized_access' } })).toBe(before);
    expect((await exportAs(tokens.VIEWER, ip)).status).toBe(403);
  });
});

describe('refused requests', () => {
  it('are limited per address: past the allowance a refusal is 429 RATE_LIMITED and writes no audit entry', async () => {
    const guarded = createOversightYoga({
      services: app.services,
      trustProxy: true,
      rateLimits: { loginPerMinute: 0, auditQueriesPerMinute: 0, exportsPerMinute: 0, refusalsPerMinute: 3 },
    });
    const refused = async (ip: string) => {
      const response = await guarded.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json',
          'x-forwarded-for': ip,
        },
        body: JSON.stringify({ query: '{ users(first: 1) { totalCount } }' }),
      });
      const body = (await response.json()) as GraphQLResponse;
      return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
    };
    const denials = () => db.prisma.auditEntry.count({ where: { eventType: 'unauthorized_access' } });
    const before = await denials();
    for (let i = 0; i < 3; i++) {
      expect((await refused('192.0.2.90')).body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    }
    expect(await denials()).toBe(before + 3);
    for (let i = 0; i < 100; i++) {
      const flood = await refused('192.0.2.90');
      expect(flood.status).toBe(429);
      expect(flood.retryAfter).toBe('20');
      expect(flood.body.errors?.[0]?.extensions?.['code']).toBe('RATE_LIMITED');
    }
    // A hundred more refusals wrote nothing; another address is refused and audited as before.
    expect(await denials()).toBe(before + 3);
    expect((await refused('192.0.2.91')).body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(await denials()).toBe(before + 4);
  });
});

describe('requests without signing in', () => {
  const guarded = () =>
    createOversightYoga({
      services: app.services,
      trustProxy: true,
      rateLimits: {
        loginPerMinute: 0,
        auditQueriesPerMinute: 0,
        exportsPerMinute: 0,
        refusalsPerMinute: 0,
        anonymousRequestsPerMinute: 3,
      },
    });
  const ask = async (yoga: ReturnType<typeof guarded>, ip: string, token?: string) => {
    const response = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': ip,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query: '{ viewer { username } }' }),
    });
    const body = (await response.json()) as GraphQLResponse;
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
  };

  it('are limited per address (a request that is not refused, too): 429 RATE_LIMITED with Retry-After', async () => {
    const yoga = guarded();
    for (let i = 0; i < 3; i++) {
      const allowed = await ask(yoga, '192.0.2.120');
      expect(allowed.status).toBe(200);
      expect(allowed.body).toEqual({ data: { viewer: null } });
    }
    const refused = await ask(yoga, '192.0.2.120');
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toBe('20');
    expect(refused.body).toEqual({
      errors: [
        {
          message: 'Too many requests without signing in. Try again in 20 seconds.',
          extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 20 },
        },
      ],
    });
    // Another address has its own allowance; a signed-in operator at the same address is not counted.
    expect((await ask(yoga, '192.0.2.121')).status).toBe(200);
    const signedIn = await ask(yoga, '192.0.2.120', tokens.VIEWER);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.data).toEqual({ viewer: { username: 'viewer' } });
    now += 20_000;
    expect((await ask(yoga, '192.0.2.120')).status).toBe(200);
  });

  it('are limited on /graphql/stream too, with the same 429 RATE_LIMITED before any stream opens', async () => {
    const yoga = guarded();
    const subscribe = () =>
      new Promise<{ status: number | null; retryAfter: string | null; body: unknown; events: unknown[] }>(
        (resolve) => {
          const events: unknown[] = [];
          const client = createClient({
            url: 'http://yoga/graphql/stream',
            fetchFn: yoga.fetch,
            retryAttempts: 0,
            headers: { 'x-forwarded-for': '192.0.2.130' },
          });
          const settle = async (error?: unknown) => {
            client.dispose();
            const response = error instanceof NetworkError ? error.response : undefined;
            resolve({
              status: response?.status ?? null,
              retryAfter: response?.headers.get('retry-after') ?? null,
              body: response ? await response.json() : null,
              events,
            });
          };
          client.subscribe(
            { query: 'subscription { auditEntryAdded { sequence } }' },
            { next: (event) => events.push(event), error: settle, complete: () => settle() },
          );
        },
      );
    // Within the allowance an anonymous subscription is refused by its auth scopes, as ever.
    for (let i = 0; i < 3; i++) {
      const refused = await subscribe();
      expect(refused.status).toBeNull();
      expect(refused.events).toMatchObject([{ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] }]);
    }
    const limited = await subscribe();
    expect(limited).toEqual({
      status: 429,
      retryAfter: '20',
      body: {
        errors: [
          {
            message: 'Too many requests without signing in. Try again in 20 seconds.',
            extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 20 },
          },
        ],
      },
      events: [],
    });
  });
});

describe('refused subscriptions on /graphql/stream', () => {
  it('past the refusal allowance are 429 RATE_LIMITED (no entry), not another FORBIDDEN event', async () => {
    const yoga = createOversightYoga({
      services: app.services,
      trustProxy: true,
      rateLimits: { loginPerMinute: 0, auditQueriesPerMinute: 0, exportsPerMinute: 0, refusalsPerMinute: 2 },
    });
    const subscribe = (ip: string) =>
      new Promise<{ status: number | null; retryAfter: string | null; codes: unknown[] }>((resolve) => {
        const codes: unknown[] = [];
        const client = createClient({
          url: 'http://yoga/graphql/stream',
          fetchFn: yoga.fetch,
          retryAttempts: 0,
          headers: { 'x-forwarded-for': ip, authorization: `Bearer ${tokens.VIEWER}` },
        });
        const settle = async (error?: unknown) => {
          client.dispose();
          const response = error instanceof NetworkError ? error.response : undefined;
          if (response) {
            const body = (await response.json()) as GraphQLResponse;
            codes.push(...(body.errors ?? []).map((e) => e.extensions?.['code']));
          }
          resolve({
            status: response?.status ?? null,
            retryAfter: response?.headers.get('retry-after') ?? null,
            codes,
          });
        };
        client.subscribe(
          { query: 'subscription { auditEntryAdded { sequence } }' },
          {
            next: (event) => codes.push(...(event.errors ?? []).map((e) => e.extensions?.['code'])),
            error: settle,
            complete: () => settle(),
          },
        );
      });
    const denials = () => db.prisma.auditEntry.count({ where: { eventType: 'unauthorized_access' } });
    const before = await denials();
    for (let i = 0; i < 2; i++) {
      expect(await subscribe('192.0.2.140')).toEqual({
        status: null,
        retryAfter: null,
        codes: ['FORBIDDEN'],
      });
    }
    expect(await denials()).toBe(before + 2);
    expect(await subscribe('192.0.2.141')).toEqual({
      status: 429,
      retryAfter: '30',
      codes: ['RATE_LIMITED'],
    });
    expect(await denials()).toBe(before + 2);
  });
});

describe('without limits configured', () => {
  it('does not limit (the default for createOversightYoga, as in other tests)', async () => {
    for (let i = 0; i < 6; i++) {
      const result = await app.graphql(LOGIN, { input: { username: 'admin', password: PASSWORD } });
      expect(result.data).toMatchObject({ login: { token: expect.any(String) } });
    }
  });
});
