import { describe, expect, it } from 'vitest';
import { type HeldItem, PERSONA_OVERRIDE_REASONS, reviewerChoice, USUAL_OVERRIDE } from './decisions.js';
import { SeededRandom } from './synthetic/random.js';

function eligibilityFailure(failureReasons: string[]): HeldItem {
  return {
    stoppedAt: 'eligibility',
    guardrailResults: [
      { stage: 'consent', pass: true, reason: null, details: { check: 'consent', pass: true } },
      {
        stage: 'eligibility',
        pass: false,
        reason: failureReasons.join(', '),
        details: {
          check: 'eligibility',
          pass: false,
          failure_reasons: failureReasons,
          thresholds: {},
          user_values: {},
        },
      },
    ],
  };
}

function toneFailure(severity: 'critical' | 'warning'): HeldItem {
  return {
    stoppedAt: 'tone',
    guardrailResults: [
      {
        stage: 'tone',
        pass: false,
        reason: 'x',
        details: {
          check: 'tone',
          pass: false,
          severity,
          category: 'pressure',
          detected_violations: ['act now'],
        },
      },
    ],
  };
}

/** The kinds of choice over many draws, so a rule that must always hold is checked against every draw. */
function kindsOver(item: HeldItem, draws = 500): Set<string> {
  const rng = new SeededRandom(1);
  return new Set(Array.from({ length: draws }, () => reviewerChoice(item, rng).kind));
}

describe('reviewer decisions', () => {
  it('always flags a predatory product, even when other data is merely missing', () => {
    expect(kindsOver(eligibilityFailure(['predatory_product', 'income_unknown']))).toEqual(new Set(['flag']));
  });

  it('always flags an offer for a product the customer already holds, and harsh tone', () => {
    expect(kindsOver(eligibilityFailure(['already_has_product']))).toEqual(new Set(['flag']));
    expect(kindsOver(toneFailure('critical'))).toEqual(new Set(['flag']));
  });

  it('escalates some items held only for missing data, never ones that failed on the numbers', () => {
    expect(kindsOver(eligibilityFailure(['income_unknown']))).toEqual(new Set(['flag', 'escalate']));
    expect(kindsOver(eligibilityFailure(['income_unknown', 'income_below_min']))).toEqual(new Set(['flag']));
  });

  it('approves, flags or escalates milder tone', () => {
    expect(kindsOver(toneFailure('warning'))).toEqual(new Set(['approve', 'flag', 'escalate']));
  });

  it('justifies every flag and escalation', () => {
    const rng = new SeededRandom(3);
    for (const item of [eligibilityFailure(['income_unknown']), toneFailure('warning')]) {
      for (let i = 0; i < 100; i++) {
        const choice = reviewerChoice(item, rng);
        if (choice.kind !== 'approve') expect(choice.justification.length).toBeGreaterThan(20);
      }
    }
  });

  it('has a reason for every persona an administrator may move a customer to', () => {
    for (const target of Object.values(USUAL_OVERRIDE))
      expect(PERSONA_OVERRIDE_REASONS[target]).toBeDefined();
  });
});
