import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Database } from '@spendsense/server/db/client';
import { DEFAULT_ABUSE_LIMITS } from '@spendsense/server/http/abuse-limits';
import { createOversightYoga } from '@spendsense/server/yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import { openTestDatabase } from './support/database.js';
import { startServerProcess } from './support/server-process.js';

/** Request limits at the HTTP boundary, through a real node:http server over the real yoga. */

const MAX_BODY_BYTES = 2048;
let db: Database;
let server: Server;
let port: number;

beforeAll(async () => {
  db = await openTestDatabase();
  const app = createTestApp(db);
  const yoga = createOversightYoga({
    services: app.services,
    limits: { ...DEFAULT_ABUSE_LIMITS, maxBodyBytes: MAX_BODY_BYTES },
  });
  server = createServer(yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await db.close();
});

/**
 * POSTs `chunks` to /graphql one write each, with `Transfer-Encoding: chunked` unless a length is given, and
 * resolves with the response even when the server answers (and stops reading) before the body is all sent.
 */
function post(chunks: string[], headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
      },
      (response) => {
        let body = '';
        response.on('data', (chunk) => {
          body += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      // The server may close the connection once it has answered; the answer has been read by then.
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    (async () => {
      for (const chunk of chunks) {
        if (req.destroyed) return;
        req.write(chunk);
        await new Promise((next) => setImmediate(next));
      }
      req.end();
    })();
  });
}

describe('request body size', () => {
  it('runs a chunked JSON body without Content-Length that fits', async () => {
    const body = JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(1000) } });
    const chunks = [body.slice(0, 10), body.slice(10, 600), body.slice(600)];
    const response = await post(chunks);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ data: { __typename: 'Query' } });
  });

  it('answers a chunked body that crosses the limit with 413 REQUEST_TOO_LARGE', async () => {
    const body = JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(100_000) } });
    const chunks = body.match(/.{1,1000}/gs) ?? [];
    const response = await post(chunks);
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toEqual({
      errors: [
        {
          message: `The request body is larger than ${MAX_BODY_BYTES} bytes`,
          extensions: { code: 'REQUEST_TOO_LARGE', maxBytes: MAX_BODY_BYTES },
        },
      ],
    });
  });

  it('answers a body announced larger than the limit with 413 before reading it', async () => {
    const body = JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(5000) } });
    const response = await post([body], { 'content-length': String(Buffer.byteLength(body)) });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body).errors[0].extensions.code).toBe('REQUEST_TOO_LARGE');
  });
});

describe('the abuse requests of issue #8, with the default limits', () => {
  it("refuses each before it runs: 10 aliased auditIntegrity, a viewer's 100 × 100 × 100 nesting, 200,000 aliases", async () => {
    const app = createTestApp(db);
    const ask = async (query: string, token?: string) => {
      const response = await app.yoga.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query }),
      });
      const body = (await response.json()) as {
        data?: unknown;
        errors?: Array<{ extensions?: { code?: string } }>;
      };
      return {
        status: response.status,
        data: body.data,
        codes: (body.errors ?? []).map((e) => e.extensions?.code),
      };
    };
    const entriesBefore = await db.prisma.auditEntry.count();
    const compliance = await app.tokenFor('COMPLIANCE');
    const viewer = await app.tokenFor('VIEWER');
    const loginsWritten = (await db.prisma.auditEntry.count()) - entriesBefore;

    // Ten verifications of the whole chain in one request (each alias would verify it again).
    const tenVerifications = `{ ${Array.from({ length: 10 }, (_, i) => `v${i}: auditIntegrity { valid }`).join(' ')} }`;
    expect(await ask(tenVerifications, compliance)).toEqual({
      status: 400,
      data: undefined,
      codes: ['QUERY_TOO_COMPLEX'],
    });
    // One verification alone is within the limit.
    expect((await ask('{ auditIntegrity { valid } }', compliance)).codes).toEqual([]);

    // A viewer's users(100) → recommendations(100) → user → personaHistory(100).
    const nested = `{ users(first: 100) { edges { node { recommendations(first: 100) { edges { node {
      user { personaHistory(first: 100) { edges { node { id } } } } } } } } } } }`;
    expect(await ask(nested, viewer)).toEqual({ status: 400, data: undefined, codes: ['QUERY_TOO_COMPLEX'] });

    // An anonymous document of 200,000 aliases is too large to be read; one that fits is too long to parse.
    const aliases = (count: number) =>
      `{ ${Array.from({ length: count }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    expect(await ask(aliases(200_000))).toMatchObject({ status: 413, codes: ['REQUEST_TOO_LARGE'] });
    expect(await ask(aliases(6_000))).toEqual({
      status: 400,
      data: undefined,
      codes: ['GRAPHQL_PARSE_FAILED'],
    });
    // The verification that was allowed wrote nothing; the refusals wrote nothing either.
    expect((await db.prisma.auditEntry.count()) - entriesBefore).toBe(loginsWritten);
  });
});

describe('limits from the environment (a real process)', () => {
  it('reads every GraphQL limit and the body size limit from its variables', async () => {
    const server = await startServerProcess({
      DEMO: '0',
      GRAPHQL_MAX_DEPTH: '3',
      GRAPHQL_MAX_ALIASES: '1',
      GRAPHQL_MAX_TOKENS: '40',
      GRAPHQL_MAX_COST: '50',
      MAX_BODY_BYTES: '1024',
    });
    try {
      const ask = async (query: string, padding = '') => {
        const response = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
          body: JSON.stringify({ query, variables: padding ? { padding } : {} }),
        });
        const body = (await response.json()) as {
          data?: unknown;
          errors?: Array<{ message: string; extensions?: { code?: string } }>;
        };
        return { status: response.status, codes: (body.errors ?? []).map((e) => e.extensions?.code), body };
      };
      // Within every limit: runs.
      expect(await ask('{ a: viewer { username } }')).toMatchObject({ status: 200, codes: [] });
      // Refused before anything runs: 400 (GraphQL over HTTP: a response without data is a 4xx), a typed error.
      for (const [query, message] of [
        ['{ users(first: 1) { edges { node { id } } } }', 'Query depth limit of 3 exceeded, found 4.'],
        ['{ a: viewer { username } b: viewer { username } }', 'Aliases limit of 1 exceeded, found 2.'],
        [`{ ${'__typename '.repeat(40)} }`, 'Token limit of 40 exceeded.'],
      ] as const) {
        const refused = await ask(query);
        expect(refused).toMatchObject({ status: 400, codes: ['GRAPHQL_PARSE_FAILED'] });
        expect(refused.body.errors?.[0]?.message).toBe(`Syntax Error: ${message}`);
      }
      expect(await ask('{ users(first: 60) { totalCount } }')).toMatchObject({
        status: 400,
        codes: ['QUERY_TOO_COMPLEX'],
      });
      expect(await ask('{ __typename }', 'x'.repeat(2000))).toMatchObject({
        status: 413,
        codes: ['REQUEST_TOO_LARGE'],
      });
    } finally {
      server.cleanup();
    }
  });
});
