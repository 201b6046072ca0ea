import { randomUUID } from 'node:crypto';
import type {
  GuardrailOutcome as AuditGuardrailOutcome,
  EligibilityCheckedData,
  JsonObject,
  RecommendationGeneratedData,
  ToneValidatedData,
} from '../domain/audit/index.js';
import {
  type CustomerFacts,
  eligibilityProfileOf,
  type GuardrailCheck,
  type GuardrailOutcome,
  type GuardrailStage,
  runGuardrails,
} from '../domain/guardrails/index.js';
import {
  CATALOG,
  type Candidate,
  type PersonaId,
  selectRecommendations,
} from '../domain/recommendations/index.js';
import {
  MIN_CADENCE_LOOKBACK_DAYS,
  type SignalSnapshot,
  type SignalWindow,
  WINDOW_DAYS,
} from '../domain/signals/index.js';
import { badInput, notFound } from '../errors.js';
import type { Prisma, Recommendation } from '../generated/prisma/client.js';
import { requireConsent } from './assign-persona.js';
import { type AuditWriter, runAudited } from './audit/record-audit.js';
import type { RequestOrigin, ServiceContext } from './context.js';
import { findCurrentAssignment } from './current-persona.js';
import type { Db } from './db-types.js';

export interface GenerateRecommendationsInput {
  userId: string;
  window: SignalWindow;
  /** The day the customer's age is taken at (YYYY-MM-DD); defaults to the assignment's reference date. */
  referenceDate?: string;
}

/** One guardrail verdict as stored on a recommendation and returned by the API. */
export interface StoredGuardrailResult {
  stage: GuardrailStage;
  pass: boolean;
  /** Why the stage failed, in words an operator can scan; null when it passed. */
  reason: string | null;
  /** The stage's complete result (thresholds, customer values, detected phrases, …). */
  details: GuardrailCheck;
}

/**
 * Generates a batch of recommendations for one customer and window: the domain selects 3–5 education items
 * and 1–3 partner offers from the customer's current persona assignment, the guardrails judge each one, and
 * every item is stored — delivered (PASSED, with the disclaimer) or held for review (PENDING_REVIEW, with the
 * stage that stopped it). The rows and their audit entries (recommendation_generated, eligibility_checked,
 * tone_validated) commit together.
 *
 * Signals come from the assignment's stored snapshot, so the recommendations rest on exactly the evidence the
 * persona was decided on. Without consent the customer is not processed at all (CONSENT_REQUIRED); without an
 * assignment for the window there is no persona to recommend for (BAD_USER_INPUT).
 */
export async function generateRecommendations(
  ctx: ServiceContext,
  input: GenerateRecommendationsInput,
  origin: RequestOrigin | null = null,
): Promise<Recommendation[]> {
  if (input.referenceDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(input.referenceDate)) {
    throw badInput('referenceDate must be a date like 2026-11-22', { field: 'referenceDate' });
  }
  return runAudited(ctx, async (tx, audit) => {
    const user = await tx.user.findUnique({
      where: { id: input.userId },
      select: { id: true, dateOfBirth: true, consentStatus: true, accounts: { select: { subtype: true } } },
    });
    if (!user) throw notFound('Customer', input.userId);
    requireConsent(user);
    const assignment = await currentAssignment(tx, user.id, input.window);
    const snapshot = assignment.signalSnapshot as unknown as SignalSnapshot;
    const referenceDate = input.referenceDate ?? assignment.referenceDate.toISOString().slice(0, 10);
    const customer: CustomerFacts = {
      ageYears: ageOn(user.dateOfBirth, referenceDate),
      annualIncomeEstimate: estimateAnnualIncome(snapshot),
      heldSubtypes: [...new Set(user.accounts.map((account) => account.subtype))].sort(),
    };
    const candidates = selectRecommendations({
      snapshot,
      personaId: assignment.personaId as PersonaId,
      customer,
      catalog: CATALOG,
    });
    const context = {
      consentStatus: user.consentStatus === 'OPTED_IN' ? ('opted_in' as const) : ('opted_out' as const),
      profile: eligibilityProfileOf(customer, snapshot),
    };
    const batch = {
      generationId: randomUUID(),
      createdAt: ctx.now(),
      userId: user.id,
      window: input.window,
      assignmentId: assignment.id,
      personaId: assignment.personaId,
    };
    const judged = candidates.map((candidate) => ({
      id: randomUUID(),
      candidate,
      outcome: runGuardrails(candidate, context),
    }));
    // One statement for the batch's rows; their audit entries follow in the same order as the items.
    const rows = await tx.recommendation.createManyAndReturn({
      data: judged.map(({ id, candidate, outcome }) => recommendationRow(id, batch, candidate, outcome)),
    });
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const { id, candidate, outcome } of judged) {
      await recordRecommendation(audit, batch, id, candidate, outcome, origin);
    }
    return judged.map(({ id }) => byId.get(id)!);
  });
}

async function currentAssignment(tx: Db, userId: string, window: SignalWindow) {
  const assignment = await findCurrentAssignment(tx, userId, window);
  if (!assignment) {
    throw badInput(
      `Customer "${userId}" has no ${window} persona assignment: assign a persona first, then generate recommendations`,
      { field: 'window' },
    );
  }
  return assignment;
}

interface Batch {
  generationId: string;
  createdAt: Date;
  userId: string;
  window: SignalWindow;
  assignmentId: string;
  personaId: string;
}

