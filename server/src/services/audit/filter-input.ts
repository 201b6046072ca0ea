import { type AuditEventType, type AuditFilter, isAuditEventType } from '../../domain/audit/index.js';
import { isUuid } from '../../domain/identifiers.js';
import { badInput } from '../../errors.js';

/** A decoded Relay global ID. */
export interface GlobalIdValue {
  typename: string;
  id: string;
}

/** An audit filter as callers send it, after their transport decoded it (GraphQL input or export query string). */
export interface AuditFilterInput {
  /** Event type names in lower case (`persona_assigned`). */
  eventTypes?: readonly string[] | null;
  userId?: GlobalIdValue | null;
  operatorId?: GlobalIdValue | null;
  recommendationId?: GlobalIdValue | null;
  from?: Date | null;
  to?: Date | null;
}

const ID_FIELDS = [
  ['userId', 'User', false],
  ['operatorId', 'Operator', true],
  ['recommendationId', 'Recommendation', true],
] as const;

/**
 * The one parser of audit filters, for the audit log, live subscriptions and exports alike: every problem is
 * a BAD_USER_INPUT naming the field (`prefix` + field, e.g. `filter.userId` in GraphQL, `userId` in a query
 * string). Ids must be global IDs of the right type (operators and recommendations are UUIDs), event types
 * known and listed at least once, `from` not after `to`.
 */
export function parseAuditFilter(input: AuditFilterInput | null | undefined, prefix = ''): AuditFilter {
  if (!input) return {};
  const filter: AuditFilter = { from: input.from ?? null, to: input.to ?? null, eventTypes: null };
  if (input.eventTypes !== undefined && input.eventTypes !== null) {
    const field = `${prefix}eventTypes`;
    if (input.eventTypes.length === 0)
      throw badInput(`${field} must list at least one event type`, { field });
    for (const name of input.eventTypes) {
      if (!isAuditEventType(name)) throw badInput(`Unknown event type "${name}"`, { field });
    }
    filter.eventTypes = [...new Set(input.eventTypes)] as AuditEventType[];
  }
  for (const [key, typename, uuid] of ID_FIELDS) {
    const value = input[key];
    if (!value) {
      filter[key] = null;
      continue;
    }
    const field = `${prefix}${key}`;
    if (value.typename !== typename || (uuid && !isUuid(value.id))) {
      throw badInput(`${field} must be the global ID of a ${typename}`, { field });
    }
    filter[key] = value.id;
  }
  for (const [key, date] of [
    ['from', filter.from],
    ['to', filter.to],
  ] as const) {
    if (date && Number.isNaN(date.getTime())) {
      throw badInput(`${prefix}${key} is not a valid instant`, { field: `${prefix}${key}` });
    }
  }
  if (filter.from && filter.to && filter.from.getTime() > filter.to.getTime()) {
    throw badInput('from must not be after to', { field: `${prefix}from` });
  }
  return filter;
}
