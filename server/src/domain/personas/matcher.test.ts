import { describe, expect, it } from 'vitest';
import { type SignalOverrides, snapshotWith } from '../../../test-support/signal-snapshots.js';
import { describeConditionResult, matchPersonas } from './matcher.js';
import { PERSONA_REGISTRY, parseRegistry } from './registry.js';
import type { ConditionLeafResult } from './types.js';

function qualifying(values: SignalOverrides): string[] {
  return matchPersonas(PERSONA_REGISTRY, snapshotWith(values))
    .filter((evaluation) => evaluation.matched)
    .map((evaluation) => evaluation.personaId);
}

function evaluationOf(personaId: string, values: SignalOverrides, missing = {}) {
  const evaluation = matchPersonas(PERSONA_REGISTRY, snapshotWith(values, { missing })).find(
    (candidate) => candidate.personaId === personaId,
  );
  if (evaluation === undefined) throw new Error(`no evaluation for ${personaId}`);
  return evaluation;
}

describe('neutral snapshot', () => {
  it('matches no persona', () => {
    expect(qualifying({})).toEqual([]);
  });

  it('evaluates every persona, in priority order', () => {
    expect(matchPersonas(PERSONA_REGISTRY, snapshotWith()).map((evaluation) => evaluation.personaId)).toEqual(
      [
        'high_utilization',
        'variable_income_budgeter',
        'subscription_heavy',
        'savings_builder',
        'cash_flow_optimizer',
        'young_professional',
      ],
    );
  });
});

// Each row: the signals on one side of one boundary, and exactly which personas must qualify.
describe.each<[string, SignalOverrides, string[]]>([
  // 1 High Utilization: any of four
  ['utilization 49.99', { 'credit.maxUtilizationPct': 49.99 }, []],
  ['utilization 50', { 'credit.maxUtilizationPct': 50 }, ['high_utilization']],
  ['interest charges 0', { 'credit.interestCharges': 0 }, []],
  ['interest charges 0.01', { 'credit.interestCharges': 0.01 }, ['high_utilization']],
  ['minimum-payment-only', { 'credit.minimumPaymentOnly': true }, ['high_utilization']],
  ['overdue', { 'credit.anyOverdue': true }, ['high_utilization']],
  // 2 Variable Income Budgeter: gap > 45 AND buffer < 1
  ['pay gap 45, buffer 0.5', { 'income.medianPayGapDays': 45, 'income.cashFlowBufferMonths': 0.5 }, []],
  [
    'pay gap 45.01, buffer 0.5',
    { 'income.medianPayGapDays': 45.01, 'income.cashFlowBufferMonths': 0.5 },
    ['variable_income_budgeter'],
  ],
  ['pay gap 60, buffer 1', { 'income.medianPayGapDays': 60, 'income.cashFlowBufferMonths': 1 }, []],
  [
    'pay gap 60, buffer 0.99',
    { 'income.medianPayGapDays': 60, 'income.cashFlowBufferMonths': 0.99 },
    ['variable_income_budgeter'],
  ],
  ['pay gap 60 alone', { 'income.medianPayGapDays': 60 }, []],
  ['buffer 0.5 alone', { 'income.cashFlowBufferMonths': 0.5 }, []],
  // 3 Subscription-Heavy: merchants >= 3 AND (spend >= 50 OR share >= 10)
  [
    'merchants 2, spend 60',
    { 'subscriptions.recurringMerchantCount': 2, 'subscriptions.monthlyRecurringSpend': 60 },
    [],
  ],
  [
    'merchants 3, spend 60',
    { 'subscriptions.recurringMerchantCount': 3, 'subscriptions.monthlyRecurringSpend': 60 },
    ['subscription_heavy'],
  ],
  [
    'merchants 3, spend 49.99, share 2',
    { 'subscriptions.recurringMerchantCount': 3, 'subscriptions.monthlyRecurringSpend': 49.99 },
    [],
  ],
  [
    'merchants 3, spend 50, share 2',
    { 'subscriptions.recurringMerchantCount': 3, 'subscriptions.monthlyRecurringSpend': 50 },
    ['subscription_heavy'],
  ],
  [
    'merchants 3, spend 20, share 9.99',
    { 'subscriptions.recurringMerchantCount': 3, 'subscriptions.subscriptionSharePct': 9.99 },
    [],
  ],
  [
    'merchants 3, spend 20, share 10',
    { 'subscriptions.recurringMerchantCount': 3, 'subscriptions.subscriptionSharePct': 10 },
    ['subscription_heavy'],
  ],
  [
    'merchants 2, spend 500, share 50',
    {
      'subscriptions.recurringMerchantCount': 2,
      'subscriptions.monthlyRecurringSpend': 500,
      'subscriptions.subscriptionSharePct': 50,
    },
    [],
  ],
  // 4 Savings Builder: (growth >= 2 OR inflow >= 200) AND utilization < 30
  ['growth 1.99', { 'savings.growthRatePct': 1.99 }, []],
  ['growth 2', { 'savings.growthRatePct': 2 }, ['savings_builder']],
  ['inflow 199.99', { 'savings.netInflowMonthly': 199.99 }, []],
  ['inflow 200', { 'savings.netInflowMonthly': 200 }, ['savings_builder']],
  [
    'growth 5, utilization 29.99',
    { 'savings.growthRatePct': 5, 'credit.maxUtilizationPct': 29.99 },
    ['savings_builder'],
  ],
  ['growth 5, utilization 30', { 'savings.growthRatePct': 5, 'credit.maxUtilizationPct': 30 }, []],
  ['inflow 500, utilization 30', { 'savings.netInflowMonthly': 500, 'credit.maxUtilizationPct': 30 }, []],
  // 5 Cash Flow Optimizer: emergency fund >= 6 AND utilization < 10
  [
    'emergency 5.99, utilization 5',
    { 'savings.emergencyFundMonths': 5.99, 'credit.maxUtilizationPct': 5 },
    [],
  ],
  [
    'emergency 6, utilization 5',
    { 'savings.emergencyFundMonths': 6, 'credit.maxUtilizationPct': 5 },
    ['cash_flow_optimizer'],
  ],
  [
    'emergency 8, utilization 9.99',
    { 'savings.emergencyFundMonths': 8, 'credit.maxUtilizationPct': 9.99 },
    ['cash_flow_optimizer'],
  ],
  ['emergency 8, utilization 10', { 'savings.emergencyFundMonths': 8, 'credit.maxUtilizationPct': 10 }, []],
  // 6 Young Professional: history < 180 AND total limit < 3000
  [
    'history 179, limit 1000',
    { 'history.transactionHistoryDays': 179, 'credit.totalCreditLimit': 1000 },
    ['young_professional'],
  ],
  ['history 180, limit 1000', { 'history.transactionHistoryDays': 180, 'credit.totalCreditLimit': 1000 }, []],
  [
    'history 90, limit 2999.99',
    { 'history.transactionHistoryDays': 90, 'credit.totalCreditLimit': 2999.99 },
    ['young_professional'],
  ],
  ['history 90, limit 3000', { 'history.transactionHistoryDays': 90, 'credit.totalCreditLimit': 3000 }, []],
])('%s', (_label, values, expected) => {
  it(`qualifies exactly ${JSON.stringify(expected)}`, () => {
    expect(qualifying(values)).toEqual(expected);
  });
});

