import { describe, expect, it } from 'vitest';
import { PERSONA_FIXTURES } from '../../../test-support/recommendation-snapshots.js';
import { CATALOG } from '../recommendations/catalog.js';
import { selectRecommendations } from '../recommendations/select.js';
import { PERSONA_IDS } from '../recommendations/types.js';
import { DISCLAIMER } from './disclaimer.js';
import { eligibilityProfileOf } from './eligibility.js';
import { runGuardrails } from './pipeline.js';
import type { EligibilityProfile, GuardrailContext, GuardrailSubject } from './types.js';

const PROFILE: EligibilityProfile = {
  ageYears: 30,
  annualIncomeEstimate: 50_000,
  heldSubtypes: ['checking'],
  maxCreditUtilizationPct: 20,
  totalCreditLimit: 6_000,
  savingsBalance: 8_000,
};
const OPTED_IN: GuardrailContext = { consentStatus: 'opted_in', profile: PROFILE };

const ARTICLE: GuardrailSubject = {
  kind: 'education',
  itemId: 'edu-test',
  title: 'Building an emergency fund',
  summary: 'Why a cash cushion helps.',
  body: 'An emergency fund covers surprises. Start small.',
  rationale: 'Because your savings of $1,200 cover 0.6 months of expenses.',
  offer: null,
};

const PAYDAY: GuardrailSubject = {
  kind: 'partner_offer',
  itemId: 'offer-test-payday',
  title: 'Payday loan',
  summary: 'Guaranteed approval. Act now!',
  body: 'Borrow today. Repay from your next paycheck.',
  rationale: 'Because you are irresponsible.',
  offer: {
    predatory: true,
    eligibility: {
      minAgeYears: 18,
      minAnnualIncome: null,
      maxCreditUtilizationPct: null,
      minTotalCreditLimit: null,
      excludeIfHolding: null,
    },
  },
};

const stagesOf = (outcome: ReturnType<typeof runGuardrails>) => outcome.checks.map((check) => check.check);

describe('runGuardrails', () => {
  it('runs consent, eligibility, tone and disclaimer in order and delivers the body with the disclaimer', () => {
    const outcome = runGuardrails(ARTICLE, OPTED_IN);
    expect(outcome.passed).toBe(true);
    expect(outcome.stoppedAt).toBeNull();
    expect(stagesOf(outcome)).toEqual(['consent', 'eligibility', 'tone', 'disclaimer']);
    expect(outcome.deliveredBody).toBe(`An emergency fund covers surprises. Start small.\n\n${DISCLAIMER}`);
  });

  it('stops at consent for an opted-out customer, before any later check runs', () => {
    const outcome = runGuardrails(PAYDAY, { consentStatus: 'opted_out', profile: PROFILE });
    expect(outcome).toEqual({
      passed: false,
      stoppedAt: 'consent',
      checks: [
        { check: 'consent', pass: false, consent_status: 'opted_out', failure_reason: 'consent_opted_out' },
      ],
      deliveredBody: null,
    });
  });

  it('treats consent never recorded like an opt-out', () => {
    const outcome = runGuardrails(ARTICLE, { consentStatus: 'not_recorded', profile: PROFILE });
    expect(outcome.stoppedAt).toBe('consent');
    expect(outcome.checks).toEqual([
      {
        check: 'consent',
        pass: false,
        consent_status: 'not_recorded',
        failure_reason: 'consent_not_recorded',
      },
    ]);
  });

  it('stops a predatory offer at eligibility, without judging its tone', () => {
    const outcome = runGuardrails(PAYDAY, OPTED_IN);
    expect(outcome.stoppedAt).toBe('eligibility');
    expect(stagesOf(outcome)).toEqual(['consent', 'eligibility']);
    expect(outcome.checks[1]).toMatchObject({ pass: false, failure_reasons: ['predatory_product'] });
  });

  it('stops at tone and records the phrases, severity and the text it judged', () => {
    const outcome = runGuardrails({ ...ARTICLE, summary: 'Act now: limited time.' }, OPTED_IN);
    expect(outcome.stoppedAt).toBe('tone');
    expect(stagesOf(outcome)).toEqual(['consent', 'eligibility', 'tone']);
    expect(outcome.checks[2]).toEqual({
      check: 'tone',
      pass: false,
      detected_violations: ['act now', 'limited time'],
      categories: ['pressure'],
      category: 'pressure',
      severity: 'warning',
      original_text: [
        'Building an emergency fund',
        'Act now: limited time.',
        'An emergency fund covers surprises. Start small.',
        'Because your savings of $1,200 cover 0.6 months of expenses.',
      ].join('\n'),
    });
    expect(outcome.deliveredBody).toBeNull();
  });

  it('judges the rationale as well as the catalog copy', () => {
    const outcome = runGuardrails(
      { ...ARTICLE, rationale: 'Because you were reckless last month.' },
      OPTED_IN,
    );
    expect(outcome.stoppedAt).toBe('tone');
    expect(outcome.checks[2]).toMatchObject({ detected_violations: ['reckless'], severity: 'critical' });
  });

  it('stops at the disclaimer when the copy already quotes it mid-text', () => {
    const outcome = runGuardrails({ ...ARTICLE, body: `${DISCLAIMER} Then the article.` }, OPTED_IN);
    expect(outcome.stoppedAt).toBe('disclaimer');
    expect(stagesOf(outcome)).toEqual(['consent', 'eligibility', 'tone', 'disclaimer']);
    expect(outcome.deliveredBody).toBeNull();
  });

  it('returns plain JSON and the same outcome every time', () => {
    const outcome = runGuardrails(ARTICLE, OPTED_IN);
    expect(JSON.parse(JSON.stringify(outcome))).toEqual(outcome);
    expect(runGuardrails(structuredClone(ARTICLE), structuredClone(OPTED_IN))).toEqual(outcome);
  });
});

