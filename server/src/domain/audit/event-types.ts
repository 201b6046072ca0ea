import { z } from 'zod';
import type { JsonObject } from '../canonical-json.js';
import { isSha256Hex } from './canonical-entry.js';

/**
 * Every kind of audit event, with the shape of its `event_data`: one zod schema per event type, the only place
 * a shape is written. The TypeScript types, the check run before an entry is sealed (validate-event-data.ts),
 * the GraphQL `*Details` types (schema/audit-event-details.ts) and a test of the database enum derive from it.
 *
 * Keys inside event data are snake_case, as in the audit-log guide, because they are what exports, archives
 * and SQL (`event_data->>'new_status'`) show. Each key's description is also its GraphQL field description.
 * Objects keep zod's default of ignoring unknown keys: more context is welcome, missing context is not; and
 * validation never rewrites the data, so what is hashed is exactly what the caller built.
 */

/** Whether an entry of a given type names a user, an operator, a recommendation. */
export type SubjectPresence = 'required' | 'optional' | 'absent';

const text = z.string();
const nonEmptyText = z.string().refine((value) => value.trim() !== '', 'Expected a non-empty string');
const textList = z.array(z.string());
const count = z.int().min(0);
const fraction = z.number().min(0).max(1);
const sha256Hex = z.string().refine(isSha256Hex, 'Expected 64 lowercase hex characters');

/** A sequence number of the chain: a JSON number in event data (entries are far below 2^53). */
export const auditSeqSchema = z.int().min(1);
/** A nested JSON object whose keys are not fixed (thresholds, evidence, filters). */
export const jsonObjectSchema = z.custom<JsonObject>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  'Expected a JSON object',
);
/** The analysis window, spelled as the `TimeWindow` database enum and `SignalWindow` spell it. */
export const auditWindowSchema = z.enum(['D30', 'D180']);
export const guardrailStageSchema = z.enum(['consent', 'eligibility', 'tone', 'disclaimer']);
/** One guardrail's verdict; stages after the first failure are absent because the pipeline stops there. */
export const guardrailOutcomeSchema = z.object({
  stage: guardrailStageSchema.describe('Which guardrail.'),
  pass: z.boolean().describe('Whether it passed.'),
  reason: text.nullable().describe('Why it failed; null when it passed.'),
});

const consentStatus = z.enum(['opted_in', 'opted_out']);
/** How a consent change arrived; `system` is for seeded and migrated data. */
const consentChannel = z.enum(['web', 'api', 'operator_action', 'system']);
const toneSeverity = z.enum(['warning', 'critical']);
const reviewAction = z.enum(['approved', 'overridden', 'flagged']);
const exportFormat = z.enum(['csv', 'json', 'ndjson']);

/**
 * Both archival and purge leave a gap at the start of the active chain. `prev_hash_before_first` and
 * `head_hash` are the anchors that keep the chain verifiable across it: verification of what remains starts
 * from `head_hash` at `range.last_seq + 1`.
 */
const archivedRange = z.object({
  range: z.object({
    first_seq: auditSeqSchema.describe('First entry of the range.'),
    last_seq: auditSeqSchema.describe('Last entry of the range.'),
  }),
  row_count: count.describe('How many entries.'),
  archive_file: nonEmptyText.describe('Name of the archive file.'),
  archive_sha256: sha256Hex.describe("sha256 of the archive file's bytes."),
  prev_hash_before_first: sha256Hex.describe('The hash the first entry of the range links to.'),
  head_hash: sha256Hex.describe(
    'Hash of the last entry of the range: where the active chain continues from.',
  ),
});

const eventType = <Data extends z.ZodObject>(info: {
  description: string;
  carries: { user: SubjectPresence; operator: SubjectPresence; recommendation: SubjectPresence };
  data: Data;
}) => info;

