import { isSha256Hex } from './chain.js';
import { type AuditEntryContent, auditContentProblem } from './entry.js';
import {
  AUDIT_EVENT_TYPES,
  type AuditEvent,
  type AuditEventDataMap,
  type AuditEventType,
  isAuditEventType,
  type SubjectPresence,
} from './event-types.js';

/**
 * Checks written data against the shapes in eventTypes.ts before it is sealed into the chain, where it can
 * never be corrected. Unknown extra keys are allowed: more context is welcome, missing context is not.
 */

export type EventDataValidation<K extends AuditEventType = AuditEventType> =
  | { valid: true; event: Extract<AuditEvent, { eventType: K }>; problems: readonly [] }
  | { valid: false; problems: readonly string[] };

interface Rule {
  /** Completes "event_data.x must be …". */
  expected: string;
  test(value: unknown): boolean;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text: Rule = { expected: 'a string', test: (value) => typeof value === 'string' };
const nonEmptyText: Rule = {
  expected: 'a non-empty string',
  test: (value) => typeof value === 'string' && value.trim() !== '',
};
const flag: Rule = { expected: 'a boolean', test: (value) => typeof value === 'boolean' };
const count: Rule = {
  expected: 'an integer >= 0',
  test: (value) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0,
};
const seq: Rule = {
  expected: 'an integer >= 1',
  test: (value) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 1,
};
const seconds: Rule = {
  expected: 'a finite number >= 0',
  test: (value) => typeof value === 'number' && Number.isFinite(value) && value >= 0,
};
const fraction: Rule = {
  expected: 'a number between 0 and 1',
  test: (value) => typeof value === 'number' && value >= 0 && value <= 1,
};
const object: Rule = { expected: 'a JSON object', test: isPlainObject };
const hash: Rule = { expected: '64 lowercase hex characters', test: isSha256Hex };
const textList: Rule = {
  expected: 'an array of strings',
  test: (value) => Array.isArray(value) && value.every((item) => typeof item === 'string'),
};

function oneOf(...values: readonly string[]): Rule {
  return {
    expected: `one of ${values.map((value) => JSON.stringify(value)).join(', ')}`,
    test: (value) => typeof value === 'string' && values.includes(value),
  };
}

function nullable(rule: Rule): Rule {
  return { expected: `${rule.expected} or null`, test: (value) => value === null || rule.test(value) };
}

function record(fields: Record<string, Rule>, expected: string): Rule {
  return {
    expected,
    test: (value) =>
      isPlainObject(value) && Object.entries(fields).every(([key, rule]) => rule.test(value[key])),
  };
}

function listOf(rule: Rule, expected: string): Rule {
  return { expected, test: (value) => Array.isArray(value) && value.every((item) => rule.test(item)) };
}

const window = oneOf('D30', 'D180');
const consentStatus = oneOf('opted_in', 'opted_out');
const guardrailOutcome = record(
  { stage: oneOf('consent', 'eligibility', 'tone', 'disclaimer'), pass: flag, reason: nullable(text) },
  '{ stage, pass, reason }',
);
const seqRange = record({ first_seq: seq, last_seq: seq }, '{ first_seq, last_seq } with integers >= 1');

interface Shape {
  required: Record<string, Rule>;
  optional?: Record<string, Rule>;
}

const archiveShape: Shape = {
  required: {
    range: seqRange,
    row_count: count,
    archive_file: nonEmptyText,
    archive_sha256: hash,
    prev_hash_before_first: hash,
    head_hash: hash,
  },
};

const SHAPES: { [K in AuditEventType]: Shape } = {
  recommendation_generated: {
    required: {
      persona_id: nonEmptyText,
      window,
      content_id: nonEmptyText,
      content_type: oneOf('education', 'partner_offer'),
      title: nonEmptyText,
      rationale: nonEmptyText,
      passed_guardrails: flag,
      guardrail_results: listOf(guardrailOutcome, 'an array of { stage, pass, reason }'),
    },
  },
  consent_changed: {
    required: {
      old_status: nullable(consentStatus),
      new_status: consentStatus,
      consent_version: nonEmptyText,
      changed_via: oneOf('web', 'api', 'operator_action', 'system'),
    },
    optional: { reason: nullable(text) },
  },
  eligibility_checked: {
    required: {
      recommendation_id: nonEmptyText,
      pass: flag,
      failure_reasons: textList,
      thresholds: object,
      user_values: object,
    },
  },
  tone_validated: {
    required: {
      pass: flag,
      detected_violations: textList,
      category: nullable(text),
      severity: nullable(oneOf('warning', 'critical')),
      original_text: text,
    },
    optional: { recommendation_id: nonEmptyText },
  },
  operator_action: {
    required: {
      action: oneOf('approved', 'overridden', 'flagged'),
      justification: nullable(text),
      review_time_seconds: nullable(seconds),
      original_status: nonEmptyText,
      new_status: nonEmptyText,
    },
    optional: { recommendation_id: nonEmptyText },
  },
  persona_assigned: {
    required: {
      window,
      persona_id: nonEmptyText,
      qualifying_personas: textList,
      evidence_summary: object,
      reason: nonEmptyText,
      confidence: fraction,
      registry_version: nonEmptyText,
      assignment_id: nonEmptyText,
    },
  },
  persona_overridden: {
    required: {
      window,
      old_persona: nullable(nonEmptyText),
      new_persona: nonEmptyText,
      justification: nonEmptyText,
      assignment_id: nonEmptyText,
    },
  },
  login_attempt: {
    required: { status: oneOf('success', 'failure'), username: text, failure_reason: nullable(text) },
  },
  unauthorized_access: {
    required: { field_path: nonEmptyText, required_scopes: textList, operator_role: nullable(nonEmptyText) },
  },
  audit_exported: {
    required: {
      format: oneOf('csv', 'json', 'ndjson'),
      filters: object,
      row_count: count,
      first_seq: nullable(seq),
      last_seq: nullable(seq),
    },
    optional: { head_hash: nullable(hash) },
  },
  audit_archived: archiveShape,
  audit_purged: archiveShape,
  audit_checkpoint: {
    required: {
      checkpoint_version: { expected: '1', test: (value) => value === 1 },
      seq,
      head_hash: hash,
      signed_at: nonEmptyText,
      signature: record(
        { algorithm: oneOf('Ed25519'), key_id: nonEmptyText, value: nonEmptyText },
        '{ algorithm, key_id, value }',
      ),
    },
  },
};

/**
 * Checks that `data` has every required key of `eventType`'s shape with a value of the right kind.
 * On success the result carries the event, typed by its event type.
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
  if (!isPlainObject(data)) return { valid: false, problems: ['event_data must be a JSON object'] };
  const shape = SHAPES[eventType];
  const problems: string[] = [];
  for (const [key, rule] of Object.entries(shape.required)) {
    if (!Object.hasOwn(data, key) || data[key] === undefined) {
      problems.push(`event_data.${key} is required for ${eventType}`);
    } else if (!rule.test(data[key])) {
      problems.push(`event_data.${key} must be ${rule.expected}`);
    }
  }
  for (const [key, rule] of Object.entries(shape.optional ?? {})) {
    if (data[key] !== undefined && !rule.test(data[key])) {
      problems.push(`event_data.${key} must be ${rule.expected} when present`);
    }
  }
  if (problems.length > 0) return { valid: false, problems };
  const eventData = data as AuditEventDataMap[typeof eventType];
  return { valid: true, event: { eventType, eventData } as AuditEvent, problems: [] };
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
