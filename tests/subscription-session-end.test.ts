import type { Database } from '@spendsense/server/db/client';
import { hashSessionToken } from '@spendsense/server/services/operators';
import { createClient } from 'graphql-sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import { appendAuditFixtures, createAuditFixtureWorld } from './support/audit-fixtures.js';
import { openTestDatabase } from './support/database.js';

/**
 * A live audit subscription ends when its session does (issue #8): after logout the stream sends an
 * UNAUTHENTICATED error and completes, instead of delivering on; when the session expires, with SESSION_EXPIRED.
 * The logout is announced through the pub/sub, so a second server sharing it (as instances share Redis) ends its
 * streams too.
 */
let db: Database;
let app: ReturnType<typeof createTestApp>;
let other: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  db = await openTestDatabase();
  app = createTestApp(db);
  // A second instance over the same database and the same event bus.
  other = createTestApp(db, { pubsub: app.services.pubsub });
  const world = await createAuditFixtureWorld(app.services, 'se');
  await appendAuditFixtures(app.services, world, { count: 3 });
});

afterAll(async () => {
  await db?.close();
});

interface Message {
  data?: { auditEntryAdded?: { sequence: string } | null } | null;
  errors?: Array<{ extensions?: { code?: string } }>;
}

/** Subscribes on `server`, waits for the first replayed entry, runs `end`, and returns what came after. */
async function streamAfter(
  server: ReturnType<typeof createTestApp>,
  token: string,
  end: () => Promise<unknown>,
): Promise<{ after: Message[]; completed: boolean }> {
  const client = createClient({
    url: 'http://yoga/graphql/stream',
    fetchFn: server.yoga.fetch,
    retryAttempts: 0,
    headers: { authorization: `Bearer ${token}` },
  });
  const after: Message[] = [];
  let ending = false;
  const completed = await new Promise<boolean>((resolve, reject) => {
    client.subscribe<Message['data']>(
      { query: 'subscription { auditEntryAdded(afterSeq: "0") { sequence } }' },
      {
        next: (message) => {
          if (ending) {
            after.push(message as Message);
            return;
          }
          ending = true;
          end().catch(reject);
        },
        error: reject,
        complete: () => resolve(true),
      },
    );
  });
  client.dispose();
  return { after, completed };
}

describe('auditEntryAdded and the session behind it', () => {
  it('ends with UNAUTHENTICATED when the session logs out', async () => {
    const token = await app.tokenFor('COMPLIANCE');
    const { after, completed } = await streamAfter(app, token, () =>
      app.graphql('mutation { logout }', {}, { token }),
    );
    expect(completed).toBe(true);
    const codes = after.flatMap((message) => (message.errors ?? []).map((e) => e.extensions?.code));
    expect(codes).toContain('UNAUTHENTICATED');
    // Nothing is delivered after the error.
    expect(after.at(-1)?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('ends a stream on another instance when the logout happens on this one', async () => {
    const token = await app.tokenFor('ADMIN');
    const { after, completed } = await streamAfter(other, token, () =>
      app.graphql('mutation { logout }', {}, { token }),
    );
    expect(completed).toBe(true);
    expect(after.at(-1)?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('ends with SESSION_EXPIRED when the session expires while the stream is open', async () => {
    const token = await app.tokenFor('COMPLIANCE', 'expiring-compliance');
    const expiresAt = new Date(Date.now() + 60 * 60_000);
    await db.prisma.operatorSession.update({
      where: { tokenHash: hashSessionToken(token) },
      data: { expiresAt },
    });
    // An instance whose clock reads two seconds before the session's end, however long the stream takes to open.
    const late = createTestApp(db, {
      pubsub: app.services.pubsub,
      now: () => new Date(expiresAt.getTime() - 2_000),
    });
    const { after, completed } = await streamAfter(late, token, async () => {});
    expect(completed).toBe(true);
    expect(after.at(-1)?.errors?.map((error) => error.extensions?.code)).toEqual(['SESSION_EXPIRED']);
  });

  it('ends with UNAUTHENTICATED when the logout announcement never arrives, once the stream re-reads its session', async () => {
    const token = await app.tokenFor('ADMIN', 'unannounced-admin');
    // An instance on an event bus of its own: the logout below is announced where it cannot hear it, as
    // when Redis is unreachable. Only its periodic re-read of the session can end the stream.
    const isolated = createTestApp(db, { sessionRecheckSeconds: 1 });
    const { after, completed } = await streamAfter(isolated, token, () =>
      app.graphql('mutation { logout }', {}, { token }),
    );
    expect(completed).toBe(true);
    expect(after.at(-1)?.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });
});
