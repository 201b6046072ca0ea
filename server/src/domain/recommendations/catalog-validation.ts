/**
 * The checks every catalog must pass before anything is selected from it, reported all at once with the
 * path of each problem, like the persona registry's validator.
 */

import {
  type Catalog,
  type EducationFormat,
  type OfferProductKind,
  PERSONA_IDS,
  type PersonaId,
  TRIGGER_IDS,
} from './types.js';

/** Selection promises 3–5 education items and 1–3 offers; these floors make the promise hold per persona. */
export const CATALOG_MINIMUMS = {
  educationItems: 15,
  partnerOffers: 10,
  predatoryOffers: 2,
  educationItemsPerPersona: 3,
  safeOffersPerPersona: 1,
} as const;

const KEBAB_CASE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const EDUCATION_FORMATS: readonly EducationFormat[] = ['article', 'calculator', 'template'];
const PRODUCT_KINDS: readonly OfferProductKind[] = [
  'credit_card',
  'personal_loan',
  'savings_account',
  'investment_account',
  'app',
  'service',
  'short_term_credit',
];
/** No offer is ever made to a minor, whatever an offer's own rule says. */
const LEGAL_MIN_AGE = 18;

export interface CatalogIssue {
  path: string;
  message: string;
}

export type CatalogValidation = { ok: true; catalog: Catalog } | { ok: false; issues: CatalogIssue[] };

export class InvalidCatalogError extends Error {
  readonly issues: CatalogIssue[];

