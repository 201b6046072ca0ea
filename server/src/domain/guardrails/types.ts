/**
 * Guardrail types. Every check result is plain JSON with snake_case fields, because each one becomes the
 * `event_data` of an audit event (`consent_changed` / `eligibility_checked` / `tone_validated`) unchanged.
 */

/** The pipeline order. The first failing stage stops the run; later stages are neither run nor reported. */
export const GUARDRAIL_STAGES = ['consent', 'eligibility', 'tone', 'disclaimer'] as const;
export type GuardrailStage = (typeof GUARDRAIL_STAGES)[number];

/** `not_recorded`: the customer never answered; treated like an opt-out, since consent must be explicit. */
export type ConsentStatus = 'opted_in' | 'opted_out' | 'not_recorded';

export interface ConsentCheck {
  check: 'consent';
  pass: boolean;
  consent_status: ConsentStatus;
  failure_reason: 'consent_opted_out' | 'consent_not_recorded' | null;
}

/**
 * The rules a partner offer sets. `null` means the offer does not use that rule. Thresholds are inclusive on
 * the passing side: an applicant exactly at the minimum age, income or limit, or exactly at the maximum
 * utilization, passes.
 */
export interface EligibilityRules {
  minAgeYears: number;
  minAnnualIncome: number | null;
  maxCreditUtilizationPct: number | null;
  minTotalCreditLimit: number | null;
  /** Not offered to someone who already holds a product of this kind (account subtypes, e.g. `savings`). */
  excludeIfHolding: {
    subtypes: string[];
    /**
     * Only when their savings balance (all savings-type accounts) is at least this much; `null`: holding the
     * subtype alone excludes.
     */
    minSavingsBalance: number | null;
  } | null;
}

/** What an offer carries into the eligibility check. Education content has none and always passes it. */
export interface OfferTerms {
  /** Payday loans, high-fee cash advances and the like: never pass, whatever the customer's numbers. */
  predatory: boolean;
  eligibility: EligibilityRules;
}

/** The customer's facts the rules are compared against; `null` where the data is not available. */
export interface EligibilityProfile {
  ageYears: number;
  annualIncomeEstimate: number | null;
  /** Subtypes of the accounts they hold, e.g. `checking`, `savings`, `credit card`. */
  heldSubtypes: string[];
  maxCreditUtilizationPct: number | null;
  totalCreditLimit: number | null;
  savingsBalance: number | null;
}

export type EligibilityFailureReason =
  | 'predatory_product'
  | 'age_below_min'
  | 'income_below_min'
  | 'income_unknown'
  | 'utilization_above_max'
  | 'utilization_unknown'
  | 'credit_limit_below_min'
  | 'credit_limit_unknown'
  | 'already_has_product';

export type ThresholdValue = number | boolean | string[] | null;

export interface EligibilityCheck {
  check: 'eligibility';
  pass: boolean;
  /** In rule order: predatory, age, income, utilization, credit limit, existing product. */
  failure_reasons: EligibilityFailureReason[];
  /** Only the rules the offer uses, e.g. `{ min_age_years: 18, min_annual_income: 25000 }`. */
  thresholds: Record<string, ThresholdValue>;
  /** The customer's value for each rule in `thresholds`, under the matching name. */
  user_values: Record<string, ThresholdValue>;
}

export type ToneCategory = 'shame_based' | 'pressure' | 'misleading' | 'fear';
export type ToneSeverity = 'warning' | 'critical';

export interface ToneViolation {
  phrase: string;
  category: ToneCategory;
}

export interface ToneCheck {
  check: 'tone';
  pass: boolean;
  /** Lexicon phrases found, each once, in order of first appearance in the text. */
  detected_violations: string[];
  /** Every category found, most severe first (see TONE_CATEGORY_PRECEDENCE). */
  categories: ToneCategory[];
  /** The most severe category found; null when the text is clean. */
  category: ToneCategory | null;
  severity: ToneSeverity | null;
  original_text: string;
}

export interface DisclaimerCheck {
  check: 'disclaimer';
  pass: boolean;
  disclaimer: string;
  /** Whether the stage had to append it (false when the body already ended with it). */
  appended: boolean;
  failure_reason: 'disclaimer_missing' | 'disclaimer_duplicated' | null;
  /** The body as it will be delivered. */
  text: string;
}

export type GuardrailCheck = ConsentCheck | EligibilityCheck | ToneCheck | DisclaimerCheck;

/** The parts of a recommendation candidate the guardrails look at. */
export interface GuardrailSubject {
  kind: 'education' | 'partner_offer';
  itemId: string;
  title: string;
  summary: string;
  body: string;
  /** The "because" sentence shown with it: its tone is checked like the catalog copy. */
  rationale: string;
  offer: OfferTerms | null;
}

export interface GuardrailContext {
  consentStatus: ConsentStatus;
  profile: EligibilityProfile;
}

export interface GuardrailOutcome {
  passed: boolean;
  /** The stage that failed, or null when every stage passed. */
  stoppedAt: GuardrailStage | null;
  /** One result per stage that ran, in pipeline order; the last one is the failure when `passed` is false. */
  checks: GuardrailCheck[];
  /** Body with the disclaimer, ready to deliver; null unless every stage passed. */
  deliveredBody: string | null;
}
