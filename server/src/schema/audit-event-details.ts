import type { z } from 'zod';
import {
  AUDIT_EVENT_TYPES,
  type AuditCheckpointData,
  type AuditEventDataMap,
  type AuditEventType,
  auditSeqSchema,
  auditWindowSchema,
  type GuardrailOutcome,
  guardrailOutcomeSchema,
  guardrailStageSchema,
  jsonObjectSchema,
  validateEventData,
} from '../domain/audit/index.js';
import type { AuditEntry } from '../generated/prisma/client.js';
import { loadAuditReference as load } from './audit-references.js';
import { builder } from './builder.js';
import { findPersona, PersonaRef } from './persona.js';
import { GuardrailStageEnum } from './recommendation.js';
import { TimeWindowEnum } from './time-window.js';

/**
 * The `AuditEventDetails` union: an audit entry's event data as a typed object, one member type per event
 * type. Its members are readable wherever the entry is; the entry type carries the audit scope.
 *
 * The fields come from the event type's data schema (domain/audit/event-types.ts): a snake_case key becomes
 * a camelCase field with the key's description, its GraphQL type follows from the zod type (`dataFields`).
 * What is written here by hand is only what the data cannot say: the objects an id points at, and the
 * nested values shown flat.
 */

/** An entry's event data, checked against its event type: the parent of every `*Details` type. */
type DetailsOf<K extends AuditEventType> = { eventType: K; data: AuditEventDataMap[K]; entry: AuditEntry };
type AuditDetails = { [K in AuditEventType]: DetailsOf<K> }[AuditEventType];

export function detailsOf(entry: AuditEntry): AuditDetails | null {
  const validation = validateEventData(entry.eventType, entry.eventData);
  if (!validation.valid) return null;
  return { eventType: validation.event.eventType, data: validation.event.eventData, entry } as AuditDetails;
}

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
type FieldBuilder<Parent> = PothosSchemaTypes.ObjectFieldBuilder<Types, Parent>;
type AnyFieldRef = PothosSchemaTypes.FieldRef<Types, unknown>;

interface DataFieldOptions<Data> {
  /** Keys with no field of their own (an id shown as the object it points at, a nested value shown flat). */
  omit?: ReadonlyArray<keyof Data>;
  /** Field names other than the camelCase of the key. */
  rename?: Partial<Record<keyof Data, string>>;
  /**
   * Keys always recorded but exposed as nullable fields, as they were first published; a text is added to
   * the description in brackets.
   */
  nullable?: Partial<Record<keyof Data, string | true>>;
}

const camelCase = (key: string) =>
  key.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
const sameSchema = (a: z.ZodType, b: z.ZodType) => a._zod.def === b._zod.def;

/** The GraphQL type of a data value, and how a stored value becomes the field's value. */
function graphqlTypeOf(schema: z.ZodType): {
  type: unknown;
  nullable: boolean;
  convert: (value: unknown) => unknown;
} {
  let inner = schema;
  let nullable = false;
  while (inner._zod.def.type === 'nullable' || inner._zod.def.type === 'optional') {
    nullable = true;
    inner = (inner as z.ZodNullable<z.ZodType>).unwrap();
  }
  const same = (value: unknown) => value ?? null;
  const found = (type: unknown, convert = same) => ({ type, nullable, convert });
  if (sameSchema(inner, auditWindowSchema)) return found(TimeWindowEnum);
  if (sameSchema(inner, guardrailStageSchema)) return found(GuardrailStageEnum);
  if (sameSchema(inner, jsonObjectSchema)) return found('JSON');
  // Sequence numbers are decimal strings everywhere in the API: they may outgrow GraphQL's Int.
  if (sameSchema(inner, auditSeqSchema))
    return found('String', (value) => (value == null ? null : String(value)));
  const def = inner._zod.def;
  switch (def.type) {
    case 'string':
    case 'enum':
      return found('String');
    case 'boolean':
      return found('Boolean');
    case 'number':
      return found((inner as z.ZodNumber).format === 'safeint' ? 'Int' : 'Float');
    case 'array': {
      const element = (inner as z.ZodArray<z.ZodType>).element;
      if (sameSchema(element, guardrailOutcomeSchema)) return found([GuardrailOutcomeRef]);
      if (element._zod.def.type === 'string') return found(['String']);
      break;
    }
  }
  throw new Error(`No GraphQL type for event data of zod type "${def.type}": omit the key or map it here`);
}

/** One field per key of `schema`, read from the object `read` returns for the parent. */
function dataFields<Parent, Data extends object>(
  t: FieldBuilder<Parent>,
  schema: z.ZodObject,
  read: (parent: Parent) => Data,
  options: DataFieldOptions<Data> = {},
): Record<string, AnyFieldRef> {
  const fields: Record<string, AnyFieldRef> = {};
  for (const [key, valueSchema] of Object.entries(schema.shape) as [keyof Data & string, z.ZodType][]) {
    if (options.omit?.includes(key)) continue;
    const { type, nullable, convert } = graphqlTypeOf(valueSchema);
    const note = options.nullable?.[key];
    const description = valueSchema.description;
    if (!description) throw new Error(`Event data key "${key}" has no description`);
    const field = t.field.bind(t) as (fieldOptions: object) => AnyFieldRef;
    fields[options.rename?.[key] ?? camelCase(key)] = field({
      type,
      nullable: nullable || note !== undefined,
      description: typeof note === 'string' ? `${description.replace(/\.$/, '')} (${note}).` : description,
      resolve: (parent: Parent) => convert(read(parent)[key]),
    });
  }
  return fields;
}

