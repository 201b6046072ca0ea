import { describe, expect, it } from 'vitest';
import { PERSONA_FIXTURES } from '../../../test-support/recommendation-snapshots.js';
import { snapshotWith } from '../../../test-support/signal-snapshots.js';
import { CATALOG } from '../recommendations/catalog.js';
import { PERSONA_IDS } from '../recommendations/types.js';
import { checkEligibility, eligibilityProfileOf } from './eligibility.js';
import type { EligibilityProfile, EligibilityRules, OfferTerms } from './types.js';

const RULES: EligibilityRules = {
  minAgeYears: 21,
  minAnnualIncome: 25_000,
  maxCreditUtilizationPct: 30,
  minTotalCreditLimit: 2_000,
  excludeIfHolding: { subtypes: ['savings', 'money market'], minSavingsBalance: 5_000 },
};
const OFFER: OfferTerms = { predatory: false, eligibility: RULES };

const PROFILE: EligibilityProfile = {
  ageYears: 30,
  annualIncomeEstimate: 50_000,
  heldSubtypes: ['checking'],
  maxCreditUtilizationPct: 20,
  totalCreditLimit: 6_000,
  savingsBalance: 8_000,
};

const reasonsFor = (profile: Partial<EligibilityProfile>, offer: OfferTerms = OFFER) =>
  checkEligibility(offer, { ...PROFILE, ...profile }).failure_reasons;

