import {
  AUDIT_EVENT_TYPE_NAMES,
  AUDIT_EVENT_TYPES,
  type AuditEventType,
  type AuditFilter,
} from '../domain/audit/index.js';
import { type AuditFilterInput, parseAuditFilter } from '../services/audit/filter-input.js';
import { builder } from './builder.js';

export const AuditEventTypeEnum = builder.enumType('AuditEventType', {
  description: 'What an audit entry records. Exports spell these in lower case, e.g. persona_assigned.',
  values: Object.fromEntries(
    AUDIT_EVENT_TYPE_NAMES.map((name) => [
      name.toUpperCase(),
      { value: name, description: AUDIT_EVENT_TYPES[name].description },
    ]),
  ) as Record<Uppercase<AuditEventType>, { value: AuditEventType; description: string }>,
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
    includeArchived: t.boolean({
      required: false,
      description:
        'Also search the monthly Parquet archives (entries past the active window, RETENTION.md), merged in sequence order with the same cursors; totalCount counts them too, and auditEntryAdded replays them after afterSeq. Purged months are gone. Default false.',
    }),
  }),
});

/** Turns the GraphQL filter input into the domain filter (one parser for every entry point). */
export function toAuditFilter(input: AuditFilterInput | null | undefined): AuditFilter {
  return parseAuditFilter(input, 'filter.');
}
