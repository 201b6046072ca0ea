import {
  type AuditEventDataMap,
  type AuditEventType,
  type GuardrailOutcome,
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
 */

/** An entry's event data, checked against its event type: the parent of every `*Details` type. */
type DetailsOf<K extends AuditEventType> = { eventType: K; data: AuditEventDataMap[K]; entry: AuditEntry };
type AuditDetails = { [K in AuditEventType]: DetailsOf<K> }[AuditEventType];

export function detailsOf(entry: AuditEntry): AuditDetails | null {
  const validation = validateEventData(entry.eventType, entry.eventData);
  if (!validation.valid) return null;
  return { eventType: validation.event.eventType, data: validation.event.eventData, entry } as AuditDetails;
}

const seqText = (seq: number | null | undefined) => (seq == null ? null : String(seq));

const GuardrailOutcomeRef = builder.objectRef<GuardrailOutcome>('AuditGuardrailOutcome').implement({
  description: 'One guardrail verdict as recorded in the audit entry.',
  fields: (t) => ({
    stage: t.field({ type: GuardrailStageEnum, description: 'Which guardrail.', resolve: (o) => o.stage }),
    pass: t.exposeBoolean('pass', { description: 'Whether it passed.' }),
    reason: t.exposeString('reason', { nullable: true, description: 'Why it failed; null when it passed.' }),
  }),
});

const RecommendationGeneratedDetails = builder
  .objectRef<DetailsOf<'recommendation_generated'>>('RecommendationGeneratedDetails')
  .implement({
    description: 'The engine produced a recommendation, with its rationale and guardrail results.',
    fields: (t) => ({
      personaId: t.string({
        description: 'The persona it was chosen for.',
        resolve: (d) => d.data.persona_id,
      }),
      window: t.field({
        type: TimeWindowEnum,
        description: 'The signal window.',
        resolve: (d) => d.data.window,
      }),
      contentId: t.string({ description: 'Catalog id of the item.', resolve: (d) => d.data.content_id }),
      contentType: t.string({
        description: '"education" or "partner_offer".',
        resolve: (d) => d.data.content_type,
      }),
      title: t.string({ description: 'Title of the catalog item.', resolve: (d) => d.data.title }),
      rationale: t.string({
        description: 'The "because" sentence shown to the customer, citing their own numbers.',
        resolve: (d) => d.data.rationale,
      }),
      passedGuardrails: t.boolean({
        description: 'Whether every guardrail passed.',
        resolve: (d) => d.data.passed_guardrails,
      }),
      guardrailResults: t.field({
        type: [GuardrailOutcomeRef],
        description: 'In run order; stages after the first failure are absent.',
        resolve: (d) => d.data.guardrail_results,
      }),
      recommendation: t.prismaField({
        type: 'Recommendation',
        nullable: true,
        description: 'The recommendation, with its current status and guardrail details.',
        resolve: (query, d, _args, ctx) => load.recommendation(ctx, query, d.entry.recommendationId),
      }),
    }),
  });

const ConsentChangedDetails = builder
  .objectRef<DetailsOf<'consent_changed'>>('ConsentChangedDetails')
  .implement({
    description: "A customer's opt-in status changed.",
    fields: (t) => ({
      oldStatus: t.string({
        nullable: true,
        description: '"opted_in" or "opted_out"; null when the customer had never answered before.',
        resolve: (d) => d.data.old_status,
      }),
      newStatus: t.string({ description: '"opted_in" or "opted_out".', resolve: (d) => d.data.new_status }),
      consentVersion: t.string({
        description: 'Version of the consent text agreed to.',
        resolve: (d) => d.data.consent_version,
      }),
      changedVia: t.string({
        description: 'How the change arrived: "web", "api", "operator_action" or "system".',
        resolve: (d) => d.data.changed_via,
      }),
      reason: t.string({
        nullable: true,
        description: 'Why, when one was given.',
        resolve: (d) => d.data.reason ?? null,
      }),
    }),
  });

const EligibilityCheckedDetails = builder
  .objectRef<DetailsOf<'eligibility_checked'>>('EligibilityCheckedDetails')
  .implement({
    description: 'The eligibility guardrail checked a recommendation against the customer.',
    fields: (t) => ({
      pass: t.boolean({ description: 'Whether the check passed.', resolve: (d) => d.data.pass }),
      failureReasons: t.stringList({
        description: 'Stable codes such as income_below_threshold; empty when the check passed.',
        resolve: (d) => d.data.failure_reasons,
      }),
      thresholds: t.field({
        type: 'JSON',
        description: "The offer's rules.",
        resolve: (d) => d.data.thresholds,
      }),
      userValues: t.field({
        type: 'JSON',
        description: "The customer's values the rules were checked against.",
        resolve: (d) => d.data.user_values,
      }),
      recommendation: t.prismaField({
        type: 'Recommendation',
        nullable: true,
        description: 'The recommendation that was checked.',
        resolve: (query, d, _args, ctx) =>
          load.recommendation(ctx, query, d.entry.recommendationId ?? d.data.recommendation_id),
      }),
    }),
  });

const ToneValidatedDetails = builder
  .objectRef<DetailsOf<'tone_validated'>>('ToneValidatedDetails')
  .implement({
    description: 'The tone guardrail checked the wording of a recommendation.',
    fields: (t) => ({
      pass: t.boolean({ description: 'Whether the check passed.', resolve: (d) => d.data.pass }),
      detectedViolations: t.stringList({
        description: 'The phrases found; empty when the check passed.',
        resolve: (d) => d.data.detected_violations,
      }),
      category: t.string({
        nullable: true,
        description: 'For example "shame_based", "pressure", "misleading"; null when the check passed.',
        resolve: (d) => d.data.category,
      }),
      severity: t.string({
        nullable: true,
        description: '"warning" or "critical"; null when the check passed.',
        resolve: (d) => d.data.severity,
      }),
      originalText: t.string({
        description: 'The text that was judged.',
        resolve: (d) => d.data.original_text,
      }),
      recommendation: t.prismaField({
        type: 'Recommendation',
        nullable: true,
        description: 'The recommendation whose wording was checked.',
        resolve: (query, d, _args, ctx) =>
          load.recommendation(ctx, query, d.entry.recommendationId ?? d.data.recommendation_id),
      }),
    }),
  });

const OperatorActionDetails = builder
  .objectRef<DetailsOf<'operator_action'>>('OperatorActionDetails')
  .implement({
    description: 'An operator approved, overrode or flagged a recommendation in the review queue.',
    fields: (t) => ({
      action: t.string({
        description: '"approved", "overridden" or "flagged".',
        resolve: (d) => d.data.action,
      }),
      justification: t.string({
        nullable: true,
        description: "The operator's justification (required for overrides and flags).",
        resolve: (d) => d.data.justification,
      }),
      reviewTimeSeconds: t.float({
        nullable: true,
        description: 'Seconds from entering the queue to the decision.',
        resolve: (d) => d.data.review_time_seconds,
      }),
      originalStatus: t.string({
        description: 'Recommendation status before the decision, e.g. PENDING_REVIEW.',
        resolve: (d) => d.data.original_status,
      }),
      newStatus: t.string({
        description: 'Recommendation status after the decision, e.g. APPROVED.',
        resolve: (d) => d.data.new_status,
      }),
      recommendation: t.prismaField({
        type: 'Recommendation',
        nullable: true,
        description: 'The recommendation that was reviewed.',
        resolve: (query, d, _args, ctx) =>
          load.recommendation(ctx, query, d.entry.recommendationId ?? d.data.recommendation_id),
      }),
    }),
  });

const PersonaAssignedDetails = builder
  .objectRef<DetailsOf<'persona_assigned'>>('PersonaAssignedDetails')
  .implement({
    description: 'The engine assigned a persona (or unclassified) to a customer for one window.',
    fields: (t) => ({
      window: t.field({
        type: TimeWindowEnum,
        description: 'The signal window.',
        resolve: (d) => d.data.window,
      }),
      personaId: t.string({
        description: 'The persona id, or "unclassified" when none matched.',
        resolve: (d) => d.data.persona_id,
      }),
      persona: t.field({
        type: PersonaRef,
        nullable: true,
        description: 'The persona definition; null when unclassified or no longer in the registry.',
        resolve: (d) => findPersona(d.data.persona_id),
      }),
      qualifyingPersonas: t.stringList({
        description: 'Every persona whose criteria matched, highest priority first.',
        resolve: (d) => d.data.qualifying_personas,
      }),
      evidenceSummary: t.field({
        type: 'JSON',
        description: 'The signal values that decided the assignment, by signal.',
        resolve: (d) => d.data.evidence_summary,
      }),
      reason: t.string({
        nullable: true,
        description:
          'Why this persona (or none) was assigned (always recorded; nullable like ConsentChangedDetails.reason).',
        resolve: (d) => d.data.reason,
      }),
      confidence: t.float({ description: 'In [0, 1].', resolve: (d) => d.data.confidence }),
      registryVersion: t.string({
        description: 'Content hash of the persona registry used.',
        resolve: (d) => d.data.registry_version,
      }),
      assignment: t.prismaField({
        type: 'PersonaAssignment',
        nullable: true,
        description: 'The stored assignment with its full decision trace.',
        resolve: (query, d, _args, ctx) => load.assignment(ctx, query, d.data.assignment_id),
      }),
    }),
  });

const PersonaOverriddenDetails = builder
  .objectRef<DetailsOf<'persona_overridden'>>('PersonaOverriddenDetails')
  .implement({
    description: "An admin replaced a customer's persona by hand.",
    fields: (t) => ({
      window: t.field({
        type: TimeWindowEnum,
        description: 'The signal window.',
        resolve: (d) => d.data.window,
      }),
      oldPersona: t.string({
        nullable: true,
        description: 'The persona before; null when none was assigned.',
        resolve: (d) => d.data.old_persona,
      }),
      newPersona: t.string({ description: 'The persona the admin set.', resolve: (d) => d.data.new_persona }),
      justification: t.string({
        nullable: true,
        description:
          "The admin's justification (always recorded; nullable like OperatorActionDetails.justification).",
        resolve: (d) => d.data.justification,
      }),
      assignment: t.prismaField({
        type: 'PersonaAssignment',
        nullable: true,
        description: 'The assignment the override created.',
        resolve: (query, d, _args, ctx) => load.assignment(ctx, query, d.data.assignment_id),
      }),
    }),
  });

const LoginAttemptDetails = builder.objectRef<DetailsOf<'login_attempt'>>('LoginAttemptDetails').implement({
  description: 'An operator tried to sign in.',
  fields: (t) => ({
    status: t.string({ description: '"success" or "failure".', resolve: (d) => d.data.status }),
    username: t.string({ description: 'The username given.', resolve: (d) => d.data.username }),
    failureReason: t.string({
      nullable: true,
      description: 'Why it failed, e.g. invalid_password; null on success.',
      resolve: (d) => d.data.failure_reason,
    }),
  }),
});

const UnauthorizedAccessDetails = builder
  .objectRef<DetailsOf<'unauthorized_access'>>('UnauthorizedAccessDetails')
  .implement({
    description: 'A request was denied a field or operation.',
    fields: (t) => ({
      fieldPath: t.string({
        description: 'The denied path, e.g. Query.auditLog.',
        resolve: (d) => d.data.field_path,
      }),
      requiredScopes: t.stringList({
        description: 'What the caller lacked, e.g. capability:readAudit.',
        resolve: (d) => d.data.required_scopes,
      }),
      operatorRole: t.string({
        nullable: true,
        description: "The caller's role; null for an anonymous request.",
        resolve: (d) => d.data.operator_role,
      }),
    }),
  });

const AuditExportedDetails = builder
  .objectRef<DetailsOf<'audit_exported'>>('AuditExportedDetails')
  .implement({
    description: 'An operator exported audit entries.',
    fields: (t) => ({
      format: t.string({ description: '"csv", "json" or "ndjson".', resolve: (d) => d.data.format }),
      filters: t.field({
        type: 'JSON',
        description: 'The filters of the export.',
        resolve: (d) => d.data.filters,
      }),
      rowCount: t.int({ description: 'How many entries.', resolve: (d) => d.data.row_count }),
      firstSeq: t.string({
        nullable: true,
        description: 'First exported sequence number; null for an empty export.',
        resolve: (d) => seqText(d.data.first_seq),
      }),
      lastSeq: t.string({
        nullable: true,
        description: 'Last exported sequence number; null for an empty export.',
        resolve: (d) => seqText(d.data.last_seq),
      }),
      headHash: t.string({
        nullable: true,
        description: 'Hash of the last exported entry, to match the file handed out to this entry.',
        resolve: (d) => d.data.head_hash ?? null,
      }),
    }),
  });

const AuditArchivedDetails = builder
  .objectRef<DetailsOf<'audit_archived'>>('AuditArchivedDetails')
  .implement({
    description: 'A range of entries was written to an archive file and removed from the active table.',
    fields: (t) => ({
      firstSeq: t.string({
        nullable: true,
        description: 'First entry of the range (always set; nullable like AuditExportedDetails.firstSeq).',
        resolve: (d) => String(d.data.range.first_seq),
      }),
      lastSeq: t.string({
        nullable: true,
        description: 'Last entry of the range.',
        resolve: (d) => String(d.data.range.last_seq),
      }),
      rowCount: t.int({ description: 'How many entries.', resolve: (d) => d.data.row_count }),
      archiveFile: t.string({
        description: 'Name of the archive file.',
        resolve: (d) => d.data.archive_file,
      }),
      archiveSha256: t.string({
        description: "sha256 of the archive file's bytes.",
        resolve: (d) => d.data.archive_sha256,
      }),
      prevHashBeforeFirst: t.string({
        description: 'The hash the first archived entry links to.',
        resolve: (d) => d.data.prev_hash_before_first,
      }),
      headHash: t.string({
        nullable: true,
        description: 'Hash of the last archived entry: where the active chain continues from (always set).',
        resolve: (d) => d.data.head_hash,
      }),
    }),
  });

const AuditPurgedDetails = builder.objectRef<DetailsOf<'audit_purged'>>('AuditPurgedDetails').implement({
  description: 'An archive reached the end of its retention period and was deleted.',
  fields: (t) => ({
    firstSeq: t.string({
      nullable: true,
      description: 'First entry of the range (always set; nullable like AuditExportedDetails.firstSeq).',
      resolve: (d) => String(d.data.range.first_seq),
    }),
    lastSeq: t.string({
      nullable: true,
      description: 'Last entry of the range.',
      resolve: (d) => String(d.data.range.last_seq),
    }),
    rowCount: t.int({ description: 'How many entries.', resolve: (d) => d.data.row_count }),
    archiveFile: t.string({ description: 'Name of the archive file.', resolve: (d) => d.data.archive_file }),
    archiveSha256: t.string({
      description: "sha256 of the archive file's bytes.",
      resolve: (d) => d.data.archive_sha256,
    }),
    prevHashBeforeFirst: t.string({
      description: 'The hash the first entry of the range links to.',
      resolve: (d) => d.data.prev_hash_before_first,
    }),
    headHash: t.string({
      nullable: true,
      description: 'Hash of the last entry of the range (always set).',
      resolve: (d) => d.data.head_hash,
    }),
  }),
});

const AuditCheckpointDetails = builder
  .objectRef<DetailsOf<'audit_checkpoint'>>('AuditCheckpointDetails')
  .implement({
    description:
      'The chain head was signed and written to the checkpoint log kept outside the database; auditIntegrity compares the chain with it.',
    fields: (t) => ({
      checkpointSeq: t.string({
        description: 'Sequence number of the chain head that was signed.',
        resolve: (d) => String(d.data.seq),
      }),
      headHash: t.string({ description: 'Hash of that entry.', resolve: (d) => d.data.head_hash }),
      signedAt: t.string({
        description: 'When it was signed (UTC, ISO 8601).',
        resolve: (d) => d.data.signed_at,
      }),
      keyId: t.string({
        description: 'Which signing key: the first 16 hex digits of sha256 of its public key.',
        resolve: (d) => d.data.signature.key_id,
      }),
      signature: t.string({
        description: 'The Ed25519 signature (base64) over the canonical JSON of the checkpoint.',
        resolve: (d) => d.data.signature.value,
      }),
    }),
  });

const DETAILS_TYPES = {
  recommendation_generated: RecommendationGeneratedDetails,
  consent_changed: ConsentChangedDetails,
  eligibility_checked: EligibilityCheckedDetails,
  tone_validated: ToneValidatedDetails,
  operator_action: OperatorActionDetails,
  persona_assigned: PersonaAssignedDetails,
  persona_overridden: PersonaOverriddenDetails,
  login_attempt: LoginAttemptDetails,
  unauthorized_access: UnauthorizedAccessDetails,
  audit_exported: AuditExportedDetails,
  audit_archived: AuditArchivedDetails,
  audit_purged: AuditPurgedDetails,
  audit_checkpoint: AuditCheckpointDetails,
} as const;

export const AuditEventDetailsUnion = builder.unionType('AuditEventDetails', {
  description: 'The typed event data of an entry: one type per event type.',
  types: Object.values(DETAILS_TYPES),
  resolveType: (details: AuditDetails) => DETAILS_TYPES[details.eventType],
});
