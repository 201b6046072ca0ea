import type { JsonObject } from '../canonical-json.js';

/**
 * Every kind of audit event, with the shape of its `event_data`. Keys inside event data are snake_case, as in
 * the audit-log guide, because they are what exports, archives and SQL (`event_data->>'new_status'`) show.
 *
 * Data shapes are type aliases rather than interfaces so that they stay assignable to {@link JsonObject}.
 */

/** Whether an entry of a given type names a user, an operator, a recommendation. */
export type SubjectPresence = 'required' | 'optional' | 'absent';

export interface AuditEventTypeInfo {
  description: string;
  carries: { user: SubjectPresence; operator: SubjectPresence; recommendation: SubjectPresence };
}

export const AUDIT_EVENT_TYPES = {
  recommendation_generated: {
    description: 'The engine produced a recommendation for a user, with its rationale and guardrail results.',
    carries: { user: 'required', operator: 'absent', recommendation: 'required' },
  },
  consent_changed: {
    description: "A user's opt-in/opt-out status changed (by the user, or by an operator on their behalf).",
    carries: { user: 'required', operator: 'optional', recommendation: 'absent' },
  },
  eligibility_checked: {
    description: 'The eligibility guardrail checked a recommendation against the user (age, income, ...).',
    carries: { user: 'required', operator: 'absent', recommendation: 'required' },
  },
  tone_validated: {
    description: 'The tone guardrail checked the wording of a recommendation for shaming or pressure.',
    carries: { user: 'required', operator: 'absent', recommendation: 'required' },
  },
  operator_action: {
    description: 'An operator approved, overrode or flagged a recommendation in the review queue.',
    carries: { user: 'required', operator: 'required', recommendation: 'required' },
  },
  persona_assigned: {
    description: 'The engine assigned a persona (or unclassified) to a user for one window.',
    carries: { user: 'required', operator: 'absent', recommendation: 'absent' },
  },
  persona_overridden: {
    description: "An admin replaced a user's assigned persona by hand, with a justification.",
    carries: { user: 'required', operator: 'required', recommendation: 'absent' },
  },
  login_attempt: {
    description: 'An operator tried to sign in; a failure for an unknown username names no operator.',
    carries: { user: 'absent', operator: 'optional', recommendation: 'absent' },
  },
  unauthorized_access: {
    description: 'A request was denied a field or operation; anonymous requests name no operator.',
    carries: { user: 'absent', operator: 'optional', recommendation: 'absent' },
  },
  audit_exported: {
    description: 'An operator exported audit entries (who exported what, in which format, which range).',
    carries: { user: 'absent', operator: 'required', recommendation: 'absent' },
  },
  audit_archived: {
    description: 'A range of entries was written to an archive file and removed from the active table.',
    carries: { user: 'absent', operator: 'optional', recommendation: 'absent' },
  },
  audit_purged: {
    description: 'An archive reached the end of its retention period and was deleted.',
    carries: { user: 'absent', operator: 'optional', recommendation: 'absent' },
  },
  audit_checkpoint: {
    description:
      'The chain head was signed (Ed25519) and written to the checkpoint log kept outside the database.',
    carries: { user: 'absent', operator: 'absent', recommendation: 'absent' },
  },
} as const satisfies Record<string, AuditEventTypeInfo>;

export type AuditEventType = keyof typeof AUDIT_EVENT_TYPES;

export const AUDIT_EVENT_TYPE_NAMES = Object.freeze(
  Object.keys(AUDIT_EVENT_TYPES),
) as readonly AuditEventType[];

export function isAuditEventType(value: unknown): value is AuditEventType {
  return typeof value === 'string' && Object.hasOwn(AUDIT_EVENT_TYPES, value);
}

/** The analysis window, spelled as the `TimeWindow` database enum and `SignalWindow` spell it. */
export type AuditWindow = 'D30' | 'D180';
export type ConsentStatus = 'opted_in' | 'opted_out';
/** How a consent change arrived; `system` is for seeded and migrated data. */
export type ConsentChannel = 'web' | 'api' | 'operator_action' | 'system';
export type GuardrailStage = 'consent' | 'eligibility' | 'tone' | 'disclaimer';
export type ToneSeverity = 'warning' | 'critical';
export type ReviewAction = 'approved' | 'overridden' | 'flagged';
export type AuditExportFormat = 'csv' | 'json' | 'ndjson';

/** One guardrail's verdict; stages after the first failure are absent because the pipeline stops there. */
export type GuardrailOutcome = { stage: GuardrailStage; pass: boolean; reason: string | null };

