import { describe, expect, it } from 'vitest';
import type { CustomerLedger, LedgerAccount } from '../../domain/ledger/types.js';
import { decidePersona } from '../../domain/personas/index.js';
import { computeSignals } from '../../domain/signals/index.js';
import { ARCHETYPES, type Archetype, archetypeOf } from './archetypes.js';
import { parseIsoDay } from './calendar.js';
import { generateCustomer, generateCustomers } from './generator.js';

const AS_OF = '2025-06-30';
const DEFAULT_100 = [...generateCustomers({ asOf: AS_OF })];

const dayOf = (iso: string): number => {
  const day = parseIsoDay(iso);
  if (day === null) throw new Error(`not a date: ${iso}`);
  return day;
};
const daysBetween = (from: string, to: string): number => dayOf(to) - dayOf(from);
// Transactions come sorted by date (checked below).
const firstDate = (ledger: CustomerLedger): string => ledger.transactions[0]?.date ?? '';
const cards = (ledger: CustomerLedger): LedgerAccount[] => ledger.accounts.filter((a) => a.type === 'credit');
const utilization = (card: LedgerAccount): number => card.balanceCurrent / (card.creditLimit ?? Number.NaN);
/** In cents, so that sums are exact. */
const cents = (dollars: number): number => Math.round(dollars * 100);
const netAmountCents = (ledger: CustomerLedger, accountId: string): number =>
  ledger.transactions.filter((t) => t.accountId === accountId).reduce((sum, t) => sum + cents(t.amount), 0);
const byArchetype = (archetype: Archetype): CustomerLedger[] =>
  DEFAULT_100.filter((_, i) => archetypeOf(i + 1) === archetype);
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};
const payrollGaps = (ledger: CustomerLedger): number[] => {
  const days = ledger.transactions
    .filter((t) => t.categoryDetailed === 'INCOME_WAGES')
    .map((t) => dayOf(t.date));
  return days.slice(1).map((day, i) => day - (days[i] ?? day));
};

describe('generateCustomers: determinism', () => {
  it('gives deep-equal customers for the same seed and asOf', () => {
    const again = [...generateCustomers({ asOf: AS_OF, count: 100, seed: 42 })];
    expect(again).toEqual(DEFAULT_100);
  });

  it('builds a customer alone exactly as in the stream', () => {
    expect(generateCustomer(37, { asOf: AS_OF })).toEqual(DEFAULT_100[36]);
    expect(generateCustomer(100, { asOf: AS_OF, seed: 42 })).toEqual(DEFAULT_100[99]);
  });

  it('pins the first customer, so a change of library or algorithm cannot go unnoticed', () => {
    const first = DEFAULT_100[0];
    expect(first?.user).toEqual({
      id: 'usr_000001',
      name: 'Tyra Bogisich',
      email: 'tyra.bogisich.1@example.net',
      dateOfBirth: '1991-10-22',
      createdAt: '2025-06-01T14:28:28.000Z',
    });
    expect(first?.transactions).toHaveLength(275);
    expect(first?.transactions[0]).toMatchObject({
      id: 'txn_000001_0001',
      date: '2024-12-02',
      amount: 35.48,
    });
  });

  it('changes with the seed but keeps ids and archetypes', () => {
    const other = [...generateCustomers({ asOf: AS_OF, count: 10, seed: 43 })];
    expect(other.map((c) => c.user.id)).toEqual(DEFAULT_100.slice(0, 10).map((c) => c.user.id));
    expect(other.map((c) => c.user.name)).not.toEqual(DEFAULT_100.slice(0, 10).map((c) => c.user.name));
    expect(other[0]?.transactions).not.toEqual(DEFAULT_100[0]?.transactions);
  });

  it('changes with asOf', () => {
    expect(generateCustomer(1, { asOf: '2025-07-01' })).not.toEqual(DEFAULT_100[0]);
  });
});

