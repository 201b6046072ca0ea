import { setImmediate } from 'node:timers/promises';
import type { SqlExecutor } from '../../db/migrate.js';
import {
  AuditChainVerifier,
  type AuditEventType,
  type ChainFailureReason,
  type ChainHead,
  checkpointHead,
  GENESIS_HASH,
  type StoredAuditEntry,
} from '../../domain/audit/index.js';
import { badInput } from '../../errors.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { ServiceContext } from '../context.js';
import type { Db } from '../db-types.js';
import { readCheckpoints } from './checkpoints.js';

/**
 * Everything {@link verifyChain} reports, plus `head_mismatch`: the table and `audit_chain_head` disagree
 * (a row cut off the end, a row added past the head, or a head that no row has).
 */
export type AuditIntegrityFailureReason = ChainFailureReason | 'head_mismatch';

export interface AuditIntegrityReport {
  valid: boolean;
  /** Entries read, including the one where verification stopped. */
  checked: number;
  firstInvalidSeq: number | null;
  reason: AuditIntegrityFailureReason | null;
  message: string | null;
  /** The newest link as `audit_chain_head` records it (seq 0 and the genesis hash for an empty log). */
  headSeq: number;
  headHash: string;
  /**
   * The last entry that verified, or the anchor the range started from when none did (the entry before it,
   * or the genesis hash); null when the range has no anchor because the entries before it are missing.
   */
  lastVerifiedSeq: number | null;
  lastVerifiedHash: string | null;
}

export interface AuditIntegrityRange {
  /** Default: the first entry of the active table (1, unless older entries were archived). */
  fromSeq?: number | null;
  /** Default: the chain head. */
  toSeq?: number | null;
  /** The entry before `fromSeq` when it is no longer in the table (the head of the archive before it). */
  anchor?: ChainHead | null;
}

/** Rows per round trip: enough to keep the database busy, few enough that memory stays flat. */
export const VERIFY_BATCH_SIZE = 5_000;

/**
 * Entries hashed between two turns of the event loop. Hashing is synchronous; in slices of this size a
 * whole-chain verification holds the event loop for a few milliseconds at a time, so the requests that
 * arrive meanwhile are served between slices instead of after the last one.
 */
export const VERIFY_SLICE = 500;

/** Lets timers, I/O callbacks and other requests run before the next slice of work. */
export const yieldToEventLoop: () => Promise<void> = () => setImmediate();

const ARCHIVAL_EVENTS: AuditEventType[] = ['audit_archived', 'audit_purged'];

/**
 * Verifies the stored chain from `fromSeq` to `toSeq`, streaming rows in keyset batches ordered by seq (memory
 * stays flat at any length), and checks the range's end against `audit_chain_head` when it reaches the head.
 *
 * No transaction is held open: rows up to the head read at the start never change legitimately, and entries
 * appended meanwhile lie past it and are left for the next run. (A retention run archiving rows while this
 * reads them would show up as a gap; verifying again after it settles the question.)
 */
