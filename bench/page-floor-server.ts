/**
 * The floor of the audit page benchmark (`audit-log-query.ts`): a bare node:http server in its own process
 * (started with `startBenchServer` in audit-support.ts) that answers the project's `auditLog` request body
 * (`{ query, variables }`, as the project's server receives it) by sending the statements the project's
 * `readAuditPage` sends for it with `pg` (pool of 10, like the server's) and writing the same JSON the
 * project answers. No GraphQL, no session, no authorization: what any server must at least do for the page.
 *
 * What it answers: `filter.eventTypes`, `filter.from`/`filter.to`, `first`, `after` (newest first), and
 * `totalCount` when the query names it. IPC: `{ type: 'listening', port }` once serving; ends when the parent
 * disconnects.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuditEventType, AuditFilter } from '@spendsense/server/domain/audit/index';
import {
  auditFilterSql,
  decodeAuditCursor,
  encodeAuditCursor,
} from '@spendsense/server/services/audit/query';
import pg from 'pg';
import { PAGE_COLUMNS } from './audit-page-sql.js';

const databaseUrl = process.env.BENCH_SERVER_DATABASE_URL;
if (!databaseUrl) throw new Error('BENCH_SERVER_DATABASE_URL is not set');
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });

interface PageRequest {
  query: string;
  variables: {
    filter: { eventTypes: string[]; from: string; to: string };
    first?: number | null;
    after?: string | null;
  };
}

interface PageRow {
  seq: string;
  logId: string;
  eventType: AuditEventType;
  userId: string | null;
  occurredAt: Date;
  eventData: unknown;
  ipAddress: string | null;
  userAgent: string | null;
  contentHash: string;
  prevHash: string;
  hash: string;
}

/**
 * A window that ended in the past gets the seq range it spans as extra bounds, as the project's
 * seqBoundsFor does, computed once per window (the project caches it too).
 */
const seqRanges = new Map<string, Promise<{ low: string; high: string } | null>>();
function seqRangeOf(filter: AuditFilter) {
  const key = `${filter.from?.toISOString()}|${filter.to?.toISOString()}`;
  let range = seqRanges.get(key);
  if (!range) {
    const window = auditFilterSql({ from: filter.from ?? null, to: filter.to ?? null });
    range = pool
      .query<{ low: string | null; high: string | null }>(
        `SELECT min(seq) AS low, max(seq) AS high FROM (SELECT seq FROM audit_log WHERE ${window.text} OFFSET 0) AS in_window`,
        window.values,
      )
      .then(({ rows }) =>
        rows[0]?.low == null || rows[0].high == null ? null : { low: rows[0].low, high: rows[0].high },
      );
    seqRanges.set(key, range);
  }
  return range;
}

const globalIdOf = (seq: string) => Buffer.from(`AuditEntry:${seq}`, 'utf8').toString('base64');

async function page(request: PageRequest): Promise<string> {
  const { variables } = request;
  const filter: AuditFilter = {
    eventTypes: variables.filter.eventTypes.map((t) => t.toLowerCase() as AuditEventType),
    from: new Date(variables.filter.from),
    to: new Date(variables.filter.to),
  };
  const size = variables.first ?? 50;
  const after = variables.after == null ? null : decodeAuditCursor(variables.after, 'after');
  const withTotal = /\btotalCount\b/.test(request.query);
  const where = auditFilterSql(filter);
  const range = await seqRangeOf(filter);
  const values: unknown[] = [...where.values];
  let condition = where.text;
  if (range) {
    values.push(range.low, range.high);
    condition += ` AND seq BETWEEN $${values.length - 1} AND $${values.length}`;
  }
  const pageValues = [...values];
  let pageCondition = condition;
  if (after) {
    pageValues.push(after.seq.toString());
    pageCondition += ` AND seq < $${pageValues.length}`;
  }
  const [rows, before, total] = await Promise.all([
    pool.query<PageRow>(
      `SELECT ${PAGE_COLUMNS} FROM audit_log WHERE ${pageCondition} ORDER BY seq DESC LIMIT ${size + 1}`,
      pageValues,
    ),
    after
      ? pool.query(`SELECT 1 FROM audit_log WHERE ${condition} AND seq >= $${values.length + 1} LIMIT 1`, [
          ...values,
          after.seq.toString(),
        ])
      : null,
    withTotal
      ? pool.query<{ count: string }>(
          `SELECT count(*) AS count FROM audit_log WHERE ${where.text}`,
          where.values,
        )
      : null,
  ]);
  const entries = rows.rows.slice(0, size);
  const edges = entries.map((row) => ({
    cursor: encodeAuditCursor(BigInt(row.seq)),
    // In the order the benchmark's document selects them, as GraphQL answers.
    node: {
      id: globalIdOf(row.seq),
      sequence: row.seq,
      customerId: row.userId,
      logId: row.logId,
      eventType: row.eventType.toUpperCase(),
      occurredAt: row.occurredAt.toISOString(),
      ipAddress: row.ipAddress,
      userAgent: row.userAgent,
      eventData: row.eventData,
      contentHash: row.contentHash,
      prevHash: row.prevHash,
      hash: row.hash,
    },
  }));
  return JSON.stringify({
    data: {
      auditLog: {
        ...(total ? { totalCount: Number(total.rows[0]!.count) } : {}),
        edges,
        pageInfo: {
          hasNextPage: rows.rows.length > size,
          hasPreviousPage: (before?.rowCount ?? 0) > 0,
          endCursor: edges.at(-1)?.cursor ?? null,
        },
      },
    },
  });
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const server = createServer((request, response) => {
  bodyOf(request)
    .then((body) => page(JSON.parse(body) as PageRequest))
    .then((json) => {
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      response.end(json);
    })
    .catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify({ errors: [{ message: String(error) }] }));
    });
});

process.on('disconnect', () => {
  server.closeAllConnections();
  server.close();
  void pool.end().finally(() => process.exit(0));
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ type: 'listening', port });
  // Started by hand (e.g. under --cpu-prof) rather than forked: say where it listens.
  if (!process.send) console.error(`Listening on http://127.0.0.1:${port}`);
});
