/**
 * Triggers: named conditions on a signal snapshot that make catalog items relevant, each with the clause that
 * explains it in the customer's own numbers. Thresholds follow the persona rules in DESIGN.md where one
 * exists (50 % / 30 % utilization, 45-day pay gap, one month of buffer, 180 days of history, $3,000 of limits).
 */

import {
  type CardUtilization,
  type SignalKey,
  type SignalSnapshot,
  type SignalValues,
  WINDOW_DAYS,
} from '../signals/types.js';
import { compareText, formatCount, formatDecimal, formatMoney, formatPercent } from './format.js';
import type { FactValue, TriggerId } from './types.js';

/** A rationale clause without the leading "because", and the figures it quotes. */
export interface Explanation {
  clause: string;
  facts: Record<string, FactValue>;
}

export interface TriggerDefinition {
  id: TriggerId;
  /** One line for operators and the README. */
  description: string;
  fires(snapshot: SignalSnapshot): boolean;
  /** Only called when `fires` is true. */
  explain(snapshot: SignalSnapshot): Explanation;
}

function signal<K extends SignalKey>(snapshot: SignalSnapshot, key: K): SignalValues[K] | null {
  return snapshot.values[key] as SignalValues[K] | null;
}

function windowPhrase(snapshot: SignalSnapshot): string {
  return `the last ${WINDOW_DAYS[snapshot.window]} days`;
}

/** The card with the largest `rank` value; ties broken by mask, then account id, so the choice is stable. */
function topCard(
  cards: readonly CardUtilization[],
  rank: (card: CardUtilization) => number,
): CardUtilization | null {
  const sorted = [...cards].sort(
    (a, b) => rank(b) - rank(a) || compareText(a.mask, b.mask) || compareText(a.accountId, b.accountId),
  );
  return sorted[0] ?? null;
}

function explainUtilization(snapshot: SignalSnapshot): Explanation {
  const card = topCard(
    snapshot.details.cards.filter((candidate) => candidate.limit > 0),
    (candidate) => candidate.utilizationPct,
  );
  if (card === null) {
    const pct = signal(snapshot, 'credit.maxUtilizationPct') ?? 0;
    return {
      clause: `your highest card utilization is ${formatPercent(pct)}`,
      facts: { utilization_pct: pct },
    };
  }
  return {
    clause:
      `your card ending in ${card.mask} is at ${formatPercent(card.utilizationPct)} utilization ` +
      `(${formatMoney(card.balance)} of a ${formatMoney(card.limit)} limit)`,
    facts: {
      account_mask: card.mask,
      utilization_pct: card.utilizationPct,
      balance: card.balance,
      credit_limit: card.limit,
    },
  };
}

