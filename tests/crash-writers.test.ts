import { openDatabase } from '@spendsense/server/db/client';
import { createOversightPubSub } from '@spendsense/server/pubsub';
import { verifyAuditIntegrity } from '@spendsense/server/services/audit/verify';
import { createServices } from '@spendsense/server/services/context';
import { createOperator } from '@spendsense/server/services/operators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_CONFIG, testLogger } from './support/config.js';
import { createPostgresTestDatabase } from './support/database.js';
import { TEST_PASSWORD } from './support/passwords.js';
import { type ServerProcess, startServerProcess } from './support/server-process.js';

const databaseUrl = process.env.DATABASE_URL;
const WRITERS = 8;
/** Acknowledged writes before the kill: enough that all eight writers are mid-flight when it lands. */
const ACKS_BEFORE_KILL = 48;
const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

/**
 * kill -9 of a real server process while eight writers run audited mutations on PostgreSQL (issue #8):
 * every write the server acknowledged is there after a restart, each with its audit entry, and the chain is
 * gapless and verifies.
 */
describe.skipIf(!databaseUrl)('a server killed under eight writers', () => {
  let url: string;
  let drop: () => Promise<void>;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    ({ url, drop } = await createPostgresTestDatabase(databaseUrl!));
    const db = await openDatabase({ databaseUrl: url });
    const services = createServices(TEST_CONFIG, db, {
      pubsub: createOversightPubSub(),
      logger: testLogger(),
    });
    await createOperator(services, {
      username: 'crash-admin',
      displayName: 'Crash admin',
      role: 'ADMIN',
      password: TEST_PASSWORD,
    });
    for (let i = 0; i < WRITERS; i++) {
      await db.prisma.user.create({
        data: {
          id: `usr_crash_${i}`,
          name: `Crash customer ${i}`,
          email: `crash${i}@example.com`,
          dateOfBirth: new Date('1990-01-01'),
        },
      });
    }
    await db.close();
  });

  afterAll(async () => {
    for (const server of servers) server.cleanup();
    await drop?.();
  });

  async function post(server: ServerProcess, query: string, token?: string) {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as { data?: Record<string, any> | null; errors?: unknown[] };
  }

  it('keeps every acknowledged write and a valid chain', async () => {
    const env = { DATABASE_URL: url, DEMO: '0' };
    const first = await startServerProcess(env);
    servers.push(first);
    const login = await post(
      first,
      `mutation { login(input: { username: "crash-admin", password: "${TEST_PASSWORD}" }) { token } }`,
    );
    const token = login.data!.login.token as string;

    const acknowledged: Array<{ userId: string; recordId: string }> = [];
    let killed = false;
    const writer = async (i: number) => {
      for (let n = 0; !killed; n++) {
        const status = n % 2 === 0 ? 'OPTED_OUT' : 'OPTED_IN';
        try {
          const result = await post(
            first,
            `mutation { setConsent(input: { userId: "${gid('User', `usr_crash_${i}`)}", status: ${status} }) { record { id } } }`,
            token,
          );
          const recordId = result.data?.setConsent?.record?.id as string | undefined;
          if (recordId) acknowledged.push({ userId: `usr_crash_${i}`, recordId });
          if (acknowledged.length >= ACKS_BEFORE_KILL && !killed) {
            killed = true;
            first.child.kill('SIGKILL');
          }
        } catch {
          return; // the connection died with the server
        }
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, (_, i) => writer(i)));
    await first.exited;
    expect(acknowledged.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);

    const second = await startServerProcess(env);
    servers.push(second);
    const again = await post(
      second,
      `mutation { login(input: { username: "crash-admin", password: "${TEST_PASSWORD}" }) { token } }`,
    );
    expect(again.data?.login?.token).toBeTruthy();

    const db = await openDatabase({ databaseUrl: url, migrate: false });
    try {
      const stored = new Set(
        (await db.prisma.consentRecord.findMany({ select: { id: true } })).map((r) =>
          gid('ConsentRecord', r.id),
        ),
      );
      expect(acknowledged.filter((write) => !stored.has(write.recordId))).toEqual([]);
      // Each stored consent change has its audit entry: they commit together or not at all.
      const changes = await db.prisma.consentRecord.count();
      const audited = await db.prisma.auditEntry.count({ where: { eventType: 'consent_changed' } });
      expect(audited).toBe(changes);
      const services = createServices(TEST_CONFIG, db, {
        pubsub: createOversightPubSub(),
        logger: testLogger(),
      });
      const integrity = await verifyAuditIntegrity(services);
      expect(integrity).toMatchObject({ valid: true, reason: null });
      expect(integrity.checked).toBe(integrity.headSeq);
    } finally {
      await db.close();
    }
  });
});
