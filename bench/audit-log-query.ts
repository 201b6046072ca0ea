import { encodeAuditCursor } from '@spendsense/server/services/audit/query';
import pg from 'pg';
import { auditFixture, PAGE_EVENT_TYPES, PAGE_WINDOWS, type QuarterWindow } from './audit-fixture.js';
import { type AuditServer, processCpuMs, startAuditServer, startBenchServer } from './audit-support.js';
import {
  type Benchmark,
  type BenchmarkOptions,
  type BenchmarkResult,
  formatNumber,
  formatRatio,
  median,
} from './framework.js';
import { type LoadRun, startLoadGenerator } from './load-generator.js';

/**
 * The compliance officer's page: the 50 newest entries of two event types in a three-month window, page 1
 * and a deep page, with and without `totalCount`, served over HTTP by three servers on the same database,
 * each in its own process, measured alternately in one run by autocannon in a process of its own:
 *
 * - the project: `createOversightYoga` (audit-server.ts), GraphQL `auditLog` with a COMPLIANCE bearer token;
 * - the peer: PostGraphile 5 with the connection-filter plugin (postgraphile-server.ts), `allAuditLogs`;
 * - the floor: node:http + pg running the project's own readAuditPage and countAuditEntries with pg in
 *   Prisma's place (page-floor-server.ts) and writing the project's JSON.
 *
 * The documents ask all three for the same fields (the entry's columns, a cursor per edge, pageInfo), so the
 * responses differ only in how each spells them (bytes per response are reported).
 */

const PAGE_SIZE = 50;
const CONCURRENCY = 16;
/** The same pool size the server's `openDatabase` uses; PostGraphile and the floor get the same. */
const POOL_SIZE = 10;
const ROUNDS = 3;

/** The columns readAuditPage selects (services/audit/query.ts), for the statements this file sends itself. */
const PAGE_COLUMNS = `seq, log_id AS "logId", event_type AS "eventType", user_id AS "userId",
  operator_id AS "operatorId", recommendation_id AS "recommendationId", occurred_at AS "occurredAt",
  event_data AS "eventData", ip_address AS "ipAddress", user_agent AS "userAgent",
  content_hash AS "contentHash", prev_hash AS "prevHash", hash`;
const FILTER = `event_type IN ($1::"AuditEventType", $2::"AuditEventType")
  AND occurred_at >= $3::timestamptz AND occurred_at <= $4::timestamptz`;
/** readAuditPage's statement (services/audit/query.ts), newest first, one row past the page. */
const PAGE_SQL = `SELECT ${PAGE_COLUMNS} FROM audit_log WHERE ${FILTER} ORDER BY seq DESC LIMIT ${PAGE_SIZE + 1}`;
const PAGE_AFTER_SQL = `SELECT ${PAGE_COLUMNS} FROM audit_log WHERE ${FILTER} AND seq < $5 ORDER BY seq DESC LIMIT ${PAGE_SIZE + 1}`;
/** What totalCount must equal: count(*) of the filter. */
const COUNT_SQL = `SELECT count(*) AS count FROM audit_log WHERE ${FILTER}`;

const ENTRY_FIELDS = 'logId eventType occurredAt ipAddress userAgent eventData contentHash prevHash hash';

/** The project's document (the floor answers the same request body). */
const projectQuery = (withTotal: boolean) => `query CompliancePage($filter: AuditLogFilter, $after: String) {
  auditLog(filter: $filter, first: ${PAGE_SIZE}, after: $after) {
    ${withTotal ? 'totalCount' : ''}
    edges { cursor node { id sequence customerId ${ENTRY_FIELDS} } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}`;

/** PostGraphile's: the same fields under its names (seq, userId), the same filter through connection-filter. */
const postgraphileQuery = (
  withTotal: boolean,
) => `query CompliancePage($filter: AuditLogFilter, $after: Cursor) {
  allAuditLogs(filter: $filter, orderBy: SEQ_DESC, first: ${PAGE_SIZE}, after: $after) {
    ${withTotal ? 'totalCount' : ''}
    edges { cursor node { id seq userId ${ENTRY_FIELDS} } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}`;

const TARGETS = ['project', 'postgraphile', 'floor'] as const;
type Target = (typeof TARGETS)[number];
const TARGET_NAMES: Record<Target, string> = {
  project: 'project: GraphQL auditLog (yoga + Pothos + Prisma)',
  postgraphile: 'PostGraphile 5.1.5 + connection-filter: allAuditLogs',
  floor: 'floor: node:http + pg, the project’s statements',
};

