/**
 * Recommendation guardrails: consent → eligibility → tone → disclaimer, pure and deterministic. Each check
 * result is the `event_data` of its audit event. See README.md for the order, the rules and the lexicon policy.
 */

export { checkConsent } from './consent.js';
export { appendDisclaimer, checkDisclaimer, DISCLAIMER } from './disclaimer.js';
export { type CustomerFacts, checkEligibility, eligibilityProfileOf } from './eligibility.js';
export { runGuardrails, toneTextOf } from './pipeline.js';
export {
  checkTone,
  detectToneViolations,
  TONE_CATEGORY_PRECEDENCE,
  TONE_LEXICON,
  TONE_SEVERITY,
} from './tone.js';
export {
  type ConsentCheck,
  type ConsentStatus,
  type DisclaimerCheck,
  type EligibilityCheck,
  type EligibilityFailureReason,
  type EligibilityProfile,
  type EligibilityRules,
  GUARDRAIL_STAGES,
  type GuardrailCheck,
  type GuardrailContext,
  type GuardrailOutcome,
  type GuardrailStage,
  type GuardrailSubject,
  type OfferTerms,
  type ThresholdValue,
  type ToneCategory,
  type ToneCheck,
  type ToneSeverity,
  type ToneViolation,
} from './types.js';
