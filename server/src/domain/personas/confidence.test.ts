import { describe, expect, it } from 'vitest';
import {
  type SignalOverrides,
  type SnapshotOptions,
  snapshotWith,
} from '../../../test-support/signal-snapshots.js';
import { failingMargin, holdingMargin, leafDistance } from './confidence.js';
import { matchPersonas } from './matcher.js';
import { prioritize } from './prioritizer.js';
import { PERSONA_REGISTRY } from './registry.js';
import type { ConditionLeafResult, ConditionResult } from './types.js';

function confidenceOf(values: SignalOverrides, options: SnapshotOptions = {}) {
  const decision = prioritize(
    PERSONA_REGISTRY,
    matchPersonas(PERSONA_REGISTRY, snapshotWith(values, options)),
  );
  return { personaId: decision.personaId, confidence: decision.confidence };
}

function leaf(op: ConditionLeafResult['op'], threshold: number | boolean, actual: number | boolean | null) {
  return {
    kind: 'condition',
    signal: 'credit.maxUtilizationPct',
    op,
    threshold,
    actual,
    held: true,
  } as const;
}

describe('leafDistance', () => {
  it('is the distance to the threshold relative to the threshold, capped at 1', () => {
    expect(leafDistance(leaf('>=', 50, 62.5))).toBe(0.25);
    expect(leafDistance(leaf('>=', 50, 50))).toBe(0);
    expect(leafDistance(leaf('<', 30, 12))).toBe(0.6);
    expect(leafDistance(leaf('>=', 50, 180))).toBe(1);
  });

  it('uses a scale of at least 1 so small thresholds do not inflate distances', () => {
    expect(leafDistance(leaf('<', 0.5, 0.25))).toBe(0.25);
  });

  it('treats equality tests and zero thresholds as fully decided, and missing values as undecided', () => {
    expect(leafDistance(leaf('==', true, true))).toBe(1);
    expect(leafDistance(leaf('!=', 3, 4))).toBe(1);
    expect(leafDistance(leaf('>', 0, 0))).toBe(1);
    expect(leafDistance(leaf('>', 0, 0.01))).toBe(1);
    expect(leafDistance(leaf('>=', 50, null))).toBe(0);
  });
});

describe('group margins', () => {
  const near: ConditionResult = { ...leaf('>=', 50, 55), held: true }; // 0.1
  const far: ConditionResult = { ...leaf('>=', 50, 90), held: true }; // 0.8
  const failsNear: ConditionResult = { ...leaf('>=', 50, 45), held: false }; // 0.1
  const failsFar: ConditionResult = { ...leaf('>=', 50, 10), held: false }; // 0.8

  it('a held all is as robust as its weakest child, a held any as its strongest held child', () => {
    expect(holdingMargin({ kind: 'all', held: true, children: [near, far] })).toBe(0.1);
    expect(holdingMargin({ kind: 'any', held: true, children: [near, far, failsFar] })).toBe(0.8);
  });

  it('a failed all fails as clearly as its clearest failure, a failed any only as its closest child', () => {
    expect(failingMargin({ kind: 'all', held: false, children: [far, failsNear, failsFar] })).toBe(0.8);
    expect(failingMargin({ kind: 'any', held: false, children: [failsNear, failsFar] })).toBe(0.1);
  });

  it('is 0 for results on the other side', () => {
    expect(holdingMargin(failsFar)).toBe(0);
    expect(failingMargin(far)).toBe(0);
  });
});

