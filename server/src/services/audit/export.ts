import {
  AUDIT_EXPORT_CONTENT_TYPES,
  AuditExportEncoder,
  type AuditExportedData,
  type AuditExportFileManifest,
  type AuditExportFormat,
  AuditExportManifestBuilder,
  type AuditFilter,
  auditFilterProblems,
  auditTimestamp,
  checkpointHead,
  type JsonObject,
  type StoredAuditEntry,
  signDocument,
} from '../../domain/audit/index.js';
import { badInput } from '../../errors.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { RequestOrigin, ServiceContext } from '../context.js';
import type { Db } from '../db-types.js';
import { readArchivedStoredEntries } from '../retention/archived-query.js';
import { checkpointForExport, readChainHead } from './checkpoints.js';
import { auditFilterSql, seqRangeOfTimeWindow } from './query.js';
import { appendAuditEntry } from './record-audit.js';
import { HASHED_OCCURRED_AT_SQL } from './verify.js';

/** Rows per database round trip: large enough to amortise the query, small enough to keep memory flat. */
export const AUDIT_EXPORT_BATCH_SIZE = 2_000;

export interface AuditExportRequest {
  format: AuditExportFormat;
  filter: AuditFilter;
  /** The operator exporting; authorization is the caller's job. */
  operatorId: string;
  origin: RequestOrigin;
  /** Aborted when the client goes away: the export stops and is recorded as incomplete. */
  signal?: AbortSignal | undefined;
  /** Also export the kept monthly archives' matching entries, in sequence order before the active ones. */
  includeArchived?: boolean;
}

/** One keyset page: entries matching `filter` with `afterSeq < seq <= throughSeq`, by seq, at most `limit`. */
export interface AuditExportBatchQuery {
  filter: AuditFilter;
  afterSeq: number;
  throughSeq: number;
  limit: number;
}

export type AuditExportBatchFetcher = (db: Db, query: AuditExportBatchQuery) => Promise<StoredAuditEntry[]>;

export interface AuditExportOptions {
  batchSize?: number;
  /** Reads one batch; tests wrap {@link fetchAuditExportBatch} to watch the stream pull. */
  fetchBatch?: AuditExportBatchFetcher;
}

export interface AuditExport {
  format: AuditExportFormat;
  contentType: string;
  /** `audit-<from>-<to>-<generated>.<ext>`, safe on every file system. */
  filename: string;
  /** The file, produced batch by batch as it is read. */
  body: ReadableStream<Uint8Array>;
}

/**
 * Exports the audit entries matching `filter` as a file that verifies offline (see domain/audit/EXPORTS.md).
 *
 * The export covers the chain as it stood when it started (up to the head seq read then), so entries
 * appended meanwhile, including this export's own `audit_exported` entry, never half-appear. Rows are read
 * in keyset batches by seq, each only when the reader asks for more (a stream with high-water mark 0), so
 * memory holds one batch whatever the size of the export and a slow client slows the reads down.
 *
 * The `audit_exported` entry is written when the last batch has been read, before the manifest goes out,
 * so a file with a manifest always has its entry. An export that stops early (client gone, database error)
 * is recorded too, with the rows sent so far and `completed: false`.
 */
