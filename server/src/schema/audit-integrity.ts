import { parseAuditSeqText } from '../domain/identifiers.js';
import { badInput } from '../errors.js';
import { verifyAuditIntegrity } from '../services/audit/verify.js';
import {
  type AuditLifecycleFailureReason,
  type AuditLifecycleRange,
  type AuditLifecycleReport,
  verifyAuditLifecycle,
} from '../services/retention/verify-lifecycle.js';
import { builder } from './builder.js';

const FAILURE_REASONS = {
  MALFORMED_ENTRY: 'malformed_entry',
  SEQUENCE_GAP: 'sequence_gap',
  SEQUENCE_OUT_OF_ORDER: 'sequence_out_of_order',
  DUPLICATE_SEQUENCE: 'duplicate_sequence',
  CONTENT_MODIFIED: 'content_modified',
  BROKEN_LINK: 'broken_link',
  HASH_MISMATCH: 'hash_mismatch',
  CHECKPOINT_MISMATCH: 'checkpoint_mismatch',
  TRUNCATED: 'truncated',
  HEAD_MISMATCH: 'head_mismatch',
  ARCHIVE_MISSING: 'archive_missing',
  ARCHIVE_MODIFIED: 'archive_modified',
  MANIFEST_MISMATCH: 'manifest_mismatch',
} as const satisfies Record<string, AuditLifecycleFailureReason>;

const DESCRIPTIONS: Record<keyof typeof FAILURE_REASONS, string> = {
  MALFORMED_ENTRY: 'A sequence number or hash is not even well-formed.',
  SEQUENCE_GAP: 'An entry is missing (deleted); firstInvalidSeq is the first missing one.',
  SEQUENCE_OUT_OF_ORDER: 'Entries come in the wrong order.',
  DUPLICATE_SEQUENCE: 'A sequence number appears twice: an entry was inserted.',
  CONTENT_MODIFIED: 'The content no longer hashes to its stored content hash: it was changed.',
  BROKEN_LINK:
    "prevHash is not the previous entry's hash: this entry or the one before was changed, or one was put between them.",
  HASH_MISMATCH: 'The stored hash is not sha256(prevHash:sequence:contentHash).',
  CHECKPOINT_MISMATCH: 'The chain disagrees with a head recorded elsewhere: it was rewritten and re-hashed.',
  TRUNCATED: 'The chain ends before a recorded checkpoint: entries were cut off the end.',
  HEAD_MISMATCH:
    'The entries and the recorded chain head disagree: entries removed from the end, an entry added past the head, or a rewritten chain.',
  ARCHIVE_MISSING: 'The Parquet file of an archived range is not in the archive folder.',
  ARCHIVE_MODIFIED:
    'The Parquet file of an archived range is not the file its manifest recorded (different SHA-256, unreadable, or cut short).',
  MANIFEST_MISMATCH:
    'An archive manifest disagrees with the chain around it or with the audit_archived entry that recorded it.',
};

export const AuditChainFailureReasonEnum = builder.enumType('AuditChainFailureReason', {
  description: 'What verification found wrong first. Stable codes; `message` says the same for people.',
  values: Object.fromEntries(
    Object.entries(FAILURE_REASONS).map(([name, value]) => [
      name,
      { value, description: DESCRIPTIONS[name as keyof typeof FAILURE_REASONS] },
    ]),
  ) as Record<keyof typeof FAILURE_REASONS, { value: AuditLifecycleFailureReason; description: string }>,
});

const seqText = (seq: number | null) => (seq === null ? null : String(seq));

const AuditRangeKindEnum = builder.enumType('AuditRangeKind', {
  description: 'Where a stretch of the audit chain lives now.',
  values: {
    ACTIVE: { value: 'active', description: 'In the database, searchable and exportable.' },
    ARCHIVED: {
      value: 'archived',
      description: 'In a monthly Parquet archive; searchable and exportable with includeArchived.',
    },
    PURGED: {
      value: 'purged',
      description: 'Deleted at the end of the retention period; an audit_purged receipt keeps its hashes.',
    },
  } as const,
});

const AuditRangeRef = builder.objectRef<AuditLifecycleRange>('AuditIntegrityRange').implement({
  description: 'One stretch of the chain: active, archived or purged.',
  fields: (t) => ({
    kind: t.field({ type: AuditRangeKindEnum, resolve: (r) => r.kind, description: 'Where it lives.' }),
    firstSeq: t.string({ description: 'First sequence number.', resolve: (r) => String(r.firstSeq) }),
    lastSeq: t.string({ description: 'Last sequence number.', resolve: (r) => String(r.lastSeq) }),
    rowCount: t.exposeInt('rowCount', { description: 'How many entries.' }),
    file: t.exposeString('file', {
      nullable: true,
      description: 'The archive file under ARCHIVE_DIR (archived and purged ranges).',
    }),
    verified: t.exposeBoolean('verified', {
      description: 'True when this range verified; false where verification stopped and after it.',
    }),
  }),
});

