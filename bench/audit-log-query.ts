import { encodeAuditCursor } from '@spendsense/server/services/audit/query';
import pg from 'pg';
import { auditFixture, PAGE_EVENT_TYPES, PAGE_WINDOWS, type QuarterWindow } from './audit-fixture.js';
import {
  type LatencySummary,
  type LoadResult,
  poolLoads,
  processCpuMs,
  runLoad,
  startAuditServer,
  summarizeLoad,
} from './audit-support.js';
import {
  type Benchmark,
  type BenchmarkOptions,
  type BenchmarkResult,
  formatNumber,
  formatRatio,
} from './framework.js';

/**
 * The compliance officer's page: the 50 newest entries of two event types in a three-month window, page 1
 * and a deep page, through HTTP to the real server (GraphQL `auditLog`, bearer token, 16 requests in
 * flight) against the keyset SQL that `readAuditPage` runs, sent directly with `pg` at the same
 * concurrency. With and without `totalCount`.
 */

const PAGE_SIZE = 50;
const CONCURRENCY = 16;
/** The same pool size the server's `openDatabase` uses, so both sides queue alike. */
const POOL_SIZE = 10;
const ROUNDS = 2;

const COLUMNS = `seq, log_id AS "logId", event_type AS "eventType", user_id AS "userId",
  operator_id AS "operatorId", recommendation_id AS "recommendationId", occurred_at AS "occurredAt",
  event_data AS "eventData", ip_address AS "ipAddress", user_agent AS "userAgent",
  content_hash AS "contentHash", prev_hash AS "prevHash", hash`;
const FILTER = `event_type IN ($1::"AuditEventType", $2::"AuditEventType")
  AND occurred_at >= $3::timestamptz AND occurred_at <= $4::timestamptz`;
/** readAuditPage's statement (services/audit/query.ts), newest first, one row past the page. */
const PAGE_SQL = `SELECT ${COLUMNS} FROM audit_log WHERE ${FILTER} ORDER BY seq DESC LIMIT ${PAGE_SIZE + 1}`;
const PAGE_AFTER_SQL = `SELECT ${COLUMNS} FROM audit_log WHERE ${FILTER} AND seq < $5 ORDER BY seq DESC LIMIT ${PAGE_SIZE + 1}`;
/** countAuditEntries' statement. */
const COUNT_SQL = `SELECT count(*) AS count FROM audit_log WHERE ${FILTER}`;

const gqlQuery = (withTotal: boolean) => `query CompliancePage($filter: AuditLogFilter, $after: String) {
  auditLog(filter: $filter, first: ${PAGE_SIZE}, after: $after) {
    ${withTotal ? 'totalCount' : ''}
    edges { cursor node { id sequence logId eventType occurredAt customerId ipAddress userAgent eventData contentHash prevHash hash } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}`;

interface PageCase {
  window: QuarterWindow;
  matches: number;
  page: number;
  /** The seq the page starts after (newest first), null for page 1. */
  afterSeq: string | null;
}

interface Measurement {
  window: string;
  page: number;
  withTotal: boolean;
  target: 'sql' | 'http';
  /** Over all rounds. */
  summary: LatencySummary;
  perRoundPerSecond: number[];
  timedOut: boolean;
  /** Server process CPU per request (HTTP only). */
  serverCpuMsPerRequest: number | null;
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
    `SELECT ${COLUMNS} FROM audit_log WHERE ${FILTER} AND seq >= $5 AND seq <= $6 ORDER BY seq DESC LIMIT ${PAGE_SIZE + 1}`,
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
    cases.push({ window, matches, page: 1, afterSeq: null });
    if (deepPage < 2 || (!quick && deepPage < 1_000)) {
      throw new Error(`${window.label}: only ${matches} entries match, too few for a deep page`);
    }
    // The cursor of page N is the last entry of page N - 1.
    const cursor = await pool.query<{ seq: string }>(
      `SELECT seq FROM audit_log WHERE ${FILTER} ORDER BY seq DESC OFFSET $5 LIMIT 1`,
      [...filterParams(window), (deepPage - 1) * PAGE_SIZE - 1],
    );
    cases.push({ window, matches, page: deepPage, afterSeq: cursor.rows[0]!.seq });
  }
  return cases;
}

