import type { GuardrailStage } from '../domain/guardrails/index.js';
import { CATALOG, type FactValue, rebuildRationale } from '../domain/recommendations/index.js';
import type { SignalSnapshot } from '../domain/signals/types.js';
import type { RecommendationStatus } from '../generated/prisma/client.js';
import { generateRecommendations, type StoredGuardrailResult } from '../services/recommendations.js';
import { builder } from './builder.js';
import { TimeWindowEnum } from './time-window.js';
import { UserNode } from './user.js';

export const RecommendationStatusEnum = builder.enumType('RecommendationStatus', {
  description: 'Where a recommendation stands: delivered, waiting for review, or decided by an operator.',
  values: {
    PASSED: { description: 'Passed every guardrail and was delivered, with the disclaimer.' },
    PENDING_REVIEW: { description: 'A guardrail stopped it (see stoppedAt); waiting in the review queue.' },
    APPROVED: { description: 'An operator approved it for delivery.' },
    FLAGGED: { description: 'An operator flagged it: not delivered, needs a closer look.' },
    OVERRIDDEN: { description: 'An administrator delivered it although a guardrail held it back.' },
  } satisfies Record<RecommendationStatus, { description: string }>,
});

export const RecommendationKindEnum = builder.enumType('RecommendationKind', {
  description: 'Education content or a partner offer.',
  values: {
    EDUCATION: { description: 'An article, calculator or template.' },
    PARTNER_OFFER: { description: "A partner's product, subject to eligibility rules." },
  },
});

export const GuardrailStageEnum = builder.enumType('GuardrailStage', {
  description: 'The guardrails, in the order they run: consent → eligibility → tone → disclaimer.',
  values: {
    CONSENT: { value: 'consent', description: 'The customer opted in to data processing.' },
    ELIGIBILITY: {
      value: 'eligibility',
      description: "The offer's rules (age, income, utilization, …); predatory products never pass.",
    },
    TONE: { value: 'tone', description: 'No shaming, pressure, misleading or frightening wording.' },
    DISCLAIMER: { value: 'disclaimer', description: 'The educational disclaimer is attached exactly once.' },
  } satisfies Record<string, { value: GuardrailStage; description: string }>,
});

export const GuardrailResultRef = builder.objectRef<StoredGuardrailResult>('GuardrailResult').implement({
  description:
    'One guardrail verdict. Stages after the first failure are absent: the pipeline stops at the first failure.',
  fields: (t) => ({
    stage: t.field({ type: GuardrailStageEnum, description: 'Which guardrail.', resolve: (r) => r.stage }),
    pass: t.exposeBoolean('pass', { description: 'Whether it passed.' }),
    reason: t.exposeString('reason', {
      nullable: true,
      description:
        'Why it failed, e.g. "income_below_min" or "warning pressure: \\"act now\\""; null when passed.',
    }),
    details: t.field({
      type: 'JSON',
      description:
        'The complete result: thresholds and customer values (eligibility), detected phrases, category, severity and the text judged (tone).',
      resolve: (r) => r.details,
    }),
  }),
});

const RationaleFactRef = builder.objectRef<{ name: string; value: FactValue }>('RationaleFact').implement({
  description: 'One figure the "because" rationale cites, e.g. utilization_pct = 68.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'What the figure is, e.g. account_mask, utilization_pct.' }),
    value: t.field({
      type: 'JSON',
      description: 'The figure: a number, a string (e.g. a masked account) or a boolean.',
      resolve: (f) => f.value,
    }),
  }),
});

const DELIVERED: readonly RecommendationStatus[] = ['PASSED', 'APPROVED', 'OVERRIDDEN'];

/** The stored disclaimer is the one delivered, even if the current wording has changed since. */
function withDisclaimer(body: string, disclaimer: string): string {
  const text = body.trimEnd();
  return text.endsWith(disclaimer) ? text : `${text}\n\n${disclaimer}`;
}

