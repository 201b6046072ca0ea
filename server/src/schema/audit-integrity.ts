import { badInput } from '../errors.js';
import {
  type AuditIntegrityFailureReason,
  type AuditIntegrityReport,
  verifyAuditIntegrity,
} from '../services/audit/verify.js';
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
} as const satisfies Record<string, AuditIntegrityFailureReason>;

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
};

export const AuditChainFailureReasonEnum = builder.enumType('AuditChainFailureReason', {
  description: 'What verification found wrong first. Stable codes; `message` says the same for people.',
  values: Object.fromEntries(
    Object.entries(FAILURE_REASONS).map(([name, value]) => [
      name,
      { value, description: DESCRIPTIONS[name as keyof typeof FAILURE_REASONS] },
    ]),
  ) as Record<keyof typeof FAILURE_REASONS, { value: AuditIntegrityFailureReason; description: string }>,
});

const seqText = (seq: number | null) => (seq === null ? null : String(seq));

/** A verdict and the instant it was reached (verification reads the live chain, so the verdict ages). */
type TimedIntegrityReport = AuditIntegrityReport & { verifiedAt: Date };

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
  }),
});

function parseSeqArgument(value: string | null | undefined, argument: string): number | null {
  if (value == null) return null;
  if (!/^[1-9][0-9]{0,15}$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw badInput(`${argument} must be a sequence number such as "1234"`, { argument });
  }
  return Number(value);
}

builder.queryField('auditIntegrity', (t) =>
  t.field({
    type: AuditIntegrityReportRef,
    description:
      'Verifies the audit chain: recomputes every content hash and link from fromSeq to toSeq, and compares the end with the recorded chain head. Names the first entry that was changed, deleted, inserted or reordered. Admin and compliance only.',
    authScopes: { capability: 'readAudit' },
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
    resolve: async (_root, args, ctx) => {
      const report = await verifyAuditIntegrity(ctx.services, {
        fromSeq: parseSeqArgument(args.fromSeq, 'fromSeq'),
        toSeq: parseSeqArgument(args.toSeq, 'toSeq'),
      });
      return { ...report, verifiedAt: ctx.services.now() };
    },
  }),
);