async function run({ quick, log }: BenchmarkOptions): Promise<BenchmarkResult> {
  const fixture = await auditFixture(quick, log);
  const count = quick ? 200 : 1_500;
  const maxMs = quick ? 2_000 : 6_000;
  const pool = new pg.Pool({ connectionString: fixture.databaseUrl, max: POOL_SIZE });
  const server = await startAuditServer(fixture.databaseUrl);
  const notes: string[] = [...fixture.checks];
  const measurements: Measurement[] = [];
  const plans: Array<{ label: string; executionMs: number; plan: string }> = [];
  try {
    const cases = await pageCases(pool, quick);
    const graphql = async (c: PageCase, withTotal: boolean) => {
      const response = await fetch(`${server.origin}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${fixture.complianceToken}`,
        },
        body: JSON.stringify({
          query: gqlQuery(withTotal),
          variables: {
            filter: {
              eventTypes: PAGE_EVENT_TYPES.map((t) => t.toUpperCase()),
              from: c.window.from,
              to: c.window.to,
            },
            after: c.afterSeq === null ? null : encodeAuditCursor(BigInt(c.afterSeq)),
          },
        }),
      });
      const text = await response.text();
      if (response.status !== 200 || text.includes('"errors":')) {
        throw new Error(`auditLog answered ${response.status}: ${text.slice(0, 500)}`);
      }
      return text;
    };
    const sql = async (c: PageCase, withTotal: boolean) => {
      const page = await pool.query(c.afterSeq === null ? PAGE_SQL : PAGE_AFTER_SQL, pageParams(c));
      if (withTotal) await pool.query(COUNT_SQL, filterParams(c.window));
      return page.rows as Array<{ seq: string }>;
    };

    // Warm-up of both paths on every case (connections, JIT, buffers) before anything is measured.
    for (const c of cases) {
      for (const withTotal of [false, true]) {
        for (const task of [() => sql(c, withTotal), () => graphql(c, withTotal)]) {
          await runLoad({
            concurrency: CONCURRENCY,
            count: 100,
            maxMs: 2_000,
            task: async () => void (await task()),
          });
        }
      }
    }
    for (const c of cases) {
      const label = `${c.window.label}, page ${c.page}`;
      // Same entries both ways, or the comparison means nothing.
      const viaSql = (await sql(c, false)).slice(0, PAGE_SIZE).map((r) => String(r.seq));
      const viaHttp = (
        JSON.parse(await graphql(c, true)) as {
          data: { auditLog: { totalCount: number; edges: Array<{ node: { sequence: string } }> } };
        }
      ).data.auditLog;
      const same = viaHttp.edges.map((e) => e.node.sequence).join() === viaSql.join();
      notes.push(
        `${label}: ${c.matches.toLocaleString('en-US')} entries match; HTTP and SQL return ` +
          `${same ? 'the same' : 'DIFFERENT'} ${viaSql.length} entries (seq ${viaSql[0]}…${viaSql.at(-1)}), ` +
          `totalCount ${viaHttp.totalCount === c.matches ? 'agrees' : `is ${viaHttp.totalCount}, expected ${c.matches}`}.`,
      );
      plans.push({
        label: `${label} page SQL`,
        ...(await explain(pool, c.afterSeq === null ? PAGE_SQL : PAGE_AFTER_SQL, pageParams(c))),
      });
      if (c.page === 1) {
        plans.push({
          label: `${c.window.label} count(*)`,
          ...(await explain(pool, COUNT_SQL, filterParams(c.window))),
        });
        plans.push({
          label: `${label} page SQL narrowed to the window’s seq range`,
          ...(await narrowed(pool, c)),
        });
      }

      // Interleaved rounds, pooled: a noisy neighbour during one run then moves both sides less.
      const runs = new Map<string, { loads: LoadResult[]; cpuMs: number }>();
      for (let round = 0; round < ROUNDS; round++) {
        for (const withTotal of [false, true]) {
          for (const target of ['sql', 'http'] as const) {
            const task = target === 'sql' ? () => sql(c, withTotal) : () => graphql(c, withTotal);
            const cpuBefore = target === 'http' ? await processCpuMs(server.pid) : 0;
            const load = await runLoad({
              concurrency: CONCURRENCY,
              count,
              maxMs,
              task: async () => void (await task()),
            });
            const cpuMs = target === 'http' ? (await processCpuMs(server.pid)) - cpuBefore : 0;
            const key = `${withTotal}/${target}`;
            const sofar = runs.get(key) ?? { loads: [], cpuMs: 0 };
            runs.set(key, { loads: [...sofar.loads, load], cpuMs: sofar.cpuMs + cpuMs });
            const summary = summarizeLoad(load);
            log(
              `${label}${withTotal ? ' + totalCount' : ''} ${target} (round ${round + 1}): ` +
                `${formatNumber(summary.perSecond)} req/s, p50 ${formatNumber(summary.p50Ms)} ms, ` +
                `p99 ${formatNumber(summary.p99Ms)} ms (${load.completed} requests)`,
            );
          }
        }
      }
      for (const withTotal of [false, true]) {
        for (const target of ['sql', 'http'] as const) {
          const { loads, cpuMs } = runs.get(`${withTotal}/${target}`)!;
          const pooled = poolLoads(loads);
          measurements.push({
            window: c.window.label,
            page: c.page,
            withTotal,
            target,
            summary: summarizeLoad(pooled),
            perRoundPerSecond: loads.map((l) => summarizeLoad(l).perSecond),
            timedOut: pooled.timedOut,
            serverCpuMsPerRequest: target === 'http' ? cpuMs / pooled.completed : null,
          });
        }
      }
    }
  } finally {
    await server.stop();
    await pool.end();
  }

  const rows: string[][] = [];
  for (const m of measurements.filter((x) => x.target === 'http')) {
    const base = measurements.find(
      (x) => x.target === 'sql' && x.window === m.window && x.page === m.page && x.withTotal === m.withTotal,
    )!;
    const line = (x: Measurement, name: string, ratio: string, p50Ratio: string) => [
      x.window,
      String(x.page),
      x.withTotal ? 'yes' : 'no',
      name,
      `${formatNumber(x.summary.perSecond)} (${x.perRoundPerSecond.map(formatNumber).join(' · ')})`,
      `${formatNumber(x.summary.p50Ms)} / ${formatNumber(x.summary.p99Ms)}`,
      ratio,
      p50Ratio,
      x.serverCpuMsPerRequest === null ? '–' : formatNumber(x.serverCpuMsPerRequest),
    ];
    rows.push(line(base, 'SQL via pg (baseline)', formatRatio(1), formatRatio(1)));
    rows.push(
      line(
        m,
        'HTTP GraphQL auditLog',
        formatRatio(base.summary.perSecond / m.summary.perSecond),
        formatRatio(m.summary.p50Ms / base.summary.p50Ms),
      ),
    );
  }
  const timedOut = measurements.filter((m) => m.timedOut);
  if (timedOut.length > 0) {
    notes.push(
      `${timedOut.length} of the pooled measurements had a run stopped by the ${maxMs / 1000} s limit before ${count} requests; rates are over the requests done.`,
    );
  }
  for (const p of plans) {
    notes.push(`Plan, ${p.label} (EXPLAIN ANALYZE, one run): ${formatNumber(p.executionMs)} ms — ${p.plan}.`);
  }
  notes.push(
    'Per HTTP request the server also looks up the session (authenticateSession) and, on pages after the ' +
      'first, probes whether anything lies before the cursor (hasPreviousPage); the SQL baseline runs only the ' +
      'page statement (plus the count when totalCount is asked for). Server CPU is the server process only ' +
      '(PostgreSQL and the load generator share the same two cores).',
  );

  return {
    parameters: {
      entries: fixture.rowsAtStart,
      eventTypes: PAGE_EVENT_TYPES.join('+'),
      pageSize: PAGE_SIZE,
      concurrency: CONCURRENCY,
      requestsPerRun: count,
      rounds: ROUNDS,
      poolSize: POOL_SIZE,
    },
    baseline:
      'the keyset statement readAuditPage runs (services/audit/query.ts), and countAuditEntries’ count(*) when ' +
      `totalCount is selected, sent directly with pg (pool of ${POOL_SIZE}) at the same concurrency, measured ` +
      'right before each HTTP run; both in interleaved rounds, pooled.',
    tables: [
      {
        caption: `Compliance officer’s page: ${PAGE_SIZE} newest ${PAGE_EVENT_TYPES.join(' + ')} entries in a quarter, ${CONCURRENCY} requests in flight (ratios: higher = slower than SQL)`,
        columns: [
          'window',
          'page',
          'totalCount',
          'target',
          'req/s (each round)',
          'p50 / p99 ms',
          'SQL req/s ÷ this',
          'p50 ÷ SQL p50',
          'server CPU ms/req',
        ],
        rows,
      },
    ],
    notes,
    data: { measurements, plans, fixture: { ...fixture, complianceToken: undefined } },
  };
}

export const auditLogQueryBenchmark: Benchmark = {
  name: 'audit-log-query',
  title: 'Audit log page through HTTP vs SQL',
  run,
};