export async function exportAuditLog(
  ctx: ServiceContext,
  request: AuditExportRequest,
  options: AuditExportOptions = {},
): Promise<AuditExport> {
  const problems = auditFilterProblems(request.filter);
  if (problems.length > 0) throw badInput(`Invalid audit filter: ${problems.join('; ')}`, { problems });
  const batchSize = options.batchSize ?? AUDIT_EXPORT_BATCH_SIZE;
  const fetchActive = options.fetchBatch ?? fetchAuditExportBatch;
  const fetchBatch: AuditExportBatchFetcher = request.includeArchived
    ? (db, query) => fetchWithArchives(ctx, db, query, fetchActive)
    : fetchActive;
  const { format, filter } = request;
  const generatedAt = ctx.now();
  const filters = auditFilterJson(filter);
  const unfiltered = Object.keys(filters).length === 0;
  // A signed checkpoint bounds the export: its rows end at a head signed outside the database, which the
  // manifest names, so verify-export can tie a complete export to the chain with the public key alone.
  const checkpoint = await checkpointForExport(ctx);
  const chainHead = checkpoint ? checkpointHead(checkpoint) : await readChainHead(ctx.db.prisma);
  const activeRange = await seqRangeOf(ctx.db.prisma, filter, chainHead.seq);
  // Archived entries precede every active one, so with them the walk starts at the beginning of the chain.
  const range = request.includeArchived
    ? {
        afterSeq: 0,
        throughSeq: activeRange.afterSeq >= activeRange.throughSeq ? chainHead.seq : activeRange.throughSeq,
      }
    : activeRange;

  const encoder = new AuditExportEncoder(format);
  const manifestBuilder = new AuditExportManifestBuilder({
    generatedAt: auditTimestamp(generatedAt),
    filters,
    completeRange: false,
  });
  const utf8 = new TextEncoder();
  let afterSeq = range.afterSeq;
  let previousSeq: number | null = null;
  let contiguous = true;
  const sent = { rows: 0, firstSeq: null as number | null, lastSeq: null as number | null, headHash: '' };
  let started = false;
  let stopped = false;
  let recording: Promise<void> | null = null;

  const record = (completed: boolean): Promise<void> => {
    const eventData: AuditExportedData & { completed: boolean } = {
      format,
      filters,
      row_count: sent.rows,
      first_seq: sent.firstSeq,
      last_seq: sent.lastSeq,
      head_hash: sent.rows > 0 ? sent.headHash : null,
      completed,
    };
    recording ??= appendAuditEntry(ctx, {
      eventType: 'audit_exported',
      operatorId: request.operatorId,
      origin: request.origin,
      eventData,
    }).then(() => undefined);
    return recording;
  };
  const stopEarly = async (reason: string): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await record(false).catch((error) =>
      ctx.logger.error({ err: error }, `Could not record the ${reason} audit export`),
    );
  };

  let streamController: ReadableStreamDefaultController<Uint8Array> | undefined;
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        streamController = controller;
      },
      async pull(controller) {
        try {
          let text = started ? '' : encoder.start();
          started = true;
          const rows =
            afterSeq >= range.throughSeq
              ? []
              : await fetchBatch(ctx.db.prisma, {
                  filter,
                  afterSeq,
                  throughSeq: range.throughSeq,
                  limit: batchSize,
                });
          if (stopped) return;
          for (const row of rows) {
            manifestBuilder.add(row);
            if (previousSeq !== null && row.seq !== previousSeq + 1) contiguous = false;
            previousSeq = row.seq;
          }
          text += encoder.entries(rows);
          const last = rows.at(-1);
          if (last) {
            afterSeq = last.seq;
            sent.rows += rows.length;
            sent.firstSeq ??= rows[0]!.seq;
            sent.lastSeq = last.seq;
            sent.headHash = last.hash;
          }
          if (rows.length === batchSize) {
            const bytes = utf8.encode(text);
            ctx.metrics.exportBytes.inc({ format }, bytes.byteLength);
            controller.enqueue(bytes);
            return;
          }
          stopped = true;
          await record(true);
          const manifest: AuditExportFileManifest = {
            ...manifestBuilder.finish(),
            // An unfiltered export claims every entry of its range, so a gap in the table fails verification.
            // Contiguous rows are every entry of their range whatever the filter, so their links verify too.
            complete_range: sent.rows > 0 && (unfiltered || contiguous),
            format,
            chain_head: chainHead,
            ...(checkpoint ? { checkpoint } : {}),
          };
          const key = ctx.checkpointing?.key;
          const finished = key ? signDocument(manifest as unknown as JsonObject, key) : manifest;
          const tail = utf8.encode(text + encoder.finish(finished as AuditExportFileManifest));
          ctx.metrics.exportBytes.inc({ format }, tail.byteLength);
          controller.enqueue(tail);
          controller.close();
        } catch (error) {
          ctx.logger.error({ err: error }, 'Audit export failed');
          controller.error(error);
          await stopEarly('failed');
        }
      },
      cancel() {
        return stopEarly('cancelled');
      },
    },
    { highWaterMark: 0 },
  );

  request.signal?.addEventListener(
    'abort',
    () => {
      if (stopped) return;
      void stopEarly('aborted');
      try {
        streamController?.error(request.signal?.reason ?? new Error('The client went away'));
      } catch {
        // Already closed or errored.
      }
    },
    { once: true },
  );

  return {
    format,
    contentType: AUDIT_EXPORT_CONTENT_TYPES[format],
    filename: exportFilename(filter, generatedAt, format),
    body,
  };
}

