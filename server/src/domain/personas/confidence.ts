/**
 * How much an operator should trust a persona decision, in [0, 1] with three decimals:
 *
 *   confidence = 0.5 × completeness + 0.5 × margin
 *
 * completeness = historyCoverage × (conditions with data ÷ conditions), counted over the personas the
 *   decision rests on: for an assignment the winner and every persona that outranks it (had one of those
 *   held, it would have won instead), for `unclassified` every persona. A condition has data when its
 *   signal has a value and its signal family is flagged available in the snapshot.
 * margin = how far the deciding values sit from their thresholds, 0 (on the boundary) to 1 (far away):
 *   for an assignment the winner's held conditions, for `unclassified` how clearly every persona failed.
 *
 * See README.md for the leaf and group rules with examples.
 */

import type { ConditionLeafResult, ConditionResult, PersonaEvaluation } from './types.js';

/** Confidence in assigning `winner`, given the higher-priority personas that did not hold. */
export function assignmentConfidence(
  winner: PersonaEvaluation,
  outranking: readonly PersonaEvaluation[],
): number {
  return combine(completeness([winner, ...outranking]), holdingMargin(winner.criteria));
}

/** Confidence that no persona applies. */
export function unclassifiedConfidence(evaluations: readonly PersonaEvaluation[]): number {
  if (evaluations.length === 0) return 0;
  const margin = Math.min(...evaluations.map((evaluation) => failingMargin(evaluation.criteria)));
  return combine(completeness(evaluations), margin);
}

function combine(completenessShare: number, margin: number): number {
  return roundToThousandths(0.5 * completenessShare + 0.5 * margin);
}

function completeness(evaluations: readonly PersonaEvaluation[]): number {
  let conditions = 0;
  let conditionsWithData = 0;
  for (const { dataCoverage } of evaluations) {
    conditions += dataCoverage.conditions;
    conditionsWithData += dataCoverage.conditionsWithData;
  }
  const historyCoverage = evaluations[0]?.dataCoverage.historyCoverage ?? 0;
  return conditions === 0 ? 0 : historyCoverage * (conditionsWithData / conditions);
}

/**
 * How robustly a held result holds. An `all` group is only as robust as its weakest child; an `any` group
 * as robust as its strongest held child, because that child alone keeps it true.
 */
export function holdingMargin(result: ConditionResult): number {
  if (!result.held) return 0;
  if (result.kind === 'condition') return leafDistance(result);
  const margins = result.children.filter((child) => child.held).map(holdingMargin);
  return aggregate(result.kind === 'all' ? Math.min : Math.max, margins);
}

/**
 * How clearly a result fails. An `all` group fails as clearly as its most clearly failing child (that one
 * alone keeps it false); an `any` group only as clearly as its closest child, since every child must fail.
 */
export function failingMargin(result: ConditionResult): number {
  if (result.held) return 0;
  if (result.kind === 'condition') return leafDistance(result);
  const margins = result.children.filter((child) => !child.held).map(failingMargin);
  return aggregate(result.kind === 'all' ? Math.max : Math.min, margins);
}

/** Groups are never empty in a valid registry; 0 keeps a malformed tree from yielding ±Infinity. */
function aggregate(pick: (...values: number[]) => number, margins: number[]): number {
  return margins.length === 0 ? 0 : pick(...margins);
}

/**
 * Relative distance between a leaf's value and its threshold, capped at 1. A missing value is 0: it could
 * lie on either side. Equality tests and zero thresholds (`interestCharges > 0`) ask whether something is
 * present at all, not how much of it there is, so any known value decides them fully (1).
 */
export function leafDistance(leaf: ConditionLeafResult): number {
  const { actual, threshold, op } = leaf;
  if (actual === null) return 0;
  if (op === '==' || op === '!=') return 1;
  if (typeof actual !== 'number' || typeof threshold !== 'number') return 1;
  if (threshold === 0) return 1;
  return Math.min(1, Math.abs(actual - threshold) / Math.max(Math.abs(threshold), 1));
}

function roundToThousandths(value: number): number {
  // The epsilon keeps binary representation error (0.1 + 0.2 style) from rounding x.xxx5 down.
  return Math.round((value + Number.EPSILON) * 1000) / 1000;
}