describe('condition result tree', () => {
  it('mirrors the criteria and records every leaf, held or not', () => {
    const evaluation = evaluationOf('savings_builder', {
      'savings.growthRatePct': 2.5,
      'savings.netInflowMonthly': 150,
      'credit.maxUtilizationPct': 12,
    });
    expect(evaluation.criteria).toStrictEqual({
      kind: 'all',
      held: true,
      children: [
        {
          kind: 'any',
          held: true,
          children: [
            {
              kind: 'condition',
              signal: 'savings.growthRatePct',
              op: '>=',
              threshold: 2,
              actual: 2.5,
              held: true,
            },
            {
              kind: 'condition',
              signal: 'savings.netInflowMonthly',
              op: '>=',
              threshold: 200,
              actual: 150,
              held: false,
            },
          ],
        },
        {
          kind: 'condition',
          signal: 'credit.maxUtilizationPct',
          op: '<',
          threshold: 30,
          actual: 12,
          held: true,
        },
      ],
    });
    expect(evaluation.matched).toBe(true);
    expect(evaluation.matchedConditions).toEqual([
      'savings.growthRatePct >= 2 (actual 2.5)',
      'credit.maxUtilizationPct < 30 (actual 12)',
    ]);
    expect(evaluation.evidence).toStrictEqual({
      'savings.growthRatePct': 2.5,
      'credit.maxUtilizationPct': 12,
    });
  });

  it('lists held leaves of personas that did not match, so near misses are visible', () => {
    const evaluation = evaluationOf('young_professional', { 'history.transactionHistoryDays': 90 });
    expect(evaluation.matched).toBe(false);
    expect(evaluation.matchedConditions).toEqual(['history.transactionHistoryDays < 180 (actual 90)']);
    expect(evaluation.evidence).toStrictEqual({ 'history.transactionHistoryDays': 90 });
  });

  it('describes boolean and string thresholds', () => {
    const evaluation = evaluationOf('high_utilization', {
      'credit.maxUtilizationPct': 62.5,
      'credit.anyOverdue': true,
    });
    expect(evaluation.matchedConditions).toEqual([
      'credit.maxUtilizationPct >= 50 (actual 62.5)',
      'credit.anyOverdue == true (actual true)',
    ]);
    expect(evaluation.evidence).toStrictEqual({
      'credit.maxUtilizationPct': 62.5,
      'credit.anyOverdue': true,
    });
    const leaf: ConditionLeafResult = {
      kind: 'condition',
      signal: 'income.payFrequency',
      op: '!=',
      threshold: 'monthly',
      actual: 'irregular',
      held: true,
    };
    expect(describeConditionResult(leaf)).toBe('income.payFrequency != "monthly" (actual "irregular")');
  });

  it('evaluates string conditions from a custom registry', () => {
    const registry = parseRegistry([
      {
        id: 'irregular_earner',
        name: 'Irregular Earner',
        description: 'Paid irregularly',
        priority: 1,
        criteria: { signal: 'income.payFrequency', op: '==', value: 'irregular' },
        educationalFocus: ['budgeting'],
      },
    ]);
    const held = (payFrequency: 'irregular' | 'monthly') =>
      matchPersonas(registry, snapshotWith({ 'income.payFrequency': payFrequency }))[0]!.matched;
    expect(held('irregular')).toBe(true);
    expect(held('monthly')).toBe(false);
  });
});

