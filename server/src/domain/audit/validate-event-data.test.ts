import { describe, expect, it } from 'vitest';
import { buildChain } from '../../../test-support/audit-chain.js';
import type { AuditEntryContent } from './entry.js';
import {
  AUDIT_EVENT_TYPE_NAMES,
  AUDIT_EVENT_TYPES,
  type AuditEventDataMap,
  type AuditEventType,
} from './event-types.js';
import { auditEntryProblems, validateEventData } from './validate-event-data.js';

const HASH = 'ab'.repeat(32);

const validData: { [K in AuditEventType]: AuditEventDataMap[K] } = {
  recommendation_generated: {
    persona_id: 'high_utilization',
    window: 'D30',
    content_id: 'edu_credit_utilization',
    content_type: 'education',
    title: 'Understanding credit utilization',
    rationale: 'Your Visa ending in 4523 is at 68% utilization ($3,400 of $5,000).',
    passed_guardrails: true,
    guardrail_results: [
      { stage: 'consent', pass: true, reason: null },
      { stage: 'eligibility', pass: true, reason: null },
      { stage: 'tone', pass: true, reason: null },
      { stage: 'disclaimer', pass: true, reason: null },
    ],
  },
  consent_changed: { old_status: null, new_status: 'opted_in', consent_version: '1.0', changed_via: 'web' },
  eligibility_checked: {
    recommendation_id: 'rec_123',
    pass: false,
    failure_reasons: ['age_below_18', 'income_below_threshold'],
    thresholds: { age: 18, income: 20000 },
    user_values: { age: 17, income: 15000 },
  },
  tone_validated: {
    recommendation_id: 'rec_456',
    pass: false,
    detected_violations: ['irresponsible', 'bad with money'],
    category: 'shame_based',
    severity: 'critical',
    original_text: "You're irresponsible with money...",
  },
  operator_action: {
    action: 'overridden',
    justification: "Content not appropriate for user's financial situation",
    review_time_seconds: 120,
    original_status: 'pending',
    new_status: 'overridden',
  },
  persona_assigned: {
    window: 'D180',
    persona_id: 'unclassified',
    qualifying_personas: [],
    evidence_summary: {},
    reason: 'No persona criteria matched',
    confidence: 0,
    registry_version: '2026.1',
    assignment_id: 'pa_1',
  },
  persona_overridden: {
    window: 'D30',
    old_persona: 'high_utilization',
    new_persona: 'savings_builder',
    justification: 'One-off balance transfer',
    assignment_id: 'pa_2',
  },
  login_attempt: { status: 'failure', username: 'admin', failure_reason: 'invalid_password' },
  logout: { username: 'admin', session_started_at: '2026-11-22T07:02:49.123Z' },
  unauthorized_access: { field_path: 'Query.auditLog', required_scopes: ['compliance'], operator_role: null },
  audit_exported: { format: 'csv', filters: {}, row_count: 0, first_seq: null, last_seq: null },
  audit_archived: {
    range: { first_seq: 1, last_seq: 10 },
    row_count: 10,
    archive_file: 'data/audit_archives/2026-01/part-0001.parquet',
    archive_sha256: HASH,
    prev_hash_before_first: '0'.repeat(64),
    head_hash: HASH,
  },
  audit_purged: {
    range: { first_seq: 1, last_seq: 10 },
    row_count: 10,
    archive_file: 'data/audit_archives/2026-01/part-0001.parquet',
    archive_sha256: HASH,
    prev_hash_before_first: '0'.repeat(64),
    head_hash: HASH,
  },
  audit_checkpoint: {
    checkpoint_version: 1,
    seq: 10,
    head_hash: HASH,
    signed_at: '2026-11-22T07:02:49.123Z',
    signature: { algorithm: 'Ed25519', key_id: '0123456789abcdef', value: 'c2lnbmF0dXJl' },
  },
};

describe('AUDIT_EVENT_TYPES', () => {
  it('lists the ten product event types and the four the trail needs about itself', () => {
    expect(AUDIT_EVENT_TYPE_NAMES).toEqual([
      'recommendation_generated',
      'consent_changed',
      'eligibility_checked',
      'tone_validated',
      'operator_action',
      'persona_assigned',
      'persona_overridden',
      'login_attempt',
      'unauthorized_access',
      'audit_exported',
      'audit_archived',
      'audit_purged',
      'audit_checkpoint',
      'logout',
    ]);
  });

  it('says which subjects an operator action carries', () => {
    expect(AUDIT_EVENT_TYPES.operator_action.carries).toEqual({
      user: 'required',
      operator: 'required',
      recommendation: 'required',
    });
  });
});

