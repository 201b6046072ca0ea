/**
 * The runtime view of `SignalValues`: which keys exist and what type each value has. The registry is data and
 * may come from outside the type system (JSON, tests), so the validator needs this at run time. The mapped
 * types below make the compiler reject the catalog whenever `SignalValues` gains, loses or retypes a key.
 */

import type { PayFrequency, SignalKey, SignalSnapshot, SignalValues } from '../signals/types.js';

export type SignalValueType = 'number' | 'boolean' | 'string';

type ValueTypeOf<T> = T extends number ? 'number' : T extends boolean ? 'boolean' : 'string';

export const SIGNAL_VALUE_TYPES: { readonly [K in SignalKey]: ValueTypeOf<SignalValues[K]> } = {
  'subscriptions.recurringMerchantCount': 'number',
  'subscriptions.monthlyRecurringSpend': 'number',
  'subscriptions.subscriptionSharePct': 'number',
  'savings.netInflowMonthly': 'number',
  'savings.growthRatePct': 'number',
  'savings.emergencyFundMonths': 'number',
  'savings.balance': 'number',
  'credit.cardCount': 'number',
  'credit.maxUtilizationPct': 'number',
  'credit.minimumPaymentOnly': 'boolean',
  'credit.interestCharges': 'number',
  'credit.anyOverdue': 'boolean',
  'credit.totalCreditLimit': 'number',
  'income.payrollDetected': 'boolean',
  'income.payFrequency': 'string',
  'income.medianPayGapDays': 'number',
  'income.variabilityPct': 'number',
  'income.cashFlowBufferMonths': 'number',
  'history.transactionHistoryDays': 'number',
  'history.averageMonthlyExpenses': 'number',
};

// A record keyed by the union forces this list to stay complete when PayFrequency changes.
const PAY_FREQUENCIES: Record<PayFrequency, true> = {
  weekly: true,
  biweekly: true,
  semi_monthly: true,
  monthly: true,
  irregular: true,
  none: true,
};

/** String signals are enumerations; a threshold outside the enumeration could never hold. */
export const SIGNAL_ALLOWED_STRINGS: Partial<Record<SignalKey, readonly string[]>> = {
  'income.payFrequency': Object.keys(PAY_FREQUENCIES),
};

export function isSignalKey(candidate: unknown): candidate is SignalKey {
  return typeof candidate === 'string' && Object.hasOwn(SIGNAL_VALUE_TYPES, candidate);
}

/** Families the snapshot reports data availability for; `history` is covered by `historyCoverage` instead. */
export type FlaggedSignalFamily = Exclude<keyof SignalSnapshot['completeness'], 'historyCoverage'>;

const FLAGGED_FAMILIES: Record<FlaggedSignalFamily, true> = {
  subscriptions: true,
  savings: true,
  credit: true,
  income: true,
};

/** `credit.maxUtilizationPct` → `credit`. */
export function signalFamily(signal: SignalKey): string {
  return signal.slice(0, signal.indexOf('.'));
}

export function flaggedFamily(signal: SignalKey): FlaggedSignalFamily | null {
  const family = signalFamily(signal);
  return Object.hasOwn(FLAGGED_FAMILIES, family) ? (family as FlaggedSignalFamily) : null;
}
