import type { PersonaEvaluation } from '../domain/personas/index.js';
import { SIGNAL_DEFINITIONS } from '../domain/signals/index.js';
import type { SignalKey, SignalSnapshot } from '../domain/signals/types.js';
import { badInput } from '../errors.js';
import { assignPersona } from '../services/assign-persona.js';
import { builder } from './builder.js';
import { signedInOperator } from './context.js';
import {
  type CriterionResultNode,
  criterionResultNodes,
  type FlatConditionResult,
  flattenResult,
} from './criteria.js';
import { findPersona, PersonaRef } from './persona.js';
import { SIGNAL_UNITS_DESCRIPTION, SignalSnapshotRef } from './signal-snapshot.js';
import { TimeWindowEnum } from './time-window.js';
import { UserNode } from './user.js';

export const AssignmentStatusEnum = builder.enumType('AssignmentStatus', {
  description: 'Whether the engine found a persona.',
  values: {
    ASSIGNED: { description: 'A persona qualified and was assigned.' },
    UNCLASSIFIED: { description: 'No persona qualified; the reason says why.' },
  },
});

export const AssignmentSourceEnum = builder.enumType('AssignmentSource', {
  description: 'Who made an assignment.',
  values: {
    ENGINE: { description: 'Decided by the persona engine.' },
    OVERRIDE: { description: 'Set by an administrator, with a justification.' },
  },
});

const ConditionResultRef = builder.objectRef<FlatConditionResult>('ConditionResult').implement({
  description: 'One condition of a persona criterion evaluated against the customer: the evidence.',
  fields: (t) => ({
    signal: t.exposeString('signal', { description: 'Signal key.' }),
    signalDescription: t.string({
      description: 'What the signal measures.',
      resolve: (c) => SIGNAL_DEFINITIONS[c.signal as SignalKey]?.description ?? c.signal,
    }),
    operator: t.exposeString('op', { description: 'One of >=, >, <, <=, ==, !=.' }),
    unit: t.string({
      description: `Unit of the signal and its threshold: ${SIGNAL_UNITS_DESCRIPTION}`,
      resolve: (c) => SIGNAL_DEFINITIONS[c.signal as SignalKey]?.unit ?? 'unknown',
    }),
    threshold: t.field({ type: 'JSON', description: 'The threshold.', resolve: (c) => c.threshold }),
    actual: t.field({
      type: 'JSON',
      nullable: true,
      description: "The customer's value; null when missing.",
      resolve: (c) => c.actual,
    }),
    held: t.exposeBoolean('held', {
      description: 'Whether the condition held. A missing value never holds.',
    }),
    missingReason: t.string({
      nullable: true,
      description: 'Why the value was missing.',
      resolve: (c) => c.reason,
    }),
    groupPath: t.exposeString('groupPath', { description: 'Where the condition sits in the AND/OR tree.' }),
    text: t.string({
      description:
        'The condition with its actual value, e.g. "credit.maxUtilizationPct >= 50 (actual 62.5)".',
      resolve: (c) =>
        `${c.signal} ${c.op} ${JSON.stringify(c.threshold)} (actual ${c.actual === null ? `missing: ${c.reason}` : JSON.stringify(c.actual)})`,
    }),
  }),
});

const CriterionNodeKindEnum = builder.enumType('CriterionNodeKind', {
  description: 'What a node of a persona criterion tree is.',
  values: {
    ALL: { value: 'all', description: 'An AND group: holds when every child holds.' },
    ANY: { value: 'any', description: 'An OR group: holds when at least one child holds.' },
    CONDITION: { value: 'condition', description: 'A leaf `signal operator threshold` comparison.' },
  } as const,
});

const CriterionResultNodeRef = builder.objectRef<CriterionResultNode>('CriterionResultNode').implement({
  description:
    'One node of an evaluated persona criterion: an AND/OR group or a condition, with whether it held. Listed in pre-order with parent paths, so a client can draw the tree without parsing JSON.',
  fields: (t) => ({
    path: t.exposeString('path', {
      description: 'Where the node sits, e.g. "all[1].any[0]"; the root is the empty string.',
    }),
    parentPath: t.exposeString('parentPath', {
      nullable: true,
      description: "The enclosing group's path; null for the root.",
    }),
    depth: t.exposeInt('depth', { description: 'Nesting depth; the root is 0.' }),
    kind: t.field({
      type: CriterionNodeKindEnum,
      description: 'Group or condition.',
      resolve: (n) => n.kind,
    }),
    held: t.exposeBoolean('held', { description: 'Whether this group or condition held.' }),
    condition: t.field({
      type: ConditionResultRef,
      nullable: true,
      description: 'The comparison and its evidence; null for groups.',
      resolve: (n) => n.condition,
    }),
  }),
});

