import { describe, expect, it } from 'vitest';
import {
  daysOfMonth,
  everyNDays,
  ledgerBuilder,
  TEST_REFERENCE_DATE as R,
} from '../../../test-support/ledger-builder.js';
import type { CustomerLedger } from '../ledger/types.js';
import { SIGNAL_DEFINITIONS } from './definitions.js';
import { computeSignals } from './index.js';
import type { SignalKey } from './types.js';

/** A customer with something in every family; history starts with the first payday on 3 January. */
function busyCustomer(): CustomerLedger {
  return ledgerBuilder()
    .checking({ balance: 3_000, mask: '0042' })
    .savings({ balance: 8_000, mask: '0077' })
    .creditCard({ id: 'card', mask: '4242', balance: 1_650, limit: 3_000, minimumPayment: 40 })
    .spend('checking', '2025-01-15', 35, 'Pharmacy')
    .charges('card', 'Netflix', daysOfMonth('2025-01', [20], 6), 15.49)
    .charges('card', 'Spotify', daysOfMonth('2025-01', [25], 6), 11.99)
    .charges('card', 'Gym Co', daysOfMonth('2025-01', [3], 6), 45)
    .charges('checking', 'Landlord', daysOfMonth('2025-02', [5], 5), 1_400)
    .payroll('checking', everyNDays('2025-01-03', 14, 13), 2_250)
    .transfer('checking', 'savings', '2025-02-10', 300)
    .transfer('checking', 'savings', '2025-06-10', 250)
    .cardPayment('card', '2025-05-28', 40, 'checking')
    .cardPayment('card', '2025-06-28', 40, 'checking')
    .interestCharge('card', '2025-06-22', 31.2)
    .interestCharge('card', '2025-03-22', 28.8)
    .build();
}

function shuffled<T>(items: readonly T[]): T[] {
  // A fixed interleaving: odd positions reversed, then even ones.
  return [...items.filter((_, i) => i % 2 === 1).reverse(), ...items.filter((_, i) => i % 2 === 0)];
}

