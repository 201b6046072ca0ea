import type { LedgerTransaction } from '../ledger/types.js';
import { daysBetween } from './dates.js';
import { mean, median, round2, sum } from './numbers.js';
import { postedInLookback, type SignalScope } from './scope.js';
import { isSpend } from './transaction-kinds.js';
import type { FamilySignals, RecurringMerchant } from './types.js';

/** A merchant needs this many similar charges in the lookback to be recurring. */
export const MIN_RECURRING_CHARGES = 3;
/** Charges further than this share from the merchant's median amount are one-off purchases, not the series. */
export const RECURRING_AMOUNT_TOLERANCE = 0.2;
/** Inclusive bounds on the median gap between charges, in days. */
export const RECURRING_CADENCES = {
  weekly: { minGapDays: 6, maxGapDays: 8, monthlyFactor: 52 / 12 },
  monthly: { minGapDays: 26, maxGapDays: 35, monthlyFactor: 1 },
} as const;

export interface SubscriptionDetails {
  /** Largest monthly equivalent first, then by merchant name. */
  recurringMerchants: RecurringMerchant[];
}

interface RecurringSeries {
  merchant: RecurringMerchant;
  charges: LedgerTransaction[];
}

/** Merchant names vary in case and spacing between charges of the same subscription. */
function merchantKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

function detectSeries(charges: LedgerTransaction[]): RecurringSeries | null {
  const typicalAmount = median(charges.map((charge) => charge.amount));
  // The small epsilon keeps a charge exactly 20 % off the median inside despite binary rounding.
  const similar = charges.filter(
    (charge) => Math.abs(charge.amount - typicalAmount) <= typicalAmount * RECURRING_AMOUNT_TOLERANCE + 1e-9,
  );
  if (similar.length < MIN_RECURRING_CHARGES) return null;

  const gaps = similar.slice(1).map((charge, index) => daysBetween(similar[index]!.date, charge.date));
  const medianGap = median(gaps);
  const cadence = (Object.keys(RECURRING_CADENCES) as Array<keyof typeof RECURRING_CADENCES>).find(
    (name) =>
      medianGap >= RECURRING_CADENCES[name].minGapDays && medianGap <= RECURRING_CADENCES[name].maxGapDays,
  );
  if (!cadence) return null;

  const last = similar[similar.length - 1]!;
  const averageAmount = round2(mean(similar.map((charge) => charge.amount)));
  return {
    charges: similar,
    merchant: {
      merchant: last.merchantName!.trim(),
      cadence,
      chargeCount: similar.length,
      averageAmount,
      monthlyEquivalent: round2(averageAmount * RECURRING_CADENCES[cadence].monthlyFactor),
      lastChargeDate: last.date,
    },
  };
}

/**
 * - `subscriptions.recurringMerchantCount`: merchants with at least 3 charges of a similar amount (within 20 %
 *   of the merchant's median charge; other charges there are ignored) in the cadence lookback (`max(90, window
 *   days)` ending at the reference date), whose median gap is monthly (26–35 days) or weekly (6–8 days).
 * - `subscriptions.monthlyRecurringSpend`: sum of their monthly equivalents (average charge; weekly × 52/12).
 * - `subscriptions.subscriptionSharePct`: the recurring charges dated inside the window as a share of all spend in
 *   the window; null when there was no spend in the window.
 * Only spend counts as a charge (see `isSpend`), and only charges with a merchant name can form a series.
 */
export function computeSubscriptionSignals(
  scope: SignalScope,
): FamilySignals<'subscriptions', SubscriptionDetails> {
  const spendInLookback = postedInLookback(scope).filter((transaction) =>
    isSpend(transaction, scope.accountsById.get(transaction.accountId)),
  );

  const chargesByMerchant = new Map<string, LedgerTransaction[]>();
  for (const transaction of spendInLookback) {
    if (transaction.merchantName === null || transaction.merchantName.trim() === '') continue;
    const key = merchantKey(transaction.merchantName);
    const charges = chargesByMerchant.get(key);
    if (charges) charges.push(transaction);
    else chargesByMerchant.set(key, [transaction]);
  }

  const series = [...chargesByMerchant.values()]
    .map(detectSeries)
    .filter((found): found is RecurringSeries => found !== null)
    .sort(
      (a, b) =>
        b.merchant.monthlyEquivalent - a.merchant.monthlyEquivalent ||
        (a.merchant.merchant < b.merchant.merchant ? -1 : a.merchant.merchant > b.merchant.merchant ? 1 : 0),
    );

  const windowSpend = round2(
    sum(spendInLookback.filter((t) => t.date >= scope.windowStart).map((t) => t.amount)),
  );
  const recurringWindowSpend = round2(
    sum(series.flatMap((s) => s.charges.filter((t) => t.date >= scope.windowStart).map((t) => t.amount))),
  );

  const values: FamilySignals<'subscriptions', SubscriptionDetails>['values'] = {
    'subscriptions.recurringMerchantCount': series.length,
    'subscriptions.monthlyRecurringSpend': round2(sum(series.map((s) => s.merchant.monthlyEquivalent))),
    'subscriptions.subscriptionSharePct':
      windowSpend > 0 ? round2((recurringWindowSpend / windowSpend) * 100) : null,
  };
  return {
    values,
    missing: windowSpend > 0 ? {} : { 'subscriptions.subscriptionSharePct': 'no spending in window' },
    hasData: spendInLookback.length > 0,
    details: { recurringMerchants: series.map((s) => s.merchant) },
  };
}