describe('missing values', () => {
  it('never hold, and carry the snapshot reason', () => {
    const evaluation = evaluationOf(
      'high_utilization',
      { 'credit.maxUtilizationPct': null, 'credit.anyOverdue': true },
      { 'credit.maxUtilizationPct': 'no credit card has a limit' },
    );
    expect(evaluation.matched).toBe(true);
    expect(evaluation.criteria.kind === 'any' && evaluation.criteria.children[0]).toStrictEqual({
      kind: 'condition',
      signal: 'credit.maxUtilizationPct',
      op: '>=',
      threshold: 50,
      actual: null,
      held: false,
      reason: 'no credit card has a limit',
    });
    expect(evaluation.evidence).toStrictEqual({ 'credit.anyOverdue': true });
    expect(evaluation.matchedConditions).toEqual(['credit.anyOverdue == true (actual true)']);
  });

  it('block an AND even where the other condition holds', () => {
    const evaluation = evaluationOf(
      'variable_income_budgeter',
      { 'income.medianPayGapDays': null, 'income.cashFlowBufferMonths': 0.2 },
      { 'income.medianPayGapDays': 'fewer than two payroll deposits' },
    );
    expect(evaluation.matched).toBe(false);
    expect(evaluation.matchedConditions).toEqual(['income.cashFlowBufferMonths < 1 (actual 0.2)']);
    const gap = evaluation.criteria.kind === 'all' ? evaluation.criteria.children[0] : undefined;
    expect(gap).toMatchObject({ actual: null, held: false, reason: 'fewer than two payroll deposits' });
  });

  it('do not hold for != either', () => {
    const registry = parseRegistry([
      {
        id: 'never_overdue',
        name: 'Never Overdue',
        description: 'No overdue card',
        priority: 1,
        criteria: { signal: 'credit.anyOverdue', op: '!=', value: true },
        educationalFocus: ['keeping it up'],
      },
    ]);
    expect(matchPersonas(registry, snapshotWith({ 'credit.anyOverdue': false }))[0]!.matched).toBe(true);
    expect(matchPersonas(registry, snapshotWith({ 'credit.anyOverdue': null }))[0]!.matched).toBe(false);
  });

  it('get a generic reason when the snapshot gives none, and non-finite numbers count as missing', () => {
    const snapshot = snapshotWith({ 'credit.maxUtilizationPct': null, 'history.transactionHistoryDays': 90 });
    delete snapshot.missing['credit.maxUtilizationPct'];
    snapshot.values['credit.totalCreditLimit'] = Number.NaN;
    const [high, , , , , young] = matchPersonas(PERSONA_REGISTRY, snapshot);
    expect(high!.criteria.kind === 'any' && high!.criteria.children[0]).toMatchObject({
      actual: null,
      reason: 'no value in the signal snapshot',
    });
    expect(young!.matched).toBe(false);
    expect(young!.criteria.kind === 'all' && young!.criteria.children[1]).toMatchObject({
      actual: null,
      held: false,
      reason: 'value NaN is not a finite number',
    });
  });
});

describe('data coverage', () => {
  it('counts conditions whose value is present and whose family reported data', () => {
    const snapshot = snapshotWith(
      { 'history.transactionHistoryDays': 90, 'credit.totalCreditLimit': 0 },
      { completeness: { credit: false, historyCoverage: 0.5 } },
    );
    const young = matchPersonas(PERSONA_REGISTRY, snapshot)[5]!;
    expect(young.matched).toBe(true);
    expect(young.dataCoverage).toStrictEqual({
      historyCoverage: 0.5,
      conditions: 2,
      conditionsWithData: 1,
      familiesWithoutData: ['credit'],
    });
  });

  it('clamps history coverage into 0..1', () => {
    const coverage = (historyCoverage: number) =>
      matchPersonas(PERSONA_REGISTRY, snapshotWith({}, { completeness: { historyCoverage } }))[0]!
        .dataCoverage.historyCoverage;
    expect(coverage(1.4)).toBe(1);
    expect(coverage(-0.2)).toBe(0);
    expect(coverage(Number.NaN)).toBe(0);
  });
});

describe('serialisation', () => {
  it('produces plain JSON that round-trips unchanged', () => {
    const evaluations = matchPersonas(
      PERSONA_REGISTRY,
      snapshotWith({ 'credit.maxUtilizationPct': null, 'income.payFrequency': 'irregular' }),
    );
    expect(JSON.parse(JSON.stringify(evaluations))).toStrictEqual(evaluations);
  });
});
