import { describe, expect, it } from 'vitest';
import { PERSONA_FIXTURES } from '../../../test-support/recommendation-snapshots.js';
import { card, snapshotWith } from '../../../test-support/signal-snapshots.js';
import { CATALOG } from './catalog.js';
import { buildRationale, rebuildRationale } from './rationale.js';
import { TRIGGERS } from './triggers.js';

const highUtilization = PERSONA_FIXTURES.high_utilization.snapshot;

describe('buildRationale', () => {
  it("cites the customer's card mask, utilization, balance and limit", () => {
    expect(buildRationale(highUtilization, 'high_utilization', ['high_utilization'])).toEqual({
      text: 'Because your card ending in 4523 is at 68% utilization ($3,400 of a $5,000 limit).',
      triggerId: 'high_utilization',
      facts: { account_mask: '4523', utilization_pct: 68, balance: 3400, credit_limit: 5000 },
    });
  });

  it("explains the item's first fired trigger, in the item's own order", () => {
    const rationale = buildRationale(highUtilization, 'high_utilization', [
      'overdue',
      'interest_charges',
      'high_utilization',
    ]);
    expect(rationale.triggerId).toBe('interest_charges');
    expect(rationale.text).toBe(
      'Because your card ending in 4523 was charged $87.12 in interest over the last 30 days.',
    );
  });

  it("falls back to the persona's signature trigger when none of the item's triggers fired", () => {
    const rationale = buildRationale(highUtilization, 'high_utilization', ['overdue']);
    expect(rationale.triggerId).toBe('high_utilization');
    expect(rationale.text).toContain('ending in 4523');
  });

  it('falls back to average spending when nothing fired, and to a generic sentence without numbers', () => {
    expect(buildRationale(snapshotWith(), 'unclassified', [])).toEqual({
      text: 'Because your spending averaged $2,000 a month over the last 30 days.',
      triggerId: null,
      facts: { average_monthly_expenses: 2000, window_days: 30 },
    });
    expect(
      buildRationale(snapshotWith({ 'history.averageMonthlyExpenses': null }), 'unclassified', []),
    ).toEqual({
      text: 'Because these basics apply to almost every budget.',
      triggerId: null,
      facts: {},
    });
  });

  it('never fires a trigger on a missing value', () => {
    const snapshot = snapshotWith({ 'credit.maxUtilizationPct': null, 'savings.emergencyFundMonths': null });
    expect(
      buildRationale(snapshot, 'unclassified', ['high_utilization', 'low_emergency_fund']).triggerId,
    ).toBeNull();
  });

  it('is deterministic', () => {
    const first = buildRationale(highUtilization, 'high_utilization', [
      'minimum_payment_only',
      'high_utilization',
    ]);
    const second = buildRationale(structuredClone(highUtilization), 'high_utilization', [
      'minimum_payment_only',
      'high_utilization',
    ]);
    expect(second).toEqual(first);
  });
});

describe('rebuildRationale', () => {
  const item = CATALOG.education.find((candidate) => candidate.personas.includes('high_utilization'))!;
  const original = buildRationale(highUtilization, 'high_utilization', item.triggers);
  const stored = { personaId: 'high_utilization', catalogItemId: item.id, rationale: original.text };

  it('gives back the figures a stored rationale cited', () => {
    expect(rebuildRationale(CATALOG, highUtilization, stored)).toEqual(original);
    expect(Object.keys(original.facts).length).toBeGreaterThan(0);
  });

  it('gives nothing when the sentence no longer matches, or the item or persona is unknown', () => {
    expect(
      rebuildRationale(CATALOG, highUtilization, { ...stored, rationale: 'Because it was edited.' }),
    ).toBeNull();
    expect(rebuildRationale(CATALOG, highUtilization, { ...stored, catalogItemId: 'edu-gone' })).toBeNull();
    expect(
      rebuildRationale(CATALOG, highUtilization, { ...stored, personaId: 'retired_persona' }),
    ).toBeNull();
  });
});

