import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from '@spendsense/server/db/client';
import { ServerLifecycle } from '@spendsense/server/http/health';
import { createLogger } from '@spendsense/server/observability/logger';
import { createOversightPubSub } from '@spendsense/server/pubsub';
import { createServices } from '@spendsense/server/services/context';
import { createOperator } from '@spendsense/server/services/operators';
import { createOversightYoga } from '@spendsense/server/yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import { TEST_CONFIG } from './support/config.js';
import { openTestDatabase } from './support/database.js';
import { checkLog } from './support/log-check.js';
import { TEST_PASSWORD } from './support/passwords.js';

/** Health, readiness and Prometheus metrics through the real server over a real database. */
let db: Database;
let app: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  db = await openTestDatabase();
  app = createTestApp(db);
});

afterAll(async () => {
  await db?.close();
});

const metricValue = (text: string, series: string): number | null => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : null;
};

describe('health', () => {
  it('answers /livez, and /readyz only when started, not draining, with the database migrated', async () => {
    const lifecycle = new ServerLifecycle('starting');
    const yoga = createOversightYoga({ services: app.services, lifecycle });
    expect((await yoga.fetch('http://yoga/livez')).status).toBe(200);

    const starting = await yoga.fetch('http://yoga/readyz');
    expect(starting.status).toBe(503);
    expect(await starting.json()).toMatchObject({ phase: 'starting', checks: { database: 'ok' } });

    lifecycle.phase = 'ready';
    const ready = await yoga.fetch('http://yoga/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', phase: 'ready', checks: { database: 'ok' } });

    lifecycle.phase = 'draining';
    expect((await yoga.fetch('http://yoga/readyz')).status).toBe(503);
  });

  it('is not ready when a dependency does not answer, and says which', async () => {
    const yoga = createOversightYoga({
      services: app.services,
      readinessChecks: [{ name: 'redis', check: () => Promise.reject(new Error('connect ECONNREFUSED')) }],
    });
    const response = await yoga.fetch('http://yoga/readyz');
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      checks: { database: 'ok', redis: 'connect ECONNREFUSED' },
    });
  });
});

describe('request ids', () => {
  it('returns a request id, keeping a well-formed one the caller sent', async () => {
    const own = await app.yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'proxy-42.abc' },
      body: JSON.stringify({ query: '{ personaRegistryVersion }' }),
    });
    expect(own.headers.get('x-request-id')).toBe('proxy-42.abc');
    const made = await app.yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'no spaces <allowed>' },
      body: JSON.stringify({ query: '{ personaRegistryVersion }' }),
    });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('/metrics', () => {
  const yoga = () =>
    createOversightYoga({
      services: app.services,
      metricsAccess: { allow: ['10.1.2.3'], token: 'scrape-me' },
    });

  it('refuses callers without an allowed address or the token', async () => {
    expect((await yoga().fetch('http://yoga/metrics')).status).toBe(403);
    const wrong = await yoga().fetch('http://yoga/metrics', { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(403);
  });

  it('counts requests by operation, errors by code, appended audit entries, and reads the chain head', async () => {
    const token = await app.tokenFor('COMPLIANCE');
    const ask = (query: string) =>
      app.graphql(query, {}, { token, headers: { 'content-type': 'application/json' } });
    await ask('query Registry { personaRegistryVersion }');
    await ask('query Registry { personaRegistryVersion }');
    await ask('query Broken { auditLog(first: -1) { totalCount } }');

    const response = await yoga().fetch('http://yoga/metrics', {
      headers: { authorization: 'Bearer scrape-me' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(
      metricValue(
        text,
        'spendsense_graphql_request_duration_seconds_count{operation="Registry",outcome="ok"}',
      ),
    ).toBe(2);
    expect(
      metricValue(text, 'spendsense_graphql_errors_total{code="BAD_USER_INPUT"}'),
    ).toBeGreaterThanOrEqual(1);
    // tokenFor logged in once: one login_attempt entry.
    expect(metricValue(text, 'spendsense_audit_entries_appended_total{event_type="login_attempt"}')).toBe(1);
    const head = await db.prisma.auditChainHead.findUnique({ where: { id: 1 } });
    expect(metricValue(text, 'spendsense_audit_chain_head_sequence')).toBe(Number(head?.seq ?? 0));
    expect(text).toContain('# TYPE spendsense_live_subscribers gauge');
    expect(text).toContain('# TYPE spendsense_rate_limit_refusals_total counter');
    expect(text).toContain('# TYPE spendsense_audit_export_bytes_total counter');
  });
});

describe('logs of expected errors', () => {
  it('are one request line with the codes, never a stack trace (bad input, refused, unauthenticated, wrong password)', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'ss-log-')), 'server.ndjson');
    const services = createServices(TEST_CONFIG, db, {
      pubsub: createOversightPubSub(),
      logger: createLogger({ level: 'info', format: 'json', file }),
    });
    const yoga = createOversightYoga({ services });
    const ask = async (query: string, token?: string) => {
      const response = await yoga.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query }),
      });
      const body = (await response.json()) as {
        data?: Record<string, any> | null;
        errors?: Array<{ extensions?: { code?: string } }>;
      };
      return { body, codes: (body.errors ?? []).map((e) => e.extensions?.code) };
    };
    const tokenOf = async (role: 'VIEWER' | 'COMPLIANCE') => {
      const username = `log-${role.toLowerCase()}`;
      await createOperator(services, { username, displayName: username, role, password: TEST_PASSWORD });
      const login = await ask(
        `mutation { login(input: { username: "${username}", password: "${TEST_PASSWORD}" }) { token } }`,
      );
      return login.body.data!.login.token as string;
    };
    const viewer = await tokenOf('VIEWER');
    const compliance = await tokenOf('COMPLIANCE');

    const sent = [
      await ask('{ auditLog(first: 500) { totalCount } }', compliance),
      await ask('{ auditLog(filter: { from: "not-a-date" }) { totalCount } }', compliance),
      await ask('{ operators { username } }', viewer),
      await ask('{ users(first: 1) { totalCount } }'),
      await ask(
        'mutation { login(input: { username: "log-viewer", password: "wrong-password" }) { token } }',
      ),
    ].map((response) => response.codes);
    expect(sent).toEqual([
      ['BAD_USER_INPUT'],
      ['BAD_USER_INPUT'],
      ['FORBIDDEN'],
      ['UNAUTHENTICATED'],
      ['UNAUTHENTICATED'],
    ]);

    const text = readFileSync(file, 'utf8');
    const lines = text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { msg?: string; errors?: string[]; stack?: unknown; err?: unknown });
    // Each refusal is in its request line, as codes.
    const logged = lines.filter((line) => line.errors).map((line) => line.errors);
    expect(logged).toEqual(expect.arrayContaining(sent));
    // No line carries a stack or an error object, and nothing the log check forbids.
    expect(lines.filter((line) => line.stack !== undefined || line.err !== undefined)).toEqual([]);
    expect(checkLog(text, [TEST_PASSWORD, viewer, compliance])).toEqual([]);
  });
});