/** A `*Details` type for `eventType`: its description and data fields from the domain, plus `extra`. */
function detailsType<K extends AuditEventType>(
  eventType: K,
  name: string,
  options: DataFieldOptions<AuditEventDataMap[K]> & {
    extra?: (t: FieldBuilder<DetailsOf<K>>) => Record<string, AnyFieldRef>;
  } = {},
) {
  const { data, description } = AUDIT_EVENT_TYPES[eventType];
  return builder.objectRef<DetailsOf<K>>(name).implement({
    description,
    fields: (t) => ({
      ...dataFields(t, data, (d) => d.data, options),
      ...options.extra?.(t),
    }),
  });
}

const GuardrailOutcomeRef = builder.objectRef<GuardrailOutcome>('AuditGuardrailOutcome').implement({
  description: 'One guardrail verdict as recorded in the audit entry.',
  fields: (t) => dataFields(t, guardrailOutcomeSchema, (outcome) => outcome),
});

type RecommendationEvent =
  | 'recommendation_generated'
  | 'eligibility_checked'
  | 'tone_validated'
  | 'operator_action';

/** The recommendation an entry is about, from the entry or, in older entries, from its event data. */
const recommendationField =
  <K extends RecommendationEvent>(description: string) =>
  (t: FieldBuilder<DetailsOf<K>>) => ({
    recommendation: t.prismaField({
      type: 'Recommendation',
      nullable: true,
      description,
      resolve: (query, d, _args, ctx) =>
        load.recommendation(
          ctx,
          query,
          d.entry.recommendationId ??
            ('recommendation_id' in d.data ? (d.data.recommendation_id as string | undefined) : null),
        ),
    }),
  });

const assignmentField =
  <K extends 'persona_assigned' | 'persona_overridden'>(description: string) =>
  (t: FieldBuilder<DetailsOf<K>>) => ({
    assignment: t.prismaField({
      type: 'PersonaAssignment',
      nullable: true,
      description,
      resolve: (query, d, _args, ctx) => load.assignment(ctx, query, d.data.assignment_id),
    }),
  });

/** The archived or purged range, flat: the sequence numbers are always set but were published nullable. */
const rangeFields = <K extends 'audit_archived' | 'audit_purged'>(t: FieldBuilder<DetailsOf<K>>) =>
  dataFields(t, AUDIT_EVENT_TYPES.audit_archived.data.shape.range, (d) => d.data.range, {
    nullable: { first_seq: 'always set; nullable like AuditExportedDetails.firstSeq', last_seq: true },
  });

const DETAILS_TYPES = {
  recommendation_generated: detailsType('recommendation_generated', 'RecommendationGeneratedDetails', {
    extra: recommendationField('The recommendation, with its current status and guardrail details.'),
  }),
  consent_changed: detailsType('consent_changed', 'ConsentChangedDetails'),
  eligibility_checked: detailsType('eligibility_checked', 'EligibilityCheckedDetails', {
    omit: ['recommendation_id'],
    extra: recommendationField('The recommendation that was checked.'),
  }),
  tone_validated: detailsType('tone_validated', 'ToneValidatedDetails', {
    omit: ['recommendation_id'],
    extra: recommendationField('The recommendation whose wording was checked.'),
  }),
  operator_action: detailsType('operator_action', 'OperatorActionDetails', {
    omit: ['recommendation_id'],
    extra: recommendationField('The recommendation that was reviewed.'),
  }),
  persona_assigned: detailsType('persona_assigned', 'PersonaAssignedDetails', {
    omit: ['assignment_id'],
    nullable: { reason: 'always recorded; nullable like ConsentChangedDetails.reason' },
    extra: (t) => ({
      persona: t.field({
        type: PersonaRef,
        nullable: true,
        description: 'The persona definition; null when unclassified or no longer in the registry.',
        resolve: (d) => findPersona(d.data.persona_id),
      }),
      ...assignmentField<'persona_assigned'>('The stored assignment with its full decision trace.')(t),
    }),
  }),
  persona_overridden: detailsType('persona_overridden', 'PersonaOverriddenDetails', {
    omit: ['assignment_id'],
    nullable: { justification: 'always recorded; nullable like OperatorActionDetails.justification' },
    extra: assignmentField('The assignment the override created.'),
  }),
  login_attempt: detailsType('login_attempt', 'LoginAttemptDetails'),
  logout: detailsType('logout', 'LogoutDetails'),
  unauthorized_access: detailsType('unauthorized_access', 'UnauthorizedAccessDetails'),
  audit_exported: detailsType('audit_exported', 'AuditExportedDetails'),
  audit_archived: detailsType('audit_archived', 'AuditArchivedDetails', {
    omit: ['range'],
    nullable: { head_hash: 'always set' },
    extra: rangeFields,
  }),
  audit_purged: detailsType('audit_purged', 'AuditPurgedDetails', {
    omit: ['range'],
    nullable: { head_hash: 'always set' },
    extra: rangeFields,
  }),
  audit_checkpoint: detailsType('audit_checkpoint', 'AuditCheckpointDetails', {
    omit: ['checkpoint_version', 'signature'],
    rename: { seq: 'checkpointSeq' },
    extra: (t) =>
      dataFields<DetailsOf<'audit_checkpoint'>, AuditCheckpointData['signature']>(
        t,
        AUDIT_EVENT_TYPES.audit_checkpoint.data.shape.signature,
        (d) => d.data.signature,
        {
          omit: ['algorithm'],
          rename: { value: 'signature' },
        },
      ),
  }),
} as const;

export const AuditEventDetailsUnion = builder.unionType('AuditEventDetails', {
  description: 'The typed event data of an entry: one type per event type.',
  types: Object.values(DETAILS_TYPES),
  resolveType: (details: AuditDetails) => DETAILS_TYPES[details.eventType],
});
