import { exportAuditLog } from '@spendsense/server/services/audit/export';
import { readAuditPage } from '@spendsense/server/services/audit/query';
import { verifyAuditIntegrity } from '@spendsense/server/services/audit/verify';
import { runRetention } from '@spendsense/server/services/retention/archive';
import { verifyAuditLifecycle } from '@spendsense/server/services/retention/verify-lifecycle';
import pg from 'pg';
import { auditFixture, benchServices, databaseUrlOf, PAGE_EVENT_TYPES } from './audit-fixture.js';
import { PostgresScratch } from './databases.js';
import { type Benchmark, type BenchmarkResult, formatNumber, formatRatio, median } from './framework.js';

/**
 * Audit retention on PostgreSQL, on a copy of the audit fixture (36 months of entries): archiving every month
 * older than a 12-month active window (rows/s, Parquet bytes per million entries against the CSV export of the
 * same entries), the month's row removal as DELETE (what archival does) against detaching and dropping a
 * monthly partition of the same rows, an `auditLog` page inside the archived period read with includeArchived
 * against the same page read from the table before archiving, and whole-history verification (archives and
 * table) against verifying the same entries in the table.
 */
const ACTIVE_MONTHS = 12;
const PAGE_ROUNDS = 15;
/** A quarter two years back: archived after the run. */
const OLD_QUARTER = { from: new Date('2024-02-01T00:00:00.000Z'), to: new Date('2024-04-30T23:59:59.999Z') };