describe('decision confidence', () => {
  it('assignment: 0.5 × completeness + 0.5 × the winner margin', () => {
    // margin 12.5 / 50 = 0.25, full data: 0.5 + 0.125
    expect(confidenceOf({ 'credit.maxUtilizationPct': 62.5 })).toEqual({
      personaId: 'high_utilization',
      confidence: 0.625,
    });
  });

  it('is 0.5 with full data when the deciding value sits on its threshold', () => {
    expect(confidenceOf({ 'credit.maxUtilizationPct': 50 }).confidence).toBe(0.5);
  });

  it('reaches 1 with full data and an unambiguous match', () => {
    expect(confidenceOf({ 'credit.anyOverdue': true }).confidence).toBe(1);
  });

  it('scales completeness by history coverage', () => {
    expect(
      confidenceOf({ 'credit.maxUtilizationPct': 62.5 }, { completeness: { historyCoverage: 0.5 } }),
    ).toEqual({
      personaId: 'high_utilization',
      confidence: 0.375,
    });
  });

  it('counts missing data in personas that outrank the winner', () => {
    const young = { 'history.transactionHistoryDays': 90, 'credit.totalCreditLimit': 1000 };
    // margin min(90/180, 2000/3000) = 0.5; all 16 conditions have data
    expect(confidenceOf(young)).toEqual({ personaId: 'young_professional', confidence: 0.75 });
    // 14 of 16 conditions have data: 0.5 × 0.875 + 0.5 × 0.5 = 0.6875, rounded half up
    expect(
      confidenceOf(
        { ...young, 'income.medianPayGapDays': null, 'income.cashFlowBufferMonths': null },
        { completeness: { income: false } },
      ),
    ).toEqual({ personaId: 'young_professional', confidence: 0.688 });
  });

  it('does not count data of lower-priority personas against the winner', () => {
    expect(
      confidenceOf({ 'credit.maxUtilizationPct': 62.5, 'income.medianPayGapDays': null }).confidence,
    ).toBe(0.625);
  });

  it('discounts values whose family the snapshot flags as unavailable', () => {
    // the 7 credit conditions among the 16 lose their data: 0.5 × 9/16 + 0.5 × 0.5 = 0.53125
    expect(
      confidenceOf(
        { 'history.transactionHistoryDays': 90, 'credit.totalCreditLimit': 1000 },
        { completeness: { credit: false } },
      ),
    ).toEqual({ personaId: 'young_professional', confidence: 0.531 });
  });

  it('unclassified: how clearly every persona failed, closest failure decides', () => {
    // closest failure: utilization 20 against >= 50, (50 - 20) / 50 = 0.6; full data
    expect(confidenceOf({})).toEqual({ personaId: 'unclassified', confidence: 0.8 });
    // utilization 45 misses 50 by 0.1
    expect(confidenceOf({ 'credit.maxUtilizationPct': 45 })).toEqual({
      personaId: 'unclassified',
      confidence: 0.55,
    });
  });

  it('unclassified: missing data lowers completeness, and a missing deciding value the margin', () => {
    // 15 of 16 conditions have data; without the pay gap, variable income fails only on its buffer,
    // 1.5 against < 1, (1.5 - 1) / 1 = 0.5, closer than utilization's 0.6: 0.5 × 0.9375 + 0.5 × 0.5
    expect(confidenceOf({ 'income.medianPayGapDays': null })).toEqual({
      personaId: 'unclassified',
      confidence: 0.719,
    });
    // without utilization the any-group of high_utilization could still hold: margin 0
    expect(confidenceOf({ 'credit.maxUtilizationPct': null })).toEqual({
      personaId: 'unclassified',
      confidence: 0.406,
    });
  });

  it('stays within [0, 1] with three decimals', () => {
    const values: SignalOverrides[] = [
      {},
      { 'credit.maxUtilizationPct': 33.333 },
      { 'savings.growthRatePct': 2.0001 },
      { 'history.transactionHistoryDays': 1, 'credit.totalCreditLimit': 0.01 },
    ];
    for (const value of values) {
      for (const historyCoverage of [0, 0.37, 1]) {
        const { confidence } = confidenceOf(value, { completeness: { historyCoverage } });
        expect(confidence).toBeGreaterThanOrEqual(0);
        expect(confidence).toBeLessThanOrEqual(1);
        expect(Math.round(confidence * 1000) / 1000).toBe(confidence);
      }
    }
  });
});
