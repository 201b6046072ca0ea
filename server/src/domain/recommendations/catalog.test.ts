import { describe, expect, it } from 'vitest';
import { checkTone, toneTextOf } from '../guardrails/index.js';
import { CATALOG } from './catalog.js';
import {
  CATALOG_MINIMUMS,
  countSentences,
  InvalidCatalogError,
  loadCatalog,
  validateCatalog,
} from './catalog-validation.js';
import { type Catalog, PERSONA_IDS } from './types.js';

function copyOfCatalog(): Catalog {
  return structuredClone({ education: [...CATALOG.education], offers: [...CATALOG.offers] });
}

function issuesOf(candidate: unknown): string[] {
  const result = validateCatalog(candidate);
  return result.ok ? [] : result.issues.map((issue) => `${issue.path}: ${issue.message}`);
}

describe('the built-in catalog', () => {
  it('passes validation', () => {
    expect(issuesOf(CATALOG)).toEqual([]);
  });

  it('has at least 15 education items, 10 offers and 2 predatory offers', () => {
    expect(CATALOG.education.length).toBeGreaterThanOrEqual(15);
    expect(CATALOG.offers.length).toBeGreaterThanOrEqual(10);
    expect(CATALOG.offers.filter((offer) => offer.predatory).map((offer) => offer.id)).toEqual([
      'offer-payday-loan',
      'offer-cash-advance',
    ]);
  });

  it('covers every persona with three education items and a non-predatory offer', () => {
    for (const persona of PERSONA_IDS) {
      expect(
        CATALOG.education.filter((item) => item.personas.includes(persona)).length,
      ).toBeGreaterThanOrEqual(3);
      expect(
        CATALOG.offers.filter((offer) => !offer.predatory && offer.personas.includes(persona)).length,
      ).toBeGreaterThanOrEqual(1);
    }
  });

  it('is frozen, so no caller can change it for everyone else', () => {
    expect(Object.isFrozen(CATALOG)).toBe(true);
    expect(Object.isFrozen(CATALOG.offers[0]?.eligibility)).toBe(true);
    expect(() => {
      (CATALOG.education as unknown as unknown[]).push({});
    }).toThrow(TypeError);
  });

  it('trips the tone check exactly where the catalog documents it', () => {
    const failing = [...CATALOG.education, ...CATALOG.offers]
      .map((item) => ({ id: item.id, tone: checkTone(toneTextOf({ ...item, rationale: '' })) }))
      .filter(({ tone }) => !tone.pass)
      .map(({ id, tone }) => [id, tone.category, tone.severity, tone.detected_violations]);
    expect(failing).toEqual([
      ['edu-first-paychecks', 'shame_based', 'critical', ['bad with money']],
      ['offer-subscription-manager', 'pressure', 'warning', ['act now', 'limited time']],
      ['offer-payday-loan', 'misleading', 'warning', ['guaranteed']],
    ]);
  });
});

describe('countSentences', () => {
  it('does not split on decimal points or percentages', () => {
    expect(countSentences('It costs $4.99 a month. It returns 1.5% back.')).toBe(2);
    expect(countSentences('One? Two! Three.')).toBe(3);
    expect(countSentences('   ')).toBe(0);
  });
});

