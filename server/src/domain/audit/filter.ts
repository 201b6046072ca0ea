import type { AuditEventType } from './event-types.js';

/**
 * Which audit entries a reader wants: the same filter drives the audit log query, live subscriptions and
 * exports, so what a compliance officer sees, watches and downloads always agree.
 * Every given criterion must hold; within `eventTypes` any listed type matches.
 */
export interface AuditFilter {
  eventTypes?: readonly AuditEventType[] | null;
  userId?: string | null;
  operatorId?: string | null;
  recommendationId?: string | null;
  /** Inclusive lower bound on occurredAt. */
  from?: Date | null;
  /** Inclusive upper bound on occurredAt. */
  to?: Date | null;
}

/** The fields of an entry a filter looks at. */
export interface FilterableAuditEntry {
  eventType: string;
  userId: string | null;
  operatorId: string | null;
  recommendationId: string | null;
  occurredAt: Date;
}

/** Why a filter cannot be used, or an empty list. */
export function auditFilterProblems(filter: AuditFilter): string[] {
  const problems: string[] = [];
  if (filter.from && Number.isNaN(filter.from.getTime())) problems.push('from is not a valid instant');
  if (filter.to && Number.isNaN(filter.to.getTime())) problems.push('to is not a valid instant');
  if (filter.from && filter.to && filter.from.getTime() > filter.to.getTime()) {
    problems.push('from must not be after to');
  }
  if (filter.eventTypes && filter.eventTypes.length === 0)
    problems.push('eventTypes must not be empty when given');
  return problems;
}

export function matchesAuditFilter(entry: FilterableAuditEntry, filter: AuditFilter): boolean {
  if (filter.eventTypes && !filter.eventTypes.includes(entry.eventType as AuditEventType)) return false;
  if (filter.userId && entry.userId !== filter.userId) return false;
  if (filter.operatorId && entry.operatorId !== filter.operatorId) return false;
  if (filter.recommendationId && entry.recommendationId !== filter.recommendationId) return false;
  if (filter.from && entry.occurredAt.getTime() < filter.from.getTime()) return false;
  if (filter.to && entry.occurredAt.getTime() > filter.to.getTime()) return false;
  return true;
}
