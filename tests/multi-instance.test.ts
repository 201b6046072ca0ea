import { randomUUID } from 'node:crypto';
import { type Database, openDatabase } from '@spendsense/server/db/client';
import { type StoredAuditEntry, verifyChain } from '@spendsense/server/domain/audit/index';
import { createRateLimitStore, type RateLimitStore } from '@spendsense/server/http/rate-limiter';
import { createOversightPubSub, type OversightPubSub } from '@spendsense/server/pubsub';
import { runAudited } from '@spendsense/server/services/audit/record-audit';
import { createOversightYoga } from '@spendsense/server/yoga';
import { createClient } from 'graphql-sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import { createPostgresTestDatabase } from './support/database.js';

const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;

/**
 * Two API instances, each with its own connection pool and its own Redis connections, on one PostgreSQL
 * database: the deployment DESIGN.md describes. Needs a real PostgreSQL and Redis (CI provides both).
 */
describe.skipIf(!databaseUrl || !redisUrl)('several API instances', () => {
  let drop: () => Promise<void>;
  const databases: Database[] = [];
  const pubsubs: OversightPubSub[] = [];
  const stores: RateLimitStore[] = [];
  // One prefix per run, so buckets left by an earlier run on the same Redis cannot interfere.
  const ratePrefix = `spendsense-test:${randomUUID()}:`;
  let a: ReturnType<typeof createTestApp>;
  let b: ReturnType<typeof createTestApp>;

  beforeAll(async () => {
    const created = await createPostgresTestDatabase(databaseUrl!);
    drop = created.drop;
    for (let i = 0; i < 2; i++) {
      databases.push(await openDatabase({ databaseUrl: created.url }));
      pubsubs.push(createOversightPubSub(redisUrl));
      stores.push(createRateLimitStore(redisUrl, ratePrefix));
    }
    a = createTestApp(databases[0]!, { pubsub: pubsubs[0], rateLimitStore: stores[0] });
    b = createTestApp(databases[1]!, { pubsub: pubsubs[1], rateLimitStore: stores[1] });
  });

  afterAll(async () => {
    for (const pubsub of pubsubs) await pubsub.close();
    for (const store of stores) await store.close();
    for (const db of databases) await db.close();
    await drop?.();
  });

  const writeOn = (app: ReturnType<typeof createTestApp>, username: string) =>
    runAudited(app.services, (_tx, audit) =>
      audit.record({
        eventType: 'login_attempt',
        eventData: { status: 'failure', username, failure_reason: 'wrong_password' },
      }),
    );

  it('delivers an entry written through one instance to a subscriber on the other', async () => {
    const token = await b.tokenFor('COMPLIANCE');
    const client = createClient({
      url: 'http://yoga/graphql/stream',
      fetchFn: b.yoga.fetch,
      retryAttempts: 0,
      headers: { authorization: `Bearer ${token}` },
    });
    const received: string[] = [];
    const done = new Promise<void>((resolve, reject) => {
      client.subscribe<{ auditEntryAdded: { eventData: { username: string } } }>(
        {
          query: `subscription { auditEntryAdded(filter: { eventTypes: [LOGIN_ATTEMPT] }) { eventData } }`,
        },
        {
          next: (message) => {
            if (message.data) received.push(message.data.auditEntryAdded.eventData.username);
            if (received.length === 2) resolve();
          },
          error: reject,
          complete: () => {},
        },
      );
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await writeOn(a, 'from-instance-a-1');
    await writeOn(a, 'from-instance-a-2');
    await done;
    client.dispose();
    expect(received).toEqual(['from-instance-a-1', 'from-instance-a-2']);
  });

  it('keeps one gapless, valid chain when 8 writers append through both instances at once', async () => {
    const before = await databases[0]!.prisma.auditEntry.count();
    const writers = Array.from({ length: 8 }, (_, w) =>
      (async () => {
        for (let i = 0; i < 25; i++) await writeOn(w % 2 === 0 ? a : b, `writer-${w}-${i}`);
      })(),
    );
    await Promise.all(writers);
    const rows = await databases[1]!.prisma.auditEntry.findMany({ orderBy: { seq: 'asc' } });
    expect(rows).toHaveLength(before + 200);
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
    const entries: StoredAuditEntry[] = rows.map((r) => ({
      seq: Number(r.seq),
      logId: r.logId,
      eventType: r.eventType,
      userId: r.userId,
      operatorId: r.operatorId,
      recommendationId: r.recommendationId,
      occurredAt: r.occurredAt.toISOString(),
      eventData: r.eventData as never,
      ipAddress: r.ipAddress,
      userAgent: r.userAgent,
      contentHash: r.contentHash,
      prevHash: r.prevHash,
      hash: r.hash,
    }));
    const verification = await verifyChain(entries);
    expect(verification).toMatchObject({ valid: true, checked: before + 200, firstInvalidSeq: null });
  });

  it('shares rate limits: logins refused on one instance after the allowance was used on both, both ready', async () => {
    const limited = [a, b].map((app) =>
      createOversightYoga({
        services: app.services,
        trustProxy: true,
        rateLimits: { loginPerMinute: 3, auditQueriesPerMinute: 100, exportsPerMinute: 10 },
        readinessChecks: [
          { name: 'redis (live events)', check: () => app.services.pubsub.ping() },
          { name: 'redis (rate limits)', check: () => app.services.rateLimitStore.ping() },
        ],
      }),
    );
    for (const yoga of limited) {
      const ready = await yoga.fetch('http://yoga/readyz');
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        status: 'ready',
        checks: { database: 'ok', 'redis (live events)': 'ok', 'redis (rate limits)': 'ok' },
      });
    }
    const login = (yoga: (typeof limited)[number]) =>
      yoga.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.77' },
        body: JSON.stringify({
          query: 'mutation($input: LoginInput!) { login(input: $input) { token } }',
          variables: { input: { username: 'shared-limit-user', password: 'not-the-password' } },
        }),
      });
    const statuses = [];
    for (const yoga of [limited[0]!, limited[1]!, limited[0]!, limited[1]!, limited[0]!]) {
      statuses.push((await login(yoga)).status);
    }
    // Three attempts a minute for that address and username, whichever instance serves them.
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });

  it('shares the limit on requests without signing in: one allowance per address across both instances', async () => {
    const limited = [a, b].map((app) =>
      createOversightYoga({
        services: app.services,
        trustProxy: true,
        rateLimits: {
          loginPerMinute: 0,
          auditQueriesPerMinute: 0,
          exportsPerMinute: 0,
          anonymousRequestsPerMinute: 3,
        },
      }),
    );
    const ask = (yoga: (typeof limited)[number], ip: string) =>
      yoga.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
        body: JSON.stringify({ query: '{ viewer { username } }' }),
      });
    const statuses = [];
    for (const yoga of [limited[0]!, limited[1]!, limited[0]!, limited[1]!, limited[0]!]) {
      statuses.push((await ask(yoga, '203.0.113.88')).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect((await ask(limited[1]!, '203.0.113.89')).status).toBe(200);
  });
});