export type RecommendationGeneratedData = {
  persona_id: string;
  window: AuditWindow;
  content_id: string;
  content_type: 'education' | 'partner_offer';
  title: string;
  /** The "because" sentence shown to the user, citing their own numbers. */
  rationale: string;
  passed_guardrails: boolean;
  /** In run order: consent, eligibility, tone, disclaimer. */
  guardrail_results: GuardrailOutcome[];
};

export type ConsentChangedData = {
  /** Null when the user had never answered before. */
  old_status: ConsentStatus | null;
  new_status: ConsentStatus;
  consent_version: string;
  changed_via: ConsentChannel;
  reason?: string | null;
};

export type EligibilityCheckedData = {
  recommendation_id: string;
  pass: boolean;
  /** Stable codes such as `age_below_18`, `income_below_threshold`; empty when the check passed. */
  failure_reasons: string[];
  thresholds: JsonObject;
  user_values: JsonObject;
};

export type ToneValidatedData = {
  recommendation_id?: string;
  pass: boolean;
  /** The phrases that were found; empty when the check passed. */
  detected_violations: string[];
  /** For example `shame_based`, `pressure`, `misleading`; null when the check passed. */
  category: string | null;
  severity: ToneSeverity | null;
  original_text: string;
};

export type OperatorActionData = {
  recommendation_id?: string;
  action: ReviewAction;
  justification: string | null;
  review_time_seconds: number | null;
  original_status: string;
  new_status: string;
};

export type PersonaAssignedData = {
  window: AuditWindow;
  /** The persona id, or `unclassified` when none matched (then `reason` says why). */
  persona_id: string;
  /** Every persona whose criteria matched, highest priority first. */
  qualifying_personas: string[];
  /** The signal values that decided the assignment, keyed by signal. */
  evidence_summary: JsonObject;
  reason: string;
  /** 0..1 */
  confidence: number;
  registry_version: string;
  assignment_id: string;
};

export type PersonaOverriddenData = {
  window: AuditWindow;
  old_persona: string | null;
  new_persona: string;
  justification: string;
  assignment_id: string;
};

export type LoginAttemptData = {
  status: 'success' | 'failure';
  username: string;
  failure_reason: string | null;
};

export type UnauthorizedAccessData = {
  /** The GraphQL path that was denied, for example `Query.auditLog`. */
  field_path: string;
  required_scopes: string[];
  /** Null for an anonymous request. */
  operator_role: string | null;
};

export type AuditExportedData = {
  format: AuditExportFormat;
  filters: JsonObject;
  row_count: number;
  /** Null when the export was empty. */
  first_seq: number | null;
  last_seq: number | null;
  /** Hash of the last exported row, so the file handed out can later be matched to this entry. */
  head_hash?: string | null;
};

export type AuditSeqRange = { first_seq: number; last_seq: number };

/**
 * Both archival and purge leave a gap at the start of the active chain. `prev_hash_before_first` and
 * `head_hash` are the anchors that keep the chain verifiable across it: verification of what remains starts
 * from `head_hash` at `range.last_seq + 1`.
 */
export type AuditArchivedData = {
  range: AuditSeqRange;
  row_count: number;
  archive_file: string;
  /** sha256 of the archive file's bytes. */
  archive_sha256: string;
  prev_hash_before_first: string;
  head_hash: string;
};

export type AuditPurgedData = {
  range: AuditSeqRange;
  row_count: number;
  archive_file: string;
  archive_sha256: string;
  prev_hash_before_first: string;
  head_hash: string;
};

/** A signed checkpoint of the chain head, as written to the checkpoint log (see checkpoint.ts). */
export type AuditCheckpointData = {
  checkpoint_version: 1;
  seq: number;
  head_hash: string;
  signed_at: string;
  signature: { algorithm: 'Ed25519'; key_id: string; value: string };
};

export interface AuditEventDataMap {
  recommendation_generated: RecommendationGeneratedData;
  consent_changed: ConsentChangedData;
  eligibility_checked: EligibilityCheckedData;
  tone_validated: ToneValidatedData;
  operator_action: OperatorActionData;
  persona_assigned: PersonaAssignedData;
  persona_overridden: PersonaOverriddenData;
  login_attempt: LoginAttemptData;
  unauthorized_access: UnauthorizedAccessData;
  audit_exported: AuditExportedData;
  audit_archived: AuditArchivedData;
  audit_purged: AuditPurgedData;
  audit_checkpoint: AuditCheckpointData;
}

/** An event type with the data that belongs to it; narrowing on `eventType` types `eventData`. */
export type AuditEvent = {
  [K in AuditEventType]: { eventType: K; eventData: AuditEventDataMap[K] };
}[AuditEventType];
