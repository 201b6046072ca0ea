/**
 * The audit log's filters over archived months: the same criteria as the active table
 * (auditFilterCriteria), rendered for DuckDB over the kept Parquet files. Archived entries always precede
 * active ones in the chain, so a merge in sequence order is a concatenation at the boundary.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import type { AuditFilter, StoredAuditEntry } from '../../domain/audit/index.js';
import type { AuditEntry } from '../../generated/prisma/client.js';
import { auditFilterCriteria } from '../audit/query.js';
import type { ServiceContext } from '../context.js';
import { type AuditArchive, archivePath, searchableArchives } from './manifests.js';
import {
  type ArchiveCondition,
  countArchivedEntries,
  queryArchivedEntries,
  queryArchivedStoredEntries,
} from './parquet.js';

/** Exclusive sequence bounds: `above < seq < below`. */
export interface SeqBounds {
  above?: bigint | null;
  below?: bigint | null;
}

function archiveCondition(filter: AuditFilter, bounds: SeqBounds): ArchiveCondition {
  const params: DuckDBValue[] = [];
  const param = (value: DuckDBValue) => {
    params.push(value);
    return `$${params.length}`;
  };
  const conditions = auditFilterCriteria(filter).map((criterion) => {
    if ('anyOf' in criterion) return `event_type IN (${criterion.anyOf.map(param).join(', ')})`;
    if ('equals' in criterion) return `user_id = ${param(criterion.equals)}`;
    // PostgreSQL compares uuids whatever their case; archives hold them as PostgreSQL printed them.
    if ('equalsUuid' in criterion)
      return `${criterion.column} = ${param(criterion.equalsUuid.toLowerCase())}`;
    if ('atLeast' in criterion) return `occurred_at >= CAST(${param(criterion.atLeast)} AS TIMESTAMPTZ)`;
    return `occurred_at <= CAST(${param(criterion.atMost)} AS TIMESTAMPTZ)`;
  });
  if (bounds.above != null) conditions.push(`seq > ${param(bounds.above)}`);
  if (bounds.below != null) conditions.push(`seq < ${param(bounds.below)}`);
  return { sql: conditions.length === 0 ? 'TRUE' : conditions.join(' AND '), params };
}

/**
 * The kept archives that can hold an entry matching `filter` within `bounds`, oldest first: pruned by their
 * manifest's sequence range and time span, so a page or a count opens only the months it can touch.
 */
async function archivesWithin(
  ctx: ServiceContext,
  filter: AuditFilter,
  bounds: SeqBounds,
): Promise<AuditArchive[]> {
  const archives = await searchableArchives(ctx);
  return archives.filter(
    (a) =>
      (bounds.above == null || a.lastSeq > bounds.above) &&
      (bounds.below == null || a.firstSeq < bounds.below) &&
      (filter.from == null || a.lastOccurredAt >= filter.from) &&
      (filter.to == null || a.firstOccurredAt <= filter.to),
  );
}

/**
 * Up to `limit` matching entries within `bounds`, by seq in the given direction, read one monthly file at a
 * time from the near end: a page stops at the first months that fill it instead of sorting every file.
 */
async function readInSeqOrder<T>(
  ctx: ServiceContext,
  filter: AuditFilter,
  bounds: SeqBounds,
  options: { descending: boolean; limit: number },
  read: (file: string, condition: ArchiveCondition, limit: number) => Promise<T[]>,
): Promise<T[]> {
  const archives = await archivesWithin(ctx, filter, bounds);
  if (options.descending) archives.reverse();
  const condition = archiveCondition(filter, bounds);
  const rows: T[] = [];
  for (const archive of archives) {
    if (rows.length >= options.limit) break;
    rows.push(...(await read(archivePath(ctx, archive), condition, options.limit - rows.length)));
  }
  return rows;
}

/** Archived entries matching `filter` within `bounds`, by seq in the given direction, at most `limit`. */
export function readArchivedPage(
  ctx: ServiceContext,
  filter: AuditFilter,
  bounds: SeqBounds,
  options: { descending: boolean; limit: number },
): Promise<AuditEntry[]> {
  return readInSeqOrder(ctx, filter, bounds, options, (file, condition, limit) =>
    queryArchivedEntries([file], condition, { descending: options.descending, limit }),
  );
}

/** Whether any archived entry matches `filter` within `bounds`. */
export async function anyArchivedEntry(
  ctx: ServiceContext,
  filter: AuditFilter,
  bounds: SeqBounds,
): Promise<boolean> {
  return (await readArchivedPage(ctx, filter, bounds, { descending: false, limit: 1 })).length > 0;
}

/**
 * How many archived entries match `filter`. A month that the filter takes whole (no criterion but a time
 * window that covers it) is counted from its manifest; only the others are counted in their files.
 */
export async function countArchived(ctx: ServiceContext, filter: AuditFilter): Promise<number> {
  const archives = await archivesWithin(ctx, filter, {});
  const onlyTime = !filter.eventTypes && !filter.userId && !filter.operatorId && !filter.recommendationId;
  const whole = (a: AuditArchive) =>
    onlyTime &&
    (filter.from == null || a.firstOccurredAt >= filter.from) &&
    (filter.to == null || a.lastOccurredAt <= filter.to);
  const counted = archives.filter(whole).reduce((sum, a) => sum + a.rowCount, 0);
  const rest = archives.filter((a) => !whole(a)).map((a) => archivePath(ctx, a));
  return counted + (await countArchivedEntries(rest, archiveCondition(filter, {})));
}

/** Archived entries matching `filter` within `bounds`, oldest first, exactly as hashed (for exports). */
export function readArchivedStoredEntries(
  ctx: ServiceContext,
  filter: AuditFilter,
  bounds: SeqBounds,
  limit: number,
): Promise<StoredAuditEntry[]> {
  return readInSeqOrder(ctx, filter, bounds, { descending: false, limit }, (file, condition, rest) =>
    queryArchivedStoredEntries([file], condition, { limit: rest }),
  );
}

/** The archived entry `seq`, if a kept archive holds it (for `node(id)`). */
export async function readArchivedEntry(ctx: ServiceContext, seq: bigint): Promise<AuditEntry | null> {
  const [entry] = await readArchivedPage(
    ctx,
    {},
    { above: seq - 1n, below: seq + 1n },
    { descending: false, limit: 1 },
  );
  return entry ?? null;
}
