/**
 * The floor of the audit page benchmark (`audit-log-query.ts`): a bare node:http server in its own process
 * (started with `startBenchServer` in audit-support.ts) that answers the project's `auditLog` request body
 * (`{ query, variables }`, as the project's server receives it) by running the project's own
 * `readAuditPage` and `countAuditEntries` on `pg` (pool of 10, like the server's) and writing the same JSON
 * the project answers. No GraphQL, no session, no authorization, no Prisma: what any server must at least do
 * for the page.
 *
 * What it answers: `filter.eventTypes`, `filter.from`/`filter.to`, `first`, `after` (newest first), and
 * `totalCount` when the query names it. IPC: `{ type: 'listening', port }` once serving; ends when the parent
 * disconnects.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuditEventType, AuditFilter } from '@spendsense/server/domain/audit/index';
import { countAuditEntries, encodeAuditCursor, readAuditPage } from '@spendsense/server/services/audit/query';
import pg from 'pg';
import { pgServiceContext } from './audit-support.js';

const databaseUrl = process.env.BENCH_SERVER_DATABASE_URL;
if (!databaseUrl) throw new Error('BENCH_SERVER_DATABASE_URL is not set');
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });

/** The project's page reader and counter on `pg` alone, sending exactly the project's statements. */
const services = pgServiceContext(pool);

interface PageRequest {
  query: string;
  variables: {
    filter: { eventTypes: string[]; from: string; to: string };
    first?: number | null;
    after?: string | null;
  };
}

const globalIdOf = (seq: bigint) => Buffer.from(`AuditEntry:${seq}`, 'utf8').toString('base64');

async function page(request: PageRequest): Promise<string> {
  const { variables } = request;
  const filter: AuditFilter = {
    eventTypes: variables.filter.eventTypes.map((t) => t.toLowerCase() as AuditEventType),
    from: new Date(variables.filter.from),
    to: new Date(variables.filter.to),
  };
  const withTotal = /\btotalCount\b/.test(request.query);
  const [read, total] = await Promise.all([
    readAuditPage(services, { filter, first: variables.first ?? null, after: variables.after ?? null }),
    withTotal ? countAuditEntries(services, filter) : null,
  ]);
  const edges = read.entries.map((row) => ({
    cursor: encodeAuditCursor(row.seq),
    // In the order the benchmark's document selects them, as GraphQL answers.
    node: {
      id: globalIdOf(row.seq),
      sequence: row.seq.toString(),
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
        ...(total === null ? {} : { totalCount: total }),
        edges,
        pageInfo: {
          hasNextPage: read.hasNextPage,
          hasPreviousPage: read.hasPreviousPage,
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