describe('trigger clauses', () => {
  const explain = (id: keyof typeof TRIGGERS, snapshot = highUtilization) => {
    expect(TRIGGERS[id].fires(snapshot)).toBe(true);
    return TRIGGERS[id].explain(snapshot).clause;
  };

  it('picks the most utilized card, ties broken by mask', () => {
    const snapshot = snapshotWith(
      { 'credit.maxUtilizationPct': 55 },
      {
        details: {
          cards: [
            card({ mask: '8000', balance: 550, limit: 1000 }),
            card({ mask: '2000', balance: 1100, limit: 2000 }),
            card({ mask: '0100', balance: 10, limit: 0, utilizationPct: 0 }),
          ],
        },
      },
    );
    expect(explain('high_utilization', snapshot)).toBe(
      'your card ending in 2000 is at 55% utilization ($1,100 of a $2,000 limit)',
    );
  });

  it('uses the 50 % and 30 % thresholds inclusively', () => {
    expect(TRIGGERS.high_utilization.fires(snapshotWith({ 'credit.maxUtilizationPct': 50 }))).toBe(true);
    expect(TRIGGERS.high_utilization.fires(snapshotWith({ 'credit.maxUtilizationPct': 49.99 }))).toBe(false);
    expect(TRIGGERS.elevated_utilization.fires(snapshotWith({ 'credit.maxUtilizationPct': 30 }))).toBe(true);
    expect(TRIGGERS.elevated_utilization.fires(snapshotWith({ 'credit.maxUtilizationPct': 29.99 }))).toBe(
      false,
    );
  });

  it('splits interest between the total and the card that paid most, over the window', () => {
    const snapshot = snapshotWith(
      { 'credit.interestCharges': 120.5 },
      {
        details: {
          cards: [
            card({ mask: '4523', interestCharges: 87.12 }),
            card({ mask: '9001', interestCharges: 33.38 }),
          ],
        },
        window: 'D180',
      },
    );
    expect(explain('interest_charges', snapshot)).toBe(
      'you paid $120.50 in card interest over the last 180 days, $87.12 of it on your card ending in 4523',
    );
  });

  it('names the card behind minimum-only payments and overdue status', () => {
    const snapshot = snapshotWith(
      { 'credit.minimumPaymentOnly': true, 'credit.anyOverdue': true },
      {
        details: {
          cards: [
            card({ mask: '1234', balance: 800, minimumPaymentOnly: true }),
            card({ mask: '5678', balance: 2450.75, minimumPaymentOnly: true, overdue: true }),
          ],
        },
      },
    );
    expect(explain('minimum_payment_only', snapshot)).toBe(
      'you have been paying only the minimum due on your card ending in 5678, which carries a $2,450.75 balance',
    );
    expect(explain('overdue', snapshot)).toBe(
      'your card ending in 5678 has a payment past due on its $2,450.75 balance',
    );
  });

  it('lists the largest recurring merchants and the monthly total', () => {
    const snapshot = PERSONA_FIXTURES.subscription_heavy.snapshot;
    expect(explain('many_subscriptions', snapshot)).toBe(
      'you have 5 recurring charges (FitLife Gym, Hulu, Netflix and 2 more) adding up to $88.45 a month',
    );
    expect(explain('subscription_spend_high', snapshot)).toBe(
      'recurring charges take up 12.4% of your spending ($88.45 a month)',
    );
    const three = {
      ...snapshot,
      details: { ...snapshot.details, recurringMerchants: snapshot.details.recurringMerchants.slice(0, 3) },
    };
    expect(explain('many_subscriptions', three)).toBe(
      'you have 5 recurring charges (Hulu, Netflix and Spotify) adding up to $88.45 a month',
    );
  });

  it('describes irregular pay from the last three payroll deposits and the median gap', () => {
    const snapshot = PERSONA_FIXTURES.variable_income_budgeter.snapshot;
    expect(explain('irregular_income', snapshot)).toBe(
      'your last 3 paychecks into the account ending in 7788 ranged from $900 to $2,400 and arrived a median 52 days apart',
    );
    const single = snapshotWith(
      { 'income.medianPayGapDays': 46 },
      {
        details: {
          payroll: [{ date: '2025-10-01', amount: 1800, accountMask: '7788' }],
        },
      },
    );
    expect(explain('irregular_income', single)).toBe(
      'your last paycheck into the account ending in 7788 was $1,800 and arrived a median 46 days apart',
    );
    const noPayroll = snapshotWith({ 'income.payFrequency': 'irregular', 'income.medianPayGapDays': null });
    expect(explain('irregular_income', noPayroll)).toBe('your pay arrives on an irregular schedule');
  });

  it('fires irregular income only beyond 45 days', () => {
    expect(TRIGGERS.irregular_income.fires(snapshotWith({ 'income.medianPayGapDays': 45 }))).toBe(false);
    expect(TRIGGERS.irregular_income.fires(snapshotWith({ 'income.medianPayGapDays': 45.5 }))).toBe(true);
  });

  it('states buffers and emergency funds in months of expenses', () => {
    expect(explain('thin_cash_buffer', PERSONA_FIXTURES.variable_income_budgeter.snapshot)).toBe(
      'your cash on hand covers 0.6 months of expenses ($1,850 a month)',
    );
    expect(explain('low_emergency_fund', PERSONA_FIXTURES.savings_builder.snapshot)).toBe(
      'your savings of $4,625 cover 2.5 months of your $1,850 average monthly expenses',
    );
    expect(explain('strong_emergency_fund', PERSONA_FIXTURES.cash_flow_optimizer.snapshot)).toBe(
      'your savings of $15,725 cover 8.5 months of your $1,850 average monthly expenses',
    );
    expect(TRIGGERS.thin_cash_buffer.fires(snapshotWith({ 'income.cashFlowBufferMonths': 1 }))).toBe(false);
    expect(TRIGGERS.low_emergency_fund.fires(snapshotWith({ 'savings.emergencyFundMonths': 3 }))).toBe(false);
    expect(TRIGGERS.strong_emergency_fund.fires(snapshotWith({ 'savings.emergencyFundMonths': 6 }))).toBe(
      true,
    );
  });

  it('describes savings growth by inflow, or by growth rate when there is no inflow', () => {
    expect(explain('growing_savings', PERSONA_FIXTURES.savings_builder.snapshot)).toBe(
      'you added a net $250 a month to savings, growing your balance 3.2%',
    );
    expect(
      explain(
        'growing_savings',
        snapshotWith({ 'savings.netInflowMonthly': null, 'savings.growthRatePct': 2 }),
      ),
    ).toBe('your savings balance grew 2%');
  });

  it('describes a short history and a thin credit file with the card masks', () => {
    const snapshot = PERSONA_FIXTURES.young_professional.snapshot;
    expect(explain('short_history', snapshot)).toBe('your accounts show 120 days of transaction history');
    expect(explain('low_credit_limit', snapshot)).toBe(
      'your total credit limit is $1,500 across 1 card (ending in 3141)',
    );
    const noCards = snapshotWith(
      { 'credit.totalCreditLimit': 0, 'credit.cardCount': 0 },
      { details: { cards: [] } },
    );
    expect(explain('low_credit_limit', noCards)).toBe(
      'you have no credit card on file, so your total credit limit is $0',
    );
    expect(TRIGGERS.low_credit_limit.fires(snapshotWith({ 'credit.totalCreditLimit': 3000 }))).toBe(false);
    expect(TRIGGERS.short_history.fires(snapshotWith({ 'history.transactionHistoryDays': 180 }))).toBe(false);
  });
});
