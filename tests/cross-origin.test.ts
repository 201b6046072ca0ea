import type { Database } from '@spendsense/server/db/client';
import { CSRF_HEADER } from '@spendsense/server/http/csrf-header';
import { createOversightYoga } from '@spendsense/server/yoga';
import { createClient } from 'graphql-sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import { highUtilizationCustomer, REFERENCE_DATE, storeCustomers } from './support/customers.js';
import { openTestDatabase } from './support/database.js';

/** Requests a web page on another origin could make with an operator's browser, through the real server. */

let db: Database;
let app: ReturnType<typeof createTestApp>;
let adminToken: string;
/** The admin's session as the console holds it: the httpOnly cookie a browser sends with every request. */
let cookie: string;

beforeAll(async () => {
  db = await openTestDatabase();
  app = createTestApp(db);
  await storeCustomers(app.services, [highUtilizationCustomer('usr_csrf')]);
  adminToken = await app.tokenFor('ADMIN');
  cookie = `ss_session=${adminToken}`;
});
afterAll(() => db.close());

const CORS_HEADERS = [
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-allow-methods',
  'access-control-allow-headers',
];
const corsHeadersOf = (response: Response) =>
  Object.fromEntries(
    CORS_HEADERS.flatMap((name) => (response.headers.has(name) ? [[name, response.headers.get(name)]] : [])),
  );

function fromOrigin(
  yoga: ReturnType<typeof createOversightYoga>,
  origin: string,
  method: 'POST' | 'OPTIONS',
) {
  return yoga.fetch('http://yoga/graphql', {
    method,
    headers:
      method === 'OPTIONS'
        ? {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type',
          }
        : { origin, 'content-type': 'application/json' },
    ...(method === 'POST' ? { body: JSON.stringify({ query: '{ __typename }' }) } : {}),
  });
}

describe('CORS', () => {
  it('is off by default: no origin, not even `null`, gets CORS headers, on a request or a preflight', async () => {
    for (const origin of ['https://evil.example', 'null', 'http://localhost:4000']) {
      for (const method of ['POST', 'OPTIONS'] as const) {
        const response = await fromOrigin(app.yoga, origin, method);
        await response.arrayBuffer();
        expect({ origin, method, headers: corsHeadersOf(response) }).toEqual({ origin, method, headers: {} });
      }
    }
  });

  it('names an allowed origin exactly, with credentials, and gives every other origin nothing', async () => {
    const yoga = createOversightYoga({
      services: app.services,
      corsOrigins: ['https://siem.example.com', 'https://reports.example.com'],
    });
    for (const method of ['POST', 'OPTIONS'] as const) {
      const allowed = await fromOrigin(yoga, 'https://siem.example.com', method);
      await allowed.arrayBuffer();
      expect(corsHeadersOf(allowed)).toMatchObject({
        'access-control-allow-origin': 'https://siem.example.com',
        'access-control-allow-credentials': 'true',
      });
      for (const origin of ['https://evil.example', 'null', 'https://siem.example.com.evil.example']) {
        const refused = await fromOrigin(yoga, origin, method);
        await refused.arrayBuffer();
        expect({ origin, method, headers: corsHeadersOf(refused) }).toEqual({ origin, method, headers: {} });
      }
    }
  });
});

const ASSIGN = `mutation { assignPersona(input: { userId: "${Buffer.from('User:usr_csrf').toString('base64')}", window: D30, referenceDate: "${REFERENCE_DATE}" }) { id } }`;
const AUDIT_QUERY = '{ auditLog(first: 1) { totalCount } }';
const assignments = () => db.prisma.personaAssignment.count({ where: { userId: 'usr_csrf' } });
const auditEntries = () => db.prisma.auditEntry.count();

/** What a form, a `fetch` in no-cors mode or an <img> on another site can send without a preflight. */
function forgedRequests(path: string, query: string): Array<[string, RequestInit]> {
  const multipart = new FormData();
  multipart.set('query', query);
  return [
    ['form-urlencoded POST', { method: 'POST', body: new URLSearchParams({ query }) }],
    ['multipart POST', { method: 'POST', body: multipart }],
    [
      'text/plain POST of JSON',
      { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query }) },
    ],
    [
      'text/plain POST naming JSON in a parameter',
      {
        method: 'POST',
        headers: { 'content-type': 'text/plain; x=application/json' },
        body: JSON.stringify({ query }),
      },
    ],
    ['POST without a content type', { method: 'POST', body: JSON.stringify({ query }) }],
    [`GET ${path}?query=`, { method: 'GET', headers: { accept: 'application/json, text/event-stream' } }],
  ];
}

