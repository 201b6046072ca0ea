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
import { archivePath, searchableArchives } from './manifests.js';
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

/** The kept archive files whose range can hold a seq within `bounds`. */
async function filesWithin(ctx: ServiceContext, bounds: SeqBounds): Promise<string[]> {
  const archives = await searchableArchives(ctx);
  return archives
    .filter(
      (a) =>
        (bounds.above == null || a.lastSeq > bounds.above) &&
        (bounds.below == null || a.firstSeq < bounds.below),
    )
    .map((a) => archivePath(ctx, a));
}

/** Archived entries matching `filter` within `bounds`, by seq in the given direction, at most `limit`. */
export async function readArchivedPage(
  ctx: ServiceContext,
  filter: AuditFilter,
  bounds: SeqBounds,
  options: { descending: boolean; limit: number },
): Promise<AuditEntry[]> {
  const files = await filesWithin(ctx, bounds);
  return queryArchivedEntries(files, archiveCondition(filter, bounds), options);
}

/** Whether any archived entry matches `filter` within `bounds`. */
export async function anyArchivedEntry(
  ctx: ServiceContext,
  filter: AuditFilter,
  bounds: SeqBounds,
): Promise<boolean> {
  return (await readArchivedPage(ctx, filter, bounds, { descending: false, limit: 1 })).length > 0;
}

/** How many archived entries match `filter`. */
export async function countArchived(ctx: ServiceContext, filter: AuditFilter): Promise<number> {
  const files = await filesWithin(ctx, {});
  return countArchivedEntries(files, archiveCondition(filter, {}));
}

/** Archived entries matching `filter` within `bounds`, oldest first, exactly as hashed (for exports). */
export async function readArchivedStoredEntries(
  ctx: ServiceContext,
  filter: AuditFilter,
  bounds: SeqBounds,
  limit: number,
): Promise<StoredAuditEntry[]> {
  const files = await filesWithin(ctx, bounds);
  return queryArchivedStoredEntries(files, archiveCondition(filter, bounds), { limit });
}
