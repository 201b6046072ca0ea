import { describe, expect, it } from 'vitest';
import { appendDisclaimer, checkDisclaimer, DISCLAIMER } from './disclaimer.js';

describe('DISCLAIMER', () => {
  it('is the exact required wording', () => {
    expect(DISCLAIMER).toBe(
      'This is educational content, not financial advice. Consult a licensed advisor for personalized guidance.',
    );
  });
});

describe('appendDisclaimer', () => {
  it('adds the disclaimer as its own paragraph, once', () => {
    const once = appendDisclaimer('Body text.  \n');
    expect(once).toBe(`Body text.\n\n${DISCLAIMER}`);
    expect(appendDisclaimer(once)).toBe(once);
    expect(appendDisclaimer('')).toBe(DISCLAIMER);
  });
});

describe('checkDisclaimer', () => {
  it('appends the disclaimer and passes', () => {
    expect(checkDisclaimer('Body text.')).toEqual({
      check: 'disclaimer',
      pass: true,
      disclaimer: DISCLAIMER,
      appended: true,
      failure_reason: null,
      text: `Body text.\n\n${DISCLAIMER}`,
    });
  });

  it('passes copy that already ends with it, without appending again', () => {
    const result = checkDisclaimer(`Body text.\n\n${DISCLAIMER}`);
    expect(result.pass).toBe(true);
    expect(result.appended).toBe(false);
    expect(result.text.split(DISCLAIMER)).toHaveLength(2);
  });

  it('fails copy that quotes the disclaimer mid-text, since the reader would see it twice', () => {
    const result = checkDisclaimer(`${DISCLAIMER} Then the article.`);
    expect(result.pass).toBe(false);
    expect(result.failure_reason).toBe('disclaimer_duplicated');
  });
});