type IntegrityReport = Omit<AuditLifecycleReport, 'ranges'> & { ranges?: AuditLifecycleRange[] };

/** A verdict and the instant it was reached (verification reads the live chain, so the verdict ages). */
type TimedIntegrityReport = IntegrityReport & { verifiedAt: Date };

const AuditIntegrityReportRef = builder.objectRef<TimedIntegrityReport>('AuditIntegrityReport').implement({
  description:
    "The verdict of re-computing the hash chain over stored entries. Record headSeq and headHash somewhere the database's writers cannot change: only such an outside record detects a chain rewritten from some point to its end.",
  fields: (t) => ({
    valid: t.exposeBoolean('valid', {
      description: 'True when every checked entry and the chain head agree.',
    }),
    checked: t.exposeInt('checked', {
      description: 'Entries read, including the one where verification stopped.',
    }),
    firstInvalidSeq: t.string({
      nullable: true,
      description: 'The first sequence number found wrong (decimal string); null when valid.',
      resolve: (r) => seqText(r.firstInvalidSeq),
    }),
    reason: t.field({
      type: AuditChainFailureReasonEnum,
      nullable: true,
      description: 'Why verification failed; null when valid.',
      resolve: (r) => r.reason,
    }),
    message: t.exposeString('message', {
      nullable: true,
      description: 'The failure explained; null when valid.',
    }),
    headSeq: t.string({
      description:
        'Sequence number of the newest entry, as the chain head records it ("0" for an empty log).',
      resolve: (r) => String(r.headSeq),
    }),
    headHash: t.exposeString('headHash', {
      description: 'Hash of the newest entry, as the chain head records it.',
    }),
    lastVerifiedSeq: t.string({
      nullable: true,
      description:
        'The last entry that verified, or the entry the range starts after when none did; null when that entry is missing.',
      resolve: (r) => seqText(r.lastVerifiedSeq),
    }),
    lastVerifiedHash: t.exposeString('lastVerifiedHash', {
      nullable: true,
      description: 'Hash of lastVerifiedSeq.',
    }),
    verifiedAt: t.expose('verifiedAt', {
      type: 'DateTime',
      description: 'When this verification finished (UTC).',
    }),
    ranges: t.field({
      type: [AuditRangeRef],
      description:
        'The purged, archived and active ranges of the chain, oldest first, as verified by a whole-history check; empty when fromSeq or toSeq narrowed the check to part of the active table.',
      resolve: (r) => r.ranges ?? [],
    }),
  }),
});

function parseSeqArgument(value: string | null | undefined, argument: string): number | null {
  if (value == null) return null;
  const seq = parseAuditSeqText(value);
  // The verifier counts in JavaScript numbers: a chain longer than 2^53 entries is not a concern.
  if (seq === null || seq > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw badInput(`${argument} must be a sequence number such as "1234"`, { argument });
  }
  return Number(seq);
}

builder.queryField('auditIntegrity', (t) =>
  t.field({
    type: AuditIntegrityReportRef,
    description:
      'Verifies the audit chain: recomputes every content hash and link from fromSeq to toSeq, and compares the end with the recorded chain head. Names the first entry that was changed, deleted, inserted or reordered. Without fromSeq and toSeq it verifies the whole history: purged ranges against their audit_purged receipts, archived ranges from their Parquet files (present, unchanged, matching their manifests) and the active table, as one chain. Admin and compliance only.',
    args: {
      fromSeq: t.arg.string({
        required: false,
        description:
          'First sequence number to verify (decimal string); it must link to the entry before it. Default: the first entry kept in the database.',
      }),
      toSeq: t.arg.string({
        required: false,
        description: 'Last sequence number to verify (decimal string). Default: the chain head.',
      }),
    },
    resolve: async (_root, args, ctx): Promise<TimedIntegrityReport> => {
      const fromSeq = parseSeqArgument(args.fromSeq, 'fromSeq');
      const toSeq = parseSeqArgument(args.toSeq, 'toSeq');
      const report: IntegrityReport =
        fromSeq === null && toSeq === null
          ? await verifyAuditLifecycle(ctx.services)
          : await verifyAuditIntegrity(ctx.services, { fromSeq, toSeq });
      return { ...report, verifiedAt: ctx.services.now() };
    },
  }),
);
