/**
 * What the demo's operators decide, and the words they use: plausible justifications for the review queue
 * and persona overrides, chosen from the guardrail result that held an item back.
 */
import type { GuardrailCheck } from '../domain/guardrails/index.js';
import type { StoredGuardrailResult } from '../services/recommendations.js';
import type { SeededRandom } from './synthetic/random.js';

/** What a reviewer does with an item: approve, flag, or hand it to an administrator to override. */
export type ReviewerChoice =
  | { kind: 'approve' }
  | { kind: 'flag'; justification: string }
  | { kind: 'escalate'; justification: string };

/** The item fields a decision looks at. */
export interface HeldItem {
  stoppedAt: string | null;
  guardrailResults: unknown;
}

function failedCheck(item: HeldItem): GuardrailCheck | null {
  const results = item.guardrailResults as StoredGuardrailResult[];
  return results.find((result) => !result.pass)?.details ?? null;
}

const TONE_FLAGS = [
  'Copy judges the customer instead of explaining the numbers; sent back to content for a rewrite.',
  'Pressure language ("act now") is not acceptable in education content.',
  'Wording overstates the benefit; needs the neutral template.',
  'Fear-based framing of debt; rewrite before delivery.',
];
const TONE_APPROVALS = [
  'Wording reads as encouragement in context; fine to deliver.',
  'Flagged phrase is a quote from the customer goal; acceptable.',
];
const TONE_OVERRIDES = [
  'Checked the wording with compliance: the phrase is factual for this customer, deliver as is.',
  'Tone rule is too broad for this item; compliance agreed to deliver it while the lexicon is tuned.',
];
const INELIGIBLE_FLAGS = [
  'Customer does not meet the partner criteria; the offer must not be shown.',
  'Offer outside the customer profile; flagged so the partner rules get a second look.',
  'Eligibility failed on the numbers, nothing to add: keep it from the customer.',
];
const UNKNOWN_DATA_OVERRIDES = [
  'Customer sent recent pay stubs to support; income verified manually.',
  'Card limit confirmed by the issuer statement the customer uploaded.',
  'Utilization confirmed from the latest statement; the feed lags one cycle.',
];

/**
 * The reviewer's call. Predatory products are always flagged (they may never be delivered); harsh tone is
 * flagged; milder tone is sometimes approved; items held back only for missing data are sometimes worth
 * an administrator's override once the customer's documents are in.
 */
export function reviewerChoice(item: HeldItem, rng: SeededRandom): ReviewerChoice {
  const check = failedCheck(item);
  if (check?.check === 'eligibility') {
    if (check.failure_reasons.includes('predatory_product')) {
      return {
        kind: 'flag',
        justification: 'Predatory product: never delivered, whatever the customer profile.',
      };
    }
    if (check.failure_reasons.includes('already_has_product')) {
      return { kind: 'flag', justification: 'Customer already holds this kind of product.' };
    }
    const missingData = check.failure_reasons.every((reason) => reason.endsWith('_unknown'));
    if (missingData && rng.chance(0.4)) {
      return { kind: 'escalate', justification: rng.pick(UNKNOWN_DATA_OVERRIDES) };
    }
    return { kind: 'flag', justification: rng.pick(INELIGIBLE_FLAGS) };
  }
  if (check?.check === 'tone') {
    if (check.severity === 'critical') return { kind: 'flag', justification: TONE_FLAGS[0]! };
    const roll = rng.next();
    if (roll < 0.4) return { kind: 'approve' };
    if (roll < 0.85) return { kind: 'flag', justification: rng.pick(TONE_FLAGS) };
    return { kind: 'escalate', justification: rng.pick(TONE_OVERRIDES) };
  }
  return {
    kind: 'flag',
    justification: 'Guardrail failure needs a closer look before anything is delivered.',
  };
}

/** A reviewer approving in bulk sometimes notes why; usually the approval speaks for itself. */
export function approvalNote(rng: SeededRandom): string | null {
  return rng.chance(0.2) ? rng.pick(TONE_APPROVALS) : null;
}

export const SPOT_CHECK_FLAGS = [
  'Post-delivery spot check: the partner changed the offer terms, withdrawn until re-approved.',
  'Spot check: rationale cites an account the customer has since closed.',
];

/** Why an administrator puts a customer under a persona the engine did not choose. */
export const PERSONA_OVERRIDE_REASONS: Record<string, readonly string[]> = {
  high_utilization: [
    'Customer told the advisor about a new card balance the feed does not show yet; credit comes first.',
  ],
  variable_income_budgeter: [
    'Customer moved to freelance work last month (confirmed on a support call); income is now irregular.',
  ],
  subscription_heavy: [
    'Customer asked in the app chat for help cutting subscriptions; that content helps most now.',
  ],
  savings_builder: [
    'Customer set up an automatic savings transfer with the advisor; the transfers are not in the data yet.',
  ],
  cash_flow_optimizer: [
    'Customer holds savings outside the linked accounts (documented by the advisor); cushion is ample.',
  ],
  young_professional: [
    'Recent graduate starting over after a closed joint household; basics first, agreed with the customer.',
  ],
};

/** Where an administrator usually moves a customer from a given persona, when no other one qualified. */
export const USUAL_OVERRIDE: Record<string, string> = {
  high_utilization: 'variable_income_budgeter',
  variable_income_budgeter: 'subscription_heavy',
  subscription_heavy: 'savings_builder',
  savings_builder: 'cash_flow_optimizer',
  cash_flow_optimizer: 'savings_builder',
  young_professional: 'savings_builder',
  unclassified: 'savings_builder',
};
