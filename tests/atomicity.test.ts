/**
 * Every event source writes its business rows and its audit entries in one transaction. These tests make the
 * database itself fail at two points, without any test hook in the services:
 * - at the audit write, after the business write: a CHECK constraint (NOT VALID, so existing rows are not
 *   checked) refuses the source's audit row;
 * - at commit, after every business and audit write: a deferred constraint trigger on audit_log raises.
 * Either way no business row, no audit row, no chain-head move and no live announcement may remain.
 */

import type { Database } from '@spendsense/server/db/client';
import type { AuditEventType } from '@spendsense/server/domain/audit/index';
import type { Operator } from '@spendsense/server/generated/prisma/client';
import { assignPersona } from '@spendsense/server/services/assign-persona';
import { setConsent } from '@spendsense/server/services/consent';
import { overridePersona } from '@spendsense/server/services/override-persona';
import { generateRecommendations } from '@spendsense/server/services/recommendations';
import { approveRecommendations, reviewRecommendation } from '@spendsense/server/services/review';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditEntriesAfter,
  auditHead,
  globalId,
  manualClock,
  openTestApp,
  optIn,
  REFERENCE_DATE,
  storeCustomer,
  subscriptionHeavyLedger,
  type TestApp,
  tableCounts,
} from './support/review-fixtures.js';

let db: Database;
let app: TestApp;
const clock = manualClock();
let admin: Operator;
let reviewer: Operator;
let adminToken: string;
const published: string[] = [];
let stopListening: () => void;

beforeAll(async () => {
  ({ db, app } = await openTestApp(clock));
  adminToken = await app.tokenFor('ADMIN');
  await app.tokenFor('REVIEWER');
  admin = await db.prisma.operator.findUniqueOrThrow({ where: { username: 'admin' } });
  reviewer = await db.prisma.operator.findUniqueOrThrow({ where: { username: 'reviewer' } });
  for (const id of ['usr_atom', 'usr_fresh', 'usr_new']) {
    await storeCustomer(app.services, subscriptionHeavyLedger(id));
  }
  for (const id of ['usr_atom', 'usr_fresh']) await optIn(app.services, id);
  await assignPersona(app.services, { userId: 'usr_atom', window: 'D30', referenceDate: REFERENCE_DATE });
  await generateRecommendations(app.services, { userId: 'usr_atom', window: 'D30' });
  clock.advanceSeconds(120);

  const subscription = app.services.pubsub.subscribe('auditEntry:added');
  stopListening = () => void subscription.return?.();
  void (async () => {
    for await (const event of subscription) published.push(event.seq);
  })();
});

afterAll(async () => {
  stopListening?.();
  await db?.close();
});

type Injection = 'at the audit write' | 'at commit';

async function inject(injection: Injection, failingAudit: string): Promise<void> {
  if (injection === 'at the audit write') {
    await db.sql.exec(
      `ALTER TABLE audit_log ADD CONSTRAINT injected_audit_failure CHECK (NOT (${failingAudit})) NOT VALID`,
    );
  } else {
    await db.sql.exec(`
      CREATE FUNCTION injected_commit_failure() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected failure at commit'; END $$;
      CREATE CONSTRAINT TRIGGER injected_commit_failure AFTER INSERT ON audit_log
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION injected_commit_failure();`);
  }
}

async function removeInjections(): Promise<void> {
  await db.sql.exec(`
    DROP TRIGGER IF EXISTS injected_commit_failure ON audit_log;
    DROP FUNCTION IF EXISTS injected_commit_failure();
    ALTER TABLE audit_log DROP CONSTRAINT IF EXISTS injected_audit_failure;`);
}

/** Runs `work` with the failure injected; returns "committed" or the error's text. Always removes it. */
async function withInjection(injection: Injection, failingAudit: string, work: () => Promise<unknown>) {
  await inject(injection, failingAudit);
  try {
    return await work().then(
      () => 'committed',
      (error: unknown) => errorText(error),
    );
  } finally {
    await removeInjections();
  }
}

/** Lets announcements that were (wrongly) published reach the listener before we look. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

function errorText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  while (current instanceof Error) {
    parts.push(current.message);
    current = current.cause;
  }
  return parts.join(' | ') || String(error);
}

interface Source {
  name: string;
  /** The entries a successful run writes, in order. */
  writes: AuditEventType[];
  prepare(): Promise<{ run: () => Promise<unknown>; failingAudit: string }>;
}

const pendingId = async () =>
  (
    await db.prisma.recommendation.findFirstOrThrow({
      where: { status: 'PENDING_REVIEW', userId: 'usr_atom' },
    })
  ).id;