describe('generateCustomers: ids and fields', () => {
  it('derives every id from the index', () => {
    const third = DEFAULT_100[2];
    expect(third?.user.id).toBe('usr_000003');
    expect(third?.accounts.map((a) => a.id).slice(0, 2)).toEqual(['acc_000003_01', 'acc_000003_02']);
    expect(third?.transactions.map((t) => t.id).slice(0, 3)).toEqual([
      'txn_000003_0001',
      'txn_000003_0002',
      'txn_000003_0003',
    ]);
    expect(DEFAULT_100[99]?.user.id).toBe('usr_000100');
  });

  it('keeps ids and emails unique across customers', () => {
    const ids = DEFAULT_100.flatMap((c) => [
      c.user.id,
      ...c.accounts.map((a) => a.id),
      ...c.transactions.map((t) => t.id),
    ]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(DEFAULT_100.map((c) => c.user.email)).size).toBe(100);
  });

  it('uses USD, four-digit masks, cents, the customer id and ascending dates', () => {
    for (const ledger of DEFAULT_100) {
      for (const account of ledger.accounts) {
        expect(account.mask).toMatch(/^\d{4}$/);
        expect(account.isoCurrencyCode).toBe('USD');
        expect(account.userId).toBe(ledger.user.id);
      }
      let previous = '';
      for (const t of ledger.transactions) {
        expect(t.isoCurrencyCode).toBe('USD');
        expect(t.userId).toBe(ledger.user.id);
        expect(Math.round(t.amount * 100) / 100).toBe(t.amount);
        expect(t.date >= previous).toBe(true);
        previous = t.date;
      }
    }
  });

  it('pays wages as negative ACH deposits from a payroll merchant', () => {
    const wages = DEFAULT_100.flatMap((c) => c.transactions.filter((t) => t.categoryPrimary === 'INCOME'));
    expect(wages.length).toBeGreaterThan(500);
    for (const t of wages) {
      expect(t.categoryDetailed).toBe('INCOME_WAGES');
      expect(t.amount).toBeLessThan(0);
      expect(t.paymentChannel).toBe('other');
      expect(t.merchantName).toMatch(/^[A-Z0-9 ]+ PAYROLL$/);
    }
  });

  it('has young adults outside the young-professional archetype too', () => {
    const age = (ledger: CustomerLedger) => Math.floor(daysBetween(ledger.user.dateOfBirth, AS_OF) / 365.25);
    const young = DEFAULT_100.filter((c, i) => archetypeOf(i + 1) !== 'young_professional' && age(c) <= 25);
    expect(young.length).toBeGreaterThan(0);
    for (const ledger of byArchetype('young_professional')) {
      expect(age(ledger)).toBeGreaterThanOrEqual(21);
      expect(age(ledger)).toBeLessThanOrEqual(25);
    }
  });
});

describe('generateCustomers: history and balances', () => {
  it('never dates a transaction after asOf', () => {
    for (const ledger of DEFAULT_100) {
      for (const t of ledger.transactions) expect(t.date <= AS_OF).toBe(true);
    }
  });

  it('gives everyone but young professionals exactly historyDays of history', () => {
    for (const [i, ledger] of DEFAULT_100.entries()) {
      const days = daysBetween(firstDate(ledger), AS_OF);
      if (archetypeOf(i + 1) === 'young_professional') {
        expect(days).toBeLessThanOrEqual(120);
        expect(days).toBeGreaterThan(60);
      } else {
        expect(days).toBe(210);
      }
    }
    const long = generateCustomer(2, { asOf: AS_OF, historyDays: 365 });
    expect(daysBetween(firstDate(long), AS_OF)).toBe(365);
  });

  it('keeps opening balances plausible: depository never negative, cards within their limit', () => {
    for (const ledger of DEFAULT_100) {
      for (const account of ledger.accounts) {
        const net = netAmountCents(ledger, account.id);
        if (account.type === 'depository') {
          // Plaid: positive amounts leave the account, so the opening balance is current + net outflow.
          expect(cents(account.balanceCurrent) + net).toBeGreaterThanOrEqual(0);
          expect(account.balanceCurrent).toBeGreaterThanOrEqual(0);
        }
        if (account.type === 'credit') {
          const opening = cents(account.balanceCurrent) - net;
          expect(opening).toBeGreaterThanOrEqual(0);
          expect(opening).toBeLessThanOrEqual(cents(account.creditLimit ?? 0));
          expect(utilization(account)).toBeLessThanOrEqual(1);
        }
      }
    }
  });

  it('books card payments and savings transfers on both sides', () => {
    for (const ledger of DEFAULT_100) {
      const checking = ledger.accounts.find((a) => a.subtype === 'checking');
      const onChecking = ledger.transactions.filter((t) => t.accountId === checking?.id);
      const counterpart = (date: string, amount: number, detailed: string) =>
        onChecking.some((t) => t.date === date && t.amount === amount && t.categoryDetailed === detailed);
      for (const t of ledger.transactions) {
        if (t.accountId === checking?.id) continue;
        if (t.categoryDetailed === 'LOAN_PAYMENTS_CREDIT_CARD_PAYMENT') {
          expect(counterpart(t.date, -t.amount, 'LOAN_PAYMENTS_CREDIT_CARD_PAYMENT')).toBe(true);
        }
        if (t.categoryPrimary === 'TRANSFER_IN') {
          expect(t.amount).toBeLessThan(0);
          expect(counterpart(t.date, -t.amount, 'TRANSFER_OUT_ACCOUNT_TRANSFER')).toBe(true);
        }
      }
    }
  });
});

