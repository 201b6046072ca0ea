/**
 * Persona engine types. Every result type is plain JSON (no `undefined` values, no class instances, no
 * `Map`s) because decisions are stored as JSON and returned through GraphQL unchanged.
 */

import type { SignalKey, SignalValue, SignalWindow } from '../signals/types.js';

export type ComparisonOperator = '>=' | '>' | '<' | '<=' | '==' | '!=';

/** One comparison of a signal against a threshold, e.g. `credit.maxUtilizationPct >= 50`. */
export interface Condition {
  signal: SignalKey;
  op: ComparisonOperator;
  value: SignalValue;
}

export interface AllOf {
  all: readonly Criterion[];
}

export interface AnyOf {
  any: readonly Criterion[];
}

/** An AND/OR tree of conditions. */
export type Criterion = AllOf | AnyOf | Condition;

export interface PersonaDefinition {
  /** snake_case, stable: stored with every assignment. */
  id: string;
  name: string;
  description: string;
  /** 1 is the highest; unique within a registry, so the winner among qualifying personas is unambiguous. */
  priority: number;
  criteria: Criterion;
  educationalFocus: readonly string[];
}

export type PersonaRegistry = readonly PersonaDefinition[];

/** The outcome of one leaf condition against one snapshot. */
export interface ConditionLeafResult {
  kind: 'condition';
  signal: SignalKey;
  op: ComparisonOperator;
  threshold: SignalValue;
  /** `null` when the snapshot has no value for the signal; a missing value never holds. */
  actual: SignalValue | null;
  held: boolean;
  /** Present only when `actual` is null: why the value is missing, copied from the snapshot. */
  reason?: string;
}

export interface ConditionGroupResult {
  kind: 'all' | 'any';
  held: boolean;
  children: ConditionResult[];
}

/** Mirrors the persona's criteria tree node for node. */
export type ConditionResult = ConditionLeafResult | ConditionGroupResult;

/** How much of the data a persona's conditions rely on was actually there. Feeds confidence. */
export interface DataCoverage {
  /** `snapshot.completeness.historyCoverage`, clamped to 0..1. */
  historyCoverage: number;
  /** Leaf conditions in the persona's criteria. */
  conditions: number;
  /** Leaf conditions whose signal had a value and whose signal family reported data. */
  conditionsWithData: number;
  /** Signal families the criteria use whose data the snapshot flags as unavailable, sorted. */
  familiesWithoutData: string[];
}

export interface PersonaEvaluation {
  personaId: string;
  matched: boolean;
  criteria: ConditionResult;
  /** Human text of every leaf that held, e.g. `credit.maxUtilizationPct >= 50 (actual 62.5)`. */
  matchedConditions: string[];
  /** The value of every signal used by a leaf that held. */
  evidence: Partial<Record<SignalKey, SignalValue>>;
  dataCoverage: DataCoverage;
}

export type PersonaDecisionStatus = 'ASSIGNED' | 'UNCLASSIFIED';

export const UNCLASSIFIED_PERSONA_ID = 'unclassified';

export interface PersonaDecision {
  status: PersonaDecisionStatus;
  /** The winning persona's id, or `unclassified`. */
  personaId: string;
  /** The winner's priority; null when unclassified. */
  priority: number | null;
  /** Ids of every persona whose criteria held, highest priority first. */
  qualifyingPersonas: string[];
  reason: string;
  /** 0..1, three decimals; see README.md for the formula. */
  confidence: number;
}

/** Everything one persona decision rests on, as stored with the assignment. */
export interface PersonaDecisionRecord extends PersonaDecision {
  window: SignalWindow;
  referenceDate: string;
  registryVersion: string;
  /** One evaluation per persona, in priority order. */
  evaluations: PersonaEvaluation[];
}
