import type { Database } from '@spendsense/server/db/client';
import { generateCustomers } from '@spendsense/server/demo/synthetic/index';
import type { CustomerLedger } from '@spendsense/server/domain/ledger/types';
import { decidePersona } from '@spendsense/server/domain/personas/index';
import { computeSignals } from '@spendsense/server/domain/signals/index';
import { assignAllCustomers } from '@spendsense/server/services/assign-all';
import { assignPersonas, assignPersonasToMany } from '@spendsense/server/services/assign-persona';
import { verifyAuditIntegrity } from '@spendsense/server/services/audit/verify';
import { setConsent } from '@spendsense/server/services/consent';
import { loadCustomer, loadCustomers } from '@spendsense/server/services/ledger';
import { flattenLedgers, storeLedgerBatch } from '@spendsense/server/services/store-ledger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import { openTestDatabase } from './support/database.js';

const AS_OF = '2026-11-01';
/** A year of history, so the signals' lookback starts well after each customer's first transaction. */
const HISTORY_DAYS = 400;

/**
 * The engine's batch run assigns a chunk of customers per transaction from one ledger read. Its decisions
 * must be the ones the pure domain makes over the whole generated ledger, customers who have not consented
 * must be skipped, and every assignment must come with its audit entry in one valid chain.
 */
describe('batch persona assignment', () => {
  let db: Database;
  let app: ReturnType<typeof createTestApp>;
  let ledgers: CustomerLedger[];
  const optedOut = new Set<string>();

  beforeAll(async () => {
    db = await openTestDatabase();
    app = createTestApp(db);
    ledgers = [...generateCustomers({ asOf: AS_OF, count: 23, seed: 11, historyDays: HISTORY_DAYS })];
    await storeLedgerBatch(app.services, flattenLedgers(ledgers));
    for (const [index, ledger] of ledgers.entries()) {
      await setConsent(app.services, { userId: ledger.user.id, status: 'OPTED_IN', channel: 'web' });
      if (index % 7 === 3) {
        await setConsent(app.services, { userId: ledger.user.id, status: 'OPTED_OUT', channel: 'web' });
        optedOut.add(ledger.user.id);
      }
    }
  });

  afterAll(async () => db?.close());

  it('reads each ledger as the domain built it, bounded to the lookback plus the first posted transaction', async () => {
    const ids = ledgers.map((ledger) => ledger.user.id);
    const batch = await loadCustomers(db.prisma, [...ids, 'usr_nobody'], AS_OF);
    expect(batch.has('usr_nobody')).toBe(false);
    const count = (all: Iterable<CustomerLedger>) => [...all].reduce((n, l) => n + l.transactions.length, 0);
    // The read is bounded: far fewer transactions than stored, yet the same decisions as the whole ledger.
    expect(count([...batch.values()].map((c) => c.ledger))).toBeLessThan(count(ledgers) * 0.75);
    for (const ledger of ledgers) {
      const loaded = batch.get(ledger.user.id)!;
      expect(loaded.consentStatus).toBe(optedOut.has(ledger.user.id) ? 'OPTED_OUT' : 'OPTED_IN');
      expect(await loadCustomer(db.prisma, ledger.user.id, AS_OF)).toEqual(loaded);
      expect(loaded.ledger.transactions[0]).toEqual(
        ledger.transactions
          .filter((t) => !t.pending)
          .reduce((first, t) =>
            t.date < first.date || (t.date === first.date && t.id < first.id) ? t : first,
          ),
      );
      expect(loaded.ledger.accounts).toEqual([...ledger.accounts].sort((a, b) => a.id.localeCompare(b.id)));
      for (const window of ['D30', 'D180'] as const) {
        expect(decidePersona(computeSignals(loaded.ledger, window, AS_OF))).toEqual(
          decidePersona(computeSignals(ledger, window, AS_OF)),
        );
      }
    }
  });

  it('assigns every consenting customer in chunks, with the pure domain’s decisions and one entry each', async () => {
    const before = await db.prisma.auditEntry.count({ where: { eventType: 'persona_assigned' } });
    const progress: number[] = [];
    const result = await assignAllCustomers(app.services, {
      referenceDate: AS_OF,
      chunk: 5,
      onProgress: (done) => progress.push(done),
    });
    const consenting = ledgers.filter((ledger) => !optedOut.has(ledger.user.id));
    expect(result).toMatchObject({ customers: consenting.length, assignments: consenting.length * 2 });
    // Progress counts the customers the run picked, a chunk at a time.
    expect(progress).toEqual([0, 5, 10, 15, 20]);

    const rows = await db.prisma.personaAssignment.findMany();
    expect(rows).toHaveLength(consenting.length * 2);
    for (const ledger of consenting) {
      for (const window of ['D30', 'D180'] as const) {
        const row = rows.find((r) => r.userId === ledger.user.id && r.window === window)!;
        expect(row.personaId).toBe(decidePersona(computeSignals(ledger, window, AS_OF)).personaId);
      }
    }
    const entries = await db.prisma.auditEntry.findMany({
      where: { eventType: 'persona_assigned' },
      orderBy: { seq: 'asc' },
      skip: before,
    });
    expect(entries).toHaveLength(rows.length);
    expect(new Set(entries.map((e) => (e.eventData as { assignment_id: string }).assignment_id))).toEqual(
      new Set(rows.map((r) => r.id)),
    );
    expect(entries.some((e) => e.userId !== null && optedOut.has(e.userId))).toBe(false);
    expect((await verifyAuditIntegrity(app.services)).valid).toBe(true);
  });

  it('skips customers without consent or without a record, and matches the one-customer path', async () => {
    const [consenting, other] = ledgers.filter((ledger) => !optedOut.has(ledger.user.id));
    const withdrawn = [...optedOut][0]!;
    const assigned = await assignPersonasToMany(app.services, {
      userIds: [withdrawn, 'usr_nobody', consenting!.user.id],
      windows: ['D30'],
      referenceDate: AS_OF,
    });
    expect(assigned).toEqual([consenting!.user.id]);
    expect(await db.prisma.personaAssignment.count({ where: { userId: withdrawn } })).toBe(0);

    const [single] = await assignPersonas(app.services, {
      userId: other!.user.id,
      windows: ['D30'],
      referenceDate: AS_OF,
    });
    await assignPersonasToMany(app.services, {
      userIds: [other!.user.id],
      windows: ['D30'],
      referenceDate: AS_OF,
    });
    const both = await db.prisma.personaAssignment.findMany({
      where: { userId: other!.user.id, window: 'D30' },
      orderBy: { assignedAt: 'desc' },
      take: 2,
    });
    const decisionOf = (row: typeof single) => ({
      personaId: row!.personaId,
      evaluations: row!.evaluations,
      signalSnapshot: row!.signalSnapshot,
      qualifyingPersonas: row!.qualifyingPersonas,
    });
    expect(decisionOf(both[0])).toEqual(decisionOf(single));
    expect(decisionOf(both[1])).toEqual(decisionOf(single));
  });
});
