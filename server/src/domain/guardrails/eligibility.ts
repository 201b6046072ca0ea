import type { SignalSnapshot } from '../signals/types.js';
import type {
  EligibilityCheck,
  EligibilityFailureReason,
  EligibilityProfile,
  OfferTerms,
  ThresholdValue,
} from './types.js';

/** The customer facts that come from outside the signal snapshot. */
export interface CustomerFacts {
  ageYears: number;
  annualIncomeEstimate: number | null;
  heldSubtypes: string[];
}

/** Combines the customer's own facts with the credit and savings figures of their signal snapshot. */
export function eligibilityProfileOf(customer: CustomerFacts, snapshot: SignalSnapshot): EligibilityProfile {
  return {
    ageYears: customer.ageYears,
    annualIncomeEstimate: customer.annualIncomeEstimate,
    heldSubtypes: [...customer.heldSubtypes].sort(),
    maxCreditUtilizationPct: snapshot.values['credit.maxUtilizationPct'],
    totalCreditLimit: snapshot.values['credit.totalCreditLimit'],
    savingsBalance: snapshot.values['savings.balance'],
  };
}

/**
 * Compares an offer's rules with the customer's facts and reports every failing rule, not just the first, so
 * compliance metrics can count each reason. A rule whose customer value is unknown fails with an `_unknown`
 * reason: an offer is never made on data we do not have. Education content (`offer` null) always passes.
 */
export function checkEligibility(offer: OfferTerms | null, profile: EligibilityProfile): EligibilityCheck {
  if (offer === null)
    return { check: 'eligibility', pass: true, failure_reasons: [], thresholds: {}, user_values: {} };

  const rules = offer.eligibility;
  const reasons: EligibilityFailureReason[] = [];
  const thresholds: Record<string, ThresholdValue> = { predatory_allowed: false };
  const userValues: Record<string, ThresholdValue> = {};

  if (offer.predatory) reasons.push('predatory_product');

  thresholds['min_age_years'] = rules.minAgeYears;
  userValues['age_years'] = profile.ageYears;
  if (profile.ageYears < rules.minAgeYears) reasons.push('age_below_min');

  if (rules.minAnnualIncome !== null) {
    thresholds['min_annual_income'] = rules.minAnnualIncome;
    userValues['annual_income'] = profile.annualIncomeEstimate;
    if (profile.annualIncomeEstimate === null) reasons.push('income_unknown');
    else if (profile.annualIncomeEstimate < rules.minAnnualIncome) reasons.push('income_below_min');
  }

  if (rules.maxCreditUtilizationPct !== null) {
    thresholds['max_credit_utilization_pct'] = rules.maxCreditUtilizationPct;
    userValues['credit_utilization_pct'] = profile.maxCreditUtilizationPct;
    if (profile.maxCreditUtilizationPct === null) reasons.push('utilization_unknown');
    else if (profile.maxCreditUtilizationPct > rules.maxCreditUtilizationPct)
      reasons.push('utilization_above_max');
  }

  if (rules.minTotalCreditLimit !== null) {
    thresholds['min_total_credit_limit'] = rules.minTotalCreditLimit;
    userValues['total_credit_limit'] = profile.totalCreditLimit;
    if (profile.totalCreditLimit === null) reasons.push('credit_limit_unknown');
    else if (profile.totalCreditLimit < rules.minTotalCreditLimit) reasons.push('credit_limit_below_min');
  }

  const exclusion = rules.excludeIfHolding;
  if (exclusion !== null) {
    thresholds['excluded_if_holding'] = [...exclusion.subtypes];
    userValues['held_subtypes'] = [...profile.heldSubtypes];
    const holds = exclusion.subtypes.some((subtype) => profile.heldSubtypes.includes(subtype));
    let alreadyHas = holds;
    if (holds && exclusion.minSavingsBalance !== null) {
      thresholds['excluded_if_savings_balance_at_least'] = exclusion.minSavingsBalance;
      userValues['savings_balance'] = profile.savingsBalance;
      // An unknown balance cannot show they are below the bar, so we assume they already have the product.
      alreadyHas = profile.savingsBalance === null || profile.savingsBalance >= exclusion.minSavingsBalance;
    }
    if (alreadyHas) reasons.push('already_has_product');
  }

  return {
    check: 'eligibility',
    pass: reasons.length === 0,
    failure_reasons: reasons,
    thresholds,
    user_values: userValues,
  };
}
