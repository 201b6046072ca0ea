/**
 * Picks the education items and partner offers for one customer and window. Relevance is lexicographic:
 * targeting the customer's persona beats any number of fired triggers, more fired triggers beat fewer, and
 * ids break ties, so the same inputs always give the same list.
 */

import { checkEligibility, eligibilityProfileOf } from '../guardrails/index.js';
import type { SignalSnapshot } from '../signals/types.js';
import { compareText } from './format.js';
import { buildRationale } from './rationale.js';
import { firedTriggers } from './triggers.js';
import type { Candidate, Catalog, CustomerProfile, EducationItem, PartnerOffer, PersonaId } from './types.js';

export const SELECTION_LIMITS = {
  education: { min: 3, max: 5 },
  offers: { min: 1, max: 3 },
} as const;

/** `score` summarizes relevance for operators; ordering itself is lexicographic (see byRelevance). */
const PERSONA_MATCH_POINTS = 100;
const FIRED_TRIGGER_POINTS = 10;

export interface SelectionInput {
  snapshot: SignalSnapshot;
  personaId: PersonaId;
  customer: CustomerProfile;
  catalog: Catalog;
}

interface Scored<T extends EducationItem | PartnerOffer> {
  item: T;
  personaMatch: boolean;
  fired: Candidate['firedTriggers'];
  score: number;
}

function score<T extends EducationItem | PartnerOffer>(item: T, input: SelectionInput): Scored<T> {
  const personaMatch = item.personas.includes(input.personaId);
  const fired = firedTriggers(input.snapshot, item.triggers);
  return {
    item,
    personaMatch,
    fired,
    score: (personaMatch ? PERSONA_MATCH_POINTS : 0) + fired.length * FIRED_TRIGGER_POINTS,
  };
}

function byRelevance(
  a: Scored<EducationItem | PartnerOffer>,
  b: Scored<EducationItem | PartnerOffer>,
): number {
  return (
    Number(b.personaMatch) - Number(a.personaMatch) ||
    b.fired.length - a.fired.length ||
    compareText(a.item.id, b.item.id)
  );
}

function toCandidate(
  scored: Scored<EducationItem | PartnerOffer>,
  rank: number,
  input: SelectionInput,
): Candidate {
  const { item } = scored;
  const evidence = buildRationale(input.snapshot, input.personaId, item.triggers);
  const offer =
    'eligibility' in item
      ? {
          partner: item.partner,
          productKind: item.productKind,
          predatory: item.predatory,
          eligibility: structuredClone(item.eligibility),
        }
      : null;
  return {
    kind: offer === null ? 'education' : 'partner_offer',
    itemId: item.id,
    rank,
    title: item.title,
    summary: item.summary,
    body: item.body,
    rationale: evidence.text,
    evidence,
    personaMatch: scored.personaMatch,
    firedTriggers: scored.fired,
    score: scored.score,
    offer,
  };
}

/**
 * Education: the up-to-five most relevant items that fit (target the persona or have a fired trigger).
 * Offers: the up-to-three most relevant offers that fit, those the customer is eligible for first. Ineligible
 * ones (predatory offers included) only fill slots eligible ones leave open; they are kept rather than dropped
 * so the eligibility guardrail records the refusal and the audit trail shows what was held back and why.
 *
 * Fewer than three education items or no offer at all happens only when the catalog has nothing that fits;
 * the built-in catalog's validation guarantees three items and one non-predatory offer for every persona.
 * Returns education candidates first, then offers, each ranked from 1.
 */
export function selectRecommendations(input: SelectionInput): Candidate[] {
  const fits = (scored: Scored<EducationItem | PartnerOffer>) => scored.score > 0;

  const education = input.catalog.education
    .map((item) => score(item, input))
    .filter(fits)
    .sort(byRelevance)
    .slice(0, SELECTION_LIMITS.education.max);

  const profile = eligibilityProfileOf(input.customer, input.snapshot);
  const offers = input.catalog.offers
    .map((offer) => ({ ...score(offer, input), eligible: checkEligibility(offer, profile).pass }))
    .filter(fits)
    .sort((a, b) => Number(b.eligible) - Number(a.eligible) || byRelevance(a, b))
    .slice(0, SELECTION_LIMITS.offers.max);

  return [
    ...education.map((scored, index) => toCandidate(scored, index + 1, input)),
    ...offers.map((scored, index) => toCandidate(scored, index + 1, input)),
  ];
}
