import type { Database } from '@spendsense/server/db/client';
import { createOversightYoga } from '@spendsense/server/yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import { openTestDatabase } from './support/database.js';

/** Requests a web page on another origin could make with an operator's browser, through the real server. */

let db: Database;
let app: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  db = await openTestDatabase();
  app = createTestApp(db);
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
