import { describe, expect, it } from 'vitest';
import { daysBefore, ledgerBuilder, TEST_REFERENCE_DATE as R } from '../../../test-support/ledger-builder.js';
import { computeHistorySignals } from './history.js';
import { createSignalScope } from './scope.js';
import type { SignalWindow } from './types.js';

function historyOf(builder: ReturnType<typeof ledgerBuilder>, window: SignalWindow = 'D30') {
  const scope = createSignalScope(builder.build(), window, R);
  return { scope, result: computeHistorySignals(scope) };
}

describe('window rules', () => {
  it('ends the window at the reference date and starts it windowDays − 1 before', () => {
    expect(createSignalScope(ledgerBuilder().build(), 'D30', R)).toMatchObject({
      windowStart: '2025-06-01',
      lookbackStart: '2025-04-02',
    });
    expect(createSignalScope(ledgerBuilder().build(), 'D180', R)).toMatchObject({
      windowStart: '2025-01-02',
      lookbackStart: '2025-01-02',
    });
  });

  it('rejects a malformed reference date or transaction date', () => {
    expect(() => createSignalScope(ledgerBuilder().build(), 'D30', '2025-6-30')).toThrow(RangeError);
    const badDate = ledgerBuilder().checking().spend('checking', '30/06/2025', 10).build();
    expect(() => createSignalScope(badDate, 'D30', R)).toThrow(/tx-0001/);
  });
});

describe('history signals', () => {
  it('counts history days from the first transaction on any account, both ends included', () => {
    const { scope, result } = historyOf(
      ledgerBuilder()
        .checking()
        .creditCard()
        .spend('card', daysBefore(R, 99), 25)
        .spend('checking', daysBefore(R, 10), 75),
      'D180',
    );
    expect(result.values['history.transactionHistoryDays']).toBe(100);
    expect(scope.coveredDays).toBe(100);
  });

  it('averages expenses over the whole window when history covers it', () => {
    const { result } = historyOf(
      ledgerBuilder()
        .checking()
        .creditCard()
        .spend('checking', daysBefore(R, 45), 999)
        .spend('checking', '2025-06-01', 600)
        .spend('card', R, 300),
    );
    expect(result.values['history.averageMonthlyExpenses']).toBe(900);
    expect(result.details.spendInWindow).toBe(900);
  });

  it('averages over the days covered when history is shorter than the window', () => {
    const builder = ledgerBuilder()
      .checking()
      .spend('checking', daysBefore(R, 99), 1_100)
      .spend('checking', '2025-06-10', 900);
    // 2,000 over 100 days of history rather than over 180 days.
    expect(historyOf(builder, 'D180').result.values['history.averageMonthlyExpenses']).toBe(600);
    expect(historyOf(builder, 'D30').result.values['history.averageMonthlyExpenses']).toBe(900);
  });

  it('counts purchases and fees as spend, but not transfers, payments, income, loans, pending or later days', () => {
    const { result } = historyOf(
      ledgerBuilder()
        .checking()
        .savings()
        .creditCard()
        .account('student', { id: 'loan' })
        .spend('checking', daysBefore(R, 60), 1)
        .spend('card', '2025-06-02', 40)
        .transaction('checking', '2025-06-03', 5, {
          categoryPrimary: 'BANK_FEES',
          categoryDetailed: 'BANK_FEES_OVERDRAFT_FEES',
        })
        .transfer('checking', 'savings', '2025-06-04', 500)
        .cardPayment('card', '2025-06-05', 300, 'checking')
        .transaction('checking', '2025-06-06', 120, {
          categoryPrimary: 'GENERAL_SERVICES',
          categoryDetailed: 'CREDIT_CARD_PAYMENT',
        })
        .transaction('checking', '2025-06-07', 50, {
          categoryPrimary: 'INCOME',
          categoryDetailed: 'INCOME_WAGES',
        })
        .payroll('checking', ['2025-06-08'], 2_000)
        .spend('loan', '2025-06-09', 200)
        .spend('card', '2025-06-10', 70, 'Pending Store', { pending: true })
        .spend('card', '2025-07-01', 80),
    );
    expect(result.details.spendInWindow).toBe(45);
  });

  it('has no history values without a posted transaction up to the reference date', () => {
    const { scope, result } = historyOf(
      ledgerBuilder()
        .checking()
        .spend('checking', '2025-06-20', 10, 'Store', { pending: true })
        .spend('checking', '2025-07-02', 10),
    );
    expect(result.values).toEqual({
      'history.transactionHistoryDays': null,
      'history.averageMonthlyExpenses': null,
    });
    const reason = 'no posted transactions on or before the reference date';
    expect(result.missing).toEqual({
      'history.transactionHistoryDays': reason,
      'history.averageMonthlyExpenses': reason,
    });
    expect(result.hasData).toBe(false);
    expect(scope.coveredDays).toBe(0);
  });
});
