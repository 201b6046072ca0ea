import {
  type ComplianceMetrics,
  complianceMetrics,
  consentMetrics,
  eligibilityMetrics,
  type MetricsRange,
  operatorActionMetrics,
  toneMetrics,
} from '@spendsense/server/services/audit/metrics';
import pg from 'pg';
import { auditFixture } from './audit-fixture.js';
import {
  type AuditServer,
  consoleDocument,
  type LoadResult,
  pgServiceContext,
  poolLoads,
  processCpuMs,
  runLoad,
  startAuditServer,
  startBenchServer,
  summarizeLoad,
} from './audit-support.js';
import {
  type Benchmark,
  type BenchmarkOptions,
  type BenchmarkResult,
  formatNumber,
  formatRatio,
  median,
} from './framework.js';

/**
 * The compliance dashboard's numbers: the console's own `dashboardPageQuery` (its persisted document, sent
 * by id as the console sends it: `complianceMetrics` with every section, the charts' fragment and each
 * operator's name) over HTTP to the real server in a child process, against the same aggregates sent with
 * `pg` from this process: the service's own `complianceMetrics` (services/audit/metrics.ts) with a `pg`-backed
 * `$queryRaw` in Prisma's place, so it sends exactly the service's four statements, concurrently, as the
 * service does. Rounds alternate the two (who goes first alternating); sequential requests, then 4 in flight.
 */

/** The same pool size the server's `openDatabase` uses. */
const POOL_SIZE = 10;
const CONCURRENCY = 4;
/** A run stops (between requests) after this long, so a slow target cannot hold the benchmark hostage. */
const MAX_RUN_MS = 60_000;

const DASHBOARD = consoleDocument('dashboardPageQuery');

const TARGETS = ['project', 'pg'] as const;
type Target = (typeof TARGETS)[number];
const TARGET_NAMES: Record<Target, string> = {
  project: 'project: GraphQL dashboardPageQuery over HTTP (yoga + Pothos + Prisma)',
  pg: 'pg: the service’s four aggregate statements, in this process',
};

interface MetricsCase {
  label: string;
  /** The console's `from` variable (null: all time); `to` is never set by the console. */
  from: string | null;
}

/** The dashboard's ranges (dashboard-page.tsx RANGES), counted back from the end of the fixture's history. */
function metricsCases(endsAt: string): MetricsCase[] {
  const end = new Date(endsAt);
  const daysBack = (days: number) =>
    new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), end.getUTCDate() - days)).toISOString();
  return [
    { label: '30 days', from: daysBack(30) },
    { label: '1 year', from: daysBack(365) },
    { label: 'all time', from: null },
  ];
}

interface Measurement {
  case: string;
  target: Target;
  concurrency: number;
  rounds: LoadResult[];
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  count: number;
  /** CPU per request of the process that answers: the server (project) or this process (pg). */
  cpuMsPerRequest: number;
}

/**
 * Every number the project answered that the service computes must equal the one `pg` computed; the
 * operators' names (`operator`) and Relay's ids exist only in the GraphQL answer, where `operatorId` is the
 * operator's global ID (base64 of `Operator:<id>`).
 */
function differences(project: unknown, viaPg: unknown, path = 'complianceMetrics'): string[] {
  if (Array.isArray(project)) {
    if (!Array.isArray(viaPg) || viaPg.length !== project.length) return [`${path}: length differs`];
    return project.flatMap((item, i) => differences(item, viaPg[i], `${path}[${i}]`));
  }
  if (project !== null && typeof project === 'object') {
    if (viaPg === null || typeof viaPg !== 'object') return [`${path}: missing`];
    return Object.entries(project).flatMap(([key, value]) => {
      if (key === 'operator' || key === 'id') return [];
      const expected = (viaPg as Record<string, unknown>)[key];
      const decoded = key === 'operatorId' ? Buffer.from(String(value), 'base64').toString('utf8') : value;
      return differences(decoded, key === 'operatorId' ? `Operator:${expected}` : expected, `${path}.${key}`);
    });
  }
  return project === viaPg ? [] : [`${path}: ${JSON.stringify(project)} ≠ ${JSON.stringify(viaPg)}`];
}

