import type { Database } from '@spendsense/server/db/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import { highUtilizationCustomer, REFERENCE_DATE, storeCustomers } from './support/customers.js';
import { openTestDatabase } from './support/database.js';

const toGlobalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');
const rawId = (globalId: string) => Buffer.from(globalId, 'base64').toString('utf8').split(':')[1]!;

/**
 * "Current persona" is one rule: the newest assignment, and of two made in the same millisecond the one
 * with the greater id. Every field that shows it must pick the same assignment.
 */
describe('current persona', () => {
  let db: Database;
  let app: ReturnType<typeof createTestApp>;
  const frozen = new Date('2026-11-20T10:00:00.000Z');

  beforeAll(async () => {
    db = await openTestDatabase();
    // A stopped clock: every assignment below gets the same assignedAt.
    app = createTestApp(db, { now: () => frozen });
    await storeCustomers(app.services, [highUtilizationCustomer('usr_tie')]);
  });

  afterAll(async () => db?.close());

  it('is the same assignment in currentPersona, personaHistory and profile when assignedAt ties', async () => {
    const reviewer = await app.tokenFor('REVIEWER');
    const userId = toGlobalId('User', 'usr_tie');
    const made: string[] = [];
    for (let i = 0; i < 4; i++) {
      const result = await app.graphql<{ assignPersona: { id: string } }>(
        `mutation($input: AssignPersonaInput!) { assignPersona(input: $input) { id } }`,
        { input: { userId, window: 'D30', referenceDate: REFERENCE_DATE } },
        { token: reviewer },
      );
      expect(result.errors).toBeUndefined();
      made.push(rawId(result.data!.assignPersona.id));
    }
    const rows = await db.prisma.personaAssignment.findMany({ where: { userId: 'usr_tie', window: 'D30' } });
    expect(new Set(rows.map((row) => row.assignedAt.getTime()))).toEqual(new Set([frozen.getTime()]));
    const newest = [...made].sort().at(-1)!;

    const result = await app.graphql<any>(
      `query($id: ID!) {
        node(id: $id) { ... on User {
          currentPersona(window: D30) { id }
          personaHistory(window: D30, first: 1) { edges { node { id } } }
        } }
        profile(userId: $id) { windows { window assignment { id } } }
      }`,
      { id: userId },
      { token: reviewer },
    );
    expect(result.errors).toBeUndefined();
    expect(rawId(result.data.node.currentPersona.id)).toBe(newest);
    expect(rawId(result.data.node.personaHistory.edges[0].node.id)).toBe(newest);
    const d30 = result.data.profile.windows.find((w: { window: string }) => w.window === 'D30');
    expect(rawId(d30.assignment.id)).toBe(newest);
  });
});
