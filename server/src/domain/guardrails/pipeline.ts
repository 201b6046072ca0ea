import { checkConsent } from './consent.js';
import { checkDisclaimer } from './disclaimer.js';
import { checkEligibility } from './eligibility.js';
import { checkTone } from './tone.js';
import type {
  GuardrailCheck,
  GuardrailContext,
  GuardrailOutcome,
  GuardrailStage,
  GuardrailSubject,
} from './types.js';

/** The text a reader sees, which is what the tone check must judge: title, summary, body and rationale. */
export function toneTextOf(
  subject: Pick<GuardrailSubject, 'title' | 'summary' | 'body' | 'rationale'>,
): string {
  return [subject.title, subject.summary, subject.body, subject.rationale].join('\n');
}

/**
 * Runs consent → eligibility → tone → disclaimer. The first failure stops the run: later stages are not run
 * and not reported, so the outcome says exactly which gate held the item back and why.
 */
export function runGuardrails(subject: GuardrailSubject, context: GuardrailContext): GuardrailOutcome {
  const stages: ReadonlyArray<readonly [GuardrailStage, () => GuardrailCheck]> = [
    ['consent', () => checkConsent(context.consentStatus)],
    ['eligibility', () => checkEligibility(subject.offer, context.profile)],
    ['tone', () => checkTone(toneTextOf(subject))],
    ['disclaimer', () => checkDisclaimer(subject.body)],
  ];
  const checks: GuardrailCheck[] = [];
  for (const [stage, run] of stages) {
    const result = run();
    checks.push(result);
    if (!result.pass) return { passed: false, stoppedAt: stage, checks, deliveredBody: null };
  }
  const disclaimer = checks[checks.length - 1];
  return {
    passed: true,
    stoppedAt: null,
    checks,
    deliveredBody: disclaimer?.check === 'disclaimer' ? disclaimer.text : null,
  };
}
