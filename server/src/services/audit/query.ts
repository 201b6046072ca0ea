import type { SqlExecutor } from '../../db/migrate.js';
import { readRows } from '../../db/read-rows.js';
import {
  AUDIT_EVENT_TYPE_NAMES,
  type AuditEventType,
  type AuditFilter,
  isAuditEventType,
} from '../../domain/audit/index.js';
import { isUuid, parseAuditSeqText } from '../../domain/identifiers.js';
import { badInput } from '../../errors.js';
import { type AuditEntry, Prisma } from '../../generated/prisma/client.js';
import type { ServiceContext } from '../context.js';
import type { Db } from '../db-types.js';
import {
  anyArchivedEntry,
  countArchived,
  readArchivedPage,
  type SeqBounds,
} from '../retention/archived-query.js';

/**
 * Newest first (the default), oldest first, or grouped by event type: A→Z or Z→A by type name, newest first
 * within each type. All four are keyset orders, so a deep page costs what the first does.
 */
export type AuditLogOrder = 'SEQ_DESC' | 'SEQ_ASC' | 'EVENT_TYPE_ASC' | 'EVENT_TYPE_DESC';

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
  /** Also read the kept monthly archives, merged in sequence order (they precede every active entry). */
  includeArchived?: boolean | null;
}