export const AUDIT_EVENT_TYPES = {
  recommendation_generated: eventType({
    description: 'The engine produced a recommendation for a user, with its rationale and guardrail results.',
    carries: { user: 'required', operator: 'absent', recommendation: 'required' },
    data: z.object({
      persona_id: nonEmptyText.describe('The persona it was chosen for.'),
      window: auditWindowSchema.describe('The signal window.'),
      content_id: nonEmptyText.describe('Catalog id of the item.'),
      content_type: z.enum(['education', 'partner_offer']).describe('"education" or "partner_offer".'),
      title: nonEmptyText.describe('Title of the catalog item.'),
      rationale: nonEmptyText.describe(
        'The "because" sentence shown to the customer, citing their own numbers.',
      ),
      passed_guardrails: z.boolean().describe('Whether every guardrail passed.'),
      guardrail_results: z
        .array(guardrailOutcomeSchema)
        .describe('In run order; stages after the first failure are absent.'),
    }),
  }),
  consent_changed: eventType({
    description: "A user's opt-in/opt-out status changed (by the user, or by an operator on their behalf).",
    carries: { user: 'required', operator: 'optional', recommendation: 'absent' },
    data: z.object({
      old_status: consentStatus
        .nullable()
        .describe('"opted_in" or "opted_out"; null when the customer had never answered before.'),
      new_status: consentStatus.describe('"opted_in" or "opted_out".'),
      consent_version: nonEmptyText.describe('Version of the consent text agreed to.'),
      changed_via: consentChannel.describe(
        'How the change arrived: "web", "api", "operator_action" or "system".',
      ),
      reason: text.nullable().optional().describe('Why, when one was given.'),
    }),
  }),
  eligibility_checked: eventType({
    description: 'The eligibility guardrail checked a recommendation against the user (age, income, ...).',
    carries: { user: 'required', operator: 'absent', recommendation: 'required' },
    data: z.object({
      recommendation_id: nonEmptyText.describe('The recommendation that was checked.'),
      pass: z.boolean().describe('Whether the check passed.'),
      failure_reasons: textList.describe(
        'Stable codes such as income_below_threshold; empty when the check passed.',
      ),
      thresholds: jsonObjectSchema.describe("The offer's rules."),
      user_values: jsonObjectSchema.describe("The customer's values the rules were checked against."),
    }),
  }),
  tone_validated: eventType({
    description: 'The tone guardrail checked the wording of a recommendation for shaming or pressure.',
    carries: { user: 'required', operator: 'absent', recommendation: 'required' },
    data: z.object({
      recommendation_id: nonEmptyText.optional().describe('The recommendation whose wording was checked.'),
      pass: z.boolean().describe('Whether the check passed.'),
      detected_violations: textList.describe('The phrases found; empty when the check passed.'),
      category: text
        .nullable()
        .describe('For example "shame_based", "pressure", "misleading"; null when the check passed.'),
      severity: toneSeverity.nullable().describe('"warning" or "critical"; null when the check passed.'),
      original_text: text.describe('The text that was judged.'),
    }),
  }),
  operator_action: eventType({
    description: 'An operator approved, overrode or flagged a recommendation in the review queue.',
    carries: { user: 'required', operator: 'required', recommendation: 'required' },
    data: z.object({
      recommendation_id: nonEmptyText.optional().describe('The recommendation that was reviewed.'),
      action: reviewAction.describe('"approved", "overridden" or "flagged".'),
      justification: text
        .nullable()
        .describe("The operator's justification (required for overrides and flags)."),
      review_time_seconds: z
        .number()
        .min(0)
        .nullable()
        .describe('Seconds from entering the queue to the decision.'),
      original_status: nonEmptyText.describe(
        'Recommendation status before the decision, e.g. PENDING_REVIEW.',
      ),
      new_status: nonEmptyText.describe('Recommendation status after the decision, e.g. APPROVED.'),
    }),
  }),
  persona_assigned: eventType({
    description:
      'The engine assigned a persona (or unclassified) to a user for one window; the operator who asked for it, if any.',
    carries: { user: 'required', operator: 'optional', recommendation: 'absent' },
    data: z.object({
      window: auditWindowSchema.describe('The signal window.'),
      persona_id: nonEmptyText.describe('The persona id, or "unclassified" when none matched.'),
      qualifying_personas: textList.describe('Every persona whose criteria matched, highest priority first.'),
      evidence_summary: jsonObjectSchema.describe(
        'The signal values that decided the assignment, by signal.',
      ),
      reason: nonEmptyText.describe('Why this persona (or none) was assigned.'),
      confidence: fraction.describe('In [0, 1].'),
      registry_version: nonEmptyText.describe('Content hash of the persona registry used.'),
      assignment_id: nonEmptyText.describe('The stored assignment with its full decision trace.'),
    }),
  }),
  persona_overridden: eventType({
    description: "An admin replaced a user's assigned persona by hand, with a justification.",
    carries: { user: 'required', operator: 'required', recommendation: 'absent' },
    data: z.object({
      window: auditWindowSchema.describe('The signal window.'),
      old_persona: nonEmptyText.nullable().describe('The persona before; null when none was assigned.'),
      new_persona: nonEmptyText.describe('The persona the admin set.'),
      justification: nonEmptyText.describe("The admin's justification."),
      assignment_id: nonEmptyText.describe('The assignment the override created.'),
    }),
  }),
  login_attempt: eventType({
    description: 'An operator tried to sign in; a failure for an unknown username names no operator.',
    carries: { user: 'absent', operator: 'optional', recommendation: 'absent' },
    data: z.object({
      status: z.enum(['success', 'failure']).describe('"success" or "failure".'),
      username: text.describe('The username given.'),
      failure_reason: text.nullable().describe('Why it failed, e.g. invalid_password; null on success.'),
    }),
  }),
  unauthorized_access: eventType({
    description: 'A request was denied a field or operation; anonymous requests name no operator.',
    carries: { user: 'absent', operator: 'optional', recommendation: 'absent' },
    data: z.object({
      field_path: nonEmptyText.describe('The denied path, e.g. Query.auditLog.'),
      required_scopes: textList.describe('What the caller lacked, e.g. capability:readAudit.'),
      operator_role: nonEmptyText.nullable().describe("The caller's role; null for an anonymous request."),
    }),
  }),
  audit_exported: eventType({
    description: 'An operator exported audit entries (who exported what, in which format, which range).',
    carries: { user: 'absent', operator: 'required', recommendation: 'absent' },
    data: z.object({
      format: exportFormat.describe('"csv", "json" or "ndjson".'),
      filters: jsonObjectSchema.describe('The filters of the export.'),
      row_count: count.describe('How many entries.'),
      first_seq: auditSeqSchema
        .nullable()
        .describe('First exported sequence number; null for an empty export.'),
      last_seq: auditSeqSchema
        .nullable()
        .describe('Last exported sequence number; null for an empty export.'),
      head_hash: sha256Hex
        .nullable()
        .optional()
        .describe('Hash of the last exported entry, to match the file handed out to this entry.'),
    }),
  }),
  audit_archived: eventType({
    description: 'A range of entries was written to an archive file and removed from the active table.',
    carries: { user: 'absent', operator: 'optional', recommendation: 'absent' },
    data: archivedRange,
  }),
  audit_purged: eventType({
    description: 'An archive reached the end of its retention period and was deleted.',
    carries: { user: 'absent', operator: 'optional', recommendation: 'absent' },
    data: archivedRange,
  }),
  audit_checkpoint: eventType({
    description:
      'The chain head was signed (Ed25519) and written to the checkpoint log kept outside the database.',
    carries: { user: 'absent', operator: 'absent', recommendation: 'absent' },
    /** A signed checkpoint of the chain head, as written to the checkpoint log (see checkpoint.ts). */
    data: z.object({
      checkpoint_version: z.literal(1),
      seq: auditSeqSchema.describe('Sequence number of the chain head that was signed.'),
      head_hash: sha256Hex.describe('Hash of that entry.'),
      signed_at: nonEmptyText.describe('When it was signed (UTC, ISO 8601).'),
      signature: z.object({
        algorithm: z.literal('Ed25519'),
        key_id: nonEmptyText.describe(
          'Which signing key: the first 16 hex digits of sha256 of its public key.',
        ),
        value: nonEmptyText.describe(
          'The Ed25519 signature (base64) over the canonical JSON of the checkpoint.',
        ),
      }),
    }),
  }),
  logout: eventType({
    description: 'An operator signed out: their session was revoked.',
    carries: { user: 'absent', operator: 'required', recommendation: 'absent' },
    data: z.object({
      username: text.describe('The username of the operator who signed out.'),
      session_started_at: nonEmptyText.describe('When the session that ended was opened (UTC, ISO 8601).'),
    }),
  }),
} as const;

