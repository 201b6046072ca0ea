/**
 * Retention: moves entries older than the active window, month by month, into Parquet archives, and deletes
 * archives older than the retention limit, leaving `audit_purged` receipts. RETENTION.md is the policy.
 *
 * Each month goes through a crash-safe order; a run killed at any point is finished by the next run, with
 * nothing lost and nothing duplicated:
 *
 * 1. write the month's rows to a temporary file next to its final place, fsync it;
 * 2. read the file back and verify it against the database rows (the chain recomputed from the file must
 *    continue the row before the month and end at the month's last stored hash);
 * 3. rename it to its final name, fsync the folder;
 * 4. record its manifest (range, count, first/last hash, file SHA-256) in `audit_archives`;
 * 5. in one transaction: delete the rows through `audit_archive_delete()` and append the `audit_archived`
 *    entry.
 *
 * A temporary file, or a final file without a manifest, is an unfinished step 1–3: it is removed and the
 * month written again. A manifest whose rows are still in the table is an unfinished step 5: its file is
 * checked against the manifest and the delete is run.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { AuditChainVerifier, type AuditPurgedData, type StoredAuditEntry } from '../../domain/audit/index.js';
import {
  archiveFileName,
  firstActiveMonth,
  firstKeptArchiveMonth,
  monthOf,
  monthStart,
} from '../../domain/audit/retention.js';
import { DomainError } from '../../errors.js';
import { runAudited } from '../audit/record-audit.js';
import { readBatch } from '../audit/verify.js';
import type { RequestOrigin, ServiceContext } from '../context.js';
import type { Db } from '../db-types.js';
import { type AuditArchive, archiveManifests, archivePath } from './manifests.js';
import { readArchivedEntries, writeArchiveFile } from './parquet.js';

/** The points of the crash-safe order, in order; `onStep` is called as each is reached. */
export type ArchiveStep = 'temp-file-written' | 'renamed' | 'manifest-recorded' | 'rows-deleted';

export interface RetentionRunOptions {
  dryRun: boolean;
  /** The admin who asked (null for the command line). */
  operatorId?: string | null;
  origin?: RequestOrigin | null;
  /** Entries archived so far of the entries due, for progress bars. */
  onProgress?: (done: number, total: number) => void;
  /** Called at each step of each month (crash tests stop the process there). */
  onStep?: (step: ArchiveStep, month: string) => Promise<void> | void;
  /** Rows per read from the database and from archive files. */
  batchSize?: number;
}

export interface RetentionMonth {
  month: string;
  firstSeq: bigint;
  lastSeq: bigint;
  rowCount: number;
  file: string;
  fileSha256: string | null;
  fileBytes: number | null;
}

export interface RetentionReport {
  dryRun: boolean;
  /** Months before this one are archived. */
  firstActiveMonth: string;
  /** Archived months before this one are purged. */
  firstKeptArchiveMonth: string;
  archived: RetentionMonth[];
  purged: RetentionMonth[];
}

const DEFAULT_BATCH_SIZE = 5_000;
/** A month of a busy deployment is millions of rows: its delete transaction gets time. */
const DELETE_TIMEOUT_MS = 30 * 60_000;

/** Archives what the policy says is due and purges what is past the limit (or, dry, only says what). */
export async function runRetention(
  ctx: ServiceContext,
  options: RetentionRunOptions,
): Promise<RetentionReport> {
  if (options.dryRun) return retentionPass(ctx, options);
  return oneRunAtATime(ctx, () => retentionPass(ctx, options));
}

/**
 * Two runs at once would remove each other's temporary files and race for the same manifests, so a run holds
 * a lock for its whole length and a second one is refused (CONFLICT) rather than queued: cron retries later.
 * On PostgreSQL the lock is a session-level advisory lock on a connection pinned for the run, so it holds
 * across instances and is released by the server when a killed run's connection drops; the embedded database
 * belongs to one process, where an in-process flag is the whole story.
 */
const RETENTION_LOCK_KEY = 0x5e5d_a7c1;
const runningIn = new WeakSet<object>();

async function oneRunAtATime<T>(ctx: ServiceContext, run: () => Promise<T>): Promise<T> {
  const refuse = () =>
    new DomainError('CONFLICT', 'Another retention run is in progress; try again when it has finished');
  if (runningIn.has(ctx.db)) throw refuse();
  runningIn.add(ctx.db);
  try {
    const sql = ctx.db.sql;
    if (!sql.withConnection) return await run();
    return await sql.withConnection(async (connection) => {
      const { rows } = await connection.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock($1) AS locked',
        [RETENTION_LOCK_KEY],
      );
      if (!rows[0]?.locked) throw refuse();
      try {
        return await run();
      } finally {
        await connection.query('SELECT pg_advisory_unlock($1)', [RETENTION_LOCK_KEY]);
      }
    });
  } finally {
    runningIn.delete(ctx.db);
  }
}