describe('guardrails over the built-in catalog', () => {
  const outcomes = PERSONA_IDS.flatMap((personaId) => {
    const { snapshot, customer } = PERSONA_FIXTURES[personaId];
    const context: GuardrailContext = {
      consentStatus: 'opted_in',
      profile: eligibilityProfileOf(customer, snapshot),
    };
    return selectRecommendations({ snapshot, personaId, customer, catalog: CATALOG }).map((candidate) => ({
      personaId,
      candidate,
      outcome: runGuardrails(candidate, context),
    }));
  });

  it('never lets a predatory offer through', () => {
    const predatory = outcomes.filter(({ candidate }) => candidate.offer?.predatory);
    // The personas' selections do include predatory offers, so this checks something.
    expect(predatory.length).toBeGreaterThan(0);
    expect(predatory.map(({ outcome }) => outcome.stoppedAt)).toEqual(predatory.map(() => 'eligibility'));
  });

  it('sends exactly the expected items to review', () => {
    const held = outcomes
      .filter(({ outcome }) => !outcome.passed)
      .map(({ personaId, candidate, outcome }) => {
        const failure = outcome.checks[outcome.checks.length - 1]!;
        const detail =
          failure.check === 'eligibility'
            ? failure.failure_reasons.join(',')
            : failure.check === 'tone'
              ? `${failure.severity}:${failure.detected_violations.join(',')}`
              : '';
        return `${personaId} ${candidate.itemId} ${outcome.stoppedAt} ${detail}`;
      });
    expect(held).toEqual([
      'high_utilization offer-debt-consolidation-loan eligibility income_below_min',
      'variable_income_budgeter offer-payday-loan eligibility predatory_product',
      'subscription_heavy offer-subscription-manager tone warning:act now,limited time',
      'young_professional edu-first-paychecks tone critical:bad with money',
      'young_professional offer-secured-credit-builder eligibility already_has_product',
    ]);
  });

  it('delivers every item that passes with the disclaimer at the end', () => {
    const passed = outcomes.filter((entry) => entry.outcome.passed);
    expect(passed.length).toBeGreaterThan(0);
    expect(passed.map(({ outcome }) => outcome.deliveredBody?.endsWith(`\n\n${DISCLAIMER}`))).toEqual(
      passed.map(() => true),
    );
  });
});
