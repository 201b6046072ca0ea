import type { AuditFilter } from '../../domain/audit/index.js';
import { badInput } from '../../errors.js';
import { type AuditEntry, Prisma } from '../../generated/prisma/client.js';
import type { ServiceContext } from '../context.js';
import type { Db } from '../db-types.js';

/** Newest first (the default) or oldest first. Both are keyset orders on `seq`. */
export type AuditLogOrder = 'SEQ_DESC' | 'SEQ_ASC';

export const AUDIT_PAGE_DEFAULT_SIZE = 50;
export const AUDIT_PAGE_MAX_SIZE = 200;

/** One page request in Relay terms: `first`/`after` read forward in `order`, `last`/`before` backward. */
export interface AuditPageRequest {
  filter: AuditFilter;
  order?: AuditLogOrder;
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface AuditPage {
  /** In the requested order, whichever direction the page was read in. */
  entries: AuditEntry[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

const CURSOR_PREFIX = 'audit:';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SEQ_TEXT = /^[1-9][0-9]{0,18}$/;
const MAX_BIGINT = 2n ** 63n - 1n;

/** The opaque cursor of an entry: base64 of `audit:<seq>`. It names a position, so it survives new entries. */
export function encodeAuditCursor(seq: bigint): string {
  return Buffer.from(`${CURSOR_PREFIX}${seq}`, 'utf8').toString('base64');
}

/** The seq a cursor points at; BAD_USER_INPUT for anything {@link encodeAuditCursor} did not produce. */
export function decodeAuditCursor(cursor: string, argument = 'cursor'): bigint {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  const digits = text.startsWith(CURSOR_PREFIX) ? text.slice(CURSOR_PREFIX.length) : '';
  // Re-encoding rejects cursors that only decode to the right text by base64's leniency.
  if (!SEQ_TEXT.test(digits) || BigInt(digits) > MAX_BIGINT || encodeAuditCursor(BigInt(digits)) !== cursor) {
    throw badInput(`${argument} is not a valid audit log cursor`, { argument });
  }
  return BigInt(digits);
}

/**
 * The SQL condition selecting `filter` (always a valid boolean expression; `TRUE` for no filter). Each
 * criterion is an equality or range on an indexed column, so exports and subscriptions that reuse it hit the
 * same indexes as the audit log query.
 */
export function auditFilterSql(filter: AuditFilter): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (filter.eventTypes && filter.eventTypes.length > 0) {
    const types = filter.eventTypes.map((type) => Prisma.sql`${type}::"AuditEventType"`);
    conditions.push(Prisma.sql`event_type IN (${Prisma.join(types)})`);
  }
  if (filter.userId) conditions.push(Prisma.sql`user_id = ${filter.userId}`);
  if (filter.operatorId) {
    conditions.push(Prisma.sql`operator_id = ${uuidOf(filter.operatorId, 'operatorId')}::uuid`);
  }
  if (filter.recommendationId) {
    const id = uuidOf(filter.recommendationId, 'recommendationId');
    conditions.push(Prisma.sql`recommendation_id = ${id}::uuid`);
  }
  if (filter.from) conditions.push(Prisma.sql`occurred_at >= ${filter.from.toISOString()}::timestamptz`);
  if (filter.to) conditions.push(Prisma.sql`occurred_at <= ${filter.to.toISOString()}::timestamptz`);
  return conditions.length === 0 ? Prisma.sql`TRUE` : Prisma.join(conditions, ' AND ');
}

/** Operator and recommendation ids are uuids; anything else could never match and is a caller's mistake. */
function uuidOf(id: string, field: string): string {
  if (!UUID.test(id))
    throw badInput(`filter.${field} does not name an existing ${field.slice(0, -2)}`, { field });
  return id;
}

const AUDIT_COLUMNS = Prisma.sql`seq, log_id AS "logId", event_type AS "eventType", user_id AS "userId",
  operator_id AS "operatorId", recommendation_id AS "recommendationId", occurred_at AS "occurredAt",
  event_data AS "eventData", ip_address AS "ipAddress", user_agent AS "userAgent",
  content_hash AS "contentHash", prev_hash AS "prevHash", hash`;

/**
 * One page of the audit log. Keyset pagination: the cursor becomes `seq < $cursor` (or `>`), and
 * `ORDER BY seq LIMIT n + 1` reads one row past the page to learn whether there is more, so page 1,000
 * costs what page 1 costs. Whether there is anything on the other side of a cursor is one more index probe.
 */
export async function readAuditPage(ctx: ServiceContext, request: AuditPageRequest): Promise<AuditPage> {
  const { size, backward } = pageSize(request);
  const descending = (request.order ?? 'SEQ_DESC') === 'SEQ_DESC';
  const after = request.after == null ? null : decodeAuditCursor(request.after, 'after');
  const before = request.before == null ? null : decodeAuditCursor(request.before, 'before');
  const bounds = await seqBoundsFor(ctx, request.filter, descending);
  const filter = bounds
    ? Prisma.sql`${auditFilterSql(request.filter)} AND ${bounds}`
    : auditFilterSql(request.filter);
  // "Later in the requested order": a smaller seq when newest-first.
  const laterThan = (seq: bigint) => (descending ? Prisma.sql`seq < ${seq}` : Prisma.sql`seq > ${seq}`);
  const earlierThan = (seq: bigint) => (descending ? Prisma.sql`seq > ${seq}` : Prisma.sql`seq < ${seq}`);
  const window = [filter];
  if (after !== null) window.push(laterThan(after));
  if (before !== null) window.push(earlierThan(before));
  // Reading backward means reading the reverse order and flipping the rows afterwards.
  const readDescending = descending !== backward;
  const db = ctx.db.prisma;
  const [rows, beyondAfter, beyondBefore] = await Promise.all([
    db.$queryRaw<AuditEntry[]>`
      SELECT ${AUDIT_COLUMNS} FROM audit_log
      WHERE ${Prisma.join(window, ' AND ')}
      ORDER BY seq ${readDescending ? Prisma.sql`DESC` : Prisma.sql`ASC`}
      LIMIT ${size + 1}`,
    after === null ? false : anyEntry(db, filter, Prisma.sql`NOT (${laterThan(after)})`),
    before === null ? false : anyEntry(db, filter, Prisma.sql`NOT (${earlierThan(before)})`),
  ]);
  const more = rows.length > size;
  const entries = more ? rows.slice(0, size) : rows;
  if (backward) entries.reverse();
  return {
    entries,
    hasNextPage: backward ? beyondBefore : more || beyondBefore,
    hasPreviousPage: backward ? more || beyondAfter : beyondAfter,
  };
}

/**
 * The first and last seq among entries whose occurred_at lies in [from, to], or null when there are none.
 *
 * Keyset pages are ordered by seq. A time window far from the end being read from (last year's quarter,
 * newest first) would make PostgreSQL walk the primary key past every newer entry; bounding seq by the
 * window's own range first turns that into an index-only scan of the window on (occurred_at, seq).
 * `OFFSET 0` keeps the planner from turning min/max back into a filtered primary-key scan.
 */
export async function seqRangeOfTimeWindow(
  db: Db,
  window: { from?: Date | null; to?: Date | null },
): Promise<{ low: bigint; high: bigint } | null> {
  const [bounds] = await db.$queryRaw<Array<{ low: bigint | null; high: bigint | null }>>`
    SELECT min(seq) AS low, max(seq) AS high
    FROM (SELECT seq FROM audit_log WHERE ${auditFilterSql({ from: window.from ?? null, to: window.to ?? null })} OFFSET 0) AS in_window`;
  if (bounds?.low == null || bounds.high == null) return null;
  return { low: BigInt(bounds.low), high: BigInt(bounds.high) };
}

// A window that ended over an hour ago cannot gain entries (entries are stamped when written), so its seq
// range is remembered; windows reaching into the present are read from the newest end and need no range.
const CLOSED_WINDOW_AGE_MS = 3_600_000;
const windowRanges = new WeakMap<ServiceContext, Map<string, { low: bigint; high: bigint } | null>>();

async function seqBoundsFor(
  ctx: ServiceContext,
  filter: AuditFilter,
  descending: boolean,
): Promise<Prisma.Sql | null> {
  const { from, to } = filter;
  const closed = to != null && to.getTime() < ctx.now().getTime() - CLOSED_WINDOW_AGE_MS;
  // Newest first starts at the newest entry: only a window that ended in the past is far from it.
  // Oldest first starts at seq 1: only a window with a start is far from it.
  if (descending ? !closed : from == null) return null;
  const key = `${from?.toISOString() ?? ''}|${to?.toISOString() ?? ''}`;
  let cache = windowRanges.get(ctx);
  if (!cache) {
    cache = new Map();
    windowRanges.set(ctx, cache);
  }
  let range = cache.get(key);
  if (range === undefined) {
    range = await seqRangeOfTimeWindow(ctx.db.prisma, { from, to });
    if (closed) {
      if (cache.size >= 256) cache.delete(cache.keys().next().value!);
      cache.set(key, range);
    }
  }
  return range ? Prisma.sql`seq BETWEEN ${range.low} AND ${range.high}` : Prisma.sql`FALSE`;
}

async function anyEntry(db: Db, filter: Prisma.Sql, side: Prisma.Sql): Promise<boolean> {
  const rows = await db.$queryRaw<unknown[]>`SELECT 1 FROM audit_log WHERE ${filter} AND ${side} LIMIT 1`;
  return rows.length > 0;
}

function pageSize(request: AuditPageRequest): { size: number; backward: boolean } {
  const { first, last } = request;
  if (first != null && last != null) {
    throw badInput('Pass either first or last, not both', { arguments: ['first', 'last'] });
  }
  const backward = last != null;
  const size = (backward ? last : first) ?? AUDIT_PAGE_DEFAULT_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > AUDIT_PAGE_MAX_SIZE) {
    const argument = backward ? 'last' : 'first';
    throw badInput(`${argument} must be between 1 and ${AUDIT_PAGE_MAX_SIZE}`, {
      argument,
      max: AUDIT_PAGE_MAX_SIZE,
    });
  }
  return { size, backward };
}

/** How many entries match `filter`: one `count(*)`, run only when a caller asks for the total. */
export async function countAuditEntries(ctx: ServiceContext, filter: AuditFilter): Promise<number> {
  const rows = await ctx.db.prisma.$queryRaw<Array<{ count: bigint }>>`
    SELECT count(*) AS count FROM audit_log WHERE ${auditFilterSql(filter)}`;
  return Number(rows[0]?.count ?? 0n);
}