async function retentionPass(ctx: ServiceContext, options: RetentionRunOptions): Promise<RetentionReport> {
  const now = ctx.now();
  const activeFrom = firstActiveMonth(now, ctx.retention);
  const keptFrom = firstKeptArchiveMonth(now, ctx.retention);
  const report: RetentionReport = {
    dryRun: options.dryRun,
    firstActiveMonth: activeFrom,
    firstKeptArchiveMonth: keptFrom,
    archived: [],
    purged: [],
  };
  const db = ctx.db.prisma;
  if (options.dryRun) {
    const due = await dueMonths(db, activeFrom);
    options.onProgress?.(
      0,
      due.reduce((sum, month) => sum + month.rowCount, 0),
    );
    report.archived = due;
    report.purged = (await purgeable(db, keptFrom)).map(monthOfManifest);
    // Months archived in this run could be purged too only with a limit shorter than the window: the
    // policy forbids that, so the plan is complete.
    return report;
  }
  await mkdir(ctx.retention.archiveDir, { recursive: true });
  await removeTemporaryFiles(ctx.retention.archiveDir);
  // A previous run's recorded months first: what is due is planned from the rows left after them.
  report.archived.push(...(await finishRecordedManifests(ctx, options)));
  const due = await dueMonths(db, activeFrom);
  const total = due.reduce((sum, month) => sum + month.rowCount, 0);
  options.onProgress?.(0, total);
  let done = 0;
  for (const plan of due) {
    const archived = await archiveMonth(ctx, plan, options, (rows) => {
      options.onProgress?.(done + rows, total);
    });
    done += plan.rowCount;
    report.archived.push(archived);
  }
  options.onProgress?.(total, total);
  report.purged = await purgeArchives(ctx, keptFrom, options);
  return report;
}

/** The months due for archiving, oldest first: each the contiguous range from the oldest remaining entry. */
async function dueMonths(db: Db, activeFrom: string): Promise<RetentionMonth[]> {
  const months: RetentionMonth[] = [];
  const activeStart = monthStart(activeFrom);
  let next = await firstEntryFrom(db, 1n);
  while (next !== null && next.occurredAt < activeStart) {
    const month = monthOf(next.occurredAt);
    // Every entry stamped before the month's end goes with it; an entry stamped a moment later but sealed
    // earlier rides along, so each archive is one contiguous range of the chain.
    const [last] = await db.$queryRaw<Array<{ seq: bigint | null }>>`
      SELECT max(seq) AS seq FROM audit_log WHERE occurred_at < ${monthStart(month, 1).toISOString()}::timestamptz`;
    const lastSeq = BigInt(last?.seq ?? next.seq);
    months.push({
      month,
      firstSeq: next.seq,
      lastSeq,
      rowCount: Number(lastSeq - next.seq) + 1,
      file: archiveFileName(month, next.seq, lastSeq),
      fileSha256: null,
      fileBytes: null,
    });
    next = await firstEntryFrom(db, lastSeq + 1n);
  }
  return months;
}

async function firstEntryFrom(db: Db, seq: bigint): Promise<{ seq: bigint; occurredAt: Date } | null> {
  const rows = await db.$queryRaw<Array<{ seq: bigint; occurredAt: Date }>>`
    SELECT seq, occurred_at AS "occurredAt" FROM audit_log WHERE seq >= ${seq} ORDER BY seq LIMIT 1`;
  const row = rows[0];
  return row ? { seq: BigInt(row.seq), occurredAt: row.occurredAt } : null;
}

