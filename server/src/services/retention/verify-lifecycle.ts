/**
 * Verification across the whole life of the audit trail: purged ranges (only their receipts remain),
 * archived ranges (Parquet files under ARCHIVE_DIR) and the active table, walked from seq 1 to the chain
 * head as one chain.
 */
import {
  AuditChainVerifier,
  type AuditPurgedData,
  type ChainHead,
  GENESIS_HASH,
} from '../../domain/audit/index.js';
import { Prisma } from '../../generated/prisma/client.js';
import {
  type AuditIntegrityFailureReason,
  type AuditIntegrityReport,
  pushInSlices,
  VERIFY_BATCH_SIZE,
  verifyAuditIntegrity,
} from '../audit/verify.js';
import type { ServiceContext } from '../context.js';
import { fileDigest } from './archive.js';
import { type AuditArchive, archiveManifests, archivePath } from './manifests.js';
import { queryArchivedEntries, readArchivedEntries } from './parquet.js';

export type AuditRangeKind = 'active' | 'archived' | 'purged';

/** One stretch of the chain and where it lives. */
export interface AuditLifecycleRange {
  kind: AuditRangeKind;
  firstSeq: number;
  lastSeq: number;
  rowCount: number;
  /** The archive file (archived and purged ranges), relative to ARCHIVE_DIR. */
  file: string | null;
  /** False for the range where verification stopped and every range after it. */
  verified: boolean;
}

export type AuditLifecycleFailureReason =
  | AuditIntegrityFailureReason
  /** An archived range's file is not there. */
  | 'archive_missing'
  /** An archived range's file is not the file its manifest recorded (its SHA-256 differs). */
  | 'archive_modified'
  /** A manifest disagrees with its file, with the chain around it, or with its receipt in the log. */
  | 'manifest_mismatch';

export interface AuditLifecycleReport extends Omit<AuditIntegrityReport, 'reason'> {
  reason: AuditLifecycleFailureReason | null;
  ranges: AuditLifecycleRange[];
}

type Failure = { seq: number; reason: AuditLifecycleFailureReason; message: string };

/**
 * Verifies purged, archived and active ranges together. Purged ranges must each be covered by an
 * `audit_purged` receipt matching their manifest; archived files must be present, hash to the SHA-256 their
 * manifest recorded, and recompute to a chain that starts where the previous range ended and ends at the
 * manifest's head; the active table must continue from the last archived head to the chain head.
 */
export async function verifyAuditLifecycle(
  ctx: ServiceContext,
  options: { batchSize?: number } = {},
): Promise<AuditLifecycleReport> {
  const batchSize = options.batchSize ?? VERIFY_BATCH_SIZE;
  const manifests = (await archiveManifests(ctx.db.prisma)).filter((m) => m.rowsDeletedAt !== null);
  if (manifests.length === 0) {
    // Nothing archived by this system: the table alone, from its first entry (which must be seq 1, or
    // follow a range an audit_archived entry accounts for).
    const report = await verifyAuditIntegrity(ctx, {}, { batchSize });
    const [first] = await ctx.db.prisma.$queryRaw<
      Array<{ seq: bigint | null }>
    >`SELECT min(seq) AS seq FROM audit_log`;
    const firstSeq = Number(first?.seq ?? 1);
    const ranges: AuditLifecycleRange[] =
      report.headSeq === 0
        ? []
        : [
            {
              kind: 'active',
              firstSeq,
              lastSeq: report.headSeq,
              rowCount: report.headSeq - firstSeq + 1,
              file: null,
              verified: report.valid,
            },
          ];
    return { ...report, ranges };
  }
  const ranges: AuditLifecycleRange[] = [];
  let anchor: ChainHead = { seq: 0, hash: GENESIS_HASH };
  let checked = 0;
  let failure: Failure | null = null;
  const receipts = manifests.length > 0 ? await retentionReceipts(ctx, manifests) : new Map();

  for (const manifest of manifests) {
    const range = rangeOf(manifest);
    ranges.push(range);
    if (failure !== null) continue;
    failure = await verifyArchivedRange(ctx, manifest, anchor, receipts, batchSize, (n) => {
      checked += n;
    });
    if (failure === null) {
      range.verified = true;
      anchor = { seq: Number(manifest.lastSeq), hash: manifest.headHash };
    }
  }

  const active = await verifyActive(ctx, anchor, failure === null);
  const activeRange: AuditLifecycleRange = {
    kind: 'active',
    firstSeq: anchor.seq + 1,
    lastSeq: active.headSeq,
    rowCount: Math.max(0, active.headSeq - anchor.seq),
    file: null,
    verified: failure === null && active.valid,
  };
  if (activeRange.rowCount > 0) ranges.push(activeRange);
  if (failure !== null) {
    return {
      ...active,
      valid: false,
      checked,
      firstInvalidSeq: failure.seq,
      reason: failure.reason,
      message: failure.message,
      lastVerifiedSeq: anchor.seq,
      lastVerifiedHash: anchor.hash,
      ranges,
    };
  }
  return { ...active, checked: checked + active.checked, ranges };
}