export const auditRetentionBenchmark: Benchmark = {
  name: 'audit-retention',
  title: 'Audit retention: Parquet archival, DELETE vs partition detach, archived pages, verification',
  async run({ quick, log }): Promise<BenchmarkResult> {
    const fixture = await auditFixture(quick, log);
    const scratch = new PostgresScratch();
    const name = await scratch.cloneOf(fixture.databaseName, 'retention');
    const db = await scratch.open(name);
    const ctx = { ...benchServices(db), now: () => new Date(fixture.spec.endsAt) };
    ctx.retention = { ...ctx.retention, activeMonths: ACTIVE_MONTHS };
    try {
      const entries = Number((await db.prisma.auditChainHead.findUniqueOrThrow({ where: { id: 1 } })).seq);
      const plan = await runRetention(ctx, { dryRun: true });
      const due = plan.archived.reduce((sum, m) => sum + m.rowCount, 0);
      const cutoff = new Date(`${plan.firstActiveMonth}-01T00:00:00.000Z`);
      log(
        `${entries} entries; ${due} in ${plan.archived.length} months before ${plan.firstActiveMonth} are due`,
      );

      log('CSV export of the entries due…');
      const csvBytes = await csvExportBytes(ctx, fixture.operatorIds[0]!, new Date(cutoff.getTime() - 1));

      const pageRequest = { filter: { eventTypes: PAGE_EVENT_TYPES, ...OLD_QUARTER }, first: 50 };
      log('Page and verification baselines on the table…');
      const activePage = await timedPages(() => readAuditPage(ctx, pageRequest));
      const tableVerify = await timed(() => verifyAuditIntegrity(ctx));

      const monthRows = busyMonthRows(quick);
      log(`Partitions against DELETE on a busy month of ${monthRows} rows (copies of real entries)…`);
      const removal = await detachVersusDelete(databaseUrlOf(name), plan.archived[0]!, monthRows);

      log('Archiving…');
      let deleteMs = 0;
      let deleteStarted = 0;
      const archive = await timed(() =>
        runRetention(ctx, {
          dryRun: false,
          onStep: (step) => {
            if (step === 'manifest-recorded') deleteStarted = performance.now();
            if (step === 'rows-deleted') deleteMs += performance.now() - deleteStarted;
          },
        }),
      );
      const archivedRows = archive.value.archived.reduce((sum, m) => sum + m.rowCount, 0);
      const parquetBytes = archive.value.archived.reduce((sum, m) => sum + (m.fileBytes ?? 0), 0);

      const archivedPage = await timedPages(() =>
        readAuditPage(ctx, { ...pageRequest, includeArchived: true }),
      );
      if (archivedPage.rows !== activePage.rows) {
        throw new Error(
          `the archived page has ${archivedPage.rows} entries, the active one ${activePage.rows}`,
        );
      }
      const lifecycle = await timed(() => verifyAuditLifecycle(ctx));
      if (!lifecycle.value.valid)
        throw new Error(`whole-history verification failed: ${lifecycle.value.message}`);

      const perMillion = (bytes: number) => (bytes / archivedRows) * 1e6;
      const archiveRate = archivedRows / (archive.ms / 1000);
      return {
        parameters: {
          entries,
          activeMonths: ACTIVE_MONTHS,
          busyMonthRows: monthRows,
          archivedMonths: archive.value.archived.length,
          archivedRows,
        },
        baseline:
          'CSV export of the same entries; DELETE of the same rows; the same page and the same verification on the table before archiving',
        tables: [
          {
            caption: 'Archiving',
            columns: ['what', 'entries', 'ms', 'entries/s', 'ratio'],
            rows: [
              [
                'archive run (read, write Parquet, read back and verify, rename, manifest, delete)',
                formatNumber(archivedRows),
                formatNumber(archive.ms),
                formatNumber(archiveRate),
                '1',
              ],
              [
                'of which the row DELETEs',
                formatNumber(archivedRows),
                formatNumber(deleteMs),
                formatNumber(archivedRows / (deleteMs / 1000)),
                formatRatio(deleteMs / archive.ms),
              ],
              [
                'busy month: DELETE (and COMMIT) from a plain table twice its size',
                formatNumber(removal.rows),
                formatNumber(removal.deleteMs),
                formatNumber(removal.rows / (removal.deleteMs / 1000)),
                '1',
              ],
              [
                'busy month: the VACUUM that reclaims the deleted rows',
                formatNumber(removal.rows),
                formatNumber(removal.vacuumMs),
                formatNumber(removal.rows / (removal.vacuumMs / 1000)),
                formatRatio(removal.vacuumMs / removal.deleteMs),
              ],
              [
                'busy month: DETACH + DROP of the same rows as a partition',
                formatNumber(removal.rows),
                formatNumber(removal.detachMs),
                formatNumber(removal.rows / (removal.detachMs / 1000)),
                formatRatio(removal.detachMs / removal.deleteMs),
              ],
            ],
          },
          {
            caption: 'Size, pages, verification',
            columns: ['measure', 'value', 'baseline', 'ratio'],
            rows: [
              [
                'bytes per million entries: zstd Parquet vs CSV export',
                `${formatNumber(perMillion(parquetBytes) / 2 ** 20)} MiB`,
                `${formatNumber(perMillion(csvBytes) / 2 ** 20)} MiB`,
                formatRatio(parquetBytes / csvBytes),
              ],
              [
                'auditLog page of 50, two types, a quarter two years back (median ms)',
                `${formatNumber(archivedPage.medianMs)} archived`,
                `${formatNumber(activePage.medianMs)} in the table`,
                formatRatio(archivedPage.medianMs / activePage.medianMs),
              ],
              [
                'whole-history verification (entries/s)',
                formatNumber(lifecycle.value.checked / (lifecycle.ms / 1000)),
                formatNumber(tableVerify.value.checked / (tableVerify.ms / 1000)),
                formatRatio(tableVerify.ms / lifecycle.ms),
              ],
            ],
          },
        ],
        notes: [
          `Archived ${archivedRows} of ${entries} entries in ${archive.value.archived.length} monthly files (${formatNumber(parquetBytes / 2 ** 20)} MiB); CSV export of the same entries ${formatNumber(csvBytes / 2 ** 20)} MiB.`,
          `Verification after archiving checked ${lifecycle.value.checked} entries (archives and table) and was valid.`,
          `The busy month is ${formatNumber(removal.rows)} copies of the first due month's real rows, followed by as many again, in a plain table with audit_log's primary key and time index (${formatNumber(removal.bytesBefore / 2 ** 20)} MiB; ${formatNumber(removal.bytesAfterDelete / 2 ** 20)} MiB right after the DELETE, until VACUUM) and in a table partitioned by seq range.`,
        ],
        data: {
          entries,
          due,
          archive: { ms: archive.ms, deleteMs },
          csvBytes,
          parquetBytes,
          removal,
          activePage,
          archivedPage,
          tableVerifyMs: tableVerify.ms,
          lifecycleMs: lifecycle.ms,
        },
      };
    } finally {
      await ctx.pubsub.close();
      await db.close();
      await scratch.dropAll();
    }
  },
};

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

async function timedPages(
  read: () => Promise<{ entries: unknown[] }>,
): Promise<{ medianMs: number; rows: number }> {
  const times: number[] = [];
  let rows = 0;
  for (let round = 0; round < PAGE_ROUNDS; round++) {
    const { value, ms } = await timed(read);
    rows = value.entries.length;
    times.push(ms);
  }
  return { medianMs: median(times), rows };
}

async function csvExportBytes(
  ctx: Parameters<typeof exportAuditLog>[0],
  operatorId: string,
  to: Date,
): Promise<number> {
  const file = await exportAuditLog(ctx, {
    format: 'csv',
    filter: { to },
    operatorId,
    origin: { ipAddress: null, userAgent: null },
  });
  let bytes = 0;
  for await (const chunk of file.body) bytes += chunk.byteLength;
  return bytes;
}

