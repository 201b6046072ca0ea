/**
 * Evaluates every persona of a registry against one signal snapshot. Nothing short-circuits: the result
 * tree records every leaf, so an operator can see not only why a persona matched but how close the others
 * came and which data was missing.
 */

import type { SignalKey, SignalSnapshot, SignalValue } from '../signals/types.js';
import { comparePersonas } from './registry.js';
import { flaggedFamily } from './signal-catalog.js';
import type {
  ComparisonOperator,
  Condition,
  ConditionLeafResult,
  ConditionResult,
  Criterion,
  DataCoverage,
  PersonaDefinition,
  PersonaEvaluation,
  PersonaRegistry,
} from './types.js';

const MISSING_WITHOUT_REASON = 'no value in the signal snapshot';

/** One evaluation per persona of the registry, in priority order (listing order does not matter). */
export function matchPersonas(registry: PersonaRegistry, snapshot: SignalSnapshot): PersonaEvaluation[] {
  return [...registry].sort(comparePersonas).map((persona) => evaluatePersona(persona, snapshot));
}

export function evaluatePersona(persona: PersonaDefinition, snapshot: SignalSnapshot): PersonaEvaluation {
  const criteria = evaluateCriterion(persona.criteria, snapshot);
  const leaves = conditionLeaves(criteria);
  const heldLeaves = leaves.filter((leaf) => leaf.held);
  const evidence: Partial<Record<SignalKey, SignalValue>> = {};
  for (const leaf of heldLeaves) {
    if (leaf.actual !== null) evidence[leaf.signal] = leaf.actual;
  }
  return {
    personaId: persona.id,
    matched: criteria.held,
    criteria,
    matchedConditions: heldLeaves.map(describeConditionResult),
    evidence,
    dataCoverage: measureDataCoverage(leaves, snapshot),
  };
}

export function evaluateCriterion(criterion: Criterion, snapshot: SignalSnapshot): ConditionResult {
  if ('all' in criterion) {
    const children = criterion.all.map((child) => evaluateCriterion(child, snapshot));
    return { kind: 'all', held: children.every((child) => child.held), children };
  }
  if ('any' in criterion) {
    const children = criterion.any.map((child) => evaluateCriterion(child, snapshot));
    return { kind: 'any', held: children.some((child) => child.held), children };
  }
  return evaluateCondition(criterion, snapshot);
}

function evaluateCondition(condition: Condition, snapshot: SignalSnapshot): ConditionLeafResult {
  const { signal, op, value: threshold } = condition;
  const actual: SignalValue | null | undefined = snapshot.values[signal];
  if (actual === null || actual === undefined) {
    const reason = snapshot.missing[signal] ?? MISSING_WITHOUT_REASON;
    return { kind: 'condition', signal, op, threshold, actual: null, held: false, reason };
  }
  // NaN or Infinity would compare arbitrarily and cannot be stored as JSON, so they count as missing.
  if (typeof actual === 'number' && !Number.isFinite(actual)) {
    const reason = snapshot.missing[signal] ?? `value ${actual} is not a finite number`;
    return { kind: 'condition', signal, op, threshold, actual: null, held: false, reason };
  }
  return { kind: 'condition', signal, op, threshold, actual, held: compare(actual, op, threshold) };
}

function compare(actual: SignalValue, op: ComparisonOperator, threshold: SignalValue): boolean {
  if (typeof actual !== typeof threshold) return false;
  switch (op) {
    case '==':
      return actual === threshold;
    case '!=':
      return actual !== threshold;
  }
  if (typeof actual !== 'number' || typeof threshold !== 'number') return false;
  switch (op) {
    case '>=':
      return actual >= threshold;
    case '>':
      return actual > threshold;
    case '<':
      return actual < threshold;
    case '<=':
      return actual <= threshold;
  }
}

/** Depth-first, in criteria order. */
export function conditionLeaves(result: ConditionResult): ConditionLeafResult[] {
  if (result.kind === 'condition') return [result];
  return result.children.flatMap(conditionLeaves);
}

/** `credit.maxUtilizationPct >= 50 (actual 62.5)`; `(missing: <reason>)` when there was no value. */
export function describeConditionResult(leaf: ConditionLeafResult): string {
  const outcome =
    leaf.actual === null ? `missing: ${leaf.reason}` : `actual ${formatSignalValue(leaf.actual)}`;
  return `${leaf.signal} ${leaf.op} ${formatSignalValue(leaf.threshold)} (${outcome})`;
}

function formatSignalValue(value: SignalValue): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function measureDataCoverage(leaves: ConditionLeafResult[], snapshot: SignalSnapshot): DataCoverage {
  const familiesWithoutData = new Set<string>();
  let conditionsWithData = 0;
  for (const leaf of leaves) {
    const family = flaggedFamily(leaf.signal);
    const familyHasData = family === null || snapshot.completeness[family];
    if (!familyHasData) familiesWithoutData.add(family);
    if (familyHasData && leaf.actual !== null) conditionsWithData += 1;
  }
  return {
    historyCoverage: clampUnit(snapshot.completeness.historyCoverage),
    conditions: leaves.length,
    conditionsWithData,
    familiesWithoutData: [...familiesWithoutData].sort(),
  };
}

function clampUnit(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(1, Math.max(0, value));
}
