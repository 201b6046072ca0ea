import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/src/db/client.js';
import { archetypeOf } from '../server/src/domain/synthetic/index.js';
import { DEMO_LOGINS, seedDemo } from '../server/src/services/demo.js';
import { createTestApp } from './support/app.js';
import { openTestDatabase } from './support/database.js';

describe('the embedded demo', () => {
  let db: Database;
  let app: ReturnType<typeof createTestApp>;

  beforeAll(async () => {
    db = await openTestDatabase();
    app = createTestApp(db, { now: () => new Date('2026-11-22T12:00:00Z') });
    await seedDemo(app.services, { customers: 100, seed: 42, asOf: '2026-11-22' });
  }, 300_000);
  afterAll(async () => db?.close());

  it('assigns every persona and unclassified across the default customers', async () => {
    const admin = DEMO_LOGINS.find((l) => l.role === 'ADMIN')!;
    const login = await app.graphql<{ login: { token: string } }>(
      'mutation($input: LoginInput!) { login(input: $input) { token } }',
      { input: { username: admin.username, password: admin.password } },
    );
    const token = login.data!.login.token;
    const result = await app.graphql<{ users: any }>(
      `{ users(first: 100) { totalCount edges { node { customerId
          d30: currentPersona(window: D30) { personaId }
          d180: currentPersona(window: D180) { personaId } } } } }`,
      {},
      { token },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.users.totalCount).toBe(100);
    const assigned = result.data!.users.edges.filter((e: any) => e.node.d30);
    const personas = new Set(assigned.flatMap((e: any) => [e.node.d30.personaId, e.node.d180.personaId]));
    expect([...personas].sort()).toEqual([
      'cash_flow_optimizer',
      'high_utilization',
      'savings_builder',
      'subscription_heavy',
      'unclassified',
      'variable_income_budgeter',
      'young_professional',
    ]);
    // Customers who never consented, or withdrew, are not processed.
    const unprocessed = result.data!.users.edges.filter((e: any) => !e.node.d30).length;
    expect(unprocessed).toBe(await db.prisma.user.count({ where: { consentStatus: 'OPTED_OUT' } }));
    expect(unprocessed).toBeGreaterThan(0);
  });

  it('gives a high-utilization customer a full trace in both windows', async () => {
    const index = Array.from({ length: 100 }, (_, i) => i + 1).find(
      (i) => archetypeOf(i) === 'high_utilization' && (i - 1) % 13 !== 12 && (i - 1) % 17 !== 16,
    )!;
    const userId = `usr_${String(index).padStart(6, '0')}`;
    const token = await app.tokenFor('VIEWER', 'test-viewer');
    const result = await app.graphql<{ profile: any }>(
      `query($id: ID!) { profile(userId: $id) { windows { window assignedPersonaId prioritizationReason
          assignment { qualifyingPersonas evaluations { personaId matched conditions { signal actual held } } } } } }`,
      { id: Buffer.from(`User:${userId}`).toString('base64') },
      { token },
    );
    expect(result.errors).toBeUndefined();
    for (const w of result.data!.profile.windows) {
      expect(w.assignedPersonaId).toBe('high_utilization');
      expect(w.assignment.qualifyingPersonas[0]).toBe('high_utilization');
      expect(w.prioritizationReason).toMatch(/priority 1\)$/);
      const evaluation = w.assignment.evaluations.find((e: any) => e.personaId === 'high_utilization');
      expect(evaluation.matched).toBe(true);
      expect(evaluation.conditions.some((c: any) => c.held && c.actual !== null)).toBe(true);
    }
  });

  it('is idempotent: seeding again adds nothing', async () => {
    const before = await db.prisma.personaAssignment.count();
    await seedDemo(app.services, { customers: 100, seed: 42, asOf: '2026-11-22' });
    expect(await db.prisma.personaAssignment.count()).toBe(before);
  });
});
