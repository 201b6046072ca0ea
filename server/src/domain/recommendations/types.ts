/**
 * Recommendation types. Catalog entries and candidates are plain JSON: they are stored with each generated
 * recommendation and shown to operators unchanged.
 */

import type { EligibilityRules, OfferTerms } from '../guardrails/index.js';
import { PERSONA_IDS, type PersonaId } from '../personas/index.js';

/** The persona ids the catalog may target: the six SpendSense personas plus the no-match outcome. */
export { PERSONA_IDS, type PersonaId };

/** Named conditions on a signal snapshot that make an item relevant; see triggers.ts for each definition. */
export const TRIGGER_IDS = [
  'high_utilization',
  'elevated_utilization',
  'interest_charges',
  'minimum_payment_only',
  'overdue',
  'many_subscriptions',
  'subscription_spend_high',
  'irregular_income',
  'thin_cash_buffer',
  'low_emergency_fund',
  'growing_savings',
  'strong_emergency_fund',
  'short_history',
  'low_credit_limit',
] as const;
export type TriggerId = (typeof TRIGGER_IDS)[number];

export type EducationFormat = 'article' | 'calculator' | 'template';

export interface EducationItem {
  /** kebab-case, stable: stored with every recommendation. */
  id: string;
  format: EducationFormat;
  title: string;
  summary: string;
  /** Two to four sentences, educational and respectful. */
  body: string;
  personas: PersonaId[];
  triggers: TriggerId[];
}

export type OfferProductKind =
  | 'credit_card'
  | 'personal_loan'
  | 'savings_account'
  | 'investment_account'
  | 'app'
  | 'service'
  | 'short_term_credit';

export interface PartnerOffer {
  id: string;
  partner: string;
  productKind: OfferProductKind;
  title: string;
  summary: string;
  body: string;
  personas: PersonaId[];
  triggers: TriggerId[];
  predatory: boolean;
  eligibility: EligibilityRules;
}

export interface Catalog {
  education: EducationItem[];
  offers: PartnerOffer[];
}

/** What selection knows about the customer besides their signals. */
export interface CustomerProfile {
  ageYears: number;
  annualIncomeEstimate: number | null;
  /** Subtypes of the accounts they hold, e.g. `checking`, `savings`, `credit card`. */
  heldSubtypes: string[];
}

export type FactValue = string | number | boolean;

/** The "because" sentence and the figures it cites, kept apart so the audit trail can show both. */
export interface Rationale {
  text: string;
  /** The trigger whose numbers are cited; null for the generic fallback. */
  triggerId: TriggerId | null;
  facts: Record<string, FactValue>;
}

export type CandidateKind = 'education' | 'partner_offer';

/** One selected item with its rationale, ready for the guardrails (it satisfies `GuardrailSubject`). */
export interface Candidate {
  kind: CandidateKind;
  itemId: string;
  /** 1-based position within its kind. */
  rank: number;
  title: string;
  summary: string;
  body: string;
  rationale: string;
  evidence: Rationale;
  personaMatch: boolean;
  /** The item's triggers that fired for this snapshot, in catalog order. */
  firedTriggers: TriggerId[];
  score: number;
  /** Partner offers only: who offers it and the terms eligibility is checked against. */
  offer: (OfferTerms & { partner: string; productKind: OfferProductKind }) | null;
}
