/**
 * Test fixtures: signal snapshots built by hand, so persona, recommendation and guardrail tests do not depend
 * on how signals are computed. The defaults describe an unremarkable customer who matches no persona and
 * fires no recommendation trigger; tests override only what matters.
 */

import type {
  CardUtilization,
  SignalKey,
  SignalSnapshot,
  SignalValues,
} from '../src/domain/signals/types.js';

export type SignalOverrides = { [K in SignalKey]?: SignalValues[K] | null };

/** Values that match no persona and fire no recommendation trigger. */
export const NEUTRAL_SIGNALS: Readonly<SignalValues> = {
  'subscriptions.recurringMerchantCount': 1,
  'subscriptions.monthlyRecurringSpend': 15,
  'subscriptions.subscriptionSharePct': 3,
  'savings.netInflowMonthly': 50,
  'savings.growthRatePct': 0.5,
  'savings.emergencyFundMonths': 4,
  'savings.balance': 8000,
  'credit.cardCount': 1,
  'credit.maxUtilizationPct': 20,
  'credit.minimumPaymentOnly': false,
  'credit.interestCharges': 0,
  'credit.anyOverdue': false,
  'credit.totalCreditLimit': 6000,
  'income.payrollDetected': true,
  'income.payFrequency': 'biweekly',
  'income.medianPayGapDays': 14,
  'income.variabilityPct': 5,
  'income.cashFlowBufferMonths': 1.5,
  'history.transactionHistoryDays': 400,
  'history.averageMonthlyExpenses': 2000,
};

/** A credit card's utilization; balance 1,200 of a 6,000 limit unless overridden. */
export function card(overrides: Partial<CardUtilization> & Pick<CardUtilization, 'mask'>): CardUtilization {
  const balance = overrides.balance ?? 1200;
  const limit = overrides.limit ?? 6000;
  return {
    accountId: `acc-${overrides.mask}`,
    balance,
    limit,
    utilizationPct: Math.round((balance / limit) * 10000) / 100,
    flags: [],
    minimumPaymentOnly: false,
    interestCharges: 0,
    overdue: false,
    ...overrides,
  };
}

export interface SnapshotOptions {
  /** Reasons for values set to null; a null without one gets a generic test reason. */
  missing?: SignalSnapshot['missing'];
  completeness?: Partial<SignalSnapshot['completeness']>;
  window?: SignalSnapshot['window'];
  /** Cards, recurring merchants and payroll deposits behind the values; one unremarkable card by default. */
  details?: Partial<SignalSnapshot['details']>;
}

export function snapshotWith(values: SignalOverrides = {}, options: SnapshotOptions = {}): SignalSnapshot {
  const merged = { ...NEUTRAL_SIGNALS, ...values } as SignalSnapshot['values'];
  const missing: SignalSnapshot['missing'] = {};
  for (const [signal, value] of Object.entries(merged) as Array<[SignalKey, unknown]>) {
    if (value === null) missing[signal] = `${signal} missing in test snapshot`;
  }
  Object.assign(missing, options.missing);
  const window = options.window ?? 'D30';
  return {
    window,
    referenceDate: '2025-11-15',
    windowStart: window === 'D30' ? '2025-10-17' : '2025-05-20',
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
    details: { recurringMerchants: [], cards: [card({ mask: '1111' })], payroll: [], ...options.details },
  };
}
