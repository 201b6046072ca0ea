/**
 * Customers and helpers shared by the persona-override, consent, recommendation, review-queue and atomicity
 * tests. Customers are stored through the ledger service and opted in through the consent service, so every
 * test starts from data the real services produced.
 */
import type { Database } from '@spendsense/server/db/client';
import type { AuditEventType } from '@spendsense/server/domain/audit/index';
import type { CustomerLedger } from '@spendsense/server/domain/ledger/types';
import { OPERATOR_ROLES, type OperatorRole } from '@spendsense/server/domain/operators/index';
import type { AuditEntry } from '@spendsense/server/generated/prisma/client';
import { setConsent } from '@spendsense/server/services/consent';
import type { ServiceContext } from '@spendsense/server/services/context';
import { flattenLedgers, storeLedgerBatch } from '@spendsense/server/services/store-ledger';
import { daysOfMonth, everyNDays, ledgerBuilder } from '@spendsense/server/test-support/ledger-builder';
import { createTestApp } from './app.js';
import { openTestDatabase } from './database.js';

/** Last day of every fixture's history and the reference date of their assignments. */
export const REFERENCE_DATE = '2025-06-30';

export type ManualClock = ReturnType<typeof manualClock>;
export type TestApp = ReturnType<typeof createTestApp>;

/** A clock the test moves by hand; starts the morning after the reference date. */
export function manualClock(start = '2025-07-01T09:00:00.000Z') {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set(iso: string) {
      current = new Date(iso);
    },
    advanceSeconds(seconds: number) {
      current = new Date(current.getTime() + seconds * 1000);
    },
  };
}

/** The real app over a fresh test database, on the test's clock. The caller closes `db` in afterAll. */
export async function openTestApp(clock: ManualClock): Promise<{ db: Database; app: TestApp }> {
  const db = await openTestDatabase();
  return { db, app: createTestApp(db, { now: clock.now }) };
}

/** Signs in once as every operator role, in OPERATOR_ROLES order, creating each role's operator on the way. */
export async function signInEveryRole(app: TestApp): Promise<Record<OperatorRole, string>> {
  const tokens: Partial<Record<OperatorRole, string>> = {};
  for (const role of OPERATOR_ROLES) tokens[role] = await app.tokenFor(role);
  return tokens as Record<OperatorRole, string>;
}

/**
 * Subscription-heavy (D30): Netflix, Spotify and a gym every month ($71.98 a month), biweekly pay of $2,000
 * into checking, no card. Its offer slot goes to the subscription manager, whose summary fails tone.
 */
export function subscriptionHeavyLedger(userId: string): CustomerLedger {
  const checking = `${userId}-checking`;
  return ledgerBuilder(userId)
    .checking({ id: checking, balance: 6_000, mask: '4411' })
    .payroll(checking, everyNDays('2025-01-03', 14, 13), 2_000)
    .charges(checking, 'Netflix', daysOfMonth('2025-01', [5], 6), 15.99)
    .charges(checking, 'Spotify', daysOfMonth('2025-01', [9], 6), 10.99)
    .charges(checking, 'FitLife Gym', daysOfMonth('2025-01', [12], 6), 45)
    .charges(checking, 'Corner Grocer', daysOfMonth('2025-01', [3, 17], 6), 180)
    .build();
}

/**
 * Variable-income budgeter (D180): three paydays 60 days apart, $400 in checking against about $1,600 of
 * monthly spending, $5,000 saved and a card at 10 % (so no savings or credit-building offer fits). Its third offer slot goes to the predatory
 * payday loan, which eligibility stops.
 */
export function variableIncomeLedger(userId: string): CustomerLedger {
  const checking = `${userId}-checking`;
  return (
    ledgerBuilder(userId)
      .checking({ id: checking, balance: 400, mask: '7788' })
      .savings({ id: `${userId}-savings`, balance: 5_000, mask: '2211' })
      .creditCard({ id: `${userId}-card`, balance: 400, limit: 4_000, mask: '3141' })
      .payroll(checking, ['2025-01-10', '2025-03-11', '2025-05-10'], [2_400, 900, 1_800])
      // Amounts far apart, so no spending here reads as a subscription.
      .spend(checking, '2025-01-06', 600, 'Corner Grocer')
      .spend(checking, '2025-01-27', 1_400, 'Corner Grocer')
      .spend(checking, '2025-02-13', 900, 'Corner Grocer')
      .spend(checking, '2025-03-04', 2_000, 'Corner Grocer')
      .spend(checking, '2025-03-29', 450, 'Corner Grocer')
      .spend(checking, '2025-04-18', 1_700, 'Corner Grocer')
      .spend(checking, '2025-05-07', 800, 'Corner Grocer')
      .spend(checking, '2025-05-30', 1_250, 'Corner Grocer')
      .spend(checking, '2025-06-21', 300, 'Corner Grocer')
      .build()
  );
}

export async function storeCustomer(services: ServiceContext, ledger: CustomerLedger): Promise<string> {
  await storeLedgerBatch(services, flattenLedgers([ledger]));
  return ledger.user.id;
}

export async function optIn(services: ServiceContext, userId: string): Promise<void> {
  await setConsent(services, { userId, status: 'OPTED_IN', channel: 'web' });
}

export function globalId(typename: string, id: string): string {
  return Buffer.from(`${typename}:${id}`).toString('base64');
}

export function decodeGlobalId(globalIdValue: string): { typename: string; id: string } {
  const [typename, ...rest] = Buffer.from(globalIdValue, 'base64').toString('utf8').split(':');
  return { typename: typename!, id: rest.join(':') };
}

/** Row counts of every table the event sources write: "nothing changed" means all of them are equal. */
export async function tableCounts(db: Database) {
  const [assignments, recommendations, consents, audit, head, consentStatuses] = await Promise.all([
    db.prisma.personaAssignment.count(),
    db.prisma.recommendation.count(),
    db.prisma.consentRecord.count(),
    db.prisma.auditEntry.count(),
    db.prisma.auditChainHead.findUniqueOrThrow({ where: { id: 1 } }),
    db.prisma.user.findMany({ select: { id: true, consentStatus: true }, orderBy: { id: 'asc' } }),
  ]);
  const reviewed = await db.prisma.recommendation.count({ where: { reviewedAt: { not: null } } });
  return {
    assignments,
    recommendations,
    reviewed,
    consents,
    audit,
    headSeq: head.seq.toString(),
    consentStatuses,
  };
}

/** Audit entries after `afterSeq`, oldest first. */
export async function auditEntriesAfter(
  db: Database,
  afterSeq: bigint,
  eventType?: AuditEventType,
): Promise<AuditEntry[]> {
  return db.prisma.auditEntry.findMany({
    where: { seq: { gt: afterSeq }, ...(eventType ? { eventType } : {}) },
    orderBy: { seq: 'asc' },
  });
}

export async function auditHead(db: Database): Promise<bigint> {
  const head = await db.prisma.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
  return head.seq;
}
