import type { Database } from '@spendsense/server/db/client';
import { assignPersonas } from '@spendsense/server/services/assign-persona';
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
    return statements.map((sql) => sql.replace(/\$\d+/g, '$n').replace(/(\$n,)+\$n/g, '$n…')).sort();
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
});