export const RecommendationNode = builder.prismaNode('Recommendation', {
  description:
    'An education item or partner offer generated for a customer and window, with its "because" rationale and guardrail results.',
  id: { field: 'id' },
  // node(id) of a missing row answers null instead of raising (and logging) a Prisma error.
  nullable: true,
  fields: (t) => ({
    user: t.relation('user', { description: 'The customer.' }),
    window: t.expose('window', { type: TimeWindowEnum, description: 'The window the signals cover.' }),
    personaId: t.exposeString('personaId', {
      description: 'The persona it was chosen for (the current assignment at generation time).',
    }),
    assignment: t.prismaField({
      type: 'PersonaAssignment',
      nullable: true,
      description: 'The persona assignment whose evidence it rests on.',
      resolve: (query, recommendation, _args, ctx) =>
        recommendation.assignmentId
          ? ctx.services.db.prisma.personaAssignment.findUnique({
              ...query,
              where: { id: recommendation.assignmentId },
            })
          : null,
    }),
    kind: t.expose('kind', {
      type: RecommendationKindEnum,
      description: 'Education content or a partner offer.',
    }),
    catalogItemId: t.exposeString('catalogItemId', {
      description: 'Catalog id of the item, e.g. edu-credit-utilization.',
    }),
    title: t.exposeString('title', { description: 'The title shown to the customer.' }),
    body: t.exposeString('body', { description: 'The copy, without the disclaimer.' }),
    rationale: t.exposeString('rationale', {
      description: 'The "because" sentence, citing the customer\'s own numbers.',
    }),
    citedFacts: t.field({
      type: [RationaleFactRef],
      nullable: true,
      description:
        "The figures the rationale cites, from the signals of the persona assignment it rests on; null when they cannot be shown apart from the sentence (no assignment, or the catalog's wording changed since).",
      resolve: async (recommendation, _args, ctx) => {
        if (!recommendation.assignmentId) return null;
        // Prisma batches the findUnique calls of one tick into one query, so a page of items costs one.
        const assignment = await ctx.services.db.prisma.personaAssignment.findUnique({
          where: { id: recommendation.assignmentId },
          select: { signalSnapshot: true },
        });
        if (!assignment) return null;
        const rationale = rebuildRationale(
          CATALOG,
          assignment.signalSnapshot as unknown as SignalSnapshot,
          recommendation,
        );
        return rationale ? Object.entries(rationale.facts).map(([name, value]) => ({ name, value })) : null;
      },
    }),
    disclaimer: t.exposeString('disclaimer', {
      nullable: true,
      description: 'The disclaimer delivered with it; null while it is not delivered.',
    }),
    deliveredBody: t.string({
      nullable: true,
      description: 'The body as the customer sees it (disclaimer appended); null unless delivered.',
      resolve: (r) =>
        DELIVERED.includes(r.status) && r.disclaimer ? withDisclaimer(r.body, r.disclaimer) : null,
    }),
    status: t.expose('status', {
      type: RecommendationStatusEnum,
      description: 'Delivered, held for review, or decided.',
    }),
    stoppedAt: t.field({
      type: GuardrailStageEnum,
      nullable: true,
      description: 'The guardrail that stopped it; null when every guardrail passed.',
      resolve: (r) => r.stoppedAt as GuardrailStage | null,
    }),
    guardrailResults: t.field({
      type: [GuardrailResultRef],
      description: 'One result per guardrail that ran, in order.',
      resolve: (r) => r.guardrailResults as unknown as StoredGuardrailResult[],
    }),
    generationId: t.exposeString('generationId', {
      description: 'Shared by every recommendation generated in the same run.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was generated.' }),
    reviewedAt: t.expose('reviewedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When an operator reviewed it; null until then.',
    }),
    reviewedBy: t.prismaField({
      type: 'Operator',
      nullable: true,
      description: 'The operator who reviewed it.',
      resolve: (query, recommendation, _args, ctx) =>
        recommendation.reviewedByOperatorId
          ? ctx.services.db.prisma.operator.findUnique({
              ...query,
              where: { id: recommendation.reviewedByOperatorId },
            })
          : null,
    }),
    reviewJustification: t.exposeString('reviewJustification', {
      nullable: true,
      description: "The reviewer's justification (required for overrides and flags).",
    }),
  }),
});

builder.prismaObjectFields(UserNode, (t) => ({
  recommendations: t.relatedConnection(
    'recommendations',
    {
      cursor: 'id',
      description: 'Recommendations generated for the customer, newest first.',
      args: {
        status: t.arg({
          type: [RecommendationStatusEnum],
          required: false,
          description: 'Only recommendations in one of these statuses.',
        }),
      },
      query: (args) => ({
        where: args.status?.length ? { status: { in: args.status } } : {},
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      }),
      totalCount: true,
    },
    { name: 'RecommendationConnection', description: 'A page of recommendations.' },
    { name: 'RecommendationEdge' },
  ),
}));

const GenerateRecommendationsInput = builder.inputType('GenerateRecommendationsInput', {
  description: 'Whom to generate recommendations for.',
  fields: (t) => ({
    userId: t.globalID({ required: true, for: UserNode, description: 'Global ID of the customer.' }),
    window: t.field({
      type: TimeWindowEnum,
      required: true,
      description: 'The window whose current persona assignment the recommendations rest on.',
    }),
  }),
});

builder.mutationField('generateRecommendations', (t) =>
  t.prismaField({
    type: ['Recommendation'],
    description:
      "Selects 3–5 education items and 1–3 partner offers for the customer's current persona assignment, runs each through the guardrails and stores them: PASSED items are delivered, the others wait in the review queue. Needs the customer's consent (CONSENT_REQUIRED) and a persona assignment for the window (BAD_USER_INPUT).",
    args: {
      input: t.arg({
        type: GenerateRecommendationsInput,
        required: true,
        description: 'Customer and window.',
      }),
    },
    resolve: async (query, _root, { input }, ctx) => {
      const created = await generateRecommendations(
        ctx.services,
        { userId: input.userId.id, window: input.window },
        ctx.origin,
      );
      const ids = created.map((recommendation) => recommendation.id);
      const rows = await ctx.services.db.prisma.recommendation.findMany({
        ...query,
        where: { id: { in: ids } },
      });
      // Keep the generation order: education items first, then offers, each by relevance.
      return rows.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
    },
  }),
);
