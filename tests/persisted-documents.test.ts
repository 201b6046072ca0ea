import { readFileSync } from 'node:fs';
import type { Database } from '@spendsense/server/db/client';
import {
  PERSISTED_DOCUMENTS_FILE,
  PersistedDocuments,
  type PersistedDocumentsPolicy,
} from '@spendsense/server/http/persisted-documents';
import { createOversightYoga } from '@spendsense/server/yoga';
import { createClient } from 'graphql-sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import { openTestDatabase } from './support/database.js';

// The console's real manifest, as relay-compiler wrote it.
const manifest: Record<string, string> = JSON.parse(readFileSync(PERSISTED_DOCUMENTS_FILE, 'utf8'));
const [viewerId, viewerText] = Object.entries(manifest).find(([, text]) =>
  text.startsWith('query sessionProviderViewerQuery'),
)!;
const [subscriptionId] = Object.entries(manifest).find(([, text]) => text.startsWith('subscription '))!;

describe('persisted documents', () => {
  let db: Database;
  let app: ReturnType<typeof createTestApp>;

  beforeAll(async () => {
    db = await openTestDatabase();
    app = createTestApp(db);
  });
  afterAll(async () => db?.close());

  function yogaWith(policy: PersistedDocumentsPolicy) {
    return createOversightYoga({ services: app.services, persistedDocuments: policy });
  }

  async function post(yoga: ReturnType<typeof yogaWith>, body: unknown) {
    const response = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  it('the manifest is keyed by the sha256 of each document, as relay-compiler writes it', async () => {
    const { createHash } = await import('node:crypto');
    expect(Object.keys(manifest).length).toBeGreaterThan(5);
    for (const [id, text] of Object.entries(manifest)) {
      expect(createHash('sha256').update(text).digest('hex')).toBe(id);
    }
  });

  it('runs a persisted document by id, and arbitrary documents while they are allowed (the default)', async () => {
    const yoga = yogaWith({ documents: PersistedDocuments.fromFile(), allowArbitraryDocuments: true });
    const byId = await post(yoga, { documentId: viewerId, variables: {} });
    expect(byId.body).toEqual({ data: { viewer: null } });
    const apolloStyle = await post(yoga, {
      extensions: { persistedQuery: { version: 1, sha256Hash: viewerId } },
    });
    expect(apolloStyle.body).toEqual({ data: { viewer: null } });
    const arbitrary = await post(yoga, { query: '{ viewer { username } }' });
    expect(arbitrary.body).toEqual({ data: { viewer: null } });
  });

  it('answers an unknown id with a typed error', async () => {
    const yoga = yogaWith({ documents: PersistedDocuments.fromFile(), allowArbitraryDocuments: true });
    const unknown = await post(yoga, { documentId: 'f'.repeat(64) });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('locked down, refuses every document that is not persisted, text included', async () => {
    const yoga = yogaWith({ documents: PersistedDocuments.fromFile(), allowArbitraryDocuments: false });
    const arbitrary = await post(yoga, { query: '{ viewer { username } }' });
    expect(arbitrary.status).toBe(403);
    expect(arbitrary.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_ONLY');
    const byId = await post(yoga, { documentId: viewerId });
    expect(byId.body).toEqual({ data: { viewer: null } });
    // Even the exact text of a persisted document must come as its id over HTTP.
    const text = await post(yoga, { query: viewerText });
    expect(text.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_ONLY');
  });

  it('locked down, graphql-sse runs only the persisted subscription texts', async () => {
    const yoga = yogaWith({ documents: PersistedDocuments.fromFile(), allowArbitraryDocuments: false });
    const client = createClient({
      url: 'http://yoga/graphql/stream',
      fetchFn: ((input: string, init?: RequestInit) =>
        yoga.fetch(new URL(input), init ?? {})) as typeof fetch,
      retryAttempts: 0,
    });
    const firstResult = (query: string) =>
      new Promise<any>((resolve) => {
        const dispose = client.subscribe(
          { query },
          {
            next: (value) => {
              resolve(value);
              dispose();
            },
            error: (error) => resolve({ error }),
            complete: () => resolve({ completed: true }),
          },
        );
      });
    const refused = await firstResult('subscription { auditEntryAdded { sequence } }');
    expect(refused.errors?.[0]?.extensions?.code ?? refused.error?.[0]?.extensions?.code).toBe(
      'PERSISTED_QUERY_ONLY',
    );
    // The console's own subscription passes this check and meets the usual authorization (anonymous here).
    const persisted = await firstResult(manifest[subscriptionId]!);
    const code = persisted.errors?.[0]?.extensions?.code ?? persisted.error?.[0]?.extensions?.code;
    expect(code).toBe('UNAUTHENTICATED');
    client.dispose();
  });
});