export async function verifyAuditIntegrity(
  ctx: ServiceContext,
  range: AuditIntegrityRange = {},
  options: { batchSize?: number } = {},
): Promise<AuditIntegrityReport> {
  const db = ctx.db.prisma;
  const batchSize = options.batchSize ?? VERIFY_BATCH_SIZE;
  const head = await readHead(db);
  const fromSeq = range.fromSeq ?? null;
  const toSeq = range.toSeq ?? null;
  if (fromSeq !== null && toSeq !== null && fromSeq > toSeq) {
    throw badInput('fromSeq must not be after toSeq', { fromSeq, toSeq });
  }
  if (fromSeq !== null && fromSeq > head.seq) {
    throw badInput(`fromSeq ${fromSeq} is past the chain head (seq ${head.seq})`, {
      fromSeq,
      headSeq: head.seq,
    });
  }
  const end = Math.min(toSeq ?? head.seq, head.seq);
  const reachesHead = end === head.seq;
  const report = (result: Omit<AuditIntegrityReport, 'headSeq' | 'headHash'>): AuditIntegrityReport => ({
    ...result,
    headSeq: head.seq,
    headHash: head.hash,
  });

  const start = fromSeq ?? (await firstActiveSeq(db)) ?? head.seq + 1;
  const anchor = range.anchor ?? (await anchorBefore(db, start));
  if ('missingFrom' in anchor) {
    return report({
      valid: false,
      checked: 0,
      firstInvalidSeq: anchor.missingFrom,
      reason: 'sequence_gap',
      message: `Entries ${anchor.missingFrom} to ${start - 1} are missing: they are neither in the table nor recorded as archived`,
      lastVerifiedSeq: null,
      lastVerifiedHash: null,
    });
  }

  // Signed heads kept outside the database: the only record a rewrite of the tail and the head cannot reach.
  const outside = ctx.checkpointing ? await readCheckpoints(ctx.checkpointing) : { valid: [], problems: [] };
  const badCheckpoint = outside.problems[0];
  if (badCheckpoint) {
    return report({
      valid: false,
      checked: 0,
      firstInvalidSeq: badCheckpoint.seq,
      reason: 'checkpoint_mismatch',
      message: `The checkpoint log holds an entry that does not verify with the signing key: ${badCheckpoint.problem}`,
      lastVerifiedSeq: null,
      lastVerifiedHash: null,
    });
  }
  const verifier = new AuditChainVerifier({
    expectedFirstSeq: anchor.seq + 1,
    expectedPrevHash: anchor.hash,
    checkpoints: outside.valid
      .filter((checkpoint) => checkpoint.seq >= start && (reachesHead || checkpoint.seq <= end))
      .map(checkpointHead),
  });
  // The next batch is read while this one is hashed: two batches in memory at most, I/O and CPU overlapped.
  const read = (from: number) => readBatch(ctx.db.sql, from, end, batchSize);
  let pending = start <= end ? read(start) : null;
  while (pending !== null) {
    const rows = await pending;
    const last = rows[rows.length - 1];
    const next = last === undefined ? end + 1 : last.seq + 1;
    pending = rows.length === batchSize && next <= end ? read(next) : null;
    if (!(await pushInSlices(ctx, verifier, rows)).ok) {
      // Verification stopped; the read ahead is no longer wanted, but its failure must not go unhandled.
      pending?.catch(() => {});
      break;
    }
  }
  const verdict = verifier.finish();
  const verified = {
    checked: verdict.checked,
    lastVerifiedSeq: verdict.headSeq,
    lastVerifiedHash: verdict.headHash,
  };
  if (!verdict.valid) {
    return report({
      valid: false,
      firstInvalidSeq: verdict.firstInvalidSeq,
      reason: verdict.reason,
      message: verdict.message,
      ...verified,
    });
  }
  const endProblem = reachesHead
    ? headProblem(verdict, head)
    : verdict.headSeq < end
      ? {
          seq: verdict.headSeq + 1,
          reason: 'sequence_gap' as const,
          message: `Entries ${verdict.headSeq + 1} to ${end} are missing, though the chain head is at seq ${head.seq}`,
        }
      : null;
  if (endProblem !== null) {
    return report({
      valid: false,
      firstInvalidSeq: endProblem.seq,
      reason: endProblem.reason,
      message: endProblem.message,
      ...verified,
    });
  }
  return report({ valid: true, firstInvalidSeq: null, reason: null, message: null, ...verified });
}

interface Head extends ChainHead {
  /** The first row past the head, seen in the same snapshot as the head: only a forger puts one there. */
  beyond: number | null;
}

async function readHead(db: Db): Promise<Head> {
  // One statement, one snapshot: audit_append inserts a row and moves the head in the same transaction.
  const rows = await db.$queryRaw<Array<{ seq: bigint; hash: string; beyond: bigint | null }>>`
    SELECT h.seq, h.hash, (SELECT min(l.seq) FROM audit_log l WHERE l.seq > h.seq) AS beyond
    FROM audit_chain_head h WHERE h.id = 1`;
  const row = rows[0];
  if (!row) return { seq: 0, hash: GENESIS_HASH, beyond: null };
  return { seq: Number(row.seq), hash: row.hash, beyond: row.beyond === null ? null : Number(row.beyond) };
}

function headProblem(
  verdict: { headSeq: number; headHash: string },
  head: Head,
): { seq: number; reason: 'head_mismatch'; message: string } | null {
  if (verdict.headSeq < head.seq) {
    return {
      seq: verdict.headSeq + 1,
      reason: 'head_mismatch',
      message: `The chain head records seq ${head.seq} but the entries end at seq ${verdict.headSeq}: entries from seq ${verdict.headSeq + 1} on were removed`,
    };
  }
  if (verdict.headHash !== head.hash) {
    return {
      seq: head.seq,
      reason: 'head_mismatch',
      message: `Entry ${head.seq} has hash ${verdict.headHash} but the chain head records ${head.hash}: the chain was rewritten at or before seq ${head.seq}`,
    };
  }
  if (head.beyond !== null) {
    return {
      seq: head.beyond,
      reason: 'head_mismatch',
      message: `Entry ${head.beyond} lies past the chain head (seq ${head.seq}): it was not appended through audit_append`,
    };
  }
  return null;
}

