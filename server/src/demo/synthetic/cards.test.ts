import { describe, expect, it } from 'vitest';
import type { CardPlan } from './archetypes.js';
import { formatIsoDay, parseIsoDay } from './calendar.js';
import { type CardSimulation, simulateCard } from './cards.js';
import { type Purchase, TransactionDraft } from './draft.js';
import { CATEGORY } from './merchants.js';

const day = (iso: string): number => parseIsoDay(iso) ?? Number.NaN;

const purchase = (iso: string, amountCents: number, autopay = false): Purchase => ({
  day: day(iso),
  amountCents,
  merchantName: 'Target',
  channel: 'in store',
  category: { primary: 'GENERAL_MERCHANDISE', detailed: 'GENERAL_MERCHANDISE_SUPERSTORES' },
  autopay,
});

function simulate(plan: Partial<CardPlan>, setup: Partial<CardSimulation>) {
  const draft = new TransactionDraft();
  const outcome = simulateCard(
    {
      plan: {
        behaviour: 'transactor',
        targetUtilization: 0.2,
        overdue: false,
        weight: 1,
        limitCents: null,
        ...plan,
      },
      cardAccountId: 'card',
      checkingAccountId: 'checking',
      aprPercentage: 24,
      openingBalanceCents: 0,
      // Statements on the 10th: 2025-01-10 before the history, then Feb 10, Mar 10.
      statementDayOfMonth: 10,
      lateFeeCents: 3_900,
      startDay: day('2025-01-15'),
      asOfDay: day('2025-03-20'),
      purchases: [],
      ...setup,
    },
    draft,
  );
  const rows = draft
    .sorted()
    .map((t) => [formatIsoDay(t.day), t.accountId, t.amountCents, t.category.detailed]);
  return { outcome, rows };
}

describe('simulateCard: a transactor', () => {
  it('pays every statement in full on its due date and is never charged interest', () => {
    const { outcome, rows } = simulate(
      {},
      {
        openingBalanceCents: 10_000,
        purchases: [purchase('2025-01-20', 5_000), purchase('2025-02-15', 2_500)],
      },
    );
    expect(rows).toEqual([
      ['2025-01-20', 'card', 5_000, 'GENERAL_MERCHANDISE_SUPERSTORES'],
      // The opening statement (Jan 10) is due Jan 31.
      ['2025-01-31', 'card', -10_000, 'LOAN_PAYMENTS_CREDIT_CARD_PAYMENT'],
      ['2025-01-31', 'checking', 10_000, 'LOAN_PAYMENTS_CREDIT_CARD_PAYMENT'],
      ['2025-02-15', 'card', 2_500, 'GENERAL_MERCHANDISE_SUPERSTORES'],
      // The Feb 10 statement of $50 is due Mar 3.
      ['2025-03-03', 'card', -5_000, 'LOAN_PAYMENTS_CREDIT_CARD_PAYMENT'],
      ['2025-03-03', 'checking', 5_000, 'LOAN_PAYMENTS_CREDIT_CARD_PAYMENT'],
    ]);
    expect(outcome).toEqual({
      balanceCents: 2_500,
      peakBalanceCents: 15_000,
      declined: [],
      lastStatementBalanceCents: 2_500,
      minimumPaymentCents: 2_500,
      lastPaymentCents: 5_000,
      nextPaymentDueDay: day('2025-03-31'),
      isOverdue: false,
    });
  });
});

describe('simulateCard: a revolver', () => {
  const plan = { behaviour: 'revolver', targetUtilization: 0.5, limitCents: 1_000_000 } as const;

  it('stays at its target, pays the same minimum two days after each statement, splits the purchase beyond', () => {
    const { outcome, rows } = simulate(plan, {
      openingBalanceCents: 500_000,
      purchases: [
        purchase('2025-01-20', 300_000),
        purchase('2025-02-20', 2_000),
        purchase('2025-02-21', 5_000),
      ],
    });
    // Jan 10 (before the history): $5,000 plus $100 interest (24 %/12); minimum 1 % + interest = $151, paid
    // Jan 12, so $51 of the $3,000 purchase fits under the $5,000 target.
    expect(rows).toEqual([
      ['2025-01-20', 'card', 5_100, 'GENERAL_MERCHANDISE_SUPERSTORES'],
      ['2025-02-10', 'card', 10_000, 'BANK_FEES_INTEREST_CHARGE'],
      ['2025-02-12', 'card', -15_100, 'LOAN_PAYMENTS_CREDIT_CARD_PAYMENT'],
      ['2025-02-12', 'checking', 15_100, 'LOAN_PAYMENTS_CREDIT_CARD_PAYMENT'],
      ['2025-02-20', 'card', 2_000, 'GENERAL_MERCHANDISE_SUPERSTORES'],
      ['2025-02-21', 'card', 3_100, 'GENERAL_MERCHANDISE_SUPERSTORES'],
      ['2025-03-10', 'card', 10_000, 'BANK_FEES_INTEREST_CHARGE'],
      ['2025-03-12', 'card', -15_100, 'LOAN_PAYMENTS_CREDIT_CARD_PAYMENT'],
      ['2025-03-12', 'checking', 15_100, 'LOAN_PAYMENTS_CREDIT_CARD_PAYMENT'],
    ]);
    expect(outcome.declined.map((p) => [formatIsoDay(p.day), p.amountCents])).toEqual([
      ['2025-01-20', 294_900],
      ['2025-02-21', 1_900],
    ]);
    expect(outcome).toMatchObject({
      balanceCents: 494_900,
      lastStatementBalanceCents: 510_000,
      minimumPaymentCents: 15_100,
      lastPaymentCents: 15_100,
      // Paid: the next due date is that of the Apr 10 statement.
      nextPaymentDueDay: day('2025-05-01'),
      isOverdue: false,
    });
  });

  it('when overdue, misses the last payment due, pays a late fee and reports it', () => {
    const { outcome, rows } = simulate(
      { ...plan, overdue: true },
      { openingBalanceCents: 500_000, asOfDay: day('2025-03-05') },
    );
    // Dues up to Mar 5: Jan 31 (opening, paid Jan 12) and Mar 3 (Feb 10 statement): the latter is missed.
    expect(rows.filter((row) => row[3] !== CATEGORY.interestCharge.detailed)).toEqual([
      ['2025-03-03', 'card', 3_900, 'BANK_FEES_LATE_PAYMENT'],
    ]);
    expect(outcome).toMatchObject({
      isOverdue: true,
      lastPaymentCents: null,
      nextPaymentDueDay: day('2025-03-03'),
    });
  });
});
