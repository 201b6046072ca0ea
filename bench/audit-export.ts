import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { auditFixture } from './audit-fixture.js';
import { atFractions, mebibytes, processCpuMs, sampleRss, startAuditServer } from './audit-support.js';
import {
  type Benchmark,
  type BenchmarkOptions,
  type BenchmarkResult,
  formatNumber,
  formatRatio,
} from './framework.js';

/**
 * CSV export through `GET /exports/audit?format=csv` on the real server (in a child process, streamed to a
 * client that counts and discards the bytes) against PostgreSQL's own `COPY (…) TO STDOUT WITH CSV` of the
 * same columns, at two sizes; and the server's peak memory at each size (flat memory = similar peaks).
 */

const LF = 0x0a;

/**
 * The export's CSV columns (AUDIT_CSV_COLUMNS) computed by PostgreSQL: the `action` column as
 * `auditEntryAction` derives it, `details` as jsonb's text (the export writes canonical JSON instead).
 */
const COPY_COLUMNS = `seq AS sequence,
  to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS timestamp,
  event_type, user_id, operator_id, recommendation_id,
  CASE event_type
    WHEN 'recommendation_generated' THEN CASE event_data->>'passed_guardrails'
      WHEN 'true' THEN 'passed' WHEN 'false' THEN 'held_for_review' ELSE '' END
    WHEN 'consent_changed' THEN event_data->>'new_status'
    WHEN 'eligibility_checked' THEN CASE event_data->>'pass' WHEN 'true' THEN 'pass' WHEN 'false' THEN 'fail' ELSE '' END
    WHEN 'tone_validated' THEN CASE event_data->>'pass' WHEN 'true' THEN 'pass' WHEN 'false' THEN 'fail' ELSE '' END
    WHEN 'operator_action' THEN event_data->>'action'
    WHEN 'persona_assigned' THEN event_data->>'persona_id'
    WHEN 'persona_overridden' THEN event_data->>'new_persona'
    WHEN 'login_attempt' THEN event_data->>'status'
    WHEN 'unauthorized_access' THEN event_data->>'field_path'
    WHEN 'audit_exported' THEN event_data->>'format'
    ELSE '' END AS action,
  event_data::text AS details, ip_address, user_agent, log_id, content_hash, prev_hash, hash`;

interface ExportSize {
  label: string;
  /** Export only entries at or after this instant (the newest N); null for all of them. */
  from: string | null;
  rows: number;
}

interface CopyRun {
  ms: number;
  bytes: number;
  lines: number;
}

interface HttpRun extends CopyRun {
  status: number;
  idleRss: number;
  /** VmHWM: the server process's peak RSS since it started. */
  peakRss: number;
  /** Highest RSS sampled every 100 ms during the export. */
  sampledMaxRss: number;
  samples: number;
  /** RSS at a quarter, half, three quarters and the end of the export: a leak climbs, a flat stream does not. */
  rssAtQuarters: number[];
  serverCpuMs: number;
}

function countLines(chunk: Uint8Array): number {
  const buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  let lines = 0;
  for (let at = buffer.indexOf(LF); at !== -1; at = buffer.indexOf(LF, at + 1)) lines++;
  return lines;
}

async function copyExport(url: string, size: ExportSize): Promise<CopyRun> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const where = size.from === null ? '' : `WHERE occurred_at >= '${size.from}'::timestamptz`;
    const started = performance.now();
    const stream = client.query(
      copyTo(
        `COPY (SELECT ${COPY_COLUMNS} FROM audit_log ${where} ORDER BY seq) TO STDOUT WITH (FORMAT csv, HEADER)`,
      ),
    );
    let bytes = 0;
    let lines = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.byteLength;
      lines += countLines(chunk);
    }
    return { ms: performance.now() - started, bytes, lines };
  } finally {
    await client.end();
  }
}

async function httpExport(url: string, token: string, size: ExportSize): Promise<HttpRun> {
  const server = await startAuditServer(url);
  try {
    const headers = { authorization: `Bearer ${token}` };
    // Warm up the export path (code loading, connections) with a tiny export of the newest entries.
    const warmFrom = new Date(Date.now() - 60_000).toISOString();
    const warm = await fetch(`${server.origin}/exports/audit?format=csv&from=${warmFrom}`, { headers });
    await warm.arrayBuffer();
    const idle = await server.memory();
    const cpuBefore = await processCpuMs(server.pid);
    const sampler = sampleRss(server.pid);
    const query = size.from === null ? '' : `&from=${encodeURIComponent(size.from)}`;
    const started = performance.now();
    const response = await fetch(`${server.origin}/exports/audit?format=csv${query}`, {
      headers,
      signal: AbortSignal.timeout(15 * 60_000),
    });
    let bytes = 0;
    let lines = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      lines += countLines(chunk);
    }
    const ms = performance.now() - started;
    const sampled = sampler.stop();
    const serverCpuMs = (await processCpuMs(server.pid)) - cpuBefore;
    const after = await server.memory();
    return {
      ms,
      bytes,
      lines,
      status: response.status,
      idleRss: idle.rss,
      peakRss: after.peakRss,
      sampledMaxRss: sampled.maxRss,
      samples: sampled.samples,
      rssAtQuarters: atFractions(sampled.series, [0.25, 0.5, 0.75, 1]),
      serverCpuMs,
    };
  } finally {
    await server.stop();
  }
}