function recommendationRow(
  id: string,
  batch: Batch,
  candidate: Candidate,
  outcome: GuardrailOutcome,
): Prisma.RecommendationCreateManyInput {
  return {
    id,
    userId: batch.userId,
    window: batch.window,
    assignmentId: batch.assignmentId,
    personaId: batch.personaId,
    kind: candidate.kind === 'education' ? 'EDUCATION' : 'PARTNER_OFFER',
    catalogItemId: candidate.itemId,
    title: candidate.title,
    body: candidate.body,
    rationale: candidate.rationale,
    disclaimer: outcome.passed ? disclaimerOf(outcome) : null,
    status: outcome.passed ? 'PASSED' : 'PENDING_REVIEW',
    stoppedAt: outcome.stoppedAt,
    guardrailResults: outcome.checks.map(storedResultOf) as unknown as Prisma.InputJsonValue,
    generationId: batch.generationId,
    createdAt: batch.createdAt,
  };
}

/** The item's entries: recommendation_generated, then its eligibility and tone verdicts. */
async function recordRecommendation(
  audit: AuditWriter,
  batch: Batch,
  recommendationId: string,
  candidate: Candidate,
  outcome: GuardrailOutcome,
  origin: RequestOrigin | null,
): Promise<void> {
  const results = outcome.checks.map(storedResultOf);
  const subject = {
    userId: batch.userId,
    recommendationId,
    origin,
    occurredAt: batch.createdAt,
  };
  const generated: RecommendationGeneratedData & JsonObject = {
    persona_id: batch.personaId,
    window: batch.window,
    content_id: candidate.itemId,
    content_type: candidate.kind,
    title: candidate.title,
    rationale: candidate.rationale,
    passed_guardrails: outcome.passed,
    guardrail_results: results.map(
      ({ stage, pass, reason }): AuditGuardrailOutcome => ({ stage, pass, reason }),
    ),
    stopped_at: outcome.stoppedAt,
    generation_id: batch.generationId,
    assignment_id: batch.assignmentId,
  };
  await audit.record({ ...subject, eventType: 'recommendation_generated', eventData: generated });

  for (const check of outcome.checks) {
    if (check.check === 'eligibility') {
      const eligibility: EligibilityCheckedData & JsonObject = {
        recommendation_id: recommendationId,
        pass: check.pass,
        failure_reasons: [...check.failure_reasons],
        thresholds: check.thresholds,
        user_values: check.user_values,
        content_id: candidate.itemId,
        content_type: candidate.kind,
      };
      await audit.record({ ...subject, eventType: 'eligibility_checked', eventData: eligibility });
    } else if (check.check === 'tone') {
      const tone: ToneValidatedData & JsonObject = {
        recommendation_id: recommendationId,
        pass: check.pass,
        detected_violations: check.detected_violations,
        category: check.category,
        severity: check.severity,
        original_text: check.original_text,
        categories: check.categories,
        content_id: candidate.itemId,
      };
      await audit.record({ ...subject, eventType: 'tone_validated', eventData: tone });
    }
  }
}

function disclaimerOf(outcome: GuardrailOutcome): string | null {
  const check = outcome.checks.find((candidate) => candidate.check === 'disclaimer');
  return check?.check === 'disclaimer' ? check.disclaimer : null;
}

/** The stage's verdict with a one-line reason, so the review queue can show why without parsing details. */
export function storedResultOf(check: GuardrailCheck): StoredGuardrailResult {
  return {
    stage: check.check,
    pass: check.pass,
    reason: check.pass ? null : failureReason(check),
    details: check,
  };
}

function failureReason(check: GuardrailCheck): string {
  switch (check.check) {
    case 'consent':
      return check.failure_reason ?? 'consent_missing';
    case 'eligibility':
      return check.failure_reasons.join(', ');
    case 'tone':
      return `${check.severity} ${check.category}: ${check.detected_violations.map((phrase) => `"${phrase}"`).join(', ')}`;
    case 'disclaimer':
      return check.failure_reason ?? 'disclaimer_missing';
  }
}

/** Whole years between the date of birth and `on` (YYYY-MM-DD); a 29 February birthday falls on 1 March. */
export function ageOn(dateOfBirth: Date, on: string): number {
  const [year, month, day] = on.split('-').map(Number) as [number, number, number];
  const birthMonth = dateOfBirth.getUTCMonth() + 1;
  const birthDay = dateOfBirth.getUTCDate();
  const hadBirthday = month > birthMonth || (month === birthMonth && day >= birthDay);
  return year - dateOfBirth.getUTCFullYear() - (hadBirthday ? 0 : 1);
}

/**
 * Annual income estimated from the payroll deposits in the snapshot: their total over the days they were
 * looked for in (the cadence lookback, `max(90, window days)`, or the customer's whole history when that is
 * shorter), scaled to 365 days and rounded to whole dollars. Null without payroll: eligibility then fails
 * income rules as `income_unknown` rather than guessing.
 */
export function estimateAnnualIncome(snapshot: SignalSnapshot): number | null {
  const payroll = snapshot.details.payroll;
  if (payroll.length === 0) return null;
  const lookbackDays = Math.max(MIN_CADENCE_LOOKBACK_DAYS, WINDOW_DAYS[snapshot.window]);
  const historyDays = snapshot.values['history.transactionHistoryDays'] ?? lookbackDays;
  const days = Math.max(1, Math.min(lookbackDays, historyDays));
  const total = payroll.reduce((sum, deposit) => sum + deposit.amount, 0);
  return Math.round((total * 365) / days);
}