async function archiveMonth(
  ctx: ServiceContext,
  plan: RetentionMonth,
  options: RetentionRunOptions,
  onRows: (rows: number) => void,
): Promise<RetentionMonth> {
  const db = ctx.db.prisma;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const finalPath = archivePath(ctx, plan);
  await mkdir(path.dirname(finalPath), { recursive: true });
  // A final file without a manifest is the output of an interrupted run: nothing refers to it yet.
  await rm(finalPath, { force: true });
  const tempPath = `${finalPath}.${process.pid}.tmp`;
  const first = Number(plan.firstSeq);
  const last = Number(plan.lastSeq);

  // 1. The temporary file, fsynced.
  let anchor: StoredAuditEntry | null = null;
  let head: StoredAuditEntry | null = null;
  let read = 0;
  async function* batches(): AsyncGenerator<StoredAuditEntry[]> {
    for (let from = first; from <= last; ) {
      const rows = await readBatch(ctx.db.sql, from, last, batchSize);
      if (rows.length === 0) return;
      anchor ??= rows[0]!;
      head = rows[rows.length - 1]!;
      read += rows.length;
      onRows(Math.floor(read / 2));
      yield rows;
      from = head.seq + 1;
    }
  }
  const written = await writeArchiveFile(tempPath, batches());
  if (written !== plan.rowCount || anchor === null || head === null) {
    await rm(tempPath, { force: true });
    throw archiveFailure(`${plan.month}: read ${written} of ${plan.rowCount} entries from the database`);
  }
  const firstRow = anchor as StoredAuditEntry;
  const lastRow = head as StoredAuditEntry;
  await fsyncPath(tempPath);
  await options.onStep?.('temp-file-written', plan.month);

  // 2. Read back and verify against the database rows.
  const problem = await verifyArchiveFile(tempPath, {
    firstSeq: first,
    lastSeq: last,
    prevHashBeforeFirst: firstRow.prevHash,
    headHash: lastRow.hash,
    batchSize,
    onRows: (rows) => onRows(Math.floor(plan.rowCount / 2 + rows / 2)),
  });
  if (problem !== null) {
    await rm(tempPath, { force: true });
    throw archiveFailure(`${plan.month}: the archive file read back does not match the database: ${problem}`);
  }
  const { sha256, bytes } = await fileDigest(tempPath);

  // 3. Rename, and make the rename itself durable.
  await rename(tempPath, finalPath);
  await fsyncPath(path.dirname(finalPath));
  await options.onStep?.('renamed', plan.month);

  // 4. The manifest.
  const manifest = await db.auditArchive.create({
    data: {
      firstSeq: plan.firstSeq,
      lastSeq: plan.lastSeq,
      month: plan.month,
      rowCount: plan.rowCount,
      prevHashBeforeFirst: firstRow.prevHash,
      headHash: lastRow.hash,
      firstOccurredAt: new Date(firstRow.occurredAt),
      lastOccurredAt: new Date(lastRow.occurredAt),
      file: plan.file,
      fileSha256: sha256,
      fileBytes: BigInt(bytes),
      recordedAt: ctx.now(),
    },
  });
  await options.onStep?.('manifest-recorded', plan.month);

  // 5. The delete and its audit entry, in one transaction.
  await deleteArchivedRows(ctx, manifest, options);
  return { ...plan, fileSha256: sha256, fileBytes: bytes };
}

/** Runs step 5 for `manifest`: `audit_archive_delete()` and the `audit_archived` entry commit together. */
async function deleteArchivedRows(
  ctx: ServiceContext,
  manifest: AuditArchive,
  options: RetentionRunOptions,
): Promise<void> {
  await runAudited(
    ctx,
    async (tx, audit) => {
      const [deleted] = await tx.$queryRaw<Array<{ removed: bigint }>>`
        SELECT audit_archive_delete(${manifest.firstSeq}) AS removed`;
      if (Number(deleted?.removed ?? 0) !== manifest.rowCount) {
        throw archiveFailure(
          `${manifest.month}: removed ${deleted?.removed ?? 0} rows, the manifest records ${manifest.rowCount}`,
        );
      }
      await options.onStep?.('rows-deleted', manifest.month);
      await audit.record({
        eventType: 'audit_archived',
        operatorId: options.operatorId ?? null,
        origin: options.origin ?? null,
        eventData: receiptOf(manifest),
      });
    },
    { timeout: DELETE_TIMEOUT_MS },
  );
}

function receiptOf(manifest: AuditArchive): AuditPurgedData {
  return {
    range: { first_seq: Number(manifest.firstSeq), last_seq: Number(manifest.lastSeq) },
    row_count: manifest.rowCount,
    archive_file: manifest.file,
    archive_sha256: manifest.fileSha256,
    prev_hash_before_first: manifest.prevHashBeforeFirst,
    head_hash: manifest.headHash,
  };
}

