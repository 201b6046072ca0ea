import type { JsonObject, OperatorActionData, ReviewAction } from '../domain/audit/index.js';
import { DISCLAIMER } from '../domain/guardrails/index.js';
import { can } from '../domain/operators/index.js';
import { badInput, DomainError, notFound } from '../errors.js';
import type { Operator, Recommendation, RecommendationStatus } from '../generated/prisma/client.js';
import type { AuditWriter } from './audit/record-audit.js';
import { runAudited } from './audit/record-audit.js';
import { recordUnauthorizedAccess } from './audit/record-denial.js';
import type { RequestOrigin, ServiceContext } from './context.js';
import type { Db } from './db-types.js';
import { MAX_JUSTIFICATION_LENGTH, requiredJustification } from './override-persona.js';
import type { StoredGuardrailResult } from './recommendations.js';

/**
 * What an operator decides about a recommendation:
 * - APPROVE (reviewer, admin): the item may be delivered as it is.
 * - OVERRIDE (admin only, justified): the item is delivered although a guardrail held it back.
 * - FLAG (reviewer, admin, justified): the item must not be delivered and needs a closer look.
 * Approved and overridden items are delivered, so they carry the disclaimer like items that passed.
 */
export type ReviewDecision = 'APPROVE' | 'OVERRIDE' | 'FLAG';

/** Items not reviewed yet. A delivered (PASSED) item may still be reviewed, e.g. flagged after the fact. */
export const REVIEWABLE_STATUSES: readonly RecommendationStatus[] = ['PENDING_REVIEW', 'PASSED'];

/** The batch limit keeps one approval transaction (and its row locks) short. */
export const MAX_BATCH_REVIEW = 100;

const OUTCOME: Record<ReviewDecision, { status: RecommendationStatus; action: ReviewAction }> = {
  APPROVE: { status: 'APPROVED', action: 'approved' },
  OVERRIDE: { status: 'OVERRIDDEN', action: 'overridden' },
  FLAG: { status: 'FLAGGED', action: 'flagged' },
};

/** Where a denied override is reported in the unauthorized_access entry. */
const REVIEW_FIELD_PATH = 'Mutation.reviewRecommendation';

export interface ReviewInput {
  recommendationId: string;
  action: ReviewDecision;
  /** Required for OVERRIDE and FLAG; optional for APPROVE. */
  justification?: string | null;
}

/**
 * Records one operator decision on a recommendation, with its operator_action entry, in one transaction.
 * A reviewer asking to OVERRIDE is refused (FORBIDDEN) and the refusal is logged as unauthorized_access; an
 * item reviewed before is a CONFLICT, also when two operators race for it.
 */
export async function reviewRecommendation(
  ctx: ServiceContext,
  operator: Operator,
  input: ReviewInput,
  origin: RequestOrigin | null = null,
): Promise<Recommendation> {
  await authorize(ctx, operator, input.action, origin);
  const justification = justificationFor(input.action, input.justification);
  return runAudited(ctx, async (tx, audit) => {
    const recommendation = await tx.recommendation.findUnique({ where: { id: input.recommendationId } });
    if (!recommendation) throw notFound('Recommendation', input.recommendationId);
    return applyDecision(tx, audit, ctx, operator, recommendation, input.action, justification, origin);
  });
}

/**
 * Approves up to {@link MAX_BATCH_REVIEW} recommendations at once, all or nothing: if any of them is unknown,
 * already reviewed or may not be approved, none is, and nothing is logged. One operator_action per item.
 */
export async function approveRecommendations(
  ctx: ServiceContext,
  operator: Operator,
  input: { recommendationIds: readonly string[]; justification?: string | null },
  origin: RequestOrigin | null = null,
): Promise<Recommendation[]> {
  await authorize(ctx, operator, 'APPROVE', origin);
  const ids = input.recommendationIds;
  if (ids.length === 0) throw badInput('ids must name at least one recommendation', { field: 'ids' });
  if (ids.length > MAX_BATCH_REVIEW) {
    throw badInput(`At most ${MAX_BATCH_REVIEW} recommendations can be approved at once`, {
      field: 'ids',
      max: MAX_BATCH_REVIEW,
    });
  }
  const duplicates = ids.filter((id, index) => ids.indexOf(id) !== index);
  if (duplicates.length > 0) throw badInput('ids must not repeat', { field: 'ids', duplicates });
  const justification = justificationFor('APPROVE', input.justification);
  return runAudited(ctx, async (tx, audit) => {
    const found = await tx.recommendation.findMany({ where: { id: { in: [...ids] } } });
    const byId = new Map(found.map((recommendation) => [recommendation.id, recommendation]));
    const missing = ids.find((id) => !byId.has(id));
    if (missing !== undefined) throw notFound('Recommendation', missing);
    const reviewed = ids.filter((id) => !REVIEWABLE_STATUSES.includes(byId.get(id)!.status));
    if (reviewed.length > 0) {
      throw new DomainError('CONFLICT', `${reviewed.length} of the recommendations were already reviewed`, {
        ids: reviewed,
      });
    }
    const approved: Recommendation[] = [];
    for (const id of ids) {
      approved.push(
        await applyDecision(tx, audit, ctx, operator, byId.get(id)!, 'APPROVE', justification, origin),
      );
    }
    return approved;
  });
}