async function firstActiveSeq(db: Db): Promise<number | null> {
  const rows = await db.$queryRaw<Array<{ seq: bigint | null }>>`SELECT min(seq) AS seq FROM audit_log`;
  const seq = rows[0]?.seq ?? null;
  return seq === null ? null : Number(seq);
}

/**
 * The hash entry `start` must link to: the genesis hash, the stored hash of entry `start - 1`, or, when that
 * entry was archived, the `head_hash` its `audit_archived` entry recorded. Otherwise the entries before
 * `start` vanished without a record, from `missingFrom` on.
 */
async function anchorBefore(db: Db, start: number): Promise<ChainHead | { missingFrom: number }> {
  if (start === 1) return { seq: 0, hash: GENESIS_HASH };
  const previous = BigInt(start - 1);
  const stored = await db.$queryRaw<
    Array<{ hash: string }>
  >`SELECT hash FROM audit_log WHERE seq = ${previous}`;
  if (stored[0]) return { seq: start - 1, hash: stored[0].hash };
  const archived = await db.$queryRaw<Array<{ hash: string | null }>>`
    SELECT event_data->>'head_hash' AS hash FROM audit_log
    WHERE event_type IN (${archivalTypes()}) AND (event_data->'range'->>'last_seq')::bigint = ${previous}
    ORDER BY seq DESC LIMIT 1`;
  const hash = archived[0]?.hash;
  if (hash) return { seq: start - 1, hash };
  const known = await db.$queryRaw<Array<{ seq: bigint | null }>>`
    SELECT greatest(
      (SELECT max(seq) FROM audit_log WHERE seq < ${previous}),
      (SELECT max((event_data->'range'->>'last_seq')::bigint) FROM audit_log
        WHERE event_type IN (${archivalTypes()}) AND (event_data->'range'->>'last_seq')::bigint < ${previous})
    ) AS seq`;
  return { missingFrom: Number(known[0]?.seq ?? 0n) + 1 };
}

function archivalTypes(): Prisma.Sql {
  return Prisma.join(ARCHIVAL_EVENTS.map((type) => Prisma.sql`${type}::"AuditEventType"`));
}

/**
 * Pushes `entries` into `verifier` a slice at a time, yielding to the event loop after each slice, until
 * verification fails (`ok` false; `pushed` includes the entry that failed). Counts what it checked in the metrics, which is also how a running verification
 * shows its progress.
 */
export async function pushInSlices(
  ctx: Pick<ServiceContext, 'metrics'>,
  verifier: AuditChainVerifier,
  entries: readonly StoredAuditEntry[],
): Promise<{ pushed: number; ok: boolean }> {
  for (let from = 0; from < entries.length; from += VERIFY_SLICE) {
    const to = Math.min(from + VERIFY_SLICE, entries.length);
    for (let index = from; index < to; index++) {
      if (!verifier.push(entries[index]!)) {
        ctx.metrics.auditEntriesVerified.inc(index - from + 1);
        return { pushed: index + 1, ok: false };
      }
    }
    ctx.metrics.auditEntriesVerified.inc(to - from);
    await yieldToEventLoop();
  }
  return { pushed: entries.length, ok: true };
}

/** `occurred_at` as the exact text that was hashed (UTC, milliseconds), not through a Date. */
export const HASHED_OCCURRED_AT_SQL = `to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

// occurred_at is read as the exact text that was hashed, not through a Date. Read through the driver, not
// Prisma: verification reads every row, and Prisma's per-row conversion cost more than the hashing.
const BATCH_SQL = `
  SELECT seq, log_id AS "logId", event_type AS "eventType", user_id AS "userId", operator_id AS "operatorId",
    recommendation_id AS "recommendationId",
    ${HASHED_OCCURRED_AT_SQL} AS "occurredAt",
    event_data AS "eventData", ip_address AS "ipAddress", user_agent AS "userAgent",
    content_hash AS "contentHash", prev_hash AS "prevHash", hash
  FROM audit_log WHERE seq >= $1 AND seq <= $2
  ORDER BY seq LIMIT $3`;

/** Stored entries with `from <= seq <= to`, in seq order, at most `size`, exactly as they were hashed. */
export async function readBatch(
  sql: SqlExecutor,
  from: number,
  to: number,
  size: number,
): Promise<StoredAuditEntry[]> {
  const { rows } = await sql.query<Omit<StoredAuditEntry, 'seq'> & { seq: number | bigint | string }>(
    BATCH_SQL,
    [from, to, size],
  );
  // The drivers spell bigint as a string (pg) or a BigInt (PGlite); seqs are safe integers. Converted in
  // place: one object per row, not two.
  for (const row of rows) row.seq = Number(row.seq);
  return rows as StoredAuditEntry[];
}