describe('checkEligibility', () => {
  it('passes a customer who meets every rule, and reports the rules and their values', () => {
    expect(checkEligibility(OFFER, PROFILE)).toEqual({
      check: 'eligibility',
      pass: true,
      failure_reasons: [],
      thresholds: {
        predatory_allowed: false,
        min_age_years: 21,
        min_annual_income: 25_000,
        max_credit_utilization_pct: 30,
        min_total_credit_limit: 2_000,
        excluded_if_holding: ['savings', 'money market'],
      },
      user_values: {
        age_years: 30,
        annual_income: 50_000,
        credit_utilization_pct: 20,
        total_credit_limit: 6_000,
        held_subtypes: ['checking'],
      },
    });
  });

  it('fails age_below_min one year under the minimum and passes at it', () => {
    expect(reasonsFor({ ageYears: 20 })).toEqual(['age_below_min']);
    expect(reasonsFor({ ageYears: 21 })).toEqual([]);
  });

  it('fails income_below_min a cent under the minimum and passes at it', () => {
    expect(reasonsFor({ annualIncomeEstimate: 24_999.99 })).toEqual(['income_below_min']);
    expect(reasonsFor({ annualIncomeEstimate: 25_000 })).toEqual([]);
    expect(reasonsFor({ annualIncomeEstimate: null })).toEqual(['income_unknown']);
  });

  it('fails utilization_above_max just over the maximum and passes at it', () => {
    expect(reasonsFor({ maxCreditUtilizationPct: 30.01 })).toEqual(['utilization_above_max']);
    expect(reasonsFor({ maxCreditUtilizationPct: 30 })).toEqual([]);
    expect(reasonsFor({ maxCreditUtilizationPct: null })).toEqual(['utilization_unknown']);
  });

  it('fails credit_limit_below_min a cent under the minimum and passes at it', () => {
    expect(reasonsFor({ totalCreditLimit: 1_999.99 })).toEqual(['credit_limit_below_min']);
    expect(reasonsFor({ totalCreditLimit: 2_000 })).toEqual([]);
    expect(reasonsFor({ totalCreditLimit: null })).toEqual(['credit_limit_unknown']);
  });

  it('fails already_has_product at the savings balance bar and passes a cent below it', () => {
    expect(reasonsFor({ heldSubtypes: ['checking', 'savings'], savingsBalance: 5_000 })).toEqual([
      'already_has_product',
    ]);
    expect(reasonsFor({ heldSubtypes: ['checking', 'savings'], savingsBalance: 4_999.99 })).toEqual([]);
    expect(reasonsFor({ heldSubtypes: ['money market'], savingsBalance: null })).toEqual([
      'already_has_product',
    ]);
    expect(reasonsFor({ heldSubtypes: ['checking', 'hsa'], savingsBalance: 1_000_000 })).toEqual([]);
  });

  it('reports the savings bar and balance when the exclusion depends on them', () => {
    const result = checkEligibility(OFFER, { ...PROFILE, heldSubtypes: ['savings'], savingsBalance: 5_000 });
    expect(result.thresholds['excluded_if_savings_balance_at_least']).toBe(5_000);
    expect(result.user_values['savings_balance']).toBe(5_000);
  });

  it('excludes on the subtype alone when the rule sets no balance', () => {
    const noSecondCard: OfferTerms = {
      predatory: false,
      eligibility: { ...RULES, excludeIfHolding: { subtypes: ['credit card'], minSavingsBalance: null } },
    };
    expect(reasonsFor({ heldSubtypes: ['credit card'] }, noSecondCard)).toEqual(['already_has_product']);
    expect(reasonsFor({ heldSubtypes: ['checking'] }, noSecondCard)).toEqual([]);
  });

  it('lists every failing rule in rule order', () => {
    expect(
      reasonsFor({
        ageYears: 19,
        annualIncomeEstimate: 10_000,
        maxCreditUtilizationPct: 95,
        totalCreditLimit: 500,
        heldSubtypes: ['savings'],
        savingsBalance: 9_000,
      }),
    ).toEqual([
      'age_below_min',
      'income_below_min',
      'utilization_above_max',
      'credit_limit_below_min',
      'already_has_product',
    ]);
  });

  it('never passes a predatory product, however strong the customer', () => {
    const predatory: OfferTerms = { ...OFFER, predatory: true };
    const result = checkEligibility(predatory, PROFILE);
    expect(result.pass).toBe(false);
    expect(result.failure_reasons).toEqual(['predatory_product']);
    expect(reasonsFor({ ageYears: 18 }, predatory)).toEqual(['predatory_product', 'age_below_min']);
  });

  it('fails every predatory catalog offer for every persona fixture and an ideal profile', () => {
    const ideal: EligibilityProfile = {
      ageYears: 50,
      annualIncomeEstimate: 1_000_000,
      heldSubtypes: [],
      maxCreditUtilizationPct: 0,
      totalCreditLimit: 100_000,
      savingsBalance: 0,
    };
    const profiles = [
      ideal,
      ...PERSONA_IDS.map((id) =>
        eligibilityProfileOf(PERSONA_FIXTURES[id].customer, PERSONA_FIXTURES[id].snapshot),
      ),
    ];
    const predatory = CATALOG.offers.filter((offer) => offer.predatory);
    expect(predatory.length).toBeGreaterThanOrEqual(2);
    for (const offer of predatory) {
      for (const profile of profiles) {
        const result = checkEligibility(offer, profile);
        expect(result.pass).toBe(false);
        expect(result.failure_reasons[0]).toBe('predatory_product');
      }
    }
  });

  it('lets education content (no offer) through with nothing to report', () => {
    expect(checkEligibility(null, { ...PROFILE, ageYears: 16 })).toEqual({
      check: 'eligibility',
      pass: true,
      failure_reasons: [],
      thresholds: {},
      user_values: {},
    });
  });
});

describe('eligibilityProfileOf', () => {
  it('takes credit and savings figures from the snapshot and sorts the held subtypes', () => {
    const snapshot = snapshotWith({
      'credit.maxUtilizationPct': 41.5,
      'credit.totalCreditLimit': null,
      'savings.balance': 1234.56,
    });
    expect(
      eligibilityProfileOf(
        { ageYears: 27, annualIncomeEstimate: null, heldSubtypes: ['savings', 'checking'] },
        snapshot,
      ),
    ).toEqual({
      ageYears: 27,
      annualIncomeEstimate: null,
      heldSubtypes: ['checking', 'savings'],
      maxCreditUtilizationPct: 41.5,
      totalCreditLimit: null,
      savingsBalance: 1234.56,
    });
  });
});