interface PageCase {
  window: QuarterWindow;
  matches: number;
  page: number;
  /** The seq the page starts after (newest first), null for page 1. */
  afterSeq: string | null;
  /** PostGraphile's cursor for the same position, null for page 1. */
  postgraphileAfter: string | null;
}

interface Measurement {
  window: string;
  page: number;
  withTotal: boolean;
  target: Target;
  runs: LoadRun[];
  /** Requests over wall time, all rounds together. */
  perSecond: number;
  /** Medians over the rounds of each round's p50 and p99. */
  p50Ms: number;
  p99Ms: number;
  /** Server process CPU (user + system) per request. */
  cpuMsPerRequest: number;
  bytesPerResponse: number;
}

const filterParams = (window: QuarterWindow) => [
  PAGE_EVENT_TYPES[0],
  PAGE_EVENT_TYPES[1],
  window.from,
  window.to,
];

function pageParams(c: PageCase): unknown[] {
  return c.afterSeq === null ? filterParams(c.window) : [...filterParams(c.window), c.afterSeq];
}

/** A compact description of a plan: node types, indexes, rows thrown away by filters. */
function describePlan(node: Record<string, unknown>): string {
  const parts: string[] = [];
  const walk = (n: Record<string, unknown>) => {
    let text = String(n['Node Type']);
    if (n['Index Name']) text += ` ${n['Index Name']}`;
    if (n['Scan Direction'] === 'Backward') text += ' (backward)';
    const removed = Number(n['Rows Removed by Filter'] ?? 0);
    if (removed > 0) text += ` [${removed.toLocaleString('en-US')} rows filtered out]`;
    parts.push(text);
    for (const child of (n['Plans'] as Record<string, unknown>[] | undefined) ?? []) walk(child);
  };
  walk(node);
  return parts.join(' → ');
}

async function explain(pool: pg.Pool, sql: string, params: unknown[]) {
  const { rows } = await pool.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params);
  const plan = (rows[0] as { 'QUERY PLAN': Array<Record<string, unknown>> })['QUERY PLAN'][0]!;
  return {
    executionMs: Number(plan['Execution Time']),
    plan: describePlan(plan['Plan'] as Record<string, unknown>),
  };
}

/**
 * The page statement with the time window first turned into the seq range it spans (min and max seq over
 * the (occurred_at, seq) index, kept out of the min/max-by-primary-key plan by OFFSET 0), as export.ts's
 * seqRangeOf does: a possible fix for a window deep in the table, timed as a whole.
 */
async function narrowed(pool: pg.Pool, c: PageCase) {
  const started = performance.now();
  const { rows } = await pool.query<{ low: string; high: string }>(
    `SELECT min(seq) AS low, max(seq) AS high FROM (SELECT seq FROM audit_log
       WHERE occurred_at >= $1::timestamptz AND occurred_at <= $2::timestamptz OFFSET 0) s`,
    [c.window.from, c.window.to],
  );
  const rangeMs = performance.now() - started;
  const page = await explain(
    pool,
    `SELECT ${PAGE_COLUMNS} FROM audit_log WHERE ${FILTER} AND seq >= $5 AND seq <= $6 ORDER BY seq DESC LIMIT ${PAGE_SIZE + 1}`,
    [...filterParams(c.window), rows[0]!.low, rows[0]!.high],
  );
  return {
    executionMs: rangeMs + page.executionMs,
    plan: `seq range query ${formatNumber(rangeMs)} ms, then ${page.plan}`,
  };
}

async function pageCases(pool: pg.Pool, quick: boolean): Promise<PageCase[]> {
  const cases: PageCase[] = [];
  for (const window of PAGE_WINDOWS) {
    const { rows } = await pool.query<{ count: string }>(COUNT_SQL, filterParams(window));
    const matches = Number(rows[0]!.count);
    const deepPage = Math.min(1_000, Math.floor(matches / PAGE_SIZE));
    cases.push({ window, matches, page: 1, afterSeq: null, postgraphileAfter: null });
    if (deepPage < 2 || (!quick && deepPage < 1_000)) {
      throw new Error(`${window.label}: only ${matches} entries match, too few for a deep page`);
    }
    // The cursor of page N is the last entry of page N - 1.
    const cursor = await pool.query<{ seq: string }>(
      `SELECT seq FROM audit_log WHERE ${FILTER} ORDER BY seq DESC OFFSET $5 LIMIT 1`,
      [...filterParams(window), (deepPage - 1) * PAGE_SIZE - 1],
    );
    cases.push({ window, matches, page: deepPage, afterSeq: cursor.rows[0]!.seq, postgraphileAfter: null });
  }
  return cases;
}