/** The filter as the manifest and the `audit_exported` entry record it: only what was given, raw ids. */
export function auditFilterJson(filter: AuditFilter): JsonObject {
  const json: JsonObject = {};
  if (filter.eventTypes) json['event_types'] = [...filter.eventTypes];
  if (filter.userId) json['user_id'] = filter.userId;
  if (filter.operatorId) json['operator_id'] = filter.operatorId;
  if (filter.recommendationId) json['recommendation_id'] = filter.recommendationId;
  if (filter.from) json['from'] = auditTimestamp(filter.from);
  if (filter.to) json['to'] = auditTimestamp(filter.to);
  return json;
}

/** A batch from the archives first (they hold the oldest entries), topped up from the active table. */
async function fetchWithArchives(
  ctx: ServiceContext,
  db: Db,
  query: AuditExportBatchQuery,
  fetchActive: AuditExportBatchFetcher,
): Promise<StoredAuditEntry[]> {
  const archived = await readArchivedStoredEntries(
    ctx,
    query.filter,
    { above: BigInt(query.afterSeq), below: BigInt(query.throughSeq) + 1n },
    query.limit,
  );
  if (archived.length === query.limit) return archived;
  const afterSeq = archived.at(-1)?.seq ?? query.afterSeq;
  const active = await fetchActive(db, { ...query, afterSeq, limit: query.limit - archived.length });
  return [...archived, ...active];
}

/** An audit row as the export and archive queries read it: values as text, in the hashed spelling. */
export interface AuditRow {
  seq: bigint | number | string;
  log_id: string;
  event_type: string;
  user_id: string | null;
  operator_id: string | null;
  recommendation_id: string | null;
  occurred_at: string;
  event_data: string;
  ip_address: string | null;
  user_agent: string | null;
  content_hash: string;
  prev_hash: string;
  hash: string;
}

/**
 * One keyset batch. Values are read as text (`occurred_at` in the hashed spelling, `event_data` as JSON
 * text) so the rows are what was hashed, whichever driver delivers them.
 */
export async function fetchAuditExportBatch(
  db: Db,
  query: AuditExportBatchQuery,
): Promise<StoredAuditEntry[]> {
  const rows = await db.$queryRaw<AuditRow[]>`
    SELECT seq, log_id::text AS log_id, event_type::text AS event_type, user_id,
           operator_id::text AS operator_id, recommendation_id::text AS recommendation_id,
           ${Prisma.raw(HASHED_OCCURRED_AT_SQL)} AS occurred_at,
           event_data::text AS event_data, ip_address, user_agent, content_hash, prev_hash, hash
    FROM audit_log
    WHERE seq > ${BigInt(query.afterSeq)} AND seq <= ${BigInt(query.throughSeq)} AND ${auditFilterSql(query.filter)}
    ORDER BY seq
    LIMIT ${query.limit}`;
  return rows.map(storedEntryOfRow);
}

/** An audit row read as text (from the table or an archive file) as the stored entry that was hashed. */
export function storedEntryOfRow(row: AuditRow): StoredAuditEntry {
  return {
    seq: Number(row.seq),
    logId: row.log_id,
    eventType: row.event_type as StoredAuditEntry['eventType'],
    userId: row.user_id,
    operatorId: row.operator_id,
    recommendationId: row.recommendation_id,
    occurredAt: row.occurred_at,
    eventData: JSON.parse(row.event_data) as JsonObject,
    ipAddress: row.ip_address,
    userAgent: row.user_agent,
    contentHash: row.content_hash,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * The seq range to walk. A time filter narrows it first (through the occurred_at index), so that an
 * export of last week does not walk the whole table by seq.
 */
async function seqRangeOf(
  db: Db,
  filter: AuditFilter,
  headSeq: number,
): Promise<{ afterSeq: number; throughSeq: number }> {
  if (!filter.from && !filter.to) return { afterSeq: 0, throughSeq: headSeq };
  const range = await seqRangeOfTimeWindow(db, filter);
  if (!range || Number(range.low) > headSeq) return { afterSeq: headSeq, throughSeq: headSeq };
  return { afterSeq: Number(range.low) - 1, throughSeq: Math.min(Number(range.high), headSeq) };
}

/** `20261122T070249Z`: an instant without the characters some file systems refuse. */
function compactInstant(instant: Date): string {
  return auditTimestamp(instant)
    .replace(/\.\d{3}Z$/, 'Z')
    .replaceAll('-', '')
    .replaceAll(':', '');
}

export function exportFilename(filter: AuditFilter, generatedAt: Date, format: AuditExportFormat): string {
  const from = filter.from ? compactInstant(filter.from) : 'start';
  const to = filter.to ? compactInstant(filter.to) : 'now';
  return `audit-${from}-${to}-${compactInstant(generatedAt)}.${format}`;
}