function listMerchants(names: readonly string[]): string {
  const shown = names.slice(0, 3);
  const rest = names.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

function sortedMerchants(snapshot: SignalSnapshot) {
  return [...snapshot.details.recurringMerchants].sort(
    (a, b) => b.monthlyEquivalent - a.monthlyEquivalent || compareText(a.merchant, b.merchant),
  );
}

const numberAtLeast = (value: number | null, min: number): boolean => value !== null && value >= min;
const numberBelow = (value: number | null, max: number): boolean => value !== null && value < max;

export const TRIGGERS: Readonly<Record<TriggerId, TriggerDefinition>> = {
  high_utilization: {
    id: 'high_utilization',
    description: 'A card is at or above 50 % of its limit.',
    fires: (s) => numberAtLeast(signal(s, 'credit.maxUtilizationPct'), 50),
    explain: explainUtilization,
  },
  elevated_utilization: {
    id: 'elevated_utilization',
    description: 'A card is at or above 30 % of its limit.',
    fires: (s) => numberAtLeast(signal(s, 'credit.maxUtilizationPct'), 30),
    explain: explainUtilization,
  },
  interest_charges: {
    id: 'interest_charges',
    description: 'Card interest was charged in the window.',
    fires: (s) => (signal(s, 'credit.interestCharges') ?? 0) > 0,
    explain: (s): Explanation => {
      const total = signal(s, 'credit.interestCharges') ?? 0;
      const card = topCard(
        s.details.cards.filter((candidate) => candidate.interestCharges > 0),
        (candidate) => candidate.interestCharges,
      );
      const facts: Record<string, FactValue> = {
        interest_charges: total,
        window_days: WINDOW_DAYS[s.window],
      };
      if (card === null) {
        return { clause: `you paid ${formatMoney(total)} in card interest over ${windowPhrase(s)}`, facts };
      }
      facts['account_mask'] = card.mask;
      if (card.interestCharges === total) {
        return {
          clause: `your card ending in ${card.mask} was charged ${formatMoney(total)} in interest over ${windowPhrase(s)}`,
          facts,
        };
      }
      facts['card_interest_charges'] = card.interestCharges;
      return {
        clause:
          `you paid ${formatMoney(total)} in card interest over ${windowPhrase(s)}, ` +
          `${formatMoney(card.interestCharges)} of it on your card ending in ${card.mask}`,
        facts,
      };
    },
  },
  minimum_payment_only: {
    id: 'minimum_payment_only',
    description: 'Only the minimum payment was made on a card.',
    fires: (s) => signal(s, 'credit.minimumPaymentOnly') === true,
    explain: (s): Explanation => {
      const card = topCard(
        s.details.cards.filter((candidate) => candidate.minimumPaymentOnly),
        (candidate) => candidate.balance,
      );
      if (card === null) return { clause: 'you have been paying only the minimum due on a card', facts: {} };
      return {
        clause: `you have been paying only the minimum due on your card ending in ${card.mask}, which carries a ${formatMoney(card.balance)} balance`,
        facts: { account_mask: card.mask, balance: card.balance },
      };
    },
  },
  overdue: {
    id: 'overdue',
    description: 'A card payment is past due.',
    fires: (s) => signal(s, 'credit.anyOverdue') === true,
    explain: (s): Explanation => {
      const card = topCard(
        s.details.cards.filter((candidate) => candidate.overdue),
        (candidate) => candidate.balance,
      );
      if (card === null) return { clause: 'a card payment is past due', facts: {} };
      return {
        clause: `your card ending in ${card.mask} has a payment past due on its ${formatMoney(card.balance)} balance`,
        facts: { account_mask: card.mask, balance: card.balance },
      };
    },
  },
  many_subscriptions: {
    id: 'many_subscriptions',
    description: 'Three or more recurring merchants.',
    fires: (s) => numberAtLeast(signal(s, 'subscriptions.recurringMerchantCount'), 3),
    explain: (s): Explanation => {
      const count = signal(s, 'subscriptions.recurringMerchantCount') ?? 0;
      const spend = signal(s, 'subscriptions.monthlyRecurringSpend');
      const names = sortedMerchants(s).map((merchant) => merchant.merchant);
      const facts: Record<string, FactValue> = { recurring_merchant_count: count };
      let clause = `you have ${formatCount(count, 'recurring charge')}`;
      if (names.length > 0) {
        clause += ` (${listMerchants(names)})`;
        facts['merchants'] = names.slice(0, 3).join(', ');
      }
      if (spend !== null) {
        clause += ` adding up to ${formatMoney(spend)} a month`;
        facts['monthly_recurring_spend'] = spend;
      }
      return { clause, facts };
    },
  },
  subscription_spend_high: {
    id: 'subscription_spend_high',
    description: 'Recurring spend of at least $50 a month or at least 10 % of spending.',
    fires: (s) =>
      numberAtLeast(signal(s, 'subscriptions.monthlyRecurringSpend'), 50) ||
      numberAtLeast(signal(s, 'subscriptions.subscriptionSharePct'), 10),
    explain: (s): Explanation => {
      const spend = signal(s, 'subscriptions.monthlyRecurringSpend');
      const share = signal(s, 'subscriptions.subscriptionSharePct');
      if (share === null) {
        return {
          clause: `your recurring charges add up to ${formatMoney(spend ?? 0)} a month`,
          facts: { monthly_recurring_spend: spend ?? 0 },
        };
      }
      const facts: Record<string, FactValue> = { subscription_share_pct: share };
      let clause = `recurring charges take up ${formatPercent(share)} of your spending`;
      if (spend !== null) {
        clause += ` (${formatMoney(spend)} a month)`;
        facts['monthly_recurring_spend'] = spend;
      }
      return { clause, facts };
    },
  },
  irregular_income: {
    id: 'irregular_income',
    description: 'Pay arrives more than 45 days apart (median) or on no regular schedule.',
    fires: (s) =>
      (signal(s, 'income.medianPayGapDays') ?? 0) > 45 || signal(s, 'income.payFrequency') === 'irregular',
    explain: (s): Explanation => {
      const gap = signal(s, 'income.medianPayGapDays');
      const recent = [...s.details.payroll]
        .sort((a, b) => compareText(a.date, b.date) || a.amount - b.amount)
        .slice(-3);
      const facts: Record<string, FactValue> = {};
      const parts: string[] = [];
      const last = recent[recent.length - 1];
      if (last !== undefined) {
        const sameAccount = recent.every((deposit) => deposit.accountMask === last.accountMask);
        const into = sameAccount ? `into the account ending in ${last.accountMask}` : 'into your accounts';
        const amounts = recent.map((deposit) => deposit.amount);
        const low = Math.min(...amounts);
        const high = Math.max(...amounts);
        if (sameAccount) facts['account_mask'] = last.accountMask;
        facts['paychecks_cited'] = recent.length;
        facts['lowest_paycheck'] = low;
        facts['highest_paycheck'] = high;
        if (recent.length === 1) parts.push(`your last paycheck ${into} was ${formatMoney(low)}`);
        else if (low === high) {
          parts.push(`your last ${recent.length} paychecks ${into} were ${formatMoney(low)} each`);
        } else {
          parts.push(
            `your last ${recent.length} paychecks ${into} ranged from ${formatMoney(low)} to ${formatMoney(high)}`,
          );
        }
      }
      if (gap !== null && gap > 0) {
        facts['median_pay_gap_days'] = gap;
        parts.push(
          parts.length === 0
            ? `your pay arrives a median ${formatDecimal(gap)} days apart`
            : `arrived a median ${formatDecimal(gap)} days apart`,
        );
      }
      if (parts.length === 0) return { clause: 'your pay arrives on an irregular schedule', facts };
      return { clause: parts.join(' and '), facts };
    },
  },
  thin_cash_buffer: {
    id: 'thin_cash_buffer',
    description: 'Less than one month of expenses in cash-flow buffer.',
    fires: (s) => numberBelow(signal(s, 'income.cashFlowBufferMonths'), 1),
    explain: (s): Explanation => {
      const months = signal(s, 'income.cashFlowBufferMonths') ?? 0;
      const expenses = signal(s, 'history.averageMonthlyExpenses');
      const facts: Record<string, FactValue> = { cash_flow_buffer_months: months };
      let clause = `your cash on hand covers ${formatCount(months, 'month')} of expenses`;
      if (expenses !== null) {
        clause += ` (${formatMoney(expenses)} a month)`;
        facts['average_monthly_expenses'] = expenses;
      }
      return { clause, facts };
    },
  },
  low_emergency_fund: {
    id: 'low_emergency_fund',
    description: 'Savings cover less than three months of expenses.',
    fires: (s) => numberBelow(signal(s, 'savings.emergencyFundMonths'), 3),
    explain: (s) => explainEmergencyFund(s),
  },
  growing_savings: {
    id: 'growing_savings',
    description: 'Savings grew at least 2 % or took in at least $200 a month.',
    fires: (s) =>
      numberAtLeast(signal(s, 'savings.growthRatePct'), 2) ||
      numberAtLeast(signal(s, 'savings.netInflowMonthly'), 200),
    explain: (s): Explanation => {
      const inflow = signal(s, 'savings.netInflowMonthly');
      const growth = signal(s, 'savings.growthRatePct');
      const facts: Record<string, FactValue> = {};
      if (inflow !== null && inflow > 0) {
        facts['net_inflow_monthly'] = inflow;
        let clause = `you added a net ${formatMoney(inflow)} a month to savings`;
        if (growth !== null && growth > 0) {
          clause += `, growing your balance ${formatPercent(growth)}`;
          facts['growth_rate_pct'] = growth;
        }
        return { clause, facts };
      }
      facts['growth_rate_pct'] = growth ?? 0;
      return { clause: `your savings balance grew ${formatPercent(growth ?? 0)}`, facts };
    },
  },
  strong_emergency_fund: {
    id: 'strong_emergency_fund',
    description: 'Savings cover six or more months of expenses.',
    fires: (s) => numberAtLeast(signal(s, 'savings.emergencyFundMonths'), 6),
    explain: (s) => explainEmergencyFund(s),
  },
  short_history: {
    id: 'short_history',
    description: 'Less than 180 days of transaction history.',
    fires: (s) => numberBelow(signal(s, 'history.transactionHistoryDays'), 180),
    explain: (s): Explanation => {
      const days = signal(s, 'history.transactionHistoryDays') ?? 0;
      return {
        clause: `your accounts show ${formatCount(days, 'day')} of transaction history`,
        facts: { transaction_history_days: days },
      };
    },
  },
  low_credit_limit: {
    id: 'low_credit_limit',
    description: 'Total credit limits below $3,000.',
    fires: (s) => numberBelow(signal(s, 'credit.totalCreditLimit'), 3000),
    explain: (s): Explanation => {
      const limit = signal(s, 'credit.totalCreditLimit') ?? 0;
      const cards = signal(s, 'credit.cardCount') ?? s.details.cards.length;
      const facts: Record<string, FactValue> = { total_credit_limit: limit, card_count: cards };
      if (cards === 0)
        return { clause: 'you have no credit card on file, so your total credit limit is $0', facts };
      const masks = s.details.cards.map((held) => held.mask).sort(compareText);
      let clause = `your total credit limit is ${formatMoney(limit)} across ${formatCount(cards, 'card')}`;
      if (masks.length > 0 && masks.length <= 3) {
        clause += ` (ending in ${masks.join(', ')})`;
        facts['account_masks'] = masks.join(', ');
      }
      return { clause, facts };
    },
  },
};

function explainEmergencyFund(s: SignalSnapshot): Explanation {
  const months = signal(s, 'savings.emergencyFundMonths') ?? 0;
  const balance = signal(s, 'savings.balance');
  const expenses = signal(s, 'history.averageMonthlyExpenses');
  const facts: Record<string, FactValue> = { emergency_fund_months: months };
  const savings = balance === null ? 'your savings' : `your savings of ${formatMoney(balance)}`;
  if (balance !== null) facts['savings_balance'] = balance;
  let clause = `${savings} cover ${formatCount(months, 'month')} of`;
  if (expenses !== null) {
    clause += ` your ${formatMoney(expenses)} average monthly expenses`;
    facts['average_monthly_expenses'] = expenses;
  } else {
    clause += ' expenses';
  }
  return { clause, facts };
}

export function firedTriggers(snapshot: SignalSnapshot, among: readonly TriggerId[]): TriggerId[] {
  return among.filter((id) => TRIGGERS[id].fires(snapshot));
}