export type AuditEventType = keyof typeof AUDIT_EVENT_TYPES;
export type AuditEventTypeInfo = (typeof AUDIT_EVENT_TYPES)[AuditEventType];

export const AUDIT_EVENT_TYPE_NAMES = Object.freeze(
  Object.keys(AUDIT_EVENT_TYPES),
) as readonly AuditEventType[];

export function isAuditEventType(value: unknown): value is AuditEventType {
  return typeof value === 'string' && Object.hasOwn(AUDIT_EVENT_TYPES, value);
}

/** The `event_data` of each event type, as its schema describes it. */
export type AuditEventDataMap = {
  [K in AuditEventType]: z.infer<(typeof AUDIT_EVENT_TYPES)[K]['data']>;
};

/** An event type with the data that belongs to it; narrowing on `eventType` types `eventData`. */
export type AuditEvent = {
  [K in AuditEventType]: { eventType: K; eventData: AuditEventDataMap[K] };
}[AuditEventType];

export type AuditWindow = z.infer<typeof auditWindowSchema>;
export type ConsentStatus = z.infer<typeof consentStatus>;
export type ConsentChannel = z.infer<typeof consentChannel>;
export type GuardrailStage = z.infer<typeof guardrailStageSchema>;
export type GuardrailOutcome = z.infer<typeof guardrailOutcomeSchema>;
export type ToneSeverity = z.infer<typeof toneSeverity>;
export type ReviewAction = z.infer<typeof reviewAction>;
export type AuditExportFormat = z.infer<typeof exportFormat>;

export type RecommendationGeneratedData = AuditEventDataMap['recommendation_generated'];
export type ConsentChangedData = AuditEventDataMap['consent_changed'];
export type EligibilityCheckedData = AuditEventDataMap['eligibility_checked'];
export type ToneValidatedData = AuditEventDataMap['tone_validated'];
export type OperatorActionData = AuditEventDataMap['operator_action'];
export type PersonaAssignedData = AuditEventDataMap['persona_assigned'];
export type PersonaOverriddenData = AuditEventDataMap['persona_overridden'];
export type LoginAttemptData = AuditEventDataMap['login_attempt'];
export type LogoutData = AuditEventDataMap['logout'];
export type UnauthorizedAccessData = AuditEventDataMap['unauthorized_access'];
export type AuditExportedData = AuditEventDataMap['audit_exported'];
export type AuditArchivedData = AuditEventDataMap['audit_archived'];
export type AuditPurgedData = AuditEventDataMap['audit_purged'];
export type AuditCheckpointData = AuditEventDataMap['audit_checkpoint'];
export type AuditSeqRange = AuditArchivedData['range'];
