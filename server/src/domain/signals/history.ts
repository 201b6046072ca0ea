import { daysBetween } from './dates.js';
import { round2, sum } from './numbers.js';
import { postedInWindow, type SignalScope } from './scope.js';
import { isSpend } from './transaction-kinds.js';
import type { FamilySignals } from './types.js';

export const NO_HISTORY = 'no posted transactions on or before the reference date';

export interface HistoryDetails {
  /** Total spend inside the window, in dollars (cents). */
  spendInWindow: number;
}

/**
 * - `history.transactionHistoryDays`: days from the customer's first posted transaction (any account, whole
 *   history up to the reference date) to the reference date, both inclusive.
 * - `history.averageMonthlyExpenses`: spend in the window per 30 days. A customer whose history starts inside
 *   the window is averaged over the days the history covers, not the whole window, so a new customer's
 *   expenses are not understated.
 */
export function computeHistorySignals(scope: SignalScope): FamilySignals<'history', HistoryDetails> {
  const spendInWindow = round2(
    sum(
      postedInWindow(scope)
        .filter((transaction) => isSpend(transaction, scope.accountsById.get(transaction.accountId)))
        .map((transaction) => transaction.amount),
    ),
  );
  const details = { spendInWindow };

  if (scope.firstTransactionDate === null) {
    return {
      values: { 'history.transactionHistoryDays': null, 'history.averageMonthlyExpenses': null },
      missing: { 'history.transactionHistoryDays': NO_HISTORY, 'history.averageMonthlyExpenses': NO_HISTORY },
      hasData: false,
      details,
    };
  }
  return {
    values: {
      'history.transactionHistoryDays': daysBetween(scope.firstTransactionDate, scope.referenceDate) + 1,
      'history.averageMonthlyExpenses': round2((spendInWindow * 30) / scope.coveredDays),
    },
    missing: {},
    hasData: true,
    details,
  };
}

/**
 * Months of expenses a balance would last. Null with the reason when expenses are unknown or zero (a ratio
 * to zero spending means nothing). Uses the published, cent-rounded average so the figure can be re-derived
 * from the snapshot.
 */
export function monthsOfExpenses(
  balance: number,
  history: FamilySignals<'history', HistoryDetails>,
): { months: number; reason?: never } | { months: null; reason: string } {
  const expenses = history.values['history.averageMonthlyExpenses'];
  if (expenses === null)
    return { months: null, reason: history.missing['history.averageMonthlyExpenses'] ?? NO_HISTORY };
  if (expenses <= 0) return { months: null, reason: 'no spending in window' };
  return { months: round2(balance / expenses) };
}