const SOURCES: Source[] = [
  {
    name: 'setConsent',
    writes: ['consent_changed'],
    prepare: async () => ({
      run: () => setConsent(app.services, { userId: 'usr_new', status: 'OPTED_IN', channel: 'web' }),
      failingAudit: `event_type = 'consent_changed'`,
    }),
  },
  {
    name: 'assignPersona',
    writes: ['persona_assigned'],
    prepare: async () => ({
      run: () =>
        assignPersona(app.services, { userId: 'usr_fresh', window: 'D30', referenceDate: REFERENCE_DATE }),
      failingAudit: `event_type = 'persona_assigned'`,
    }),
  },
  {
    name: 'overridePersona',
    writes: ['persona_overridden'],
    prepare: async () => ({
      run: () =>
        overridePersona(
          app.services,
          {
            userId: 'usr_atom',
            window: 'D30',
            personaId: 'savings_builder',
            justification: 'Atomicity check',
            operatorId: admin.id,
          },
          { ipAddress: '203.0.113.7', userAgent: 'atomicity-test' },
        ),
      failingAudit: `event_type = 'persona_overridden'`,
    }),
  },
  {
    name: 'generateRecommendations (fails midway, at the first tone entry)',
    writes: [
      ...Array.from(
        { length: 8 },
        () => ['recommendation_generated', 'eligibility_checked', 'tone_validated'] as const,
      ).flat(),
    ],
    prepare: async () => ({
      run: () => generateRecommendations(app.services, { userId: 'usr_atom', window: 'D30' }),
      failingAudit: `event_type = 'tone_validated'`,
    }),
  },
  {
    name: 'reviewRecommendation',
    writes: ['operator_action'],
    prepare: async () => {
      const id = await pendingId();
      return {
        run: () => reviewRecommendation(app.services, reviewer, { recommendationId: id, action: 'APPROVE' }),
        failingAudit: `event_type = 'operator_action'`,
      };
    },
  },
  {
    name: 'reviewRecommendations (fails on the third of three items)',
    writes: ['operator_action', 'operator_action', 'operator_action'],
    prepare: async () => {
      const rows = await db.prisma.recommendation.findMany({
        where: { status: 'PASSED', userId: 'usr_atom' },
        orderBy: { id: 'asc' },
        take: 3,
      });
      const ids = rows.map((row) => row.id);
      return {
        run: () => approveRecommendations(app.services, reviewer, { recommendationIds: ids }),
        failingAudit: `event_type = 'operator_action' AND recommendation_id = '${ids[2]}'::uuid`,
      };
    },
  },
];

describe.each(SOURCES)('$name', (source) => {
  let run: () => Promise<unknown>;
  let failingAudit: string;

  beforeAll(async () => {
    ({ run, failingAudit } = await source.prepare());
  });

  it('leaves neither business rows nor audit entries when the audit write fails', async () => {
    const before = await tableCounts(db);
    const announced = published.length;
    const outcome = await withInjection('at the audit write', failingAudit, run);
    expect(outcome).toMatch(/injected_audit_failure/);
    await settle();
    expect(await tableCounts(db)).toEqual(before);
    expect(published.length).toBe(announced);
  });

  it('leaves neither business rows nor audit entries when the commit fails', async () => {
    const before = await tableCounts(db);
    await withInjection('at commit', failingAudit, run);
    expect(await tableCounts(db)).toEqual(before);
  });

  // pglite-prisma-adapter 0.7.2 as published swallows a failed COMMIT (the bug prisma/orm#29138 fixed in the
  // PlanetScale adapter): nothing is stored, but the caller is told it was. patches/ fixes it; this test
  // guards the patch on PGlite and the driver on PostgreSQL.
  it('reports a failed commit to the caller and announces nothing', async () => {
    const announced = published.length;
    const outcome = await withInjection('at commit', failingAudit, run);
    await settle();
    expect(outcome).toMatch(/injected failure at commit/);
    expect(published.length).toBe(announced);
  });

  it('commits the change with exactly its entries once nothing fails', async () => {
    const head = await auditHead(db);
    const before = await tableCounts(db);
    await run();
    await settle();
    const entries = await auditEntriesAfter(db, head);
    expect(entries.map((entry) => entry.eventType)).toEqual(source.writes);
    expect(published.slice(-entries.length)).toEqual(entries.map((entry) => entry.seq.toString()));
    expect(await tableCounts(db)).not.toEqual(before);
  });
});

describe('through the API', () => {
  it('an injected failure is an internal error, and the override leaves nothing behind', async () => {
    const before = await tableCounts(db);
    await inject('at the audit write', `event_type = 'persona_overridden'`);
    try {
      const result = await app.graphql(
        `mutation($input: OverridePersonaInput!) { overridePersona(input: $input) { id } }`,
        {
          input: {
            userId: globalId('User', 'usr_atom'),
            window: 'D30',
            personaId: 'cash_flow_optimizer',
            justification: 'Atomicity through the API',
          },
        },
        { token: adminToken },
      );
      expect(result.errors?.[0]?.extensions?.['code']).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await removeInjections();
    }
    expect(await tableCounts(db)).toEqual(before);
  });
});