describe('computeSignals', () => {
  it('assembles every family into one snapshot for a 30-day window', () => {
    const snapshot = computeSignals(busyCustomer(), 'D30', R);
    expect(snapshot).toMatchObject({ window: 'D30', referenceDate: R, windowStart: '2025-06-01' });
    expect(snapshot.values).toEqual({
      'subscriptions.recurringMerchantCount': 4,
      'subscriptions.monthlyRecurringSpend': 1_472.48,
      // All of June's 1,503.68 of spend except the interest charge is recurring.
      'subscriptions.subscriptionSharePct': 97.93,
      'savings.netInflowMonthly': 250,
      'savings.growthRatePct': 3.23,
      'savings.emergencyFundMonths': 5.32,
      'savings.balance': 8_000,
      'credit.cardCount': 1,
      'credit.maxUtilizationPct': 55,
      'credit.minimumPaymentOnly': true,
      'credit.interestCharges': 31.2,
      'credit.anyOverdue': false,
      'credit.totalCreditLimit': 3_000,
      'income.payrollDetected': true,
      'income.payFrequency': 'biweekly',
      'income.medianPayGapDays': 14,
      'income.variabilityPct': 0,
      'income.cashFlowBufferMonths': 2,
      'history.transactionHistoryDays': 179,
      'history.averageMonthlyExpenses': 1_503.68,
    });
    expect(snapshot.missing).toEqual({});
    expect(snapshot.completeness).toEqual({
      historyCoverage: 1,
      subscriptions: true,
      savings: true,
      credit: true,
      income: true,
    });
    expect(snapshot.details.recurringMerchants.map((m) => m.merchant)).toEqual([
      'Landlord',
      'Gym Co',
      'Netflix',
      'Spotify',
    ]);
    expect(snapshot.details.cards.map((card) => card.mask)).toEqual(['4242']);
    // The 90-day lookback from 2 April holds six of the thirteen biweekly paydays.
    expect(snapshot.details.payroll.map((deposit) => deposit.date)).toEqual([
      '2025-04-11',
      '2025-04-25',
      '2025-05-09',
      '2025-05-23',
      '2025-06-06',
      '2025-06-20',
    ]);
  });

  it('differs over 180 days where the window matters and stays where it does not', () => {
    const d30 = computeSignals(busyCustomer(), 'D30', R);
    const d180 = computeSignals(busyCustomer(), 'D180', R);
    expect(d180.windowStart).toBe('2025-01-02');
    expect(d180.values['credit.interestCharges']).toBe(60);
    // 550 moved to savings in 179 days of history.
    expect(d180.values['savings.netInflowMonthly']).toBe(92.18);
    expect(d180.details.payroll).toHaveLength(13);
    expect(d180.completeness.historyCoverage).toBe(0.99);
    for (const key of ['credit.maxUtilizationPct', 'savings.balance', 'income.payFrequency'] as const) {
      expect(d180.values[key]).toBe(d30.values[key]);
    }
  });

  it('gives an empty ledger zeros where zero is true and reasons where nothing can be said', () => {
    const snapshot = computeSignals(ledgerBuilder().build(), 'D30', R);
    expect(snapshot.completeness).toEqual({
      historyCoverage: 0,
      subscriptions: false,
      savings: false,
      credit: false,
      income: false,
    });
    expect(Object.keys(snapshot.missing).sort()).toEqual([
      'history.averageMonthlyExpenses',
      'history.transactionHistoryDays',
      'income.cashFlowBufferMonths',
      'income.medianPayGapDays',
      'income.variabilityPct',
      'savings.emergencyFundMonths',
      'savings.growthRatePct',
      'subscriptions.subscriptionSharePct',
    ]);
    expect(snapshot.values['credit.maxUtilizationPct']).toBe(0);
    expect(snapshot.values['savings.emergencyFundMonths']).toBeNull();
    expect(snapshot.missing['savings.emergencyFundMonths']).toBe(
      'no posted transactions on or before the reference date',
    );
  });

  it('reports history coverage of a short history', () => {
    const ledger = ledgerBuilder().checking().spend('checking', '2025-06-16', 10).build();
    expect(computeSignals(ledger, 'D30', R).completeness.historyCoverage).toBe(0.5);
    expect(computeSignals(ledger, 'D180', R).completeness.historyCoverage).toBe(0.08);
  });

  it('gives a reason for exactly the values that are null', () => {
    for (const ledger of [
      busyCustomer(),
      ledgerBuilder().build(),
      ledgerBuilder().creditCard({ limit: null }).build(),
    ]) {
      for (const window of ['D30', 'D180'] as const) {
        const snapshot = computeSignals(ledger, window, R);
        const nullKeys = (Object.keys(snapshot.values) as SignalKey[]).filter(
          (key) => snapshot.values[key] === null,
        );
        expect(Object.keys(snapshot.missing).sort()).toEqual(nullKeys.sort());
      }
    }
  });

  it('is deterministic: same result for any input order, without touching the input', () => {
    const ledger = busyCustomer();
    const before = structuredClone(ledger);
    const first = computeSignals(ledger, 'D180', R);
    const reordered = computeSignals(
      {
        ...ledger,
        accounts: shuffled(ledger.accounts),
        transactions: shuffled(ledger.transactions),
        liabilities: shuffled(ledger.liabilities),
      },
      'D180',
      R,
    );
    expect(JSON.stringify(reordered)).toBe(JSON.stringify(first));
    expect(JSON.stringify(computeSignals(ledger, 'D180', R))).toBe(JSON.stringify(first));
    expect(ledger).toEqual(before);
  });

  it('reads the ledger as it stood on an earlier reference date', () => {
    const snapshot = computeSignals(busyCustomer(), 'D30', '2025-03-31');
    expect(snapshot.windowStart).toBe('2025-03-02');
    expect(snapshot.values['credit.interestCharges']).toBe(28.8);
    expect(snapshot.values['history.transactionHistoryDays']).toBe(88);
    expect(snapshot.details.payroll.at(-1)?.date).toBe('2025-03-28');
  });
});

describe('SIGNAL_DEFINITIONS', () => {
  it('describes every signal with a unit and the family its key names', () => {
    const units = ['count', 'usd', 'usd_per_month', 'percent', 'months', 'days', 'boolean', 'enum'];
    const snapshot = computeSignals(busyCustomer(), 'D30', R);
    expect(Object.keys(SIGNAL_DEFINITIONS).sort()).toEqual(Object.keys(snapshot.values).sort());
    for (const [key, definition] of Object.entries(SIGNAL_DEFINITIONS)) {
      expect(key.startsWith(`${definition.family}.`)).toBe(true);
      expect(units).toContain(definition.unit);
      expect(definition.description.length).toBeGreaterThan(20);
    }
  });

  it('matches each unit to the type of the value', () => {
    const snapshot = computeSignals(busyCustomer(), 'D30', R);
    for (const [key, definition] of Object.entries(SIGNAL_DEFINITIONS)) {
      const value = snapshot.values[key as SignalKey];
      const expected =
        definition.unit === 'boolean' ? 'boolean' : definition.unit === 'enum' ? 'string' : 'number';
      expect(typeof value, key).toBe(expected);
    }
  });
});
