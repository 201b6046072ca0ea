import { describe, expect, it } from 'vitest';
import { PERSONA_FIXTURES } from '../../../test-support/recommendation-snapshots.js';
import { snapshotWith } from '../../../test-support/signal-snapshots.js';
import { CATALOG } from './catalog.js';
import { SELECTION_LIMITS, selectRecommendations } from './select.js';
import {
  type Candidate,
  type Catalog,
  type EducationItem,
  PERSONA_IDS,
  type PersonaId,
  TRIGGER_IDS,
} from './types.js';

function select(personaId: PersonaId, catalog: Catalog = CATALOG): Candidate[] {
  const { snapshot, customer } = PERSONA_FIXTURES[personaId];
  return selectRecommendations({ snapshot, personaId, customer, catalog });
}

const idsOf = (candidates: Candidate[], kind: Candidate['kind']) =>
  candidates.filter((candidate) => candidate.kind === kind).map((candidate) => candidate.itemId);

describe('selectRecommendations', () => {
  it.each(PERSONA_IDS)('picks 3–5 education items and 1–3 offers for %s', (personaId) => {
    const candidates = select(personaId);
    const education = idsOf(candidates, 'education');
    const offers = idsOf(candidates, 'partner_offer');
    expect(education.length).toBeGreaterThanOrEqual(SELECTION_LIMITS.education.min);
    expect(education.length).toBeLessThanOrEqual(SELECTION_LIMITS.education.max);
    expect(offers.length).toBeGreaterThanOrEqual(SELECTION_LIMITS.offers.min);
    expect(offers.length).toBeLessThanOrEqual(SELECTION_LIMITS.offers.max);
  });

  it('ranks by persona match, then fired triggers, then id', () => {
    const candidates = select('high_utilization');
    expect(
      candidates.map((candidate) => [candidate.kind, candidate.rank, candidate.itemId, candidate.score]),
    ).toEqual([
      ['education', 1, 'edu-credit-utilization', 120],
      ['education', 2, 'edu-debt-avalanche-snowball', 120],
      ['education', 3, 'edu-minimum-payment-calculator', 110],
      ['education', 4, 'edu-reading-card-statement', 110],
      ['education', 5, 'edu-missed-payment-recovery', 100],
      ['partner_offer', 1, 'offer-balance-transfer-card', 120],
      ['partner_offer', 2, 'offer-credit-counseling', 100],
      ['partner_offer', 3, 'offer-debt-consolidation-loan', 110],
    ]);
    expect(candidates[0]?.firedTriggers).toEqual(['high_utilization', 'elevated_utilization']);
    expect(candidates[0]?.personaMatch).toBe(true);
  });

  it('puts eligible offers first and fills open slots with ineligible ones for the guardrail to refuse', () => {
    // Income 30,000 is below the consolidation loan's 35,000, so it follows the eligible counseling session.
    expect(idsOf(select('high_utilization'), 'partner_offer')).toEqual([
      'offer-balance-transfer-card',
      'offer-credit-counseling',
      'offer-debt-consolidation-loan',
    ]);
    expect(idsOf(select('variable_income_budgeter'), 'partner_offer')).toEqual([
      'offer-budgeting-app',
      'offer-credit-counseling',
      'offer-payday-loan',
    ]);
    // Holds $15,725 in savings (>= $5,000), so the high-yield savings offer drops to fourth and out.
    expect(idsOf(select('cash_flow_optimizer'), 'partner_offer')).toEqual([
      'offer-cash-back-card',
      'offer-index-investing',
      'offer-money-market',
    ]);
  });

  it('selects the expected items for every persona', () => {
    const selections = Object.fromEntries(
      PERSONA_IDS.map((personaId) => {
        const candidates = select(personaId);
        return [personaId, [idsOf(candidates, 'education'), idsOf(candidates, 'partner_offer')]];
      }),
    );
    expect(selections).toEqual({
      high_utilization: [
        [
          'edu-credit-utilization',
          'edu-debt-avalanche-snowball',
          'edu-minimum-payment-calculator',
          'edu-reading-card-statement',
          'edu-missed-payment-recovery',
        ],
        ['offer-balance-transfer-card', 'offer-credit-counseling', 'offer-debt-consolidation-loan'],
      ],
      variable_income_budgeter: [
        [
          'edu-income-smoothing-worksheet',
          'edu-cash-buffer',
          'edu-emergency-fund',
          'edu-irregular-income-budget',
        ],
        ['offer-budgeting-app', 'offer-credit-counseling', 'offer-payday-loan'],
      ],
      subscription_heavy: [
        ['edu-lowering-recurring-bills', 'edu-subscription-audit', 'edu-subscription-pricing'],
        ['offer-subscription-manager'],
      ],
      savings_builder: [
        [
          'edu-automating-savings',
          'edu-emergency-fund',
          'edu-emergency-fund-calculator',
          'edu-high-yield-savings',
          'edu-savings-goal-planner',
        ],
        ['offer-high-yield-savings', 'offer-round-up-savings', 'offer-cash-back-card'],
      ],
      cash_flow_optimizer: [
        ['edu-after-emergency-fund', 'edu-high-yield-savings', 'edu-monthly-money-check-in'],
        ['offer-cash-back-card', 'offer-index-investing', 'offer-money-market'],
      ],
      young_professional: [
        [
          'edu-credit-building-basics',
          'edu-first-paychecks',
          'edu-credit-utilization',
          'edu-first-budget',
          'edu-reading-card-statement',
        ],
        ['offer-budgeting-app', 'offer-round-up-savings', 'offer-secured-credit-builder'],
      ],
      unclassified: [
        ['edu-emergency-fund', 'edu-first-budget', 'edu-monthly-money-check-in'],
        ['offer-budgeting-app'],
      ],
    });
  });

  it("attaches a rationale in the customer's own numbers", () => {
    const [first] = select('high_utilization');
    expect(first?.rationale).toBe(
      'Because your card ending in 4523 is at 68% utilization ($3,400 of a $5,000 limit).',
    );
    expect(first?.evidence.facts['account_mask']).toBe('4523');
    for (const candidate of select('young_professional')) expect(candidate.rationale).toMatch(/\d/);
  });

  it('carries the offer terms the guardrails need, as a copy of the frozen catalog entry', () => {
    const offer = select('high_utilization').find((candidate) => candidate.kind === 'partner_offer');
    expect(offer?.offer).toEqual({
      partner: 'Northwind Bank',
      productKind: 'credit_card',
      predatory: false,
      eligibility: {
        minAgeYears: 18,
        minAnnualIncome: 25_000,
        maxCreditUtilizationPct: 90,
        minTotalCreditLimit: 1_000,
        excludeIfHolding: null,
      },
    });
    expect(Object.isFrozen(offer?.offer?.eligibility)).toBe(false);
    expect(select('high_utilization').find((candidate) => candidate.kind === 'education')?.offer).toBeNull();
  });

  it('is deterministic, whatever the order of the catalog', () => {
    const reversed: Catalog = {
      education: [...CATALOG.education].reverse(),
      offers: [...CATALOG.offers].reverse(),
    };
    for (const personaId of PERSONA_IDS) {
      const first = select(personaId);
      expect(select(personaId)).toEqual(first);
      expect(select(personaId, reversed)).toEqual(first);
    }
  });

  it('returns plain JSON', () => {
    const candidates = select('variable_income_budgeter');
    expect(JSON.parse(JSON.stringify(candidates))).toEqual(candidates);
  });

  it('returns fewer items only when the catalog has nothing that fits', () => {
    const [audit, pricing] = CATALOG.education.filter((item) => item.personas.includes('subscription_heavy'));
    const sparse: Catalog = { education: [audit!, pricing!], offers: [] };
    const candidates = select('subscription_heavy', sparse);
    expect(candidates.map((candidate) => candidate.itemId)).toEqual([
      'edu-subscription-audit',
      'edu-subscription-pricing',
    ]);
    // An item with neither a persona match nor a fired trigger never fits.
    const unrelated: Catalog = {
      education: CATALOG.education.filter((item) => item.id === 'edu-cash-buffer'),
      offers: [],
    };
    expect(select('subscription_heavy', unrelated)).toEqual([]);
  });

  it('lets fired triggers pull in items aimed at other personas', () => {
    const snapshot = snapshotWith({ 'credit.maxUtilizationPct': 35 });
    const candidates = selectRecommendations({
      snapshot,
      personaId: 'unclassified',
      customer: { ageYears: 30, annualIncomeEstimate: 40_000, heldSubtypes: [] },
      catalog: CATALOG,
    });
    const utilization = candidates.find((candidate) => candidate.itemId === 'edu-credit-utilization');
    expect(utilization).toMatchObject({
      personaMatch: false,
      firedTriggers: ['elevated_utilization'],
      score: 10,
    });
    expect(idsOf(candidates, 'education')).toEqual([
      'edu-emergency-fund',
      'edu-first-budget',
      'edu-monthly-money-check-in',
      'edu-credit-utilization',
    ]);
  });
  it('ranks a persona match above any number of fired triggers', () => {
    const snapshot = snapshotWith({
      'credit.maxUtilizationPct': 68,
      'credit.interestCharges': 10,
      'credit.minimumPaymentOnly': true,
      'credit.anyOverdue': true,
      'subscriptions.recurringMerchantCount': 4,
      'subscriptions.monthlyRecurringSpend': 60,
      'income.medianPayGapDays': 60,
      'income.cashFlowBufferMonths': 0.5,
      'savings.emergencyFundMonths': 1,
      'savings.netInflowMonthly': 300,
      'history.transactionHistoryDays': 90,
      'credit.totalCreditLimit': 2000,
    });
    const item = (id: string, personas: PersonaId[], triggers: EducationItem['triggers']): EducationItem => ({
      id,
      format: 'article',
      title: id,
      summary: id,
      body: 'One. Two.',
      personas,
      triggers,
    });
    const catalog: Catalog = {
      education: [item('a-everything', [], [...TRIGGER_IDS]), item('z-persona', ['unclassified'], [])],
      offers: [],
    };
    const candidates = selectRecommendations({
      snapshot,
      personaId: 'unclassified',
      customer: { ageYears: 30, annualIncomeEstimate: 40_000, heldSubtypes: [] },
      catalog,
    });
    expect(candidates.map((candidate) => [candidate.itemId, candidate.score])).toEqual([
      ['z-persona', 100],
      ['a-everything', 130],
    ]);
  });
});