const PersonaEvaluationRef = builder.objectRef<PersonaEvaluation>('PersonaEvaluation').implement({
  description: 'How one persona of the registry fared for this customer and window.',
  fields: (t) => ({
    personaId: t.exposeString('personaId', { description: 'Registry id of the evaluated persona.' }),
    persona: t.field({
      type: PersonaRef,
      nullable: true,
      description: 'The persona definition (null if it has since left the registry).',
      resolve: (e) => findPersona(e.personaId),
    }),
    matched: t.exposeBoolean('matched', { description: 'Whether the whole criterion held.' }),
    matchedConditions: t.exposeStringList('matchedConditions', {
      description: 'Readable text of every condition that held.',
    }),
    evidence: t.field({
      type: 'JSON',
      description: 'The signal values that triggered the match, by signal key.',
      resolve: (e) => e.evidence,
    }),
    conditions: t.field({
      type: [ConditionResultRef],
      description: 'Every condition of the criterion with its actual value and outcome.',
      resolve: (e) => flattenResult(e.criteria),
    }),
    criteriaTree: t.field({
      type: [CriterionResultNodeRef],
      description:
        'The evaluated AND/OR tree node by node in pre-order (each group before its children), with what held.',
      resolve: (e) => criterionResultNodes(e.criteria),
    }),
    criteriaResult: t.field({
      type: 'JSON',
      description: 'The evaluated AND/OR tree as stored.',
      resolve: (e) => e.criteria,
    }),
  }),
});

export const PersonaAssignmentNode = builder.prismaNode('PersonaAssignment', {
  description:
    'One persona decision for a customer and window, with its complete decision trace. Never changed once made; a newer one supersedes it.',
  id: { field: 'id' },
  // node(id) of a missing row answers null instead of raising (and logging) a Prisma error.
  nullable: true,
  fields: (t) => ({
    user: t.relation('user', { description: 'The customer.' }),
    window: t.expose('window', { type: TimeWindowEnum, description: 'The window the decision is for.' }),
    personaId: t.exposeString('personaId', { description: 'The assigned persona id, or "unclassified".' }),
    persona: t.field({
      type: PersonaRef,
      nullable: true,
      description: 'The assigned persona; null when unclassified.',
      resolve: (a) => findPersona(a.personaId),
    }),
    status: t.expose('status', { type: AssignmentStatusEnum, description: 'Assigned or unclassified.' }),
    source: t.expose('source', {
      type: AssignmentSourceEnum,
      description: 'Engine or administrator override.',
    }),
    priority: t.exposeInt('priority', { nullable: true, description: 'Priority of the assigned persona.' }),
    confidence: t.exposeFloat('confidence', {
      description: 'In [0, 1]: data completeness and margin from thresholds (see the persona engine README).',
    }),
    assignedAt: t.expose('assignedAt', { type: 'DateTime', description: 'When the assignment was stored.' }),
    referenceDate: t.expose('referenceDate', { type: 'Date', description: 'Last day of the window.' }),
    prioritizationReason: t.exposeString('prioritizationReason', {
      description: 'Why this persona was chosen.',
    }),
    qualifyingPersonas: t.exposeStringList('qualifyingPersonas', {
      description: 'Every persona whose criteria held, highest priority first.',
    }),
    evaluations: t.field({
      type: [PersonaEvaluationRef],
      description: 'Every persona of the registry, evaluated, with its evidence.',
      resolve: (a) => a.evaluations as unknown as PersonaEvaluation[],
    }),
    registryVersion: t.exposeString('registryVersion', {
      description: 'Registry content hash at decision time.',
    }),
    signalSnapshot: t.field({
      type: SignalSnapshotRef,
      description: 'The signals the decision used.',
      resolve: (a) => a.signalSnapshot as unknown as SignalSnapshot,
    }),
    assignedBy: t.relation('assignedBy', {
      nullable: true,
      description: 'The administrator who set an override.',
    }),
  }),
});

const AssignPersonaInput = builder.inputType('AssignPersonaInput', {
  description: 'Which customer and window to run the persona engine for.',
  fields: (t) => ({
    userId: t.globalID({ required: true, for: UserNode, description: 'Global ID of the customer.' }),
    window: t.field({ type: TimeWindowEnum, required: true, description: 'The window to decide for.' }),
    referenceDate: t.field({
      type: 'Date',
      required: false,
      description: 'Last day of the window; defaults to today (UTC).',
    }),
  }),
});

builder.mutationField('assignPersona', (t) =>
  t.prismaField({
    type: 'PersonaAssignment',
    description:
      "Runs the persona engine on the customer's data and stores the decision with its full trace.",
    args: { input: t.arg({ type: AssignPersonaInput, required: true, description: 'Customer and window.' }) },
    resolve: async (query, _root, { input }, ctx) => {
      const today = ctx.services.now().toISOString().slice(0, 10);
      const referenceDate = input.referenceDate ? input.referenceDate.toISOString().slice(0, 10) : today;
      if (referenceDate > today)
        throw badInput('referenceDate cannot be in the future', { field: 'referenceDate' });
      const assignment = await assignPersona(
        ctx.services,
        {
          userId: input.userId.id,
          window: input.window,
          referenceDate,
          operatorId: signedInOperator(ctx).id,
        },
        ctx.origin,
      );
      return ctx.services.db.prisma.personaAssignment.findUniqueOrThrow({
        ...query,
        where: { id: assignment.id },
      });
    },
  }),
);
