import type { GuardrailStage } from '../domain/guardrails/index.js';
import { badInput } from '../errors.js';
import type { Prisma, RecommendationStatus } from '../generated/prisma/client.js';
import {
  approveRecommendations,
  MAX_BATCH_REVIEW,
  type ReviewDecision,
  reviewRecommendation,
} from '../services/review.js';
import { builder } from './builder.js';
import { signedInOperator } from './context.js';
import { GuardrailStageEnum, RecommendationNode, RecommendationStatusEnum } from './recommendation.js';

const ReviewQueueFilter = builder.inputType('ReviewQueueFilter', {
  description: 'Which recommendations the review queue shows. Every given field must match.',
  fields: (t) => ({
    statuses: t.field({
      type: [RecommendationStatusEnum],
      required: false,
      defaultValue: ['PENDING_REVIEW'],
      description: 'Any of these statuses; defaults to [PENDING_REVIEW], the items waiting for an operator.',
    }),
    userId: t.globalID({ required: false, description: 'Global ID of a customer (User).' }),
    stoppedAt: t.field({
      type: GuardrailStageEnum,
      required: false,
      description: 'Only items stopped by this guardrail.',
    }),
  }),
});

interface ReviewQueueFilterValue {
  statuses?: RecommendationStatus[] | null;
  userId?: { typename: string; id: string } | null;
  stoppedAt?: GuardrailStage | null;
}

function reviewQueueWhere(
  filter: ReviewQueueFilterValue | null | undefined,
): Prisma.RecommendationWhereInput {
  const statuses = filter?.statuses?.length
    ? filter.statuses
    : (['PENDING_REVIEW'] as RecommendationStatus[]);
  if (filter?.userId && filter.userId.typename !== 'User') {
    throw badInput('filter.userId must be the global ID of a User', { field: 'filter.userId' });
  }
  return {
    status: { in: statuses },
    ...(filter?.userId ? { userId: filter.userId.id } : {}),
    ...(filter?.stoppedAt ? { stoppedAt: filter.stoppedAt } : {}),
  };
}

builder.queryField('reviewQueue', (t) =>
  t.prismaConnection(
    {
      type: 'Recommendation',
      cursor: 'id',
      description:
        'Recommendations waiting for (or given) an operator decision, newest first. Readable by every operator (viewers too: policy.ts); acting on it needs the review right.',
      args: { filter: t.arg({ type: ReviewQueueFilter, required: false, description: 'What to show.' }) },
      totalCount: (_root, args, ctx) =>
        ctx.services.db.prisma.recommendation.count({ where: reviewQueueWhere(args.filter) }),
      resolve: (query, _root, args, ctx) =>
        ctx.services.db.prisma.recommendation.findMany({
          ...query,
          where: reviewQueueWhere(args.filter),
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        }),
    },
    { name: 'ReviewQueueConnection', description: 'A page of the review queue.' },
    { name: 'ReviewQueueEdge' },
  ),
);

const ReviewActionEnum = builder.enumType('ReviewAction', {
  description: 'What an operator decides about a recommendation.',
  values: {
    APPROVE: { description: 'Deliver it as it is (reviewers and administrators).' },
    OVERRIDE: {
      description:
        'Deliver it although a guardrail held it back (administrators only; needs a justification).',
    },
    FLAG: { description: 'Do not deliver it; it needs a closer look (needs a justification).' },
  } satisfies Record<ReviewDecision, { description: string }>,
});

const BatchReviewActionEnum = builder.enumType('BatchReviewAction', {
  description: 'What reviewRecommendations can do to many recommendations at once.',
  values: { APPROVE: { description: 'Deliver them as they are.' } },
});

const ReviewRecommendationInput = builder.inputType('ReviewRecommendationInput', {
  description: 'One review decision.',
  fields: (t) => ({
    id: t.globalID({
      required: true,
      for: RecommendationNode,
      description: 'Global ID of the recommendation.',
    }),
    action: t.field({ type: ReviewActionEnum, required: true, description: 'The decision.' }),
    justification: t.string({
      required: false,
      description: 'Why; required for OVERRIDE and FLAG, at most 2000 characters.',
    }),
  }),
});

const ReviewRecommendationsInput = builder.inputType('ReviewRecommendationsInput', {
  description: `Up to ${MAX_BATCH_REVIEW} recommendations to decide at once, all or nothing.`,
  fields: (t) => ({
    ids: t.globalIDList({
      required: true,
      for: RecommendationNode,
      description: `Global IDs of the recommendations, at most ${MAX_BATCH_REVIEW}, no repeats.`,
    }),
    action: t.field({ type: BatchReviewActionEnum, required: true, description: 'The decision.' }),
    justification: t.string({ required: false, description: 'Why, applied to every item; optional.' }),
  }),
});

builder.mutationField('reviewRecommendation', (t) =>
  t.prismaField({
    type: 'Recommendation',
    description:
      'Approves, overrides or flags a recommendation and logs the operator_action with the review time. Reviewers may approve and flag; only administrators may override (a reviewer is refused with FORBIDDEN and the attempt is logged). A recommendation reviewed before is a CONFLICT.',
    args: { input: t.arg({ type: ReviewRecommendationInput, required: true, description: 'The decision.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const reviewed = await reviewRecommendation(
        ctx.services,
        signedInOperator(ctx),
        { recommendationId: input.id.id, action: input.action, justification: input.justification },
        ctx.origin,
      );
      return ctx.services.db.prisma.recommendation.findUniqueOrThrow({
        ...query,
        where: { id: reviewed.id },
      });
    },
  }),
);

builder.mutationField('reviewRecommendations', (t) =>
  t.prismaField({
    type: ['Recommendation'],
    description: `Approves up to ${MAX_BATCH_REVIEW} recommendations in one transaction: if any one is unknown (NOT_FOUND), already reviewed (CONFLICT) or may not be delivered (BAD_USER_INPUT), none is changed. One operator_action per item.`,
    args: {
      input: t.arg({
        type: ReviewRecommendationsInput,
        required: true,
        description: 'The items and the decision.',
      }),
    },
    resolve: async (query, _root, { input }, ctx) => {
      const ids = input.ids.map((id) => id.id);
      await approveRecommendations(
        ctx.services,
        signedInOperator(ctx),
        { recommendationIds: ids, justification: input.justification },
        ctx.origin,
      );
      const rows = await ctx.services.db.prisma.recommendation.findMany({
        ...query,
        where: { id: { in: ids } },
      });
      return rows.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
    },
  }),
);