function rangeOf(manifest: AuditArchive): AuditLifecycleRange {
  return {
    kind: manifest.purgedAt === null ? 'archived' : 'purged',
    firstSeq: Number(manifest.firstSeq),
    lastSeq: Number(manifest.lastSeq),
    rowCount: manifest.rowCount,
    file: manifest.file,
    verified: false,
  };
}

async function verifyArchivedRange(
  ctx: ServiceContext,
  manifest: AuditArchive,
  anchor: ChainHead,
  receipts: Map<string, AuditPurgedData[]>,
  batchSize: number,
  onChecked: (n: number) => void,
): Promise<Failure | null> {
  const first = Number(manifest.firstSeq);
  const last = Number(manifest.lastSeq);
  const label = `Entries ${first} to ${last} (${manifest.month})`;
  if (first !== anchor.seq + 1) {
    return {
      seq: anchor.seq + 1,
      reason: 'sequence_gap',
      message: `Entries ${anchor.seq + 1} to ${first - 1} are missing: no archive or purge receipt covers them`,
    };
  }
  if (manifest.prevHashBeforeFirst !== anchor.hash) {
    return {
      seq: first,
      reason: 'manifest_mismatch',
      message: `${label}: the manifest links to ${manifest.prevHashBeforeFirst}, but the chain before it ends at ${anchor.hash}`,
    };
  }
  const kind = manifest.purgedAt === null ? 'audit_archived' : 'audit_purged';
  const receipt = (receipts.get(`${kind}:${first}`) ?? []).find((r) => receiptMatches(r, manifest));
  if (manifest.purgedAt !== null) {
    if (!receipt) {
      return {
        seq: first,
        reason: 'sequence_gap',
        message: `${label} were removed without an audit_purged receipt matching their manifest`,
      };
    }
    return null;
  }
  if (!receipt) {
    return {
      seq: first,
      reason: 'manifest_mismatch',
      message: `${label}: no audit_archived entry in the log records this manifest (range, hashes and file SHA-256)`,
    };
  }
  const file = archivePath(ctx, manifest);
  const digest = await fileDigest(file).catch(() => null);
  if (digest === null) {
    return {
      seq: first,
      reason: 'archive_missing',
      message: `${label}: archive file ${manifest.file} is missing`,
    };
  }
  // The content first, so a changed row is named by its seq; then the bytes.
  const verifier = new AuditChainVerifier({
    expectedFirstSeq: first,
    expectedPrevHash: anchor.hash,
    checkpoints: [{ seq: last, hash: manifest.headHash }],
  });
  for (let from = first; from <= last; ) {
    const rows = await readArchivedEntries([file], from, last, batchSize).catch(() => null);
    if (rows === null) {
      return {
        seq: from,
        reason: 'archive_modified',
        message: `${label}: archive file ${manifest.file} is not a readable Parquet file`,
      };
    }
    if (rows.length === 0) break;
    const { pushed, ok } = await pushInSlices(ctx, verifier, rows);
    onChecked(pushed);
    if (!ok) break;
    from = rows[rows.length - 1]!.seq + 1;
  }
  const verdict = verifier.finish();
  if (!verdict.valid) {
    return {
      seq: verdict.firstInvalidSeq ?? first,
      reason: verdict.reason ?? 'content_modified',
      message: `${label}, archive file ${manifest.file}: ${verdict.message}`,
    };
  }
  if (verdict.headSeq !== last) {
    return {
      seq: verdict.headSeq + 1,
      reason: 'archive_modified',
      message: `${label}: archive file ${manifest.file} ends at seq ${verdict.headSeq}`,
    };
  }
  if (digest.sha256 !== manifest.fileSha256) {
    return {
      seq: first,
      reason: 'archive_modified',
      message: `${label}: archive file ${manifest.file} has SHA-256 ${digest.sha256}, its manifest recorded ${manifest.fileSha256}`,
    };
  }
  return null;
}