export interface AuditPage {
  /** In the requested order, whichever direction the page was read in. */
  entries: AuditEntry[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/** Where an entry stands in an order: its seq, and for the event-type orders its type. */
export interface AuditPosition {
  seq: bigint;
  eventType: AuditEventType | null;
}

const CURSOR_PREFIX = 'audit:';
const SEQ_CURSOR = /^audit:([0-9]+)$/;
const TYPED_CURSOR = /^audit:([a-z_]+):([0-9]+)$/;

export function isEventTypeOrder(order: AuditLogOrder): order is 'EVENT_TYPE_ASC' | 'EVENT_TYPE_DESC' {
  return order === 'EVENT_TYPE_ASC' || order === 'EVENT_TYPE_DESC';
}

/**
 * The opaque cursor of an entry: base64 of `audit:<seq>`, or `audit:<event type>:<seq>` in the event-type
 * orders (the type is part of the key there). It names a position, so it survives new entries.
 */
export function encodeAuditCursor(seq: bigint, eventType: AuditEventType | null = null): string {
  const text = eventType === null ? `${CURSOR_PREFIX}${seq}` : `${CURSOR_PREFIX}${eventType}:${seq}`;
  return Buffer.from(text, 'utf8').toString('base64');
}

/** The cursor of `entry` in `order`. */
export function auditCursorOf(entry: Pick<AuditEntry, 'seq' | 'eventType'>, order: AuditLogOrder): string {
  return encodeAuditCursor(entry.seq, isEventTypeOrder(order) ? entry.eventType : null);
}

/**
 * The position a cursor of `order` points at; BAD_USER_INPUT for anything {@link encodeAuditCursor} did not
 * produce, and for a cursor issued for an order with another key (seq alone vs event type and seq).
 */
export function decodeAuditCursor(
  cursor: string,
  argument = 'cursor',
  order: AuditLogOrder = 'SEQ_DESC',
): AuditPosition {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  const seqOnly = SEQ_CURSOR.exec(text);
  const typed = TYPED_CURSOR.exec(text);
  const digits = seqOnly?.[1] ?? typed?.[2];
  const seq = digits === undefined ? null : parseAuditSeqText(digits);
  const eventType = typed?.[1] ?? null;
  // Re-encoding rejects cursors that only decode to the right text by base64's leniency.
  if (
    seq === null ||
    (eventType !== null && !isAuditEventType(eventType)) ||
    encodeAuditCursor(seq, eventType as AuditEventType | null) !== cursor
  ) {
    throw badInput(`${argument} is not a valid audit log cursor`, { argument });
  }
  if ((eventType !== null) !== isEventTypeOrder(order)) {
    throw badInput(`${argument} is a cursor of another orderBy than ${order}`, { argument, orderBy: order });
  }
  return { seq, eventType: eventType as AuditEventType | null };
}

/**
 * The criteria of `filter`, each one column compared with one value. They are rendered twice, for the active
 * table ({@link auditFilterSql}) and for archive files (services/retention/archived-query.ts), so a filter
 * means the same thing wherever the entries live.
 */
export type AuditFilterCriterion =
  | { column: 'event_type'; anyOf: readonly AuditEventType[] }
  | { column: 'user_id'; equals: string }
  | { column: 'operator_id' | 'recommendation_id'; equalsUuid: string }
  | { column: 'occurred_at'; atLeast: string }
  | { column: 'occurred_at'; atMost: string };

export function auditFilterCriteria(filter: AuditFilter): AuditFilterCriterion[] {
  const criteria: AuditFilterCriterion[] = [];
  if (filter.eventTypes && filter.eventTypes.length > 0) {
    criteria.push({ column: 'event_type', anyOf: filter.eventTypes });
  }
  if (filter.userId) criteria.push({ column: 'user_id', equals: filter.userId });
  if (filter.operatorId) {
    criteria.push({ column: 'operator_id', equalsUuid: uuidOf(filter.operatorId, 'operatorId') });
  }
  if (filter.recommendationId) {
    const id = uuidOf(filter.recommendationId, 'recommendationId');
    criteria.push({ column: 'recommendation_id', equalsUuid: id });
  }
  if (filter.from) criteria.push({ column: 'occurred_at', atLeast: filter.from.toISOString() });
  if (filter.to) criteria.push({ column: 'occurred_at', atMost: filter.to.toISOString() });
  return criteria;
}

/**
 * The SQL condition selecting `filter` (always a valid boolean expression; `TRUE` for no filter). Each
 * criterion is an equality or range on an indexed column, so exports and subscriptions that reuse it hit the
 * same indexes as the audit log query.
 */
export function auditFilterSql(filter: AuditFilter): Prisma.Sql {
  const conditions = auditFilterCriteria(filter).map((criterion): Prisma.Sql => {
    if ('anyOf' in criterion) {
      const types = criterion.anyOf.map((type) => Prisma.sql`${type}::"AuditEventType"`);
      return Prisma.sql`event_type IN (${Prisma.join(types)})`;
    }
    if ('equals' in criterion) return Prisma.sql`user_id = ${criterion.equals}`;
    if ('equalsUuid' in criterion) {
      return Prisma.sql`${Prisma.raw(criterion.column)} = ${criterion.equalsUuid}::uuid`;
    }
    if ('atLeast' in criterion) return Prisma.sql`occurred_at >= ${criterion.atLeast}::timestamptz`;
    return Prisma.sql`occurred_at <= ${criterion.atMost}::timestamptz`;
  });
  return conditions.length === 0 ? Prisma.sql`TRUE` : Prisma.join(conditions, ' AND ');
}

/** Operator and recommendation ids are uuids; anything else could never match and is a caller's mistake. */
function uuidOf(id: string, field: string): string {
  if (!isUuid(id))
    throw badInput(`filter.${field} does not name an existing ${field.slice(0, -2)}`, { field });
  return id;
}

const AUDIT_COLUMNS = Prisma.sql`seq, log_id AS "logId", event_type AS "eventType", user_id AS "userId",
  operator_id AS "operatorId", recommendation_id AS "recommendationId", occurred_at AS "occurredAt",
  event_data AS "eventData", ip_address AS "ipAddress", user_agent AS "userAgent",
  content_hash AS "contentHash", prev_hash AS "prevHash", hash`;

/** How an order arranges entries: by event type in the order of `types` and then by seq, or by seq alone. */
interface OrderKeys {
  /** Every event type, in this order's sequence; null when the order is by seq alone. */
  types: readonly AuditEventType[] | null;
  seqDescending: boolean;
}

const TYPES_A_TO_Z = Object.freeze([...AUDIT_EVENT_TYPE_NAMES].sort());
const TYPES_Z_TO_A = Object.freeze([...TYPES_A_TO_Z].reverse());

function orderKeys(order: AuditLogOrder): OrderKeys {
  switch (order) {
    case 'SEQ_DESC':
      return { types: null, seqDescending: true };
    case 'SEQ_ASC':
      return { types: null, seqDescending: false };
    case 'EVENT_TYPE_ASC':
      return { types: TYPES_A_TO_Z, seqDescending: true };
    case 'EVENT_TYPE_DESC':
      return { types: TYPES_Z_TO_A, seqDescending: true };
  }
}

function reversed(keys: OrderKeys): OrderKeys {
  return { types: keys.types && [...keys.types].reverse(), seqDescending: !keys.seqDescending };
}

/** Rows of `type` (any type in a seq order) strictly after / before `seq` in `keys`' seq direction. */
function seqAfter(keys: OrderKeys, seq: bigint): Prisma.Sql {
  return keys.seqDescending ? Prisma.sql`seq < ${seq}` : Prisma.sql`seq > ${seq}`;
}
function seqBefore(keys: OrderKeys, seq: bigint): Prisma.Sql {
  return keys.seqDescending ? Prisma.sql`seq > ${seq}` : Prisma.sql`seq < ${seq}`;
}

/** Entries at `position` or before it in `keys`' order, as one condition over indexed columns. */
function atOrBefore(keys: OrderKeys, position: AuditPosition): Prisma.Sql {
  const sameOrEarlierSeq = keys.seqDescending
    ? Prisma.sql`seq >= ${position.seq}`
    : Prisma.sql`seq <= ${position.seq}`;
  if (keys.types === null || position.eventType === null) return sameOrEarlierSeq;
  const earlierTypes = keys.types.slice(0, keys.types.indexOf(position.eventType));
  const sameType = Prisma.sql`(event_type = ${position.eventType}::"AuditEventType" AND ${sameOrEarlierSeq})`;
  if (earlierTypes.length === 0) return sameType;
  return Prisma.sql`(event_type IN (${Prisma.join(earlierTypes.map((type) => Prisma.sql`${type}::"AuditEventType"`))}) OR ${sameType})`;
}

/**
 * One page of the audit log. Keyset pagination: the cursor becomes `seq < $cursor` (or `>`), and
 * `ORDER BY seq LIMIT n + 1` reads one row past the page to learn whether there is more, so page 1,000
 * costs what page 1 costs. Whether there is anything on the other side of a cursor is an index probe asked in
 * the same statement.
 *
 * The event-type orders are keyed on (type, seq). PostgreSQL sorts an enum by declaration, not by name, so
 * instead of one scan in enum order the page is read as one branch per event type, in name order, each
 * `ORDER BY seq LIMIT n + 1` on the (event_type, seq) index from the cursor onwards, and the branches'
 * few rows are merged: at most (types × (n + 1)) rows, whatever the depth of the page.
 */
export async function readAuditPage(ctx: ServiceContext, request: AuditPageRequest): Promise<AuditPage> {
  const { size, backward } = pageSize(request);
  const order = request.order ?? 'SEQ_DESC';
  if (request.includeArchived && isEventTypeOrder(order)) {
    throw badInput('includeArchived pages in sequence order: use orderBy SEQ_DESC or SEQ_ASC', {
      argument: 'orderBy',
    });
  }
  const keys = orderKeys(order);
  const after = request.after == null ? null : decodeAuditCursor(request.after, 'after', order);
  const before = request.before == null ? null : decodeAuditCursor(request.before, 'before', order);
  const bounds = await seqBoundsFor(ctx, request.filter, keys.seqDescending);
  const filter = bounds
    ? Prisma.sql`${auditFilterSql(request.filter)} AND ${bounds}`
    : auditFilterSql(request.filter);
  // Reading backward means reading the reverse order from `before` towards `after`, then flipping the rows.
  const reading = backward ? reversed(keys) : keys;
  const start = backward ? before : after;
  const stop = backward ? after : before;
  const db = ctx.db.sql;
  // Whether anything lies on the far side of each cursor is asked in the page's own statement; only an
  // empty page (which returns no row to carry the answers) asks it in a statement of its own.
  const probes: WindowProbes = {
    beyondAfter: after === null ? null : anyEntrySql(filter, atOrBefore(keys, after)),
    beyondBefore: before === null ? null : anyEntrySql(filter, atOrBefore(reversed(keys), before)),
  };
  const page = await readWindow(db, filter, reading, request.filter, start, stop, size + 1, probes);
  const { rows } = page;
  const probe = async (name: keyof WindowProbes) => {
    const sql = probes[name];
    if (sql === null) return false;
    return page.answers?.[name] ?? (await readRows(db, sql)).length > 0;
  };
  let [beyondAfterActive, beyondBeforeActive] = await Promise.all([
    probe('beyondAfter'),
    probe('beyondBefore'),
  ]);
  if (request.includeArchived) {
    // Archived entries all precede active ones, and cursors are seqs: reading newest first, the archives
    // continue where the active rows ran out; reading oldest first, they come first.
    const descending = keys.seqDescending;
    const bounds: SeqBounds = {};
    if (after !== null) bounds[descending ? 'below' : 'above'] = after.seq;
    if (before !== null) bounds[descending ? 'above' : 'below'] = before.seq;
    const wanted = reading.seqDescending ? size + 1 - rows.length : size + 1;
    if (wanted > 0) {
      const archived = await readArchivedPage(ctx, request.filter, bounds, {
        descending: reading.seqDescending,
        limit: wanted,
      });
      if (reading.seqDescending) rows.push(...archived);
      else rows.unshift(...archived);
    }
    rows.splice(size + 1);
    // Whether anything lies on the far side of a cursor, counting archived entries too.
    const otherSide = (cursor: bigint, isAfter: boolean): SeqBounds =>
      descending === isAfter ? { above: cursor - 1n } : { below: cursor + 1n };
    if (after !== null && !beyondAfterActive) {
      beyondAfterActive = await anyArchivedEntry(ctx, request.filter, otherSide(after.seq, true));
    }
    if (before !== null && !beyondBeforeActive) {
      beyondBeforeActive = await anyArchivedEntry(ctx, request.filter, otherSide(before.seq, false));
    }
  }
  const beyondAfter = beyondAfterActive;
  const beyondBefore = beyondBeforeActive;
  const more = rows.length > size;
  const entries = more ? rows.slice(0, size) : rows;
  if (backward) entries.reverse();
  return {
    entries,
    hasNextPage: backward ? beyondBefore : more || beyondBefore,
    hasPreviousPage: backward ? more || beyondAfter : beyondAfter,
  };
}

/** An entry as a driver returns AUDIT_COLUMNS: int8 may come as text or a number; the entry's seq is a bigint. */
function auditEntryOfRow(row: Omit<AuditEntry, 'seq'> & { seq: bigint | number | string }): AuditEntry {
  return { ...row, seq: BigInt(row.seq) };
}

/** Statements (`SELECT 1 … LIMIT 1`) whose answer a page carries along: whether any row matches. */
interface WindowProbes {
  beyondAfter: Prisma.Sql | null;
  beyondBefore: Prisma.Sql | null;
}

type ProbeAnswers = Record<keyof WindowProbes, boolean | null>;

/** The probes as output columns: uncorrelated, so PostgreSQL evaluates each once for the whole page. */
function probeColumns(probes: WindowProbes): Prisma.Sql {
  const column = (sql: Prisma.Sql | null, name: string) =>
    sql === null
      ? Prisma.sql`NULL::boolean AS ${Prisma.raw(`"${name}"`)}`
      : Prisma.sql`EXISTS (${sql}) AS ${Prisma.raw(`"${name}"`)}`;
  return Prisma.sql`${column(probes.beyondAfter, 'beyondAfter')}, ${column(probes.beyondBefore, 'beyondBefore')}`;
}

/** Takes the probe columns off the rows; their answers, or null when there was no row to carry them. */
function takeProbeAnswers(rows: Array<Record<string, unknown>>): ProbeAnswers | null {
  const first = rows[0];
  const answers = first
    ? { beyondAfter: first.beyondAfter as boolean | null, beyondBefore: first.beyondBefore as boolean | null }
    : null;
  for (const row of rows) {
    delete row.beyondAfter;
    delete row.beyondBefore;
  }
  return answers;
}

/**
 * The first `limit` entries strictly between `start` and `stop` in the order of `keys`, and the answers of
 * `probes` (null when the window is empty).
 */
async function readWindow(
  db: SqlExecutor,
  filter: Prisma.Sql,
  keys: OrderKeys,
  auditFilter: AuditFilter,
  start: AuditPosition | null,
  stop: AuditPosition | null,
  limit: number,
  probes: WindowProbes,
): Promise<{ rows: AuditEntry[]; answers: ProbeAnswers | null }> {
  const direction = keys.seqDescending ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  if (keys.types === null) {
    const window = [filter];
    if (start !== null) window.push(seqAfter(keys, start.seq));
    if (stop !== null) window.push(seqBefore(keys, stop.seq));
    const rows = await readRows<AuditEntry & Record<string, unknown>>(
      db,
      Prisma.sql`
      SELECT ${AUDIT_COLUMNS}, ${probeColumns(probes)} FROM audit_log
      WHERE ${Prisma.join(window, ' AND ')}
      ORDER BY seq ${direction}
      LIMIT ${limit}`,
    );
    const answers = takeProbeAnswers(rows);
    return { rows: rows.map(auditEntryOfRow), answers };
  }
  const rank = (type: AuditEventType | null) => (type === null ? -1 : keys.types!.indexOf(type));
  const branches: Prisma.Sql[] = [];
  keys.types.forEach((type, typeRank) => {
    if (auditFilter.eventTypes && !auditFilter.eventTypes.includes(type)) return;
    const window = [filter, Prisma.sql`event_type = ${type}::"AuditEventType"`];
    if (start !== null) {
      if (typeRank < rank(start.eventType)) return;
      if (typeRank === rank(start.eventType)) window.push(seqAfter(keys, start.seq));
    }
    if (stop !== null) {
      if (typeRank > rank(stop.eventType)) return;
      if (typeRank === rank(stop.eventType)) window.push(seqBefore(keys, stop.seq));
    }
    branches.push(Prisma.sql`(SELECT ${AUDIT_COLUMNS}, ${typeRank}::int AS "typeRank" FROM audit_log
      WHERE ${Prisma.join(window, ' AND ')} ORDER BY seq ${direction} LIMIT ${limit})`);
  });
  if (branches.length === 0) return { rows: [], answers: null };
  const rows = await readRows<AuditEntry & { typeRank?: number } & Record<string, unknown>>(
    db,
    Prisma.sql`
    SELECT page.*, ${probeColumns(probes)} FROM (${Prisma.join(branches, ' UNION ALL ')}) AS page
    ORDER BY "typeRank", seq ${direction}
    LIMIT ${limit}`,
  );
  const answers = takeProbeAnswers(rows);
  for (const row of rows) delete row.typeRank;
  return { rows: rows.map(auditEntryOfRow), answers };
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
  /** Whether pages start at the newest end (newest first, and the event-type orders within each type). */
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

/** Whether any entry matches `filter` on `side`: one index probe. */
function anyEntrySql(filter: Prisma.Sql, side: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT 1 FROM audit_log WHERE ${filter} AND ${side} LIMIT 1`;
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

/**
 * How many entries match `filter`, exactly, counted only when a caller asks for the total.
 *
 * A filter of event types and a time window alone is answered mostly from `audit_count_rollup` (entries per
 * event type and UTC day, kept in the append's and the removal's own transaction): the whole days inside the
 * window are summed from it, and only the partial days at its edges are counted from the entries, on the
 * (event_type, occurred_at) or (occurred_at, seq) index, so the cost follows the edges, not the window. Any
 * other criterion (a customer, an operator, a recommendation) counts the matching entries with `count(*)`.
 * Either way it is one statement, so one snapshot: the rollup and the entries it sums always agree.
 */
export async function countAuditEntries(
  ctx: ServiceContext,
  filter: AuditFilter,
  options: { includeArchived?: boolean | null } = {},
): Promise<number> {
  const [rows, archived] = await Promise.all([
    readRows<{ count: bigint | number | string }>(
      ctx.db.sql,
      Prisma.sql`SELECT ${activeAuditCountSql(filter)} AS count`,
    ),
    options.includeArchived ? countArchived(ctx, filter) : 0,
  ]);
  return Number(rows[0]?.count ?? 0) + archived;
}

const DAY_MS = 86_400_000;

/** The whole UTC days inside a window, as [first, end) day starts (null: unbounded on that side). */
interface WholeDays {
  first: Date | null;
  end: Date | null;
}

/**
 * The whole UTC days inside `filter`'s [from, to], or null when it holds none. occurred_at is stored to the
 * millisecond and filter bounds are Dates (milliseconds too), so `occurred_at <= to` is `occurred_at < to + 1 ms`:
 * a window ending at 23:59:59.999 includes that day whole.
 */
export function wholeDaysOf(filter: Pick<AuditFilter, 'from' | 'to'>): WholeDays | null {
  const first = filter.from ? new Date(Math.ceil(filter.from.getTime() / DAY_MS) * DAY_MS) : null;
  const end = filter.to ? new Date(Math.floor((filter.to.getTime() + 1) / DAY_MS) * DAY_MS) : null;
  if (first && end && first.getTime() >= end.getTime()) return null;
  return { first, end };
}

/** The SQL expression (a bigint) counting the active entries that match `filter`. */
function activeAuditCountSql(filter: AuditFilter): Prisma.Sql {
  const matching = auditFilterSql(filter);
  const scan = (edge: Prisma.Sql) =>
    Prisma.sql`(SELECT count(*) FROM audit_log WHERE ${matching} AND ${edge})`;
  const days = wholeDaysOf(filter);
  const byTypeAndTime = auditFilterCriteria(filter).every(
    (criterion) => criterion.column === 'event_type' || criterion.column === 'occurred_at',
  );
  if (!byTypeAndTime || days === null) return scan(Prisma.sql`TRUE`);
  // The rollup's event_type column is the entries' own, so the filter's type condition applies as it is;
  // day starts become dates through the function that dates entries in the rollup.
  const rollup = [auditFilterSql({ eventTypes: filter.eventTypes ?? null })];
  const parts: Prisma.Sql[] = [];
  // A bound on a day boundary leaves no partial day on its side, and no edge statement to plan.
  if (days.first) {
    const first = days.first.toISOString();
    rollup.push(Prisma.sql`day >= audit_count_day(${first}::timestamptz)`);
    if (days.first.getTime() !== filter.from!.getTime()) {
      parts.push(scan(Prisma.sql`occurred_at < ${first}::timestamptz`));
    }
  }
  if (days.end) {
    const end = days.end.toISOString();
    rollup.push(Prisma.sql`day < audit_count_day(${end}::timestamptz)`);
    if (days.end.getTime() !== filter.to!.getTime() + 1) {
      parts.push(scan(Prisma.sql`occurred_at >= ${end}::timestamptz`));
    }
  }
  parts.unshift(
    Prisma.sql`(SELECT coalesce(sum(n), 0) FROM audit_count_rollup WHERE ${Prisma.join(rollup, ' AND ')})::bigint`,
  );
  return Prisma.join(parts, ' + ');
}