/** Step 5 of months a previous run recorded but did not delete (killed after step 4 or inside step 5). */
async function finishRecordedManifests(
  ctx: ServiceContext,
  options: RetentionRunOptions,
): Promise<RetentionMonth[]> {
  const finished: RetentionMonth[] = [];
  for (const manifest of await archiveManifests(ctx.db.prisma)) {
    if (manifest.rowsDeletedAt !== null) continue;
    const file = archivePath(ctx, manifest);
    const digest = await fileDigest(file).catch(() => null);
    if (digest?.sha256 !== manifest.fileSha256) {
      throw archiveFailure(
        `${manifest.month}: the archive file ${manifest.file} is ${digest ? 'not the one its manifest recorded' : 'missing'}; its rows stay in the database`,
      );
    }
    await deleteArchivedRows(ctx, manifest, options);
    finished.push(monthOfManifest(manifest));
  }
  return finished;
}

/** Purges, oldest first, the archived months before `keptFrom`, each with its `audit_purged` receipt. */
async function purgeArchives(
  ctx: ServiceContext,
  keptFrom: string,
  options: RetentionRunOptions,
): Promise<RetentionMonth[]> {
  const db = ctx.db.prisma;
  const purged: RetentionMonth[] = [];
  for (const manifest of await purgeable(db, keptFrom)) {
    await runAudited(ctx, async (tx, audit) => {
      await tx.auditArchive.update({ where: { firstSeq: manifest.firstSeq }, data: { purgedAt: ctx.now() } });
      await audit.record({
        eventType: 'audit_purged',
        operatorId: options.operatorId ?? null,
        origin: options.origin ?? null,
        eventData: receiptOf(manifest),
      });
    });
    await rm(archivePath(ctx, manifest), { force: true });
    purged.push(monthOfManifest(manifest));
  }
  // Files of months purged by a run that stopped before deleting them.
  for (const manifest of await archiveManifests(db)) {
    if (manifest.purgedAt !== null) await rm(archivePath(ctx, manifest), { force: true });
  }
  return purged;
}

function purgeable(db: Db, keptFrom: string): Promise<AuditArchive[]> {
  return db.auditArchive.findMany({
    where: { rowsDeletedAt: { not: null }, purgedAt: null, month: { lt: keptFrom } },
    orderBy: { firstSeq: 'asc' },
  });
}

function monthOfManifest(manifest: AuditArchive): RetentionMonth {
  return {
    month: manifest.month,
    firstSeq: manifest.firstSeq,
    lastSeq: manifest.lastSeq,
    rowCount: manifest.rowCount,
    file: manifest.file,
    fileSha256: manifest.fileSha256,
    fileBytes: Number(manifest.fileBytes),
  };
}

export interface ArchiveExpectation {
  firstSeq: number;
  lastSeq: number;
  prevHashBeforeFirst: string;
  headHash: string;
  batchSize?: number;
  onRows?: (rows: number) => void;
}

/**
 * Reads an archive file back and checks it holds exactly the chain segment `expected` describes: every
 * content hash and link recomputed from the file, starting from the entry before it and ending at the
 * recorded head. Returns what is wrong, or null.
 */
export async function verifyArchiveFile(file: string, expected: ArchiveExpectation): Promise<string | null> {
  const verifier = new AuditChainVerifier({
    expectedFirstSeq: expected.firstSeq,
    expectedPrevHash: expected.prevHashBeforeFirst,
    checkpoints: [{ seq: expected.lastSeq, hash: expected.headHash }],
  });
  const batchSize = expected.batchSize ?? DEFAULT_BATCH_SIZE;
  let read = 0;
  for (let from = expected.firstSeq; from <= expected.lastSeq; ) {
    const rows = await readArchivedEntries([file], from, expected.lastSeq, batchSize);
    if (rows.length === 0) break;
    read += rows.length;
    expected.onRows?.(read);
    if (!rows.every((row) => verifier.push(row))) break;
    from = rows[rows.length - 1]!.seq + 1;
  }
  const verdict = verifier.finish();
  if (!verdict.valid) return `${verdict.reason} at seq ${verdict.firstInvalidSeq}: ${verdict.message}`;
  if (verdict.headSeq !== expected.lastSeq) {
    return `the file ends at seq ${verdict.headSeq}, not ${expected.lastSeq}`;
  }
  return null;
}

/** SHA-256 and size of a file's bytes. */
export async function fileDigest(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

async function fsyncPath(target: string): Promise<void> {
  const handle = await open(target, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Temporary files are only ever half-written archives of an interrupted run. */
async function removeTemporaryFiles(archiveDir: string): Promise<void> {
  for (const entry of await readdir(archiveDir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.tmp')) {
      await rm(path.join(entry.parentPath, entry.name), { force: true });
    }
  }
}

function archiveFailure(message: string): DomainError {
  return new DomainError('ARCHIVE_FAILED', `Archival stopped: ${message}`);
}
