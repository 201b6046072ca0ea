import type { CustomerLedger, LedgerAccount, LedgerLiability, LedgerTransaction } from '../ledger/types.js';
import { addDays, daysBetween, isIsoDate } from './dates.js';
import { SIGNAL_WINDOWS, type SignalWindow, WINDOW_DAYS } from './types.js';

/**
 * Detecting a cadence needs a few cycles, so recurring charges and payroll are looked for over at least this
 * many days even when the signal window is shorter.
 */
export const MIN_CADENCE_LOOKBACK_DAYS = 90;

/** First day of a window's cadence lookback: `max(90, windowDays)` days ending at the reference date. */
function lookbackStartOf(window: SignalWindow, referenceDate: string): string {
  return addDays(referenceDate, -(Math.max(MIN_CADENCE_LOOKBACK_DAYS, WINDOW_DAYS[window]) - 1));
}

/**
 * The oldest day any window's signals read as of `referenceDate` (the widest lookback). Older transactions
 * count only through the date of the first posted one (`history.transactionHistoryDays`), so a ledger read
 * for signals needs the transactions from this day on plus that first posted transaction.
 */
export function earliestSignalDay(referenceDate: string): string {
  return SIGNAL_WINDOWS.map((window) => lookbackStartOf(window, referenceDate)).sort()[0]!;
}

/**
 * One customer's ledger cut to one window and reference date: the common ground of every signal family.
 * Built once per snapshot; the families only read it.
 */
export interface SignalScope {
  window: SignalWindow;
  windowDays: number;
  /** Last day of the window, inclusive. */
  referenceDate: string;
  /** First day of the window, inclusive: `referenceDate - (windowDays - 1)`. */
  windowStart: string;
  /** First day of the cadence lookback (recurring charges, payroll): `max(90, windowDays)` days ending at the reference date. */
  lookbackStart: string;
  accountsById: ReadonlyMap<string, LedgerAccount>;
  /** Sorted by account id, so per-account details come out in a stable order. */
  accounts: readonly LedgerAccount[];
  liabilitiesByAccountId: ReadonlyMap<string, LedgerLiability>;
  /** Posted transactions dated on or before the reference date, sorted by date then id. */
  posted: readonly LedgerTransaction[];
  /**
   * Posted transactions dated after the reference date. They never count as activity; balances are current
   * (as of the data feed), so these are needed only to walk a balance back to an earlier day.
   */
  postedAfterReference: readonly LedgerTransaction[];
  /** Date of the first posted transaction on or before the reference date, on any account; null without one. */
  firstTransactionDate: string | null;
  /** Days of the window the customer's history covers: `min(windowDays, transactionHistoryDays)`, 0 without history. */
  coveredDays: number;
}

function byDateThenId(a: LedgerTransaction, b: LedgerTransaction): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function createSignalScope(
  ledger: CustomerLedger,
  window: SignalWindow,
  referenceDate: string,
): SignalScope {
  if (!Object.hasOwn(WINDOW_DAYS, window)) throw new RangeError(`unknown signal window: ${String(window)}`);
  if (!isIsoDate(referenceDate)) {
    throw new RangeError(
      `referenceDate must be an ISO calendar date (YYYY-MM-DD): ${JSON.stringify(referenceDate)}`,
    );
  }
  const windowDays = WINDOW_DAYS[window];

  // ISO dates compare correctly as strings; every date is validated once here so later code can rely on it.
  const posted: LedgerTransaction[] = [];
  const postedAfterReference: LedgerTransaction[] = [];
  for (const transaction of ledger.transactions) {
    if (!isIsoDate(transaction.date)) {
      throw new RangeError(
        `transaction ${transaction.id} has no ISO calendar date: ${JSON.stringify(transaction.date)}`,
      );
    }
    if (transaction.pending) continue;
    (transaction.date <= referenceDate ? posted : postedAfterReference).push(transaction);
  }
  posted.sort(byDateThenId);
  postedAfterReference.sort(byDateThenId);

  const accounts = [...ledger.accounts].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const liabilitiesByAccountId = new Map<string, LedgerLiability>();
  for (const liability of ledger.liabilities) {
    if (!liabilitiesByAccountId.has(liability.accountId))
      liabilitiesByAccountId.set(liability.accountId, liability);
  }

  const firstTransactionDate = posted[0]?.date ?? null;
  const historyDays =
    firstTransactionDate === null ? 0 : daysBetween(firstTransactionDate, referenceDate) + 1;

  return {
    window,
    windowDays,
    referenceDate,
    windowStart: addDays(referenceDate, -(windowDays - 1)),
    lookbackStart: lookbackStartOf(window, referenceDate),
    accountsById: new Map(accounts.map((account) => [account.id, account])),
    accounts,
    liabilitiesByAccountId,
    posted,
    postedAfterReference,
    firstTransactionDate,
    coveredDays: Math.min(windowDays, historyDays),
  };
}

/** Posted transactions inside the signal window. */
export function postedInWindow(scope: SignalScope): LedgerTransaction[] {
  return scope.posted.filter((transaction) => transaction.date >= scope.windowStart);
}

/** Posted transactions inside the cadence lookback (which always contains the window). */
export function postedInLookback(scope: SignalScope): LedgerTransaction[] {
  return scope.posted.filter((transaction) => transaction.date >= scope.lookbackStart);
}
