/**
 * Recommendations: the validated catalog, trigger-based selection and "because" rationales in the customer's
 * own numbers. Pure and deterministic. See README.md for the catalog, the selection rules and the triggers.
 */

export { CATALOG } from './catalog.js';
export {
  CATALOG_MINIMUMS,
  type CatalogIssue,
  type CatalogValidation,
  countSentences,
  InvalidCatalogError,
  loadCatalog,
  validateCatalog,
} from './catalog-validation.js';
export { compareText, formatCount, formatDecimal, formatMoney, formatPercent } from './format.js';
export { buildRationale, PERSONA_SIGNATURE_TRIGGERS, rebuildRationale } from './rationale.js';
export { SELECTION_LIMITS, type SelectionInput, selectRecommendations } from './select.js';
export { type Explanation, firedTriggers, TRIGGERS, type TriggerDefinition } from './triggers.js';
export {
  type Candidate,
  type CandidateKind,
  type Catalog,
  type CustomerProfile,
  type EducationFormat,
  type EducationItem,
  type FactValue,
  type OfferProductKind,
  type PartnerOffer,
  PERSONA_IDS,
  type PersonaId,
  type Rationale,
  TRIGGER_IDS,
  type TriggerId,
} from './types.js';
