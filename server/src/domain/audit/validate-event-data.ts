import type { z } from 'zod';
import { type AuditEntryContent, auditContentProblem } from './entry.js';
import {
  AUDIT_EVENT_TYPES,
  type AuditEvent,
  type AuditEventType,
  isAuditEventType,
  type SubjectPresence,
} from './event-types.js';

/**
 * Checks written data against its event type's schema (event-types.ts) before it is sealed into the chain,
 * where it can never be corrected. Unknown extra keys are allowed: more context is welcome, missing context
 * is not.
 */

export type EventDataValidation<K extends AuditEventType = AuditEventType> =
  | { valid: true; event: Extract<AuditEvent, { eventType: K }>; problems: readonly [] }
  | { valid: false; problems: readonly string[] };

/**
 * Checks that `data` has every required key of `eventType`'s schema with a value of the right kind.
 * On success the result carries the event, typed by its event type, with `data` itself as its event data
 * (never zod's parsed copy), so what is hashed is what was given.
 */
export function validateEventData<K extends AuditEventType>(
  eventType: K,
  data: unknown,
): EventDataValidation<K>;
export function validateEventData(eventType: string, data: unknown): EventDataValidation;
export function validateEventData(eventType: string, data: unknown): EventDataValidation {
  if (!isAuditEventType(eventType)) {
    return { valid: false, problems: [`unknown event type ${JSON.stringify(eventType)}`] };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { valid: false, problems: ['event_data must be a JSON object'] };
  }
  const result = AUDIT_EVENT_TYPES[eventType].data.safeParse(data);
  if (!result.success) {
    return {
      valid: false,
      problems: result.error.issues.map((issue) => problemText(eventType, data, issue)),
    };
  }
  return { valid: true, event: { eventType, eventData: data } as AuditEvent, problems: [] };
}

function problemText(eventType: AuditEventType, data: object, issue: z.core.$ZodIssue): string {
  const path = issue.path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
  const [key] = issue.path;
  const missing = issue.path.length === 1 && (data as Record<PropertyKey, unknown>)[key!] === undefined;
  return missing ? `event_data${path} is required for ${eventType}` : `event_data${path}: ${issue.message}`;
}

const SUBJECT_FIELDS = {
  user: 'userId',
  operator: 'operatorId',
  recommendation: 'recommendationId',
} as const;

/**
 * Everything wrong with an entry about to be written: its shape, its event type, which of user, operator and
 * recommendation it must or must not name, and its event data. Empty when it may be sealed.
 */
export function auditEntryProblems(content: AuditEntryContent): string[] {
  const shapeProblem = auditContentProblem(content);
  if (shapeProblem !== null) return [shapeProblem];
  const validation = validateEventData(content.eventType as string, content.eventData);
  if (!isAuditEventType(content.eventType)) return [...validation.problems];
  const problems: string[] = [];
  const carries = AUDIT_EVENT_TYPES[content.eventType].carries;
  for (const subject of Object.keys(SUBJECT_FIELDS) as (keyof typeof SUBJECT_FIELDS)[]) {
    const field = SUBJECT_FIELDS[subject];
    const presence: SubjectPresence = carries[subject];
    const value = content[field];
    if (presence === 'required' && value === null) {
      problems.push(`${field} is required for ${content.eventType}`);
    }
    if (presence === 'absent' && value !== null) {
      problems.push(`${field} must be null for ${content.eventType}`);
    }
  }
  const dataRecommendation = content.eventData['recommendation_id'];
  if (typeof dataRecommendation === 'string' && dataRecommendation !== content.recommendationId) {
    problems.push(
      `event_data.recommendation_id ${JSON.stringify(dataRecommendation)} differs from recommendationId ${JSON.stringify(content.recommendationId)}`,
    );
  }
  return [...problems, ...validation.problems];
}
