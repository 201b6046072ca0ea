import { describe, expect, it } from 'vitest';
import { type SignalOverrides, snapshotWith } from '../../../test-support/signal-snapshots.js';
import { matchPersonas } from './matcher.js';
import { prioritize } from './prioritizer.js';
import { PERSONA_REGISTRY, parseRegistry } from './registry.js';

/** Signals that make exactly one persona qualify; they never conflict, so any subset can be combined. */
const QUALIFIES: Record<string, SignalOverrides> = {
  high_utilization: { 'credit.anyOverdue': true },
  variable_income_budgeter: { 'income.medianPayGapDays': 60, 'income.cashFlowBufferMonths': 0.5 },
  subscription_heavy: {
    'subscriptions.recurringMerchantCount': 4,
    'subscriptions.monthlyRecurringSpend': 80,
  },
  savings_builder: { 'savings.growthRatePct': 3 },
  cash_flow_optimizer: { 'savings.emergencyFundMonths': 8, 'credit.maxUtilizationPct': 5 },
  young_professional: { 'history.transactionHistoryDays': 90, 'credit.totalCreditLimit': 1000 },
};

const IDS_BY_PRIORITY = PERSONA_REGISTRY.map((persona) => persona.id);

function subsetsOfSize<T>(items: readonly T[], size: number): T[][] {
  if (size === 0) return [[]];
  return items.flatMap((item, index) =>
    subsetsOfSize(items.slice(index + 1), size - 1).map((rest) => [item, ...rest]),
  );
}

function decide(values: SignalOverrides) {
  const snapshot = snapshotWith(values);
  return prioritize(PERSONA_REGISTRY, matchPersonas(PERSONA_REGISTRY, snapshot));
}

describe('every combination of two and three qualifying personas', () => {
  const combinations = [...subsetsOfSize(IDS_BY_PRIORITY, 2), ...subsetsOfSize(IDS_BY_PRIORITY, 3)];

  it('covers all 35 combinations', () => {
    expect(combinations).toHaveLength(15 + 20);
  });

  it.each(combinations.map((ids) => [ids.join(' + '), ids] as const))('%s', (_label, ids) => {
    // Listed lowest priority first, to show the input order of the signals does not matter.
    const values = Object.assign({}, ...[...ids].reverse().map((id) => QUALIFIES[id]));
    const decision = decide(values);
    const winner = ids[0]!;
    const priority = IDS_BY_PRIORITY.indexOf(winner) + 1;
    expect(decision).toMatchObject({
      status: 'ASSIGNED',
      personaId: winner,
      priority,
      qualifyingPersonas: ids,
      reason: `Highest priority match among ${ids.length} qualifying personas (priority ${priority})`,
    });
  });
});

describe('prioritize', () => {
  it.each(IDS_BY_PRIORITY.map((id, index) => [id, index + 1] as const))(
    'assigns %s alone as the only qualifying persona',
    (id, priority) => {
      expect(decide(QUALIFIES[id]!)).toMatchObject({
        status: 'ASSIGNED',
        personaId: id,
        priority,
        qualifyingPersonas: [id],
        reason: `Only qualifying persona (priority ${priority})`,
      });
    },
  );

  it('records all six when all qualify, and picks priority 1', () => {
    const decision = decide(Object.assign({}, ...Object.values(QUALIFIES)));
    expect(decision.qualifyingPersonas).toEqual(IDS_BY_PRIORITY);
    expect(decision.personaId).toBe('high_utilization');
    expect(decision.reason).toBe('Highest priority match among 6 qualifying personas (priority 1)');
  });

  it('does not depend on the order of the evaluations', () => {
    const evaluations = matchPersonas(
      PERSONA_REGISTRY,
      snapshotWith({ ...QUALIFIES['savings_builder'], ...QUALIFIES['subscription_heavy'] }),
    );
    const forwards = prioritize(PERSONA_REGISTRY, evaluations);
    const backwards = prioritize([...PERSONA_REGISTRY].reverse(), [...evaluations].reverse());
    expect(backwards).toStrictEqual(forwards);
    expect(forwards.personaId).toBe('subscription_heavy');
  });

  it('breaks a priority tie by id when given a registry that skipped validation', () => {
    const condition = { signal: 'credit.anyOverdue', op: '==', value: true } as const;
    const base = {
      name: 'Tied',
      description: 'Tied',
      priority: 1,
      criteria: condition,
      educationalFocus: ['x'],
    };
    const tied = [
      { ...base, id: 'zeta' },
      { ...base, id: 'alpha' },
    ];
    const evaluations = matchPersonas(tied, snapshotWith({ 'credit.anyOverdue': true }));
    expect(evaluations.map((evaluation) => evaluation.personaId)).toEqual(['alpha', 'zeta']);
    const decision = prioritize(tied, [...evaluations].reverse());
    expect(decision.personaId).toBe('alpha');
    expect(decision.qualifyingPersonas).toEqual(['alpha', 'zeta']);
  });

  it('rejects evaluations the registry does not know, or duplicates', () => {
    const evaluations = matchPersonas(PERSONA_REGISTRY, snapshotWith());
    const onlyFirst = parseRegistry([PERSONA_REGISTRY[0]]);
    expect(() => prioritize(onlyFirst, evaluations)).toThrow(
      'Evaluation for persona "variable_income_budgeter", which the registry does not define',
    );
    expect(() => prioritize(PERSONA_REGISTRY, [evaluations[0]!, evaluations[0]!])).toThrow(
      'Persona "high_utilization" was evaluated more than once',
    );
  });
});

describe('unclassified', () => {
  it('names the closest persona by share of top-level conditions held', () => {
    expect(decide({})).toMatchObject({
      status: 'UNCLASSIFIED',
      personaId: 'unclassified',
      priority: null,
      qualifyingPersonas: [],
      reason: 'No persona criteria met; closest: savings_builder (1 of 2 conditions held)',
    });
  });

  it('names the higher priority persona when two are equally close', () => {
    expect(decide({ 'history.transactionHistoryDays': 90 }).reason).toBe(
      'No persona criteria met; closest: savings_builder (1 of 2 conditions held)',
    );
    expect(decide({ 'credit.maxUtilizationPct': 40, 'history.transactionHistoryDays': 90 }).reason).toBe(
      'No persona criteria met; closest: young_professional (1 of 2 conditions held)',
    );
  });

  it('says so when no condition held anywhere', () => {
    expect(decide({ 'credit.maxUtilizationPct': 40 }).reason).toBe(
      'No persona criteria met; no condition held for any persona',
    );
  });

  it('lists the missing signals, sorted and once each', () => {
    expect(
      decide({
        'credit.maxUtilizationPct': null,
        'income.medianPayGapDays': null,
        'credit.totalCreditLimit': 9000,
      }).reason,
    ).toBe(
      'No persona criteria met; no condition held for any persona; missing data: credit.maxUtilizationPct, income.medianPayGapDays',
    );
  });

  it('handles an empty list of evaluations', () => {
    expect(prioritize(PERSONA_REGISTRY, [])).toStrictEqual({
      status: 'UNCLASSIFIED',
      personaId: 'unclassified',
      priority: null,
      qualifyingPersonas: [],
      reason: 'No persona criteria met; no personas were evaluated',
      confidence: 0,
    });
  });
});
