/**
 * Test fixtures: signal snapshots built by hand, so persona tests do not depend on how signals are computed.
 * The defaults describe an unremarkable customer who matches no persona; tests override only what matters.
 */

import type { SignalKey, SignalSnapshot, SignalValues } from '../src/domain/signals/types.js';

export type SignalOverrides = { [K in SignalKey]?: SignalValues[K] | null };

export const NEUTRAL_SIGNALS: Readonly<SignalValues> = {
  'subscriptions.recurringMerchantCount': 1,
  'subscriptions.monthlyRecurringSpend': 20,
  'subscriptions.subscriptionSharePct': 2,
  'savings.netInflowMonthly': 0,
  'savings.growthRatePct': 0,
  'savings.emergencyFundMonths': 2,
  'savings.balance': 5000,
  'credit.cardCount': 1,
  'credit.maxUtilizationPct': 20,
  'credit.minimumPaymentOnly': false,
  'credit.interestCharges': 0,
  'credit.anyOverdue': false,
  'credit.totalCreditLimit': 5000,
  'income.payrollDetected': true,
  'income.payFrequency': 'biweekly',
  'income.medianPayGapDays': 14,
  'income.variabilityPct': 5,
  'income.cashFlowBufferMonths': 2,
  'history.transactionHistoryDays': 365,
  'history.averageMonthlyExpenses': 2500,
};

export interface SnapshotOptions {
  /** Reasons for values set to null; a null without one gets a generic test reason. */
  missing?: SignalSnapshot['missing'];
  completeness?: Partial<SignalSnapshot['completeness']>;
  window?: SignalSnapshot['window'];
}

export function snapshotWith(values: SignalOverrides = {}, options: SnapshotOptions = {}): SignalSnapshot {
  const merged = { ...NEUTRAL_SIGNALS, ...values } as SignalSnapshot['values'];
  const missing: SignalSnapshot['missing'] = {};
  for (const [signal, value] of Object.entries(merged) as Array<[SignalKey, unknown]>) {
    if (value === null) missing[signal] = `${signal} missing in test snapshot`;
  }
  Object.assign(missing, options.missing);
  const window = options.window ?? 'D180';
  return {
    window,
    referenceDate: '2025-06-30',
    windowStart: window === 'D180' ? '2025-01-01' : '2025-05-31',
    values: merged,
    missing,
    completeness: {
      historyCoverage: 1,
      subscriptions: true,
      savings: true,
      credit: true,
      income: true,
      ...options.completeness,
    },
    details: { recurringMerchants: [], cards: [], payroll: [] },
  };
}