/** Rows of the synthetic busy month in the removal comparison ("a month of a busy deployment"). */
function busyMonthRows(quick: boolean): number {
  return Number(process.env.BENCH_RETENTION_MONTH_ROWS) || (quick ? 50_000 : 1_000_000);
}

interface RemovalResult {
  rows: number;
  /** DELETE of the month's rows and its COMMIT. */
  deleteMs: number;
  /** The VACUUM that makes the deleted rows' space reusable (the DELETE's deferred cost). */
  vacuumMs: number;
  detachMs: number;
  /** The plain table's size after the DELETE, before VACUUM, against its size before the DELETE. */
  bytesBefore: number;
  bytesAfterDelete: number;
}

/**
 * Removing one busy month: DELETE from a plain table with audit_log's columns, primary key and time index
 * (then the VACUUM that reclaims it), against DETACH PARTITION + DROP TABLE of the same rows in a table
 * partitioned by seq range. The month is `monthRows` rows made from copies of the first due month's real
 * rows (new seqs, same content), followed by as many rows again of the next months, so the DELETE removes
 * the oldest half of a table as archival does.
 */
async function detachVersusDelete(
  url: string,
  month: { firstSeq: bigint; lastSeq: bigint; rowCount: number },
  monthRows: number,
): Promise<RemovalResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = (
      await client.query<{ name: string }>(
        `SELECT column_name AS name FROM information_schema.columns
         WHERE table_name = 'audit_log' AND table_schema = current_schema() ORDER BY ordinal_position`,
      )
    ).rows.map((c) => `"${c.name}"`);
    // Copies k of the month's real rows, renumbered 1…monthRows (the month) and monthRows+1…2·monthRows (after it).
    const copies = Math.ceil((2 * monthRows) / month.rowCount);
    const fill = (table: string) =>
      client.query(
        `INSERT INTO ${table} (${columns.join(', ')})
         SELECT ${columns.map((c) => (c === '"seq"' ? 'n.seq' : `a.${c}`)).join(', ')}
         FROM (SELECT a.*, row_number() OVER (ORDER BY g, a.seq) AS rn
               FROM audit_log a CROSS JOIN generate_series(1, $3::int) g
               WHERE a.seq BETWEEN $1 AND $2) a
         CROSS JOIN LATERAL (SELECT a.rn::bigint AS seq) n
         WHERE a.rn <= $4`,
        [month.firstSeq, month.lastSeq, copies, 2 * monthRows],
      );
    await client.query(`CREATE TABLE bench_plain (LIKE audit_log INCLUDING DEFAULTS)`);
    await fill('bench_plain');
    await client.query(`ALTER TABLE bench_plain ADD PRIMARY KEY (seq)`);
    await client.query(`CREATE INDEX ON bench_plain (occurred_at, seq)`);
    await client.query(
      `CREATE TABLE bench_part (LIKE audit_log INCLUDING DEFAULTS) PARTITION BY RANGE (seq)`,
    );
    await client.query(
      `CREATE TABLE bench_part_0 PARTITION OF bench_part FOR VALUES FROM (1) TO (${monthRows + 1})`,
    );
    await client.query(
      `CREATE TABLE bench_part_1 PARTITION OF bench_part FOR VALUES FROM (${monthRows + 1}) TO (MAXVALUE)`,
    );
    await fill('bench_part');
    await client.query(`ALTER TABLE bench_part ADD PRIMARY KEY (seq)`);
    await client.query(`CREATE INDEX ON bench_part (occurred_at, seq)`);
    await client.query('VACUUM ANALYZE bench_plain');
    await client.query('VACUUM ANALYZE bench_part');
    const size = async () =>
      Number((await client.query(`SELECT pg_total_relation_size('bench_plain') AS b`)).rows[0].b);
    const bytesBefore = await size();
    const deleteStarted = performance.now();
    await client.query('BEGIN');
    await client.query(`DELETE FROM bench_plain WHERE seq BETWEEN 1 AND $1`, [monthRows]);
    await client.query('COMMIT');
    const deleteMs = performance.now() - deleteStarted;
    const bytesAfterDelete = await size();
    const vacuumStarted = performance.now();
    await client.query('VACUUM bench_plain');
    const vacuumMs = performance.now() - vacuumStarted;
    const detachStarted = performance.now();
    await client.query('BEGIN');
    await client.query('ALTER TABLE bench_part DETACH PARTITION bench_part_0');
    await client.query('DROP TABLE bench_part_0');
    await client.query('COMMIT');
    const detachMs = performance.now() - detachStarted;
    return { rows: monthRows, deleteMs, vacuumMs, detachMs, bytesBefore, bytesAfterDelete };
  } finally {
    await client.query('DROP TABLE IF EXISTS bench_plain, bench_part CASCADE').catch(() => {});
    await client.end();
  }
}