  constructor(issues: CatalogIssue[]) {
    super(
      `Invalid recommendation catalog: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
    );
    this.name = 'InvalidCatalogError';
    this.issues = issues;
  }
}

type Issues = CatalogIssue[];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonBlankString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

/** Sentences end in `.`, `!` or `?` followed by whitespace or the end; "$4.99" and "1.5%" stay whole. */
export function countSentences(text: string): number {
  const trimmed = text.trim();
  if (trimmed.length === 0) return 0;
  return trimmed.split(/(?<=[.!?])\s+/).length;
}

function checkText(item: Record<string, unknown>, path: string, issues: Issues): void {
  for (const field of ['title', 'summary'] as const) {
    if (!isNonBlankString(item[field]))
      issues.push({ path: `${path}.${field}`, message: `${field} must be a non-empty string` });
  }
  const body = item['body'];
  if (!isNonBlankString(body)) {
    issues.push({ path: `${path}.body`, message: 'body must be a non-empty string' });
  } else {
    const sentences = countSentences(body);
    if (sentences < 2 || sentences > 4 || !/[.!?]$/.test(body.trim())) {
      issues.push({
        path: `${path}.body`,
        message: `body must be 2–4 complete sentences (found ${sentences})`,
      });
    }
  }
}

function checkIdList(
  value: unknown,
  known: readonly string[],
  path: string,
  what: string,
  issues: Issues,
): string[] {
  if (!Array.isArray(value)) {
    issues.push({ path, message: `${what}s must be an array` });
    return [];
  }
  const seen = new Set<string>();
  value.forEach((entry: unknown, index) => {
    if (typeof entry !== 'string' || !known.includes(entry)) {
      issues.push({ path: `${path}[${index}]`, message: `unknown ${what} ${JSON.stringify(entry)}` });
    } else if (seen.has(entry)) {
      issues.push({ path: `${path}[${index}]`, message: `duplicate ${what} "${entry}"` });
    } else {
      seen.add(entry);
    }
  });
  return [...seen];
}

function checkTargets(item: Record<string, unknown>, path: string, issues: Issues): PersonaId[] {
  const personas = checkIdList(item['personas'], PERSONA_IDS, `${path}.personas`, 'persona', issues);
  const triggers = checkIdList(item['triggers'], TRIGGER_IDS, `${path}.triggers`, 'trigger', issues);
  if (personas.length === 0 && triggers.length === 0) {
    issues.push({
      path,
      message: 'an item must target at least one persona or trigger, or it can never be selected',
    });
  }
  return personas as PersonaId[];
}

function checkAmount(value: unknown, path: string, issues: Issues, max = Number.POSITIVE_INFINITY): void {
  if (value === null) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > max) {
    const range = max === Number.POSITIVE_INFINITY ? 'a non-negative number' : `a number from 0 to ${max}`;
    issues.push({ path, message: `must be null or ${range}` });
  }
}

function checkEligibilityRules(rules: unknown, path: string, issues: Issues): void {
  if (!isPlainObject(rules)) {
    issues.push({ path, message: 'eligibility must be an object' });
    return;
  }
  const minAge = rules['minAgeYears'];
  if (typeof minAge !== 'number' || !Number.isInteger(minAge) || minAge < LEGAL_MIN_AGE) {
    issues.push({
      path: `${path}.minAgeYears`,
      message: `minAgeYears must be an integer >= ${LEGAL_MIN_AGE}`,
    });
  }
  checkAmount(rules['minAnnualIncome'], `${path}.minAnnualIncome`, issues);
  checkAmount(rules['maxCreditUtilizationPct'], `${path}.maxCreditUtilizationPct`, issues, 100);
  checkAmount(rules['minTotalCreditLimit'], `${path}.minTotalCreditLimit`, issues);
  const exclusion = rules['excludeIfHolding'];
  if (exclusion === null) return;
  if (!isPlainObject(exclusion)) {
    issues.push({ path: `${path}.excludeIfHolding`, message: 'excludeIfHolding must be null or an object' });
    return;
  }
  const subtypes = exclusion['subtypes'];
  if (!Array.isArray(subtypes) || subtypes.length === 0 || !subtypes.every(isNonBlankString)) {
    issues.push({
      path: `${path}.excludeIfHolding.subtypes`,
      message: 'subtypes must be a non-empty list of strings',
    });
  }
  checkAmount(exclusion['minSavingsBalance'], `${path}.excludeIfHolding.minSavingsBalance`, issues);
}

/**
 * Checks ids (kebab-case, unique across education and offers), copy (non-empty title and summary, a body of
 * 2–4 sentences), targets (known personas and triggers, at least one), offer fields and eligibility rules,
 * and coverage: enough items overall, at least two predatory offers to keep the guardrail honest, and for
 * every persona at least three education items and one non-predatory offer aimed at it.
 */
export function validateCatalog(candidate: unknown): CatalogValidation {
  if (
    !isPlainObject(candidate) ||
    !Array.isArray(candidate['education']) ||
    !Array.isArray(candidate['offers'])
  ) {
    return {
      ok: false,
      issues: [{ path: '', message: 'catalog must be an object with education and offers arrays' }],
    };
  }
  const issues: Issues = [];
  const ids = new Map<string, string>();
  const educationPerPersona = new Map<PersonaId, number>();
  const safeOffersPerPersona = new Map<PersonaId, number>();
  let predatoryOffers = 0;

  const checkId = (id: unknown, path: string): void => {
    if (typeof id !== 'string' || !KEBAB_CASE.test(id)) {
      issues.push({ path: `${path}.id`, message: 'id must be a kebab-case string' });
    } else if (ids.has(id)) {
      issues.push({ path: `${path}.id`, message: `duplicate id "${id}" (also at ${ids.get(id)})` });
    } else {
      ids.set(id, path);
    }
  };

  candidate['education'].forEach((item: unknown, index) => {
    const path = `education[${index}]`;
    if (!isPlainObject(item)) {
      issues.push({ path, message: 'education item must be an object' });
      return;
    }
    checkId(item['id'], path);
    if (!EDUCATION_FORMATS.includes(item['format'] as EducationFormat)) {
      issues.push({
        path: `${path}.format`,
        message: `format must be one of ${EDUCATION_FORMATS.join(', ')}`,
      });
    }
    checkText(item, path, issues);
    for (const persona of checkTargets(item, path, issues)) {
      educationPerPersona.set(persona, (educationPerPersona.get(persona) ?? 0) + 1);
    }
  });

  candidate['offers'].forEach((offer: unknown, index) => {
    const path = `offers[${index}]`;
    if (!isPlainObject(offer)) {
      issues.push({ path, message: 'offer must be an object' });
      return;
    }
    checkId(offer['id'], path);
    if (!isNonBlankString(offer['partner']))
      issues.push({ path: `${path}.partner`, message: 'partner must be a non-empty string' });
    if (!PRODUCT_KINDS.includes(offer['productKind'] as OfferProductKind)) {
      issues.push({
        path: `${path}.productKind`,
        message: `productKind must be one of ${PRODUCT_KINDS.join(', ')}`,
      });
    }
    if (typeof offer['predatory'] !== 'boolean') {
      issues.push({ path: `${path}.predatory`, message: 'predatory must be a boolean' });
    }
    checkText(offer, path, issues);
    const personas = checkTargets(offer, path, issues);
    checkEligibilityRules(offer['eligibility'], `${path}.eligibility`, issues);
    if (offer['predatory'] === true) predatoryOffers += 1;
    else
      for (const persona of personas)
        safeOffersPerPersona.set(persona, (safeOffersPerPersona.get(persona) ?? 0) + 1);
  });

  const minimums = CATALOG_MINIMUMS;
  if (candidate['education'].length < minimums.educationItems) {
    issues.push({
      path: 'education',
      message: `at least ${minimums.educationItems} education items required`,
    });
  }
  if (candidate['offers'].length < minimums.partnerOffers) {
    issues.push({ path: 'offers', message: `at least ${minimums.partnerOffers} partner offers required` });
  }
  if (predatoryOffers < minimums.predatoryOffers) {
    issues.push({
      path: 'offers',
      message: `at least ${minimums.predatoryOffers} predatory offers required`,
    });
  }
  for (const persona of PERSONA_IDS) {
    if ((educationPerPersona.get(persona) ?? 0) < minimums.educationItemsPerPersona) {
      issues.push({
        path: 'education',
        message: `persona "${persona}" needs at least ${minimums.educationItemsPerPersona} education items`,
      });
    }
    if ((safeOffersPerPersona.get(persona) ?? 0) < minimums.safeOffersPerPersona) {
      issues.push({ path: 'offers', message: `persona "${persona}" needs at least one non-predatory offer` });
    }
  }
  return issues.length === 0 ? { ok: true, catalog: candidate as unknown as Catalog } : { ok: false, issues };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Validates and freezes a catalog; throws `InvalidCatalogError` listing every problem. */
export function loadCatalog(candidate: unknown): Catalog {
  const result = validateCatalog(candidate);
  if (!result.ok) throw new InvalidCatalogError(result.issues);
  return deepFreeze(result.catalog);
}