async function exportSizes(url: string, fixtureEntries: number, quick: boolean): Promise<ExportSize[]> {
  const smallRows = quick ? 2_000 : 100_000;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ from: string }>(
      `SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS from
       FROM audit_log WHERE seq = $1`,
      [fixtureEntries - smallRows + 1],
    );
    const from = rows[0]!.from;
    const counts = await client.query<{ newest: string; all: string }>(
      `SELECT count(*) FILTER (WHERE occurred_at >= $1::timestamptz) AS newest, count(*) AS all FROM audit_log`,
      [from],
    );
    return [
      { label: `newest ${formatNumber(smallRows)}`, from, rows: Number(counts.rows[0]!.newest) },
      { label: 'all', from: null, rows: Number(counts.rows[0]!.all) },
    ];
  } finally {
    await client.end();
  }
}

async function run({ quick, log }: BenchmarkOptions): Promise<BenchmarkResult> {
  const fixture = await auditFixture(quick, log);
  const sizes = await exportSizes(fixture.databaseUrl, fixture.spec.entries, quick);
  const results: Array<{ size: ExportSize; copy: CopyRun[]; http: HttpRun }> = [];
  for (const size of sizes) {
    log(`Export ${size.label} (${size.rows} rows): COPY…`);
    const before = await copyExport(fixture.databaseUrl, size);
    log(`  COPY ${formatNumber(before.ms / 1000)} s, ${mebibytes(before.bytes)} MiB; HTTP export…`);
    const http = await httpExport(fixture.databaseUrl, fixture.complianceToken, size);
    log(
      `  HTTP ${formatNumber(http.ms / 1000)} s, ${mebibytes(http.bytes)} MiB, peak RSS ${mebibytes(http.peakRss)} MiB; COPY again…`,
    );
    // COPY again after the export, so that a noisy phase moves the baseline less.
    const after = await copyExport(fixture.databaseUrl, size);
    results.push({ size, copy: [before, after], http });
  }

  const notes: string[] = [...fixture.checks];
  const rows: string[][] = [];
  const memoryRows: string[][] = [];
  for (const { size, copy, http } of results) {
    const copyMs = (copy[0]!.ms + copy[1]!.ms) / 2;
    const copyBytes = copy[0]!.bytes;
    const copyRows = copy[0]!.lines - 1;
    // Header + entry records + the manifest trailer.
    const exportedRows = http.lines - 2;
    rows.push([
      size.label,
      formatNumber(copyRows),
      'COPY … TO STDOUT WITH CSV via pg-copy-streams (baseline)',
      formatNumber(copyMs / 1000),
      formatNumber((copyRows / copyMs) * 1000),
      mebibytes(copyBytes),
      formatRatio(1),
    ]);
    rows.push([
      size.label,
      formatNumber(exportedRows),
      'GET /exports/audit?format=csv',
      formatNumber(http.ms / 1000),
      formatNumber((exportedRows / http.ms) * 1000),
      mebibytes(http.bytes),
      formatRatio(http.ms / copyMs),
    ]);
    memoryRows.push([
      size.label,
      formatNumber(http.lines - 2),
      mebibytes(http.idleRss),
      mebibytes(http.peakRss),
      mebibytes(http.sampledMaxRss),
      mebibytes(http.peakRss - http.idleRss),
      http.rssAtQuarters.map(mebibytes).join(' / '),
      formatNumber(http.serverCpuMs / 1000),
    ]);
    notes.push(
      `${size.label}: HTTP ${http.status}; ${formatNumber(size.rows)} rows matched when the run began (each ` +
        `export appends an audit_exported entry, so later runs see a few more); COPY runs ` +
        `${formatNumber(copy[0]!.ms / 1000)} s and ${formatNumber(copy[1]!.ms / 1000)} s; ` +
        `${http.samples} RSS samples during the export.`,
    );
  }
  const [small, large] = results;
  if (small && large) {
    notes.push(
      `Peak RSS at ${large.size.label} ÷ peak RSS at ${small.size.label}: ` +
        `${formatRatio(large.http.peakRss / small.http.peakRss)} for ${formatRatio(large.size.rows / small.size.rows)} the rows ` +
        '(≈ 1× = memory stays flat).',
    );
  }
  notes.push(
    'Each export runs on a freshly started server process (so VmHWM is that export’s peak), after a warm-up ' +
      'export of the last minute’s entries. The client reads and discards the stream, counting bytes and lines, ' +
      'the same way for COPY. `details` is canonical JSON in the export and jsonb text in COPY, hence the size ' +
      'difference.',
  );

  return {
    parameters: {
      entries: sizes[1]!.rows,
      smallExport: sizes[0]!.rows,
      format: 'csv',
      batchSize: 2000,
    },
    baseline:
      'COPY (SELECT the same columns … ORDER BY seq) TO STDOUT WITH CSV of the same rows, streamed with ' +
      'pg-copy-streams and discarded; mean of one run before and one after the HTTP export.',
    tables: [
      {
        caption: 'CSV export time (ratio: higher = slower than COPY)',
        columns: ['export', 'rows', 'target', 'seconds', 'rows/s', 'MiB', 'time ÷ COPY'],
        rows,
      },
      {
        caption:
          'Server process memory during the HTTP export (MiB; flat memory = similar peaks at both sizes)',
        columns: [
          'export',
          'rows',
          'RSS before',
          'peak RSS (VmHWM)',
          'max RSS sampled /100 ms',
          'peak − before',
          'RSS at 25 / 50 / 75 / 100 % of the export',
          'server CPU s',
        ],
        rows: memoryRows,
      },
    ],
    notes,
    data: { results, fixture: { ...fixture, complianceToken: undefined } },
  };
}

export const auditExportBenchmark: Benchmark = {
  name: 'audit-export',
  title: 'Audit CSV export vs COPY, with server memory',
  run,
};