/** Reviewers and admins review; only admins override. Refusals are logged before they are reported. */
async function authorize(
  ctx: ServiceContext,
  operator: Operator,
  action: ReviewDecision,
  origin: RequestOrigin | null,
): Promise<void> {
  const capability = action === 'OVERRIDE' ? 'administer' : 'review';
  if (can(operator.role, capability)) return;
  await recordUnauthorizedAccess(ctx, operator, origin ?? { ipAddress: null, userAgent: null }, {
    fieldPath: REVIEW_FIELD_PATH,
    requiredScopes: [`capability:${capability}`],
  });
  throw new DomainError(
    'FORBIDDEN',
    action === 'OVERRIDE'
      ? 'Only an administrator may override a recommendation'
      : 'Only reviewers and administrators may review recommendations',
    { action, requiredCapability: capability },
  );
}

function justificationFor(action: ReviewDecision, value: string | null | undefined): string | null {
  if (action !== 'APPROVE') return requiredJustification(value);
  const text = value?.trim() ?? '';
  if (text.length > MAX_JUSTIFICATION_LENGTH) {
    throw badInput(`justification is too long (${MAX_JUSTIFICATION_LENGTH} characters at most)`, {
      field: 'justification',
    });
  }
  return text === '' ? null : text;
}

async function applyDecision(
  tx: Db,
  audit: AuditWriter,
  ctx: ServiceContext,
  operator: Operator,
  recommendation: Recommendation,
  decision: ReviewDecision,
  justification: string | null,
  origin: RequestOrigin | null,
): Promise<Recommendation> {
  if (!REVIEWABLE_STATUSES.includes(recommendation.status)) throw alreadyReviewed(recommendation);
  const { status, action } = OUTCOME[decision];
  if (status !== 'FLAGGED' && isPredatory(recommendation)) {
    throw badInput('A predatory product is never delivered: flag it instead', {
      field: 'action',
      id: recommendation.id,
      reason: 'predatory_product',
    });
  }
  const reviewedAt = ctx.now();
  // Conditional on the status read above, so of two operators reviewing at once exactly one succeeds.
  const updated = await tx.recommendation.updateMany({
    where: { id: recommendation.id, status: { in: [...REVIEWABLE_STATUSES] } },
    data: {
      status,
      reviewedAt,
      reviewedByOperatorId: operator.id,
      reviewJustification: justification,
      disclaimer:
        status === 'FLAGGED' ? recommendation.disclaimer : (recommendation.disclaimer ?? DISCLAIMER),
    },
  });
  if (updated.count !== 1) throw alreadyReviewed(recommendation);
  const eventData: OperatorActionData & JsonObject = {
    recommendation_id: recommendation.id,
    action,
    justification,
    review_time_seconds: Math.max(0, reviewedAt.getTime() - recommendation.createdAt.getTime()) / 1000,
    original_status: recommendation.status.toLowerCase(),
    new_status: status.toLowerCase(),
    stopped_at: recommendation.stoppedAt,
  };
  await audit.record({
    eventType: 'operator_action',
    userId: recommendation.userId,
    operatorId: operator.id,
    recommendationId: recommendation.id,
    origin,
    occurredAt: reviewedAt,
    eventData,
  });
  return tx.recommendation.findUniqueOrThrow({ where: { id: recommendation.id } });
}

function alreadyReviewed(recommendation: Recommendation): DomainError {
  return new DomainError('CONFLICT', `Recommendation "${recommendation.id}" was already reviewed`, {
    id: recommendation.id,
  });
}

/** Read from the stored eligibility result, so the decision rests on what the guardrail saw at the time. */
function isPredatory(recommendation: Recommendation): boolean {
  const results = recommendation.guardrailResults as unknown as StoredGuardrailResult[];
  return results.some(
    (result) =>
      result.details.check === 'eligibility' && result.details.failure_reasons.includes('predatory_product'),
  );
}