function receiptMatches(receipt: AuditPurgedData, manifest: AuditArchive): boolean {
  return (
    receipt.range.first_seq === Number(manifest.firstSeq) &&
    receipt.range.last_seq === Number(manifest.lastSeq) &&
    receipt.row_count === manifest.rowCount &&
    receipt.archive_sha256 === manifest.fileSha256 &&
    receipt.prev_hash_before_first === manifest.prevHashBeforeFirst &&
    receipt.head_hash === manifest.headHash
  );
}

/**
 * The audit_archived and audit_purged entries, wherever they now live (the active table, or an archive
 * of a later month), by type and first seq. Their own integrity is part of the chain being verified.
 */
async function retentionReceipts(
  ctx: ServiceContext,
  manifests: AuditArchive[],
): Promise<Map<string, AuditPurgedData[]>> {
  const types = ['audit_archived', 'audit_purged'] as const;
  const active = await ctx.db.prisma.$queryRaw<Array<{ eventType: string; eventData: AuditPurgedData }>>`
    SELECT event_type AS "eventType", event_data AS "eventData" FROM audit_log
    WHERE event_type IN (${Prisma.join(types.map((t) => Prisma.sql`${t}::"AuditEventType"`))})`;
  const files = manifests.filter((m) => m.purgedAt === null).map((m) => archivePath(ctx, m));
  const archived = await queryArchivedEntries(
    files,
    {
      sql: 'event_type IN ($1, $2)',
      params: [...types],
    },
    {},
  ).catch(() => []);
  const receipts = new Map<string, AuditPurgedData[]>();
  for (const { eventType, eventData } of [...active, ...archived]) {
    const data = eventData as AuditPurgedData;
    const key = `${eventType}:${data.range.first_seq}`;
    receipts.set(key, [...(receipts.get(key) ?? []), data]);
  }
  return receipts;
}

/** The active table, continuing from `anchor`; with nothing left in it, the head must be the anchor itself. */
async function verifyActive(
  ctx: ServiceContext,
  anchor: ChainHead,
  verify: boolean,
): Promise<AuditIntegrityReport> {
  const [head] = await ctx.db.prisma.$queryRaw<Array<{ seq: bigint; hash: string }>>`
    SELECT seq, hash FROM audit_chain_head WHERE id = 1`;
  const headSeq = Number(head?.seq ?? 0);
  const headHash = head?.hash ?? GENESIS_HASH;
  if (verify && headSeq > anchor.seq) {
    return verifyAuditIntegrity(ctx, { fromSeq: anchor.seq + 1, anchor });
  }
  const agrees = !verify || (headSeq === anchor.seq && headHash === anchor.hash);
  return {
    valid: agrees,
    checked: 0,
    firstInvalidSeq: agrees ? null : headSeq,
    reason: agrees ? null : 'head_mismatch',
    message: agrees
      ? null
      : `The chain head (seq ${headSeq}, ${headHash}) is not where the archives end (seq ${anchor.seq}, ${anchor.hash})`,
    headSeq,
    headHash,
    lastVerifiedSeq: anchor.seq,
    lastVerifiedHash: anchor.hash,
  };
}
