import {
  AUDIT_EVENT_TYPE_NAMES,
  type AuditEventType,
  type AuditFilter,
  auditFilterProblems,
} from '../domain/audit/index.js';
import { badInput } from '../errors.js';
import { builder } from './builder.js';

export const AuditEventTypeEnum = builder.enumType('AuditEventType', {
  description: 'What an audit entry records. Exports spell these in lower case, e.g. persona_assigned.',
  values: Object.fromEntries(
    AUDIT_EVENT_TYPE_NAMES.map((name) => [name.toUpperCase(), { value: name }]),
  ) as Record<Uppercase<AuditEventType>, { value: AuditEventType }>,
});

export const AuditLogFilterInput = builder.inputType('AuditLogFilter', {
  description:
    'Which audit entries to return. Every given field must match; any of the listed event types matches.',
  fields: (t) => ({
    eventTypes: t.field({ type: [AuditEventTypeEnum], required: false, description: 'Any of these types.' }),
    userId: t.globalID({ required: false, description: 'Global ID of a customer (User).' }),
    operatorId: t.globalID({ required: false, description: 'Global ID of an Operator.' }),
    recommendationId: t.globalID({ required: false, description: 'Global ID of a Recommendation.' }),
    from: t.field({ type: 'DateTime', required: false, description: 'Entries at or after this instant.' }),
    to: t.field({ type: 'DateTime', required: false, description: 'Entries at or before this instant.' }),
  }),
});

type GlobalId = { typename: string; id: string } | null | undefined;

function idOf(value: GlobalId, typename: string, field: string): string | null {
  if (!value) return null;
  if (value.typename !== typename) {
    throw badInput(`filter.${field} must be the global ID of a ${typename}`, { field: `filter.${field}` });
  }
  return value.id;
}

/** Turns the GraphQL filter input into the domain filter, rejecting unusable combinations as BAD_USER_INPUT. */
export function toAuditFilter(
  input:
    | {
        eventTypes?: readonly AuditEventType[] | null;
        userId?: GlobalId;
        operatorId?: GlobalId;
        recommendationId?: GlobalId;
        from?: Date | null;
        to?: Date | null;
      }
    | null
    | undefined,
): AuditFilter {
  if (!input) return {};
  const filter: AuditFilter = {
    eventTypes: input.eventTypes ?? null,
    userId: idOf(input.userId, 'User', 'userId'),
    operatorId: idOf(input.operatorId, 'Operator', 'operatorId'),
    recommendationId: idOf(input.recommendationId, 'Recommendation', 'recommendationId'),
    from: input.from ?? null,
    to: input.to ?? null,
  };
  const problems = auditFilterProblems(filter);
  if (problems.length > 0) throw badInput(`Invalid audit filter: ${problems.join('; ')}`, { problems });
  return filter;
}
