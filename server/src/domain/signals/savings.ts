import { type LedgerAccount, type LedgerTransaction, SAVINGS_SUBTYPES } from '../ledger/types.js';
import { computeHistorySignals, monthsOfExpenses } from './history.js';
import { round2, sum } from './numbers.js';
import { postedInWindow, type SignalScope } from './scope.js';
import type { FamilySignals } from './types.js';

export interface SavingsDetails {
  /** Balance of the savings-type accounts at the start of the window, reconstructed; null without such accounts. */
  balanceAtWindowStart: number | null;
  /** Money in minus money out on savings-type accounts inside the window. */
  netInflowInWindow: number;
}

export function isSavingsAccount(account: LedgerAccount): boolean {
  return SAVINGS_SUBTYPES.includes(account.subtype);
}

/** Money into the accounts minus money out of them (Plaid amounts are positive for money out). */
function netInflow(transactions: readonly LedgerTransaction[], accountIds: ReadonlySet<string>): number {
  return -sum(transactions.filter((t) => accountIds.has(t.accountId)).map((t) => t.amount));
}

/**
 * Savings-type accounts are savings, money market and HSA (`SAVINGS_SUBTYPES`). Every transaction on them
 * counts as a flow, transfers included: moving money into savings is exactly what is being measured.
 * - `savings.balance`: sum of their current balances.
 * - `savings.netInflowMonthly`: net inflow in the window per 30 days, over the days the history covers when it
 *   starts inside the window (as for average monthly expenses).
 * - `savings.growthRatePct`: net inflow in the window / balance at the window start × 100. The start balance is
 *   the current balance minus every posted flow dated from the window start on (including flows after the
 *   reference date, which the current balance already contains). Null when it is zero or negative.
 * - `savings.emergencyFundMonths`: `savings.balance` / `history.averageMonthlyExpenses`.
 * A customer without a savings-type account has a balance and net inflow of 0, not an unknown one.
 */
export function computeSavingsSignals(scope: SignalScope): FamilySignals<'savings', SavingsDetails> {
  const savingsAccounts = scope.accounts.filter(isSavingsAccount);
  const accountIds = new Set(savingsAccounts.map((account) => account.id));
  const history = computeHistorySignals(scope);

  const balance = round2(sum(savingsAccounts.map((account) => account.balanceCurrent)));
  const netInflowInWindow = round2(netInflow(postedInWindow(scope), accountIds));
  const netInflowMonthly = scope.coveredDays > 0 ? round2((netInflowInWindow * 30) / scope.coveredDays) : 0;

  const missing: FamilySignals<'savings', SavingsDetails>['missing'] = {};
  let growthRatePct: number | null = null;
  let balanceAtWindowStart: number | null = null;
  if (savingsAccounts.length === 0) {
    missing['savings.growthRatePct'] = 'no savings-type account';
  } else {
    const flowSinceWindowStart = netInflowInWindow + netInflow(scope.postedAfterReference, accountIds);
    balanceAtWindowStart = round2(balance - flowSinceWindowStart);
    if (balanceAtWindowStart > 0) growthRatePct = round2((netInflowInWindow / balanceAtWindowStart) * 100);
    else missing['savings.growthRatePct'] = 'savings balance at window start was zero or negative';
  }

  const emergencyFund = monthsOfExpenses(balance, history);
  if (emergencyFund.months === null) missing['savings.emergencyFundMonths'] = emergencyFund.reason;

  return {
    values: {
      'savings.netInflowMonthly': netInflowMonthly,
      'savings.growthRatePct': growthRatePct,
      'savings.emergencyFundMonths': emergencyFund.months,
      'savings.balance': balance,
    },
    missing,
    hasData: savingsAccounts.length > 0,
    details: { balanceAtWindowStart, netInflowInWindow },
  };
}