describe('validateEventData', () => {
  it.each(AUDIT_EVENT_TYPE_NAMES)('accepts a complete %s and returns the typed event', (eventType) => {
    const result = validateEventData(eventType, validData[eventType]);
    expect(result).toEqual({
      valid: true,
      event: { eventType, eventData: validData[eventType] },
      problems: [],
    });
  });

  it.each<[AuditEventType, number]>([
    ['recommendation_generated', 8],
    ['consent_changed', 4],
    ['eligibility_checked', 5],
    ['tone_validated', 5],
    ['operator_action', 5],
    ['persona_assigned', 8],
    ['persona_overridden', 5],
    ['login_attempt', 3],
    ['logout', 2],
    ['unauthorized_access', 3],
    ['audit_exported', 5],
    ['audit_archived', 6],
    ['audit_purged', 6],
  ])('names each of the required keys missing from an empty %s (%i)', (eventType, requiredCount) => {
    const result = validateEventData(eventType, {});
    expect(result.valid).toBe(false);
    expect(result.problems).toHaveLength(requiredCount);
    for (const problem of result.problems) {
      expect(problem).toMatch(new RegExp(`^event_data\\.\\w+ is required for ${eventType}$`));
    }
  });

  it('types the event data after narrowing', () => {
    const result = validateEventData('consent_changed', validData.consent_changed);
    if (!result.valid) throw new Error('expected valid');
    const newStatus: 'opted_in' | 'opted_out' = result.event.eventData.new_status;
    expect(newStatus).toBe('opted_in');
  });

  it('names a missing key and a value of the wrong kind', () => {
    const { pass: _dropped, ...withoutPass } = validData.eligibility_checked;
    expect(
      validateEventData('eligibility_checked', { ...withoutPass, failure_reasons: 'age' }).problems,
    ).toEqual([
      'event_data.pass is required for eligibility_checked',
      'event_data.failure_reasons: Invalid input: expected array, received string',
    ]);
  });

  it('holds enumerations to their values', () => {
    expect(
      validateEventData('operator_action', { ...validData.operator_action, action: 'rejected' }).problems,
    ).toEqual(['event_data.action: Invalid option: expected one of "approved"|"overridden"|"flagged"']);
    expect(
      validateEventData('persona_assigned', { ...validData.persona_assigned, window: '30d' }).problems,
    ).toEqual(['event_data.window: Invalid option: expected one of "D30"|"D180"']);
  });

  it('allows null only where the shape says so', () => {
    expect(
      validateEventData('consent_changed', { ...validData.consent_changed, new_status: null }).problems,
    ).toEqual(['event_data.new_status: Invalid option: expected one of "opted_in"|"opted_out"']);
    expect(
      validateEventData('consent_changed', { ...validData.consent_changed, old_status: null }).valid,
    ).toBe(true);
  });

  it('checks the bounds of numbers on both sides', () => {
    const confidence = (value: number) =>
      validateEventData('persona_assigned', { ...validData.persona_assigned, confidence: value }).valid;
    expect([confidence(-0.01), confidence(0), confidence(1), confidence(1.01)]).toEqual([
      false,
      true,
      true,
      false,
    ]);
    const rowCount = (value: number) =>
      validateEventData('audit_exported', { ...validData.audit_exported, row_count: value }).valid;
    expect([rowCount(-1), rowCount(0), rowCount(2.5)]).toEqual([false, true, false]);
  });

  it('checks the elements of guardrail results and the hashes of an archive', () => {
    const badStage = {
      ...validData.recommendation_generated,
      guardrail_results: [{ stage: 'spelling', pass: true, reason: null }],
    };
    expect(validateEventData('recommendation_generated', badStage).problems).toEqual([
      'event_data.guardrail_results[0].stage: Invalid option: expected one of "consent"|"eligibility"|"tone"|"disclaimer"',
    ]);
    expect(
      validateEventData('audit_archived', { ...validData.audit_archived, head_hash: HASH.toUpperCase() })
        .problems,
    ).toEqual(['event_data.head_hash: Expected 64 lowercase hex characters']);
  });

  it('allows extra keys but checks optional ones when present', () => {
    expect(validateEventData('login_attempt', { ...validData.login_attempt, attempt: 3 }).valid).toBe(true);
    expect(
      validateEventData('tone_validated', { ...validData.tone_validated, recommendation_id: 5 }).problems,
    ).toEqual(['event_data.recommendation_id: Invalid input: expected string, received number']);
  });

  it('refuses unknown event types and data that is not an object', () => {
    expect(validateEventData('coffee_brewed', {}).problems).toEqual(['unknown event type "coffee_brewed"']);
    expect(validateEventData('login_attempt', ['success']).problems).toEqual([
      'event_data must be a JSON object',
    ]);
    expect(validateEventData('login_attempt', null).problems).toEqual(['event_data must be a JSON object']);
  });
});

describe('auditEntryProblems', () => {
  const action: AuditEntryContent = {
    logId: 'log_1',
    eventType: 'operator_action',
    userId: 'user_001',
    operatorId: 'op_reviewer_002',
    recommendationId: 'rec_789',
    occurredAt: '2026-11-22T07:02:49.123Z',
    eventData: validData.operator_action,
    ipAddress: '10.0.0.1',
    userAgent: 'Mozilla/5.0',
  };

  it('accepts a well-formed operator action', () => {
    expect(auditEntryProblems(action)).toEqual([]);
  });

  it('requires the subjects its event type carries and refuses the ones it cannot', () => {
    expect(auditEntryProblems({ ...action, operatorId: null })).toEqual([
      'operatorId is required for operator_action',
    ]);
    expect(
      auditEntryProblems({
        ...action,
        eventType: 'login_attempt',
        userId: 'user_001',
        eventData: validData.login_attempt,
      }),
    ).toEqual(['userId must be null for login_attempt', 'recommendationId must be null for login_attempt']);
  });

  it('refuses a recommendation id in event data that differs from the entry', () => {
    expect(
      auditEntryProblems({
        ...action,
        eventData: { ...validData.operator_action, recommendation_id: 'rec_1' },
      }),
    ).toEqual(['event_data.recommendation_id "rec_1" differs from recommendationId "rec_789"']);
  });

  it('reports a shape problem before anything else', () => {
    expect(auditEntryProblems({ ...action, occurredAt: '2026-11-22' })).toHaveLength(1);
  });

  it('finds nothing wrong in any entry of a generated chain, which covers every event type', () => {
    const entries = buildChain(400, 3);
    expect(new Set(entries.map((entry) => entry.eventType)).size).toBe(AUDIT_EVENT_TYPE_NAMES.length);
    expect(
      entries.flatMap((entry) => auditEntryProblems(entry).map((problem) => `${entry.seq}: ${problem}`)),
    ).toEqual([]);
  });
});