/** The request each target gets for a case: where it goes and its body (the same for every round). */
interface TargetRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

interface PageAnswer {
  totalCount?: number;
  edges: Array<{ cursor: string; node: Record<string, unknown> }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
}

async function post(request: TargetRequest): Promise<{ text: string; page: PageAnswer }> {
  const response = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body });
  const text = await response.text();
  if (response.status !== 200 || text.includes('"errors":')) {
    throw new Error(`${request.url} answered ${response.status}: ${text.slice(0, 500)}`);
  }
  const data = (JSON.parse(text) as { data: Record<string, PageAnswer> }).data;
  return { text, page: (data.auditLog ?? data.allAuditLogs)! };
}

const seqOf = (node: Record<string, unknown>) => String(node.sequence ?? node.seq);

async function run({ quick, log }: BenchmarkOptions): Promise<BenchmarkResult> {
  const fixture = await auditFixture(quick, log);
  const durationSeconds = quick ? 1 : 5;
  const warmUpSeconds = quick ? 1 : 2;
  const pool = new pg.Pool({ connectionString: fixture.databaseUrl, max: POOL_SIZE });
  const servers = new Map<Target, AuditServer>();
  const load = startLoadGenerator();
  const notes: string[] = [...fixture.checks];
  const measurements: Measurement[] = [];
  const plans: Array<{ label: string; executionMs: number; plan: string }> = [];
  try {
    servers.set('project', await startAuditServer(fixture.databaseUrl));
    servers.set('postgraphile', await startBenchServer('postgraphile-server.ts', fixture.databaseUrl));
    servers.set('floor', await startBenchServer('page-floor-server.ts', fixture.databaseUrl));
    const origin = (target: Target) => servers.get(target)!.origin;
    const headers = {
      'content-type': 'application/json',
      authorization: `Bearer ${fixture.complianceToken}`,
    };
    const cases = await pageCases(pool, quick);
    for (const c of cases) {
      if (c.afterSeq === null) continue;
      // PostGraphile's cursor of the same position: the last entry of the page before, found once by offset.
      const { page } = await post({
        url: `${origin('postgraphile')}/graphql`,
        headers,
        body: JSON.stringify({
          query: `query Cursor($filter: AuditLogFilter, $offset: Int) {
            allAuditLogs(filter: $filter, orderBy: SEQ_DESC, first: 1, offset: $offset) { edges { cursor node { seq } } }
          }`,
          variables: { filter: postgraphileFilter(c.window), offset: (c.page - 1) * PAGE_SIZE - 1 },
        }),
      });
      if (seqOf(page.edges[0]!.node) !== c.afterSeq)
        throw new Error('PostGraphile cursor is not at the same entry');
      c.postgraphileAfter = page.edges[0]!.cursor;
    }
    const requestOf = (target: Target, c: PageCase, withTotal: boolean): TargetRequest => {
      if (target === 'postgraphile') {
        return {
          url: `${origin(target)}/graphql`,
          headers,
          body: JSON.stringify({
            query: postgraphileQuery(withTotal),
            variables: { filter: postgraphileFilter(c.window), after: c.postgraphileAfter },
          }),
        };
      }
      return {
        url: `${origin(target)}/graphql`,
        headers,
        body: JSON.stringify({
          query: projectQuery(withTotal),
          variables: {
            filter: {
              eventTypes: PAGE_EVENT_TYPES.map((t) => t.toUpperCase()),
              from: c.window.from,
              to: c.window.to,
            },
            after: c.afterSeq === null ? null : encodeAuditCursor(BigInt(c.afterSeq)),
          },
        }),
      };
    };

    for (const c of cases) {
      const label = `${c.window.label}, page ${c.page}`;
      // Same entries from all three, or the comparison means nothing; the bytes each answer takes.
      const viaSql = (
        await pool.query<{ seq: string }>(c.afterSeq === null ? PAGE_SQL : PAGE_AFTER_SQL, pageParams(c))
      ).rows
        .slice(0, PAGE_SIZE)
        .map((r) => String(r.seq));
      const bytes = new Map<string, number>();
      const answers = new Map<Target, PageAnswer>();
      for (const target of TARGETS) {
        for (const withTotal of [false, true]) {
          const { text, page } = await post(requestOf(target, c, withTotal));
          bytes.set(`${target}/${withTotal}`, Buffer.byteLength(text));
          if (withTotal) answers.set(target, page);
        }
      }
      const agreement = TARGETS.map((target) => {
        const page = answers.get(target)!;
        const same = page.edges.map((e) => seqOf(e.node)).join() === viaSql.join();
        const total = page.totalCount === c.matches;
        return `${target} ${same ? 'same entries' : 'DIFFERENT entries'}, totalCount ${total ? 'right' : `WRONG (${page.totalCount})`}, hasNextPage ${page.pageInfo.hasNextPage}, hasPreviousPage ${page.pageInfo.hasPreviousPage}`;
      });
      const project = answers.get('project')!;
      const floor = answers.get('floor')!;
      const floorSame = JSON.stringify(floor) === JSON.stringify(project);
      notes.push(
        `${label}: ${c.matches.toLocaleString('en-US')} entries match (seq ${viaSql[0]}…${viaSql.at(-1)} by SQL); ` +
          `${agreement.join('; ')}. The floor's JSON is ${floorSame ? 'identical to' : 'NOT identical to'} the project's.`,
      );
      plans.push({
        label: `${label} page SQL without the window’s seq bounds`,
        ...(await explain(pool, c.afterSeq === null ? PAGE_SQL : PAGE_AFTER_SQL, pageParams(c))),
      });
      if (c.page === 1) {
        plans.push({
          label: `${c.window.label} count(*)`,
          ...(await explain(pool, COUNT_SQL, filterParams(c.window))),
        });
        plans.push({
          label: `${label} page SQL within the window’s seq range (as readAuditPage sends it)`,
          ...(await narrowed(pool, c)),
        });
      }

      const loadOf = (target: Target, withTotal: boolean, seconds: number) => {
        const request = requestOf(target, c, withTotal);
        return load.run({ ...request, connections: CONCURRENCY, durationSeconds: seconds });
      };
      // Warm-up of every target (connections, JIT, caches, buffers) before anything is measured.
      for (const withTotal of [false, true]) {
        for (const target of TARGETS) await loadOf(target, withTotal, warmUpSeconds);
      }
      // Rounds alternate the targets (and rotate who goes first), so a noisy neighbour moves all of them.
      const runs = new Map<string, { runs: LoadRun[]; cpuMs: number }>();
      for (let round = 0; round < ROUNDS; round++) {
        const order = [...TARGETS.slice(round % TARGETS.length), ...TARGETS.slice(0, round % TARGETS.length)];
        for (const withTotal of [false, true]) {
          for (const target of order) {
            const pid = servers.get(target)!.pid;
            const cpuBefore = await processCpuMs(pid);
            const result = await loadOf(target, withTotal, durationSeconds);
            const cpuMs = (await processCpuMs(pid)) - cpuBefore;
            if (result.failures > 0)
              throw new Error(`${target}: ${result.failures} failed requests in ${label}`);
            const key = `${target}/${withTotal}`;
            const sofar = runs.get(key) ?? { runs: [], cpuMs: 0 };
            runs.set(key, { runs: [...sofar.runs, result], cpuMs: sofar.cpuMs + cpuMs });
            log(
              `${label}${withTotal ? ' + totalCount' : ''} ${target} (round ${round + 1}): ` +
                `${formatNumber((result.requests / result.wallMs) * 1000)} req/s, p50 ${result.p50Ms} ms, ` +
                `p99 ${result.p99Ms} ms, ${formatNumber(cpuMs / result.requests)} ms CPU/req`,
            );
          }
        }
      }
      for (const withTotal of [false, true]) {
        for (const target of TARGETS) {
          const { runs: done, cpuMs } = runs.get(`${target}/${withTotal}`)!;
          const requests = done.reduce((sum, r) => sum + r.requests, 0);
          measurements.push({
            window: c.window.label,
            page: c.page,
            withTotal,
            target,
            runs: done,
            perSecond: (requests / done.reduce((sum, r) => sum + r.wallMs, 0)) * 1000,
            p50Ms: median(done.map((r) => r.p50Ms)),
            p99Ms: median(done.map((r) => r.p99Ms)),
            cpuMsPerRequest: cpuMs / requests,
            bytesPerResponse: bytes.get(`${target}/${withTotal}`)!,
          });
        }
      }
    }
  } finally {
    load.stop();
    for (const server of servers.values()) await server.stop();
    await pool.end();
  }

  const find = (m: Pick<Measurement, 'window' | 'page' | 'withTotal'>, target: Target) =>
    measurements.find(
      (x) => x.target === target && x.window === m.window && x.page === m.page && x.withTotal === m.withTotal,
    )!;
  const detail: string[][] = measurements.map((m) => [
    m.window,
    String(m.page),
    m.withTotal ? 'yes' : 'no',
    TARGET_NAMES[m.target],
    `${formatNumber(m.perSecond)} (${m.runs.map((r) => formatNumber((r.requests / r.wallMs) * 1000)).join(' · ')})`,
    `${formatNumber(m.p50Ms)} / ${formatNumber(m.p99Ms)}`,
    formatNumber(m.cpuMsPerRequest),
    m.bytesPerResponse.toLocaleString('en-US'),
  ]);
  const summary: string[][] = measurements
    .filter((m) => m.target === 'project')
    .map((m) => {
      const peer = find(m, 'postgraphile');
      const floor = find(m, 'floor');
      const firstPage = measurements.find(
        (x) => x.target === 'project' && x.window === m.window && x.page === 1 && x.withTotal === m.withTotal,
      )!;
      return [
        m.window,
        String(m.page),
        m.withTotal ? 'yes' : 'no',
        formatNumber(m.perSecond),
        formatNumber(peer.perSecond),
        formatNumber(floor.perSecond),
        formatRatio(m.perSecond / peer.perSecond),
        formatRatio(m.perSecond / floor.perSecond),
        m.page === 1 ? '–' : formatRatio(m.perSecond / firstPage.perSecond),
      ];
    });
  for (const p of plans) {
    notes.push(`Plan, ${p.label} (EXPLAIN ANALYZE, one run): ${formatNumber(p.executionMs)} ms — ${p.plan}.`);
  }
  notes.push(
    'Per request the project also looks up the session (authenticateSession) and checks authorization; on ' +
      'pages after the first, it and the floor probe whether anything lies before the cursor ' +
      '(hasPreviousPage). PostGraphile runs without authentication (its stock setup has none) and reads the ' +
      'page with its own SQL (no seq bounds for the window). Server CPU is each server process only ' +
      '(PostgreSQL and the load generator share the same two cores). p50/p99 are the medians over the rounds ' +
      'of each round’s autocannon percentiles (1 ms resolution). PostGraphile 5 declares Node ≥ 22 and runs ' +
      'here on Node 20 with the spec’s Promise.withResolvers polyfilled (postgraphile-server.ts).',
  );

  return {
    parameters: {
      entries: fixture.rowsAtStart,
      eventTypes: PAGE_EVENT_TYPES.join('+'),
      pageSize: PAGE_SIZE,
      concurrency: CONCURRENCY,
      secondsPerRun: durationSeconds,
      rounds: ROUNDS,
      poolSize: POOL_SIZE,
      loadGenerator: 'autocannon 9 in its own process',
    },
    baseline:
      'PostGraphile 5.1.5 with postgraphile-plugin-connection-filter 4.0.1 (the peer) and a bare node:http + pg ' +
      'server running the project’s readAuditPage and countAuditEntries on pg and writing the same JSON (the floor), each in its own ' +
      `process with a pool of ${POOL_SIZE}, on the same database, at the same concurrency; the three alternate ` +
      `in each of ${ROUNDS} rounds (the first target rotating), pooled.`,
    tables: [
      {
        caption: `Compliance officer’s page: ${PAGE_SIZE} newest ${PAGE_EVENT_TYPES.join(' + ')} entries in a quarter, ${CONCURRENCY} requests in flight — ratios (higher = faster project)`,
        columns: [
          'window',
          'page',
          'totalCount',
          'project req/s',
          'PostGraphile req/s',
          'floor req/s',
          'project ÷ PostGraphile',
          'project ÷ floor',
          'project: this page ÷ page 1',
        ],
        rows: summary,
      },
      {
        caption: 'Each target: throughput, latency, server CPU and response size',
        columns: [
          'window',
          'page',
          'totalCount',
          'target',
          'req/s (each round)',
          'p50 / p99 ms',
          'server CPU ms/req',
          'bytes/response',
        ],
        rows: detail,
      },
    ],
    notes,
    data: { measurements, plans, fixture: { ...fixture, complianceToken: undefined } },
  };
}

function postgraphileFilter(window: QuarterWindow) {
  return {
    eventType: { in: [...PAGE_EVENT_TYPES] },
    occurredAt: { greaterThanOrEqualTo: window.from, lessThanOrEqualTo: window.to },
  };
}

export const auditLogQueryBenchmark: Benchmark = {
  name: 'audit-log-query',
  title: 'Audit log page: project vs PostGraphile vs node:http + pg',
  run,
};
