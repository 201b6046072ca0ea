import type { DisclaimerCheck } from './types.js';

/** Shown with every recommendation, word for word. */
export const DISCLAIMER =
  'This is educational content, not financial advice. Consult a licensed advisor for personalized guidance.';

/** Appends the disclaimer as its own paragraph unless the text already ends with it (idempotent). */
export function appendDisclaimer(text: string): string {
  const trimmed = text.trimEnd();
  if (trimmed.endsWith(DISCLAIMER)) return trimmed;
  return trimmed.length === 0 ? DISCLAIMER : `${trimmed}\n\n${DISCLAIMER}`;
}

/**
 * Appends the disclaimer, then verifies the result carries it exactly once, at the end. It fails when copy
 * already quoted the disclaimer somewhere in the middle: the reader would see it twice, and an operator
 * should look at why the copy contains it.
 */
export function checkDisclaimer(body: string): DisclaimerCheck {
  const text = appendDisclaimer(body);
  const occurrences = text.split(DISCLAIMER).length - 1;
  const failure =
    occurrences === 0 || !text.endsWith(DISCLAIMER)
      ? 'disclaimer_missing'
      : occurrences > 1
        ? 'disclaimer_duplicated'
        : null;
  return {
    check: 'disclaimer',
    pass: failure === null,
    disclaimer: DISCLAIMER,
    appended: text !== body.trimEnd(),
    failure_reason: failure,
    text,
  };
}
