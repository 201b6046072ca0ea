import type { ToneCategory, ToneCheck, ToneSeverity, ToneViolation } from './types.js';

/**
 * Phrases that make financial copy shaming, pushy, misleading or frightening. Matching ignores case, treats
 * any run of spaces or hyphens between words alike, accepts straight and curly apostrophes, and only matches
 * whole words: "contact now" does not contain "act now", "guaranteedly" is not "guaranteed".
 */
export const TONE_LEXICON: Readonly<Record<ToneCategory, readonly string[]>> = {
  shame_based: [
    'irresponsible',
    'bad with money',
    'reckless',
    'careless with money',
    'should be ashamed',
    'embarrassing',
    'lazy',
    'foolish',
    'your own fault',
    'poor choices',
    'financially illiterate',
    'no self-control',
  ],
  pressure: [
    'act now',
    'limited time',
    "don't miss out",
    'hurry',
    "before it's too late",
    'today only',
    'last chance',
    'apply immediately',
    'expires soon',
    'only a few spots left',
  ],
  misleading: [
    'guaranteed',
    'risk-free',
    'no risk',
    'free money',
    'get rich quick',
    'instant approval',
    'everyone qualifies',
    "can't lose",
    'no strings attached',
  ],
  fear: [
    "you'll lose everything",
    'financial ruin',
    'disaster',
    "you'll regret",
    'drowning in debt',
    'bankrupt',
    'destroy your credit',
    'ruin your life',
  ],
};

/**
 * Shaming the reader is the one thing this product must never do, so it is critical; pressure, misleading
 * claims and fear are warnings. Both severities fail the check and send the item to review: severity orders
 * the review queue, it does not decide whether copy ships.
 */
export const TONE_SEVERITY: Readonly<Record<ToneCategory, ToneSeverity>> = {
  shame_based: 'critical',
  fear: 'warning',
  misleading: 'warning',
  pressure: 'warning',
};

/** When copy mixes categories, the check reports the first of these as its `category`. */
export const TONE_CATEGORY_PRECEDENCE: readonly ToneCategory[] = [
  'shame_based',
  'fear',
  'misleading',
  'pressure',
];

const WORD_CHAR = '[\\p{L}\\p{N}_]';

function phrasePattern(phrase: string): RegExp {
  const words = phrase
    .split(/[\s-]+/)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/['’]/g, "['’]"));
  return new RegExp(`(?<!${WORD_CHAR})${words.join('[\\s\\-–—]+')}(?!${WORD_CHAR})`, 'iu');
}

const MATCHERS: ReadonlyArray<{ phrase: string; category: ToneCategory; pattern: RegExp }> =
  TONE_CATEGORY_PRECEDENCE.flatMap((category) =>
    TONE_LEXICON[category].map((phrase) => ({ phrase, category, pattern: phrasePattern(phrase) })),
  );

/** Every lexicon phrase in the text, once each, ordered by where it first appears (then by lexicon order). */
export function detectToneViolations(text: string): ToneViolation[] {
  const found: Array<ToneViolation & { at: number; order: number }> = [];
  MATCHERS.forEach(({ phrase, category, pattern }, order) => {
    const match = pattern.exec(text);
    if (match !== null) found.push({ phrase, category, at: match.index, order });
  });
  found.sort((a, b) => a.at - b.at || a.order - b.order);
  return found.map(({ phrase, category }) => ({ phrase, category }));
}

export function checkTone(text: string): ToneCheck {
  const violations = detectToneViolations(text);
  const present = new Set(violations.map((violation) => violation.category));
  const categories = TONE_CATEGORY_PRECEDENCE.filter((category) => present.has(category));
  const category = categories[0] ?? null;
  return {
    check: 'tone',
    pass: violations.length === 0,
    detected_violations: violations.map((violation) => violation.phrase),
    categories,
    category,
    severity: category === null ? null : TONE_SEVERITY[category],
    original_text: text,
  };
}
