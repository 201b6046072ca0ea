/**
 * Day-by-day simulation of one credit card over the history: purchases, monthly statements,
 * payments from checking, interest and late fees. Its outcome (balance, last statement, minimum
 * and last payment, overdue) is exactly what the card's transactions imply.
 *
 * Two behaviours:
 * - A transactor pays each statement in full on its due date and is never charged interest.
 * - A revolver has the minimum paid automatically two days after each statement and keeps the card
 *   maxed out at its target utilization: purchases top it up to exactly that balance (the part of a
 *   purchase beyond it is paid by debit). So every statement, its interest and its minimum are the
 *   same from month to month, and every payment equals the current minimum, which is what
 *   minimum-payment-only means.
 */

import type { CardPlan } from './archetypes.js';
import { monthlyDays } from './calendar.js';
import type { Purchase, TransactionDraft } from './draft.js';
import { CATEGORY } from './merchants.js';

/** Days from a statement to its payment due date. */
export const PAYMENT_GRACE_DAYS = 21;
/** Days from a statement to a revolver's automatic minimum payment. */
const AUTOPAY_MINIMUM_DELAY_DAYS = 2;
const MINIMUM_PAYMENT_FLOOR_CENTS = 2_500;
/** Autopay bills on a fixed-limit transactor may go beyond its target utilization up to this share. */
const AUTOPAY_UTILIZATION_CAP = 0.92;

export interface CardSimulation {
  plan: CardPlan;
  cardAccountId: string;
  checkingAccountId: string;
  aprPercentage: number;
  openingBalanceCents: number;
  statementDayOfMonth: number;
  lateFeeCents: number;
  startDay: number;
  asOfDay: number;
  /** This card's purchases in chronological order; revolvers take no autopay bills. */
  purchases: Purchase[];
}

export interface CardOutcome {
  balanceCents: number;
  /** The highest balance during the history (a derived limit must not be below it). */
  peakBalanceCents: number;
  /** Purchases, or the parts of purchases, the card did not take: the caller books them on checking. */
  declined: Purchase[];
  lastStatementBalanceCents: number;
  minimumPaymentCents: number;
  lastPaymentCents: number | null;
  nextPaymentDueDay: number;
  isOverdue: boolean;
}

interface Statement {
  balanceCents: number;
  minimumCents: number;
  payDay: number;
  dueDay: number;
}

/** Issuers ask for interest plus 1 % of the balance, at least $25 (never more than the balance). */
function minimumPayment(balanceCents: number, interestCents: number): number {
  const minimum = Math.max(MINIMUM_PAYMENT_FLOOR_CENTS, Math.round(balanceCents * 0.01) + interestCents);
  return Math.max(0, Math.min(balanceCents, minimum));
}

export function simulateCard(card: CardSimulation, draft: TransactionDraft): CardOutcome {
  const { plan, cardAccountId, checkingAccountId, startDay, asOfDay } = card;
  const revolver = plan.behaviour === 'revolver';
  const limitCents = plan.limitCents ?? Number.POSITIVE_INFINITY;
  const capCents = Math.round(limitCents * plan.targetUtilization);
  const autopayCapCents = Math.round(limitCents * Math.max(plan.targetUtilization, AUTOPAY_UTILIZATION_CAP));
  const interestOn = (balanceCents: number): number =>
    revolver ? Math.round((balanceCents * card.aprPercentage) / 1200) : 0;
  const statementFor = (day: number, balanceCents: number, minimumCents: number): Statement => ({
    balanceCents,
    minimumCents,
    payDay: revolver ? day + AUTOPAY_MINIMUM_DELAY_DAYS : day + PAYMENT_GRACE_DAYS,
    dueDay: day + PAYMENT_GRACE_DAYS,
  });

  // The statement before the history began explains the opening balance; it may still be due.
  const statementDays = monthlyDays(startDay - 31, asOfDay + 31, card.statementDayOfMonth);
  const openingStatementDay = statementDays.filter((day) => day < startDay).at(-1) ?? startDay - 1;
  const statementsInHistory = new Set(statementDays.filter((day) => day >= startDay && day <= asOfDay));
  const nextStatementDay = statementDays.find((day) => day > asOfDay) ?? asOfDay + 31;
  const dueDays = [openingStatementDay, ...statementsInHistory].map((day) => day + PAYMENT_GRACE_DAYS);
  const missedDueDay = plan.overdue ? dueDays.filter((day) => day <= asOfDay).at(-1) : undefined;

  const openingInterest = interestOn(Math.min(card.openingBalanceCents, capCents));
  let balance = Math.min(card.openingBalanceCents, capCents) + openingInterest;
  let latest = statementFor(openingStatementDay, balance, minimumPayment(balance, openingInterest));
  let pending: Statement | null = latest.payDay >= startDay && balance > 0 ? latest : null;
  // Paid before the history began: the payment is not in the data, only its effect on the balance.
  if (latest.payDay < startDay) balance -= revolver ? latest.minimumCents : latest.balanceCents;
  let pastDueCents = 0;
  let lastPayment: number | null = null;
  let isOverdue = false;
  const declined: Purchase[] = [];
  let nextPurchase = 0;
  let peakBalance = balance;

  for (let day = startDay; day <= asOfDay; day++) {
    if (pending && day === pending.dueDay && day === missedDueDay) {
      pastDueCents = pending.minimumCents;
      isOverdue = true;
      balance += card.lateFeeCents;
      draft.add(cardAccountId, day, card.lateFeeCents, CATEGORY.lateFee);
    } else if (pending && pending.dueDay !== missedDueDay && day === pending.payDay) {
      const payment = Math.min(revolver ? pending.minimumCents : pending.balanceCents, balance);
      if (payment > 0) {
        balance -= payment;
        lastPayment = payment;
        draft.add(cardAccountId, day, -payment, CATEGORY.cardPayment);
        draft.add(checkingAccountId, day, payment, CATEGORY.cardPayment);
      }
      pending = null;
    }

    while (nextPurchase < card.purchases.length && card.purchases[nextPurchase]?.day === day) {
      const purchase = card.purchases[nextPurchase++] as Purchase;
      const room = (purchase.autopay ? autopayCapCents : capCents) - balance;
      if (purchase.amountCents <= room) {
        balance += purchase.amountCents;
        draft.addPurchase(cardAccountId, purchase);
      } else if (revolver && room >= 100) {
        // Split tender: the card takes what tops it up to the target, debit pays the rest.
        balance += room;
        draft.addPurchase(cardAccountId, { ...purchase, amountCents: room });
        declined.push({ ...purchase, amountCents: purchase.amountCents - room });
      } else {
        declined.push(purchase);
      }
    }

    peakBalance = Math.max(peakBalance, balance);
    if (statementsInHistory.has(day)) {
      const interest = interestOn(balance);
      if (interest > 0) {
        balance += interest;
        draft.add(cardAccountId, day, interest, CATEGORY.interestCharge);
      }
      latest = statementFor(
        day,
        balance,
        Math.min(balance, minimumPayment(balance, interest) + pastDueCents),
      );
      pending = balance > 0 ? latest : null;
    }
    peakBalance = Math.max(peakBalance, balance);
  }

  return {
    balanceCents: balance,
    peakBalanceCents: peakBalance,
    declined,
    lastStatementBalanceCents: latest.balanceCents,
    minimumPaymentCents: latest.minimumCents,
    lastPaymentCents: lastPayment,
    nextPaymentDueDay: pending ? pending.dueDay : nextStatementDay + PAYMENT_GRACE_DAYS,
    isOverdue,
  };
}
