import { type Database, openDatabase } from '@spendsense/server/db/client';
import { type StoredAuditEntry, verifyChain } from '@spendsense/server/domain/audit/index';
import { createOversightPubSub, type OversightPubSub } from '@spendsense/server/pubsub';
import { runAudited } from '@spendsense/server/services/audit/record-audit';
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
  let a: ReturnType<typeof createTestApp>;
  let b: ReturnType<typeof createTestApp>;

  beforeAll(async () => {
    const created = await createPostgresTestDatabase(databaseUrl!);
    drop = created.drop;
    for (let i = 0; i < 2; i++) {
      databases.push(await openDatabase({ databaseUrl: created.url }));
      pubsubs.push(createOversightPubSub(redisUrl));
    }
    a = createTestApp(databases[0]!, { pubsub: pubsubs[0] });
    b = createTestApp(databases[1]!, { pubsub: pubsubs[1] });
  });

  afterAll(async () => {
    for (const pubsub of pubsubs) await pubsub.close();
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
});
