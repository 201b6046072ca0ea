import type { CustomerLedger } from '../ledger/types.js';
import { computeCreditSignals } from './credit.js';
import { computeHistorySignals } from './history.js';
import { computeIncomeSignals } from './income.js';
import { round2 } from './numbers.js';
import { computeSavingsSignals } from './savings.js';
import { createSignalScope } from './scope.js';
import { computeSubscriptionSignals } from './subscriptions.js';
import type { SignalSnapshot, SignalWindow } from './types.js';

/**
 * All behavioural signals of one customer for one window ending at `referenceDate` (inclusive). Pure and
 * deterministic: the same ledger, in any order, gives the same snapshot. Pending transactions and
 * transactions dated after the reference date never count as activity.
 * @throws RangeError when `referenceDate` or a transaction date is not an ISO `YYYY-MM-DD` date.
 */
export function computeSignals(
  ledger: CustomerLedger,
  window: SignalWindow,
  referenceDate: string,
): SignalSnapshot {
  const scope = createSignalScope(ledger, window, referenceDate);
  const subscriptions = computeSubscriptionSignals(scope);
  const savings = computeSavingsSignals(scope);
  const credit = computeCreditSignals(scope);
  const income = computeIncomeSignals(scope);
  const history = computeHistorySignals(scope);

  return {
    window,
    referenceDate,
    windowStart: scope.windowStart,
    values: {
      ...subscriptions.values,
      ...savings.values,
      ...credit.values,
      ...income.values,
      ...history.values,
    },
    missing: {
      ...subscriptions.missing,
      ...savings.missing,
      ...credit.missing,
      ...income.missing,
      ...history.missing,
    },
    completeness: {
      historyCoverage: round2(scope.coveredDays / scope.windowDays),
      subscriptions: subscriptions.hasData,
      savings: savings.hasData,
      credit: credit.hasData,
      income: income.hasData,
    },
    details: {
      recurringMerchants: subscriptions.details.recurringMerchants,
      cards: credit.details.cards,
      payroll: income.details.payroll,
    },
  };
}