async function run({ quick, log }: BenchmarkOptions): Promise<BenchmarkResult> {
  const fixture = await auditFixture(quick, log);
  const rounds = quick ? 2 : 5;
  const sequentialPerRound = quick ? 5 : 10;
  const concurrentPerRound = quick ? 8 : 20;
  const pool = new pg.Pool({ connectionString: fixture.databaseUrl, max: POOL_SIZE });
  const viaPg = pgServiceContext(pool);
  const notes: string[] = [...fixture.checks];
  const measurements: Measurement[] = [];
  const sections: Array<{ case: string; section: string; medianMs: number }> = [];
  // BENCH_CPU_PROF_DIR=dir: the project's server writes a V8 CPU profile there when it stops.
  const profileDir = process.env.BENCH_CPU_PROF_DIR;
  let server: AuditServer | null = null;
  try {
    server = profileDir
      ? await startBenchServer('audit-server.ts', fixture.databaseUrl, [
          '--cpu-prof',
          `--cpu-prof-dir=${profileDir}`,
        ])
      : await startAuditServer(fixture.databaseUrl);
    const { origin, pid } = server;
    const body = (c: MetricsCase) =>
      JSON.stringify({
        documentId: DASHBOARD.id,
        operationName: 'dashboardPageQuery',
        variables: { from: c.from },
      });
    const ask = async (c: MetricsCase): Promise<{ complianceMetrics: Record<string, unknown> }> => {
      const response = await fetch(`${origin}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${fixture.complianceToken}`,
        },
        body: body(c),
      });
      const text = await response.text();
      if (response.status !== 200 || text.includes('"errors":')) {
        throw new Error(`The server answered ${response.status}: ${text.slice(0, 500)}`);
      }
      return (JSON.parse(text) as { data: { complianceMetrics: Record<string, unknown> } }).data;
    };
    const compute = (c: MetricsCase): Promise<ComplianceMetrics> =>
      complianceMetrics(viaPg, { from: c.from === null ? null : new Date(c.from) });
    const task: Record<Target, (c: MetricsCase) => Promise<unknown>> = { project: ask, pg: compute };

    for (const c of metricsCases(fixture.spec.endsAt)) {
      const [answer, computed] = [await ask(c), await compute(c)];
      const diff = differences(answer.complianceMetrics, computed);
      if (diff.length > 0) throw new Error(`${c.label}: the project and pg disagree: ${diff.join('; ')}`);
      const m = computed;
      notes.push(
        `${c.label}${c.from ? ` (from ${c.from.slice(0, 10)})` : ''}: the project’s numbers equal pg’s — ` +
          `${m.eligibility.totalChecks.toLocaleString('en-US')} eligibility checks, ` +
          `${m.tone.totalValidations.toLocaleString('en-US')} tone validations, ` +
          `${m.operatorActions.totalActions.toLocaleString('en-US')} operator actions ` +
          `(${m.operatorActions.byOperator.length} operators), ${m.consent.monthlyTrend.length} months of consent ` +
          `changes, ${m.consent.totalCustomers.toLocaleString('en-US')} customers on record.`,
      );

      // Each statement alone, sequentially, to show which one the request waits for.
      const range: MetricsRange = { from: c.from === null ? null : new Date(c.from), to: null };
      const sectionReaders = {
        consent: consentMetrics,
        eligibility: eligibilityMetrics,
        tone: toneMetrics,
        operatorActions: operatorActionMetrics,
      } as const;
      for (const [section, read] of Object.entries(sectionReaders)) {
        const times: number[] = [];
        for (let i = 0; i < 3; i++) {
          const started = performance.now();
          await read(viaPg, range);
          times.push(performance.now() - started);
        }
        sections.push({ case: c.label, section, medianMs: median(times) });
      }

      // Warm-up of both (connections, JIT, caches, buffers) before anything is measured.
      for (const target of TARGETS) {
        for (let i = 0; i < 3; i++) await task[target](c);
      }
      const results = new Map<string, { rounds: LoadResult[]; cpuMs: number }>();
      for (let round = 0; round < rounds; round++) {
        const order = round % 2 === 0 ? TARGETS : [...TARGETS].reverse();
        for (const concurrency of [1, CONCURRENCY]) {
          for (const target of order) {
            const cpuBefore = target === 'project' ? await processCpuMs(pid) : 0;
            const ownBefore = process.cpuUsage();
            const result = await runLoad({
              concurrency,
              count: concurrency === 1 ? sequentialPerRound : concurrentPerRound,
              maxMs: MAX_RUN_MS,
              task: async () => {
                await task[target](c);
              },
            });
            const own = process.cpuUsage(ownBefore);
            const cpuMs =
              target === 'project' ? (await processCpuMs(pid)) - cpuBefore : (own.user + own.system) / 1000;
            const key = `${target}/${concurrency}`;
            const sofar = results.get(key) ?? { rounds: [], cpuMs: 0 };
            results.set(key, { rounds: [...sofar.rounds, result], cpuMs: sofar.cpuMs + cpuMs });
            const s = summarizeLoad(result);
            log(
              `${c.label} ${target} c=${concurrency} (round ${round + 1}): p50 ${formatNumber(s.p50Ms)} ms, ` +
                `p99 ${formatNumber(s.p99Ms)} ms, ${formatNumber(s.perSecond)} req/s`,
            );
          }
        }
      }
      for (const concurrency of [1, CONCURRENCY]) {
        for (const target of TARGETS) {
          const { rounds: done, cpuMs } = results.get(`${target}/${concurrency}`)!;
          const s = summarizeLoad(poolLoads(done));
          measurements.push({
            case: c.label,
            target,
            concurrency,
            rounds: done,
            ...s,
            cpuMsPerRequest: cpuMs / s.count,
          });
        }
      }
    }
  } finally {
    await server?.stop();
    await pool.end();
  }

  const find = (c: string, target: Target, concurrency: number) =>
    measurements.find((m) => m.case === c && m.target === target && m.concurrency === concurrency)!;
  const summary = measurements
    .filter((m) => m.target === 'project')
    .map((m) => {
      const peer = find(m.case, 'pg', m.concurrency);
      return [
        m.case,
        String(m.concurrency),
        `${formatNumber(m.p50Ms)} / ${formatNumber(m.p99Ms)}`,
        `${formatNumber(peer.p50Ms)} / ${formatNumber(peer.p99Ms)}`,
        formatRatio(m.p50Ms / peer.p50Ms),
        formatRatio(m.p99Ms / peer.p99Ms),
        formatRatio(peer.perSecond / m.perSecond),
      ];
    });
  const detail = measurements.map((m) => [
    m.case,
    String(m.concurrency),
    TARGET_NAMES[m.target],
    m.count.toLocaleString('en-US'),
    `${formatNumber(m.perSecond)} (${m.rounds.map((r) => formatNumber((r.completed / r.wallMs) * 1000)).join(' · ')})`,
    `${formatNumber(m.p50Ms)} / ${formatNumber(m.p99Ms)} / ${formatNumber(m.maxMs)}`,
    formatNumber(m.cpuMsPerRequest),
  ]);
  const sectionRows = metricsCases(fixture.spec.endsAt).map((c) => [
    c.label,
    ...['consent', 'eligibility', 'tone', 'operatorActions'].map((section) =>
      formatNumber(sections.find((s) => s.case === c.label && s.section === section)!.medianMs),
    ),
  ]);
  if (measurements.some((m) => m.rounds.some((r) => r.timedOut))) {
    notes.push(`Some runs stopped at the ${MAX_RUN_MS / 1000} s limit before their request count.`);
  }
  notes.push(
    'Per request the project also looks up the session (authenticateSession), checks authorization and ' +
      'loads the operators named in byOperator (their names, which the console shows); pg computes only the ' +
      'aggregates. The project’s CPU is the server process’s (from /proc); pg’s is this process’s (it also ' +
      'runs the load loop). PostgreSQL shares the same two cores. The fixture’s entries name customers without ' +
      'rows in users or consent_records, so the consent section’s customer counts and time to consent read ' +
      'empty tables; its monthly trend reads the consent_changed entries. With ' +
      `${sequentialPerRound} sequential requests per round the p99 is close to the slowest request.`,
  );
  if (profileDir) notes.push(`The server ran with --cpu-prof (profile in ${profileDir}): slower than usual.`);

  return {
    parameters: {
      entries: fixture.rowsAtStart,
      rounds,
      sequentialPerRound,
      concurrentPerRound,
      concurrency: CONCURRENCY,
      poolSize: POOL_SIZE,
    },
    baseline:
      'the service’s own complianceMetrics (its four aggregate statements, concurrently) run with pg on a pool ' +
      `of ${POOL_SIZE} in the benchmark process, no HTTP or GraphQL; rounds alternate it with the project, pooled.`,
    tables: [
      {
        caption:
          'The console’s dashboard query against the same aggregates with pg — ratios project ÷ pg (lower = faster project; goal ≤ 1.3×)',
        columns: [
          'range',
          'in flight',
          'project p50 / p99 ms',
          'pg p50 / p99 ms',
          'p50 project ÷ pg',
          'p99 project ÷ pg',
          'time per request project ÷ pg',
        ],
        rows: summary,
      },
      {
        caption: 'Each target: requests, throughput (each round), latency and CPU per request',
        columns: [
          'range',
          'in flight',
          'target',
          'requests',
          'req/s (each round)',
          'p50 / p99 / max ms',
          'CPU ms/req',
        ],
        rows: detail,
      },
      {
        caption:
          'Each section’s statement alone with pg (median of 3, ms): what a request waits for at least',
        columns: ['range', 'consent', 'eligibility', 'tone', 'operator actions'],
        rows: sectionRows,
      },
    ],
    notes,
    data: { measurements, sections, fixture: { ...fixture, complianceToken: undefined } },
  };
}

export const complianceMetricsBenchmark: Benchmark = {
  name: 'compliance-metrics',
  title: 'Compliance metrics: the dashboard query against the same aggregates with pg',
  run,
};
