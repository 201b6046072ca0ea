import type { Database } from '@spendsense/server/db/client';
import { assignPersonas } from '@spendsense/server/services/assign-persona';
import { runAudited } from '@spendsense/server/services/audit/record-audit';
import { createClient } from 'graphql-sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import {
  highUtilizationCustomer,
  REFERENCE_DATE,
  storeCustomers,
  unclassifiedCustomer,
} from './support/customers.js';
import { openTestDatabase } from './support/database.js';

/**
 * N+1 guard: every SQL statement a request sends is recorded, and a page of 12 must cost the same
 * statements as a page of 3. A resolver that loads per row makes the counts differ.
 */
describe('query counts do not grow with page size', () => {
  let db: Database;
  const statements: string[] = [];
  let app: ReturnType<typeof createTestApp>;
  let token: string;

  beforeAll(async () => {
    db = await openTestDatabase({ onQuery: (sql) => statements.push(sql) });
    const setup = createTestApp(db);
    const customers = Array.from({ length: 12 }, (_, i) =>
      i % 2 === 0 ? highUtilizationCustomer(`usr_q${i + 10}`) : unclassifiedCustomer(`usr_q${i + 10}`),
    );
    await storeCustomers(setup.services, customers);
    for (const c of customers) {
      await assignPersonas(setup.services, {
        userId: c.user.id,
        windows: ['D30', 'D180'],
        referenceDate: REFERENCE_DATE,
      });
    }
    app = createTestApp(db);
    token = await app.tokenFor('ADMIN');
  });
  afterAll(async () => db?.close());

  async function countFor(query: string, variables: Record<string, unknown>) {
    const result = await app.graphql(query, variables, { token });
    expect(result.errors).toBeUndefined();
    statements.length = 0;
    const again = await app.graphql(query, variables, { token });
    expect(again.errors).toBeUndefined();
    // Parameters differ with the page size; the statements themselves must not. Batched loads may be
    // sent in either order, so the statements are compared as a sorted list.
    // A list of one id and a list of many are the same statement.
    return statements.map((sql) => sql.replace(/\$\d+/g, '$n').replace(/\$n(,\$n)*/g, '$n…')).sort();
  }

  it('users with their current personas and persona details', async () => {
    const query = `query($first: Int) { users(first: $first) { totalCount edges { node { name
        d30: currentPersona(window: D30) { personaId persona { name } evaluations { personaId } }
        d180: currentPersona(window: D180) { personaId } } } } }`;
    const small = await countFor(query, { first: 3 });
    const large = await countFor(query, { first: 12 });
    expect(small.length).toBeGreaterThan(2);
    expect(large).toEqual(small);
  });

  it('the audit log with linked customers and operators', async () => {
    const query = `query($first: Int) { auditLog(first: $first) { edges { node { sequence
        user { customerId } operator { username } } } } }`;
    const small = await countFor(query, { first: 3 });
    const large = await countFor(query, { first: 40 });
    expect(small.length).toBeGreaterThan(2);
    expect(large).toEqual(small);
  });

  it('a live audit entry: the same statements for one subscriber as for five', async () => {
    const admin = await db.prisma.operator.findFirstOrThrow({ where: { role: 'ADMIN' } });
    // The console's row: the entry with its customer and operator, each read from the database.
    const subscription = `subscription { auditEntryAdded { sequence user { name } operator { username } } }`;
    async function countForSubscribers(subscribers: number) {
      const client = createClient({
        url: 'http://yoga/graphql/stream',
        fetchFn: app.yoga.fetch,
        retryAttempts: 0,
        headers: { authorization: `Bearer ${token}` },
      });
      const received: unknown[] = [];
      let connected = 0;
      const disposers = Array.from({ length: subscribers }, () =>
        client.subscribe(
          { query: subscription },
          { next: (result) => received.push(result), error: (e) => received.push(e), complete: () => {} },
          { connected: () => void connected++ },
        ),
      );
      // Connected is not yet listening: write until every subscriber has received an entry.
      const write = () =>
        runAudited(app.services, (_tx, audit) =>
          audit.record({
            eventType: 'consent_changed',
            userId: 'usr_q10',
            operatorId: admin.id,
            eventData: {
              old_status: null,
              new_status: 'opted_in',
              consent_version: '1.0',
              changed_via: 'web',
            },
          }),
        );
      const until = async (count: number) => {
        while (received.length < count) await new Promise((resolve) => setTimeout(resolve, 20));
      };
      while (connected < subscribers) await new Promise((resolve) => setTimeout(resolve, 20));
      for (let seen = 0; seen < subscribers; ) {
        received.length = 0;
        await write();
        await new Promise((resolve) => setTimeout(resolve, 200));
        seen = received.length;
      }
      received.length = 0;
      statements.length = 0;
      await write();
      await until(subscribers);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const counted = statements
        .map((sql) => sql.replace(/\$\d+/g, '$n').replace(/(\$n,)+\$n/g, '$n…'))
        .sort();
      for (const dispose of disposers) dispose();
      client.dispose();
      expect(received).toHaveLength(subscribers);
      expect(JSON.stringify(received)).toContain('"username":"admin"');
      return counted;
    }
    const one = await countForSubscribers(1);
    const five = await countForSubscribers(5);
    expect(five).toEqual(one);
  });
});