describe('validateCatalog', () => {
  it('rejects a non-catalog outright', () => {
    expect(issuesOf([])).toEqual([': catalog must be an object with education and offers arrays']);
  });

  it('reports duplicate ids across education and offers', () => {
    const catalog = copyOfCatalog();
    catalog.offers[0]!.id = 'edu-credit-utilization';
    expect(issuesOf(catalog)).toEqual([
      'offers[0].id: duplicate id "edu-credit-utilization" (also at education[0])',
    ]);
  });

  it('reports unknown personas and triggers, and items that target nothing', () => {
    const catalog = copyOfCatalog();
    (catalog.education[0]!.personas as string[]).push('big_spender');
    (catalog.education[1]!.triggers as string[]).push('rainy_day');
    catalog.education[2]!.personas = [];
    catalog.education[2]!.triggers = [];
    expect(issuesOf(catalog)).toEqual([
      'education[0].personas[2]: unknown persona "big_spender"',
      'education[1].triggers[3]: unknown trigger "rainy_day"',
      'education[2]: an item must target at least one persona or trigger, or it can never be selected',
    ]);
  });

  it('requires a body of two to four sentences', () => {
    const catalog = copyOfCatalog();
    catalog.education[0]!.body = 'Just one sentence.';
    catalog.education[1]!.body = 'One. Two.';
    catalog.education[2]!.body = 'One. Two. Three. Four.';
    catalog.education[3]!.body = 'One. Two. Three. Four. Five.';
    catalog.education[4]!.body = 'One. Two without an ending';
    expect(issuesOf(catalog)).toEqual([
      'education[0].body: body must be 2–4 complete sentences (found 1)',
      'education[3].body: body must be 2–4 complete sentences (found 5)',
      'education[4].body: body must be 2–4 complete sentences (found 2)',
    ]);
  });

  it('checks eligibility rules: adults only, utilization within 0..100, non-negative amounts', () => {
    const catalog = copyOfCatalog();
    catalog.offers[0]!.eligibility.minAgeYears = 17;
    catalog.offers[1]!.eligibility.maxCreditUtilizationPct = 100.5;
    catalog.offers[2]!.eligibility.minAnnualIncome = -1;
    catalog.offers[3]!.eligibility.excludeIfHolding = { subtypes: [], minSavingsBalance: null };
    expect(issuesOf(catalog)).toEqual([
      'offers[0].eligibility.minAgeYears: minAgeYears must be an integer >= 18',
      'offers[1].eligibility.maxCreditUtilizationPct: must be null or a number from 0 to 100',
      'offers[2].eligibility.minAnnualIncome: must be null or a non-negative number',
      'offers[3].eligibility.excludeIfHolding.subtypes: subtypes must be a non-empty list of strings',
    ]);
  });

  it('accepts the age and utilization bounds themselves', () => {
    const catalog = copyOfCatalog();
    catalog.offers[0]!.eligibility.minAgeYears = 18;
    catalog.offers[1]!.eligibility.maxCreditUtilizationPct = 100;
    catalog.offers[2]!.eligibility.maxCreditUtilizationPct = 0;
    expect(issuesOf(catalog)).toEqual([]);
  });

  it('requires predatory to be a boolean', () => {
    const catalog = copyOfCatalog();
    (catalog.offers[0] as unknown as Record<string, unknown>)['predatory'] = 'no';
    expect(issuesOf(catalog)).toEqual(['offers[0].predatory: predatory must be a boolean']);
  });

  it('enforces the coverage floors', () => {
    const catalog = copyOfCatalog();
    const dropped = ['offer-subscription-manager', 'offer-money-market'];
    catalog.offers = catalog.offers.filter((offer) => !dropped.includes(offer.id) && !offer.predatory);
    catalog.education = catalog.education.filter((item) => item.id !== 'edu-subscription-pricing');
    expect(issuesOf(catalog)).toEqual([
      `offers: at least ${CATALOG_MINIMUMS.partnerOffers} partner offers required`,
      `offers: at least ${CATALOG_MINIMUMS.predatoryOffers} predatory offers required`,
      'education: persona "subscription_heavy" needs at least 3 education items',
      'offers: persona "subscription_heavy" needs at least one non-predatory offer',
    ]);
  });

  it('counts predatory offers apart from the per-persona floor', () => {
    const catalog = copyOfCatalog();
    for (const offer of catalog.offers)
      if (offer.personas.includes('subscription_heavy')) offer.predatory = true;
    expect(issuesOf(catalog)).toEqual([
      'offers: persona "subscription_heavy" needs at least one non-predatory offer',
    ]);
  });
});

describe('loadCatalog', () => {
  it('throws InvalidCatalogError with every issue', () => {
    const catalog = copyOfCatalog();
    catalog.education[0]!.title = ' ';
    catalog.offers[0]!.partner = '';
    try {
      loadCatalog(catalog);
      expect.unreachable('loadCatalog should throw');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidCatalogError);
      expect((error as InvalidCatalogError).issues).toEqual([
        { path: 'education[0].title', message: 'title must be a non-empty string' },
        { path: 'offers[0].partner', message: 'partner must be a non-empty string' },
      ]);
    }
  });

  it('returns a frozen copy-safe catalog when valid', () => {
    const loaded = loadCatalog(copyOfCatalog());
    expect(Object.isFrozen(loaded.education[0])).toBe(true);
    expect(loaded.education.map((item) => item.id)).toEqual(CATALOG.education.map((item) => item.id));
  });
});