/** Sends a request as a browser would: the body's bytes with their length, the cookie, the page's origin. */
async function send(path: string, query: string, init: RequestInit) {
  const url =
    init.method === 'GET' ? `http://yoga${path}?query=${encodeURIComponent(query)}` : `http://yoga${path}`;
  const request = new Request(url, init);
  const headers = new Headers(request.headers);
  headers.set('cookie', cookie);
  headers.set('origin', 'https://evil.example');
  const body = init.body === undefined ? undefined : new Uint8Array(await request.arrayBuffer());
  if (body) headers.set('content-length', String(body.byteLength));
  const response = await app.yoga.fetch(url, { method: init.method, headers, ...(body ? { body } : {}) });
  return { status: response.status, text: await response.text() };
}

describe('CSRF', () => {
  for (const path of ['/graphql', '/graphql/stream']) {
    it(`refuses a mutation sent to ${path} with the session cookie in any form a page elsewhere can send`, async () => {
      for (const [name, init] of forgedRequests(path, ASSIGN)) {
        const [assignedBefore, entriesBefore] = [await assignments(), await auditEntries()];
        const response = await send(path, ASSIGN, init);
        expect({ name, status: response.status, body: JSON.parse(response.text) }).toEqual({
          name,
          status: 403,
          body: {
            errors: [
              {
                message: `Send the request as JSON, or with an ${CSRF_HEADER} header (any value)`,
                extensions: { code: 'CSRF_HEADER_REQUIRED' },
              },
            ],
          },
        });
        expect(await assignments()).toBe(assignedBefore);
        expect(await auditEntries()).toBe(entriesBefore);
      }
    });
  }

  it('never answers a GET with the session cookie alone with audit data; the header or a bearer token gets it', async () => {
    const get = (headers: Record<string, string>) =>
      app.yoga.fetch(`http://yoga/graphql?query=${encodeURIComponent(AUDIT_QUERY)}`, {
        headers: { accept: 'application/graphql-response+json', ...headers },
      });
    const forged = await get({ cookie });
    expect(forged.status).toBe(403);
    expect(JSON.stringify(await forged.json())).not.toContain('totalCount');
    const withHeader = await get({ cookie, [CSRF_HEADER]: '1' });
    expect(withHeader.status).toBe(200);
    expect(await withHeader.json()).toMatchObject({ data: { auditLog: { totalCount: expect.any(Number) } } });
    const bearer = await get({ authorization: `Bearer ${adminToken}` });
    expect(bearer.status).toBe(200);
    expect(await bearer.json()).toMatchObject({ data: { auditLog: { totalCount: expect.any(Number) } } });
  });

  it('never downloads an export for the session cookie alone; the header (as the console sends it) or a bearer token does', async () => {
    const exportWith = (headers: Record<string, string>) =>
      app.yoga.fetch('http://yoga/exports/audit?format=ndjson', { headers });
    const exportsBefore = await db.prisma.auditEntry.count({ where: { eventType: 'audit_exported' } });
    const forged = await exportWith({ cookie });
    expect(forged.status).toBe(403);
    expect(await forged.json()).toEqual({
      error: {
        code: 'CSRF_HEADER_REQUIRED',
        message: `Send the request as JSON, or with an ${CSRF_HEADER} header (any value)`,
      },
    });
    expect(await db.prisma.auditEntry.count({ where: { eventType: 'audit_exported' } })).toBe(exportsBefore);
    for (const headers of [
      { cookie, [CSRF_HEADER]: '1' },
      { authorization: `Bearer ${adminToken}` },
    ] as Array<Record<string, string>>) {
      const response = await exportWith(headers);
      expect(response.status).toBe(200);
      expect((await response.text()).length).toBeGreaterThan(0);
    }
  });

  it('runs what the console and GraphiQL send: JSON POSTs, graphql-sse, and the GraphiQL page itself', async () => {
    const before = await assignments();
    const mutation = await app.graphql(ASSIGN, {}, { headers: { cookie } });
    expect(mutation.errors).toBeUndefined();
    expect(await assignments()).toBe(before + 1);

    const client = createClient({
      url: 'http://yoga/graphql/stream',
      fetchFn: (input: RequestInfo | URL, init?: RequestInit) => {
        const headers = new Headers(init?.headers);
        headers.set('cookie', cookie);
        return app.yoga.fetch(input as string, { ...init, headers });
      },
      retryAttempts: 0,
    });
    const result = await new Promise<unknown>((resolve, reject) => {
      let value: unknown;
      client.subscribe(
        { query: AUDIT_QUERY },
        { next: (next) => (value = next), error: reject, complete: () => resolve(value) },
      );
    });
    client.dispose();
    expect(result).toMatchObject({ data: { auditLog: { totalCount: expect.any(Number) } } });

    const page = await app.yoga.fetch('http://yoga/graphql', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>SpendSense Oversight GraphiQL</title>');
  });
});
