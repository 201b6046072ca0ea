import { describe, expect, it } from 'vitest';
import {
  checkTone,
  detectToneViolations,
  TONE_CATEGORY_PRECEDENCE,
  TONE_LEXICON,
  TONE_SEVERITY,
} from './tone.js';

describe('checkTone', () => {
  it('passes clean copy and echoes it', () => {
    const text = 'Paying before the statement date lowers the balance that gets reported.';
    expect(checkTone(text)).toEqual({
      check: 'tone',
      pass: true,
      detected_violations: [],
      categories: [],
      category: null,
      severity: null,
      original_text: text,
    });
  });

  it('flags shaming as critical, ahead of any other category, listing phrases in order of appearance', () => {
    const text = "Act now. Honestly, you're irresponsible and bad with money.";
    expect(checkTone(text)).toEqual({
      check: 'tone',
      pass: false,
      detected_violations: ['act now', 'irresponsible', 'bad with money'],
      categories: ['shame_based', 'pressure'],
      category: 'shame_based',
      severity: 'critical',
      original_text: text,
    });
  });

  it.each([
    ['Limited time offer for members.', 'pressure', ['limited time']],
    ['Approval is guaranteed.', 'misleading', ['guaranteed']],
    ['Without this you’ll lose everything.', 'fear', ["you'll lose everything"]],
  ] as const)('flags %j as a %s warning', (text, category, phrases) => {
    const result = checkTone(text);
    expect(result.pass).toBe(false);
    expect(result.category).toBe(category);
    expect(result.severity).toBe('warning');
    expect(result.detected_violations).toEqual(phrases);
  });

  it('prefers fear over misleading over pressure when no shaming is present', () => {
    expect(checkTone('Act now, it is risk-free, or face financial ruin.').categories).toEqual([
      'fear',
      'misleading',
      'pressure',
    ]);
  });
});

describe('detectToneViolations', () => {
  it('ignores case and runs of spaces or hyphens between words', () => {
    expect(detectToneViolations('ACT NOW')).toEqual([{ phrase: 'act now', category: 'pressure' }]);
    expect(detectToneViolations('act   now')).toHaveLength(1);
    expect(detectToneViolations('act-now pricing')).toHaveLength(1);
    expect(detectToneViolations('a Risk Free trial')).toEqual([
      { phrase: 'risk-free', category: 'misleading' },
    ]);
    expect(detectToneViolations('Don’t miss out')).toEqual([
      { phrase: "don't miss out", category: 'pressure' },
    ]);
  });

  it('matches whole words only', () => {
    for (const clean of [
      'Contact now for a free consultation.',
      'These are actionable steps.',
      'React nowhere near as fast.',
      'An unguaranteed rate.',
      'Guaranteedly not in the lexicon.',
      'Filing for bankruptcy is a legal process.',
      'No hurrying needed.',
      'Disasters of the past.',
      'Tracking spending for one month.',
    ]) {
      expect(detectToneViolations(clean), clean).toEqual([]);
    }
    expect(detectToneViolations('They went bankrupt.')).toEqual([{ phrase: 'bankrupt', category: 'fear' }]);
    expect(detectToneViolations('(guaranteed)')).toHaveLength(1);
  });

  it('reports a phrase once however often it appears', () => {
    expect(detectToneViolations('Hurry, hurry, HURRY')).toEqual([{ phrase: 'hurry', category: 'pressure' }]);
  });

  it('detects every lexicon phrase as written', () => {
    for (const category of TONE_CATEGORY_PRECEDENCE) {
      for (const phrase of TONE_LEXICON[category]) {
        expect(detectToneViolations(`Note: ${phrase}!`), phrase).toContainEqual({ phrase, category });
      }
    }
  });
});

describe('the lexicon', () => {
  it('is lowercase, trimmed and free of duplicates across categories', () => {
    const phrases = TONE_CATEGORY_PRECEDENCE.flatMap((category) => TONE_LEXICON[category]);
    expect(new Set(phrases).size).toBe(phrases.length);
    for (const phrase of phrases) expect(phrase).toBe(phrase.toLowerCase().trim());
  });

  it('is critical for shaming only', () => {
    expect(TONE_SEVERITY).toEqual({
      shame_based: 'critical',
      fear: 'warning',
      misleading: 'warning',
      pressure: 'warning',
    });
  });
});