describe('generateCustomers: archetypes', () => {
  it('puts every archetype in the default 100, weighted', () => {
    const counts = new Map<Archetype, number>();
    for (let i = 1; i <= DEFAULT_100.length; i++)
      counts.set(archetypeOf(i), (counts.get(archetypeOf(i)) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([...ARCHETYPES].sort());
    expect(counts.get('high_utilization')).toBe(20);
    expect(counts.get('unclassified')).toBe(10);
  });

  it('high utilization: a card at 50 %+, interest charged, minimum payments, some overdue', () => {
    const customers = byArchetype('high_utilization');
    for (const ledger of customers) {
      expect(Math.max(...cards(ledger).map(utilization))).toBeGreaterThanOrEqual(0.5);
      expect(ledger.transactions.some((t) => t.categoryDetailed === 'BANK_FEES_INTEREST_CHARGE')).toBe(true);
      const primary = ledger.liabilities.find((l) => l.accountId === cards(ledger)[0]?.id);
      expect(primary?.lastPaymentAmount).not.toBeNull();
      // Overdue: once a statement follows the missed payment, the minimum includes it on top.
      if (primary?.isOverdue) {
        expect(primary.lastPaymentAmount ?? 0).toBeLessThanOrEqual(primary.minimumPaymentAmount ?? 0);
      } else {
        expect(primary?.lastPaymentAmount).toBe(primary?.minimumPaymentAmount);
      }
    }
    expect(customers.some((c) => c.liabilities.some((l) => l.isOverdue))).toBe(true);
  });

  it('everyone else: cards below 50 %, paid in full, no interest, nothing overdue', () => {
    const others = DEFAULT_100.filter((_, i) => archetypeOf(i + 1) !== 'high_utilization');
    for (const ledger of others) {
      for (const card of cards(ledger)) {
        expect(utilization(card)).toBeLessThan(0.5);
        const liability = ledger.liabilities.find((l) => l.accountId === card.id);
        expect(liability?.lastPaymentAmount ?? 0).toBeGreaterThan(liability?.minimumPaymentAmount ?? 0);
      }
      expect(ledger.transactions.some((t) => t.categoryPrimary === 'BANK_FEES')).toBe(false);
      expect(ledger.liabilities.some((l) => l.isOverdue)).toBe(false);
    }
  });

  it('variable income: pay gaps over 45 days; steady earners are paid at most a month apart', () => {
    for (const [i, ledger] of DEFAULT_100.entries()) {
      const gap = median(payrollGaps(ledger));
      if (archetypeOf(i + 1) === 'variable_income_budgeter') expect(gap).toBeGreaterThan(45);
      else expect(gap).toBeLessThanOrEqual(31);
    }
  });

  it('young professionals: under $3,000 of credit in total', () => {
    for (const ledger of byArchetype('young_professional')) {
      expect(cards(ledger).reduce((sum, card) => sum + (card.creditLimit ?? 0), 0)).toBeLessThan(3_000);
    }
  });

  it('the signal and persona engines assign each customer the persona of its archetype, in both windows', () => {
    for (const [i, ledger] of DEFAULT_100.entries()) {
      for (const window of ['D30', 'D180'] as const) {
        const decision = decidePersona(computeSignals(ledger, window, AS_OF));
        expect({ user: ledger.user.id, window, persona: decision.personaId }).toEqual({
          user: ledger.user.id,
          window,
          persona: archetypeOf(i + 1),
        });
      }
    }
  });

  it('lets several personas qualify for some customers, so the prioritizer has work', () => {
    const qualifying = DEFAULT_100.map(
      (ledger) =>
        decidePersona(computeSignals(ledger, 'D180', AS_OF)).evaluations.filter(
          (evaluation) => evaluation.matched,
        ).length,
    );
    expect(qualifying.filter((count) => count >= 2).length).toBeGreaterThanOrEqual(15);
  });
});

describe('generateCustomers: options and scale', () => {
  it('rejects a bad asOf, too short a history and a bad count or index', () => {
    expect(() => generateCustomer(1, { asOf: '2025-02-30' })).toThrow(RangeError);
    expect(() => generateCustomer(1, { asOf: AS_OF, historyDays: 199 })).toThrow(RangeError);
    expect(generateCustomer(1, { asOf: AS_OF, historyDays: 200 }).user.id).toBe('usr_000001');
    expect(() => generateCustomers({ asOf: AS_OF, count: -1 }).next()).toThrow(RangeError);
    expect(() => generateCustomer(0, { asOf: AS_OF })).toThrow(RangeError);
    expect([...generateCustomers({ asOf: AS_OF, count: 0 })]).toEqual([]);
  });

  it('streams 2,000 customers quickly', () => {
    const started = performance.now();
    let customers = 0;
    let transactions = 0;
    for (const ledger of generateCustomers({ asOf: AS_OF, count: 2_000 })) {
      customers += 1;
      transactions += ledger.transactions.length;
    }
    expect(customers).toBe(2_000);
    expect(transactions).toBe(521_722);
    // ~1 s on the CI machine; the bound only catches an accidental quadratic.
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});
