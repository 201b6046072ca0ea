import type { LedgerAccount, LedgerTransaction } from '../ledger/types.js';
import { round2, sum } from './numbers.js';
import { postedInWindow, type SignalScope } from './scope.js';
import { isCardPayment, isInterestCharge } from './transaction-kinds.js';
import type { CardUtilization, FamilySignals } from './types.js';

/** Utilization thresholds a card is flagged at, each reached at exactly that percentage. */
export const UTILIZATION_FLAGS = [30, 50, 80] as const;
/** A payment this close to the statement minimum (inclusive) counts as paying the minimum. */
export const MINIMUM_PAYMENT_TOLERANCE_CENTS = 100;

export interface CreditDetails {
  /** One entry per credit card, by account id. Masks only: full numbers never enter the system. */
  cards: CardUtilization[];
}

function utilizationOf(balance: number, limit: number): number {
  // A card paid beyond zero owes nothing: a negative utilization would only confuse the thresholds.
  return balance <= 0 ? 0 : round2((balance / limit) * 100);
}

function paysOnlyMinimum(payments: readonly LedgerTransaction[], minimumPayment: number | null): boolean {
  if (minimumPayment === null || minimumPayment <= 0 || payments.length === 0) return false;
  // Compared in whole cents so that a difference of exactly $1.00 is not lost to binary rounding.
  return payments.every(
    (payment) =>
      Math.abs(Math.round(-payment.amount * 100) - Math.round(minimumPayment * 100)) <=
      MINIMUM_PAYMENT_TOLERANCE_CENTS,
  );
}

function assessCard(
  scope: SignalScope,
  card: LedgerAccount,
  windowTransactions: readonly LedgerTransaction[],
): CardUtilization {
  const onCard = windowTransactions.filter((t) => t.accountId === card.id);
  const liability = scope.liabilitiesByAccountId.get(card.id);
  const limit = card.creditLimit !== null && card.creditLimit > 0 ? round2(card.creditLimit) : 0;
  const balance = round2(card.balanceCurrent);
  const utilizationPct = limit > 0 ? utilizationOf(balance, limit) : 0;
  return {
    accountId: card.id,
    mask: card.mask,
    balance,
    limit,
    utilizationPct,
    // Flags follow the published (rounded) percentage, so a card shown at 30.00 % always carries the 30 flag.
    flags: UTILIZATION_FLAGS.filter((threshold) => limit > 0 && utilizationPct >= threshold),
    minimumPaymentOnly: paysOnlyMinimum(
      onCard.filter(isCardPayment),
      liability?.minimumPaymentAmount ?? null,
    ),
    interestCharges: round2(sum(onCard.filter(isInterestCharge).map((t) => t.amount))),
    overdue: liability?.isOverdue ?? false,
  };
}

/**
 * Credit cards are accounts of type `credit`; balances and limits are current, payments and charges are those
 * posted inside the window.
 * - per card: utilization = balance / limit × 100 (2 decimals) with flags at 30/50/80 % (reached at exactly the
 *   threshold); minimum-payment-only when the card received at least one payment in the window and every one
 *   was within $1 of the liability's (positive) minimum payment; interest = interest charges on the card in the
 *   window; overdue = the liability's `isOverdue`.
 * - `credit.maxUtilizationPct`: highest utilization over cards that report a limit; 0 without cards, so "every
 *   card below X %" holds vacuously for a customer without cards. Null only when there are cards and none
 *   reports a limit.
 * - `credit.minimumPaymentOnly` / `credit.anyOverdue`: true when any card is; `credit.interestCharges` and
 *   `credit.totalCreditLimit`: sums over the cards.
 * Payments made from checking (LOAN_PAYMENTS on the depository side) cannot be tied to one card and are not used.
 */
export function computeCreditSignals(scope: SignalScope): FamilySignals<'credit', CreditDetails> {
  const windowTransactions = postedInWindow(scope);
  const cards = scope.accounts
    .filter((account) => account.type === 'credit')
    .map((card) => assessCard(scope, card, windowTransactions));
  const withLimit = cards.filter((card) => card.limit > 0);

  const maxUtilizationPct =
    cards.length === 0
      ? 0
      : withLimit.length === 0
        ? null
        : Math.max(...withLimit.map((c) => c.utilizationPct));

  return {
    values: {
      'credit.cardCount': cards.length,
      'credit.maxUtilizationPct': maxUtilizationPct,
      'credit.minimumPaymentOnly': cards.some((card) => card.minimumPaymentOnly),
      'credit.interestCharges': round2(sum(cards.map((card) => card.interestCharges))),
      'credit.anyOverdue': cards.some((card) => card.overdue),
      'credit.totalCreditLimit': round2(sum(withLimit.map((card) => card.limit))),
    },
    missing:
      maxUtilizationPct === null
        ? { 'credit.maxUtilizationPct': 'no credit card reports a credit limit' }
        : {},
    hasData: cards.length > 0,
    details: { cards },
  };
}
