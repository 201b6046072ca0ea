/**
 * Persona engine: which of the SpendSense personas a customer's signals put them in, and why.
 *
 * - `decidePersona(snapshot)` — the one call services need: evaluations, winner, reason, confidence and
 *   registry version, all plain JSON.
 * - `matchPersonas` / `prioritize` — the two steps on their own, for previews and tests.
 * - `PERSONA_REGISTRY`, `validateRegistry`, `registryVersion` — the rules as data, their checks and hash.
 * - `PERSONA_IDS` / `PersonaId` — the ids a decision can carry, derived from the registry's definitions.
 *
 * README.md in this folder lists the personas, the tie-break rule and the confidence formula.
 */

export { assignmentConfidence, unclassifiedConfidence } from './confidence.js';
export { decidePersona } from './decide-persona.js';
export { describeConditionResult, matchPersonas } from './matcher.js';
export { prioritize } from './prioritizer.js';
export {
  InvalidRegistryError,
  PERSONA_IDS,
  PERSONA_REGISTRY,
  PERSONA_REGISTRY_VERSION,
  type PersonaId,
  parseRegistry,
  type RegistryIssue,
  type RegistryValidation,
  registryVersion,
  SPENDSENSE_PERSONA_IDS,
  validateRegistry,
} from './registry.js';
export {
  type AllOf,
  type AnyOf,
  type ComparisonOperator,
  type Condition,
  type ConditionGroupResult,
  type ConditionLeafResult,
  type ConditionResult,
  type Criterion,
  type DataCoverage,
  type PersonaDecision,
  type PersonaDecisionRecord,
  type PersonaDecisionStatus,
  type PersonaDefinition,
  type PersonaEvaluation,
  type PersonaRegistry,
  UNCLASSIFIED_PERSONA_ID,
} from './types.js';
