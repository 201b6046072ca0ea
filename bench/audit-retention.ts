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

      log('Partitions against DELETE on copies of the first months…');
      const removal = await detachVersusDelete(databaseUrlOf(name), plan.archived.slice(0, 3));

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
                'DELETE of one month (copy of the table)',
                formatNumber(removal.rows),
                formatNumber(removal.deleteMs),
                formatNumber(removal.rows / (removal.deleteMs / 1000)),
                '1',
              ],
              [
                'DETACH + DROP of the same month as a partition',
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
          "The partition comparison runs on copies of the first months' rows in the same database: a plain table with the same primary key and indexes, and the same rows in one partition per month.",
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

/**
 * Removing the rows of the largest of `months` (by their seq ranges): DELETE from a plain copy of audit_log
 * with its primary key and time index, against DETACH PARTITION + DROP TABLE of the same rows in a table
 * partitioned by seq range, one partition per month.
 */
async function detachVersusDelete(
  url: string,
  months: ReadonlyArray<{ firstSeq: bigint; lastSeq: bigint; rowCount: number }>,
): Promise<{ rows: number; deleteMs: number; detachMs: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const first = months[0]!.firstSeq;
    const last = months[months.length - 1]!.lastSeq;
    await client.query(`CREATE TABLE bench_plain (LIKE audit_log INCLUDING DEFAULTS)`);
    await client.query(`INSERT INTO bench_plain SELECT * FROM audit_log WHERE seq BETWEEN $1 AND $2`, [
      first,
      last,
    ]);
    await client.query(`ALTER TABLE bench_plain ADD PRIMARY KEY (seq)`);
    await client.query(`CREATE INDEX ON bench_plain (occurred_at, seq)`);
    await client.query(
      `CREATE TABLE bench_part (LIKE audit_log INCLUDING DEFAULTS) PARTITION BY RANGE (seq)`,
    );
    for (const [index, month] of months.entries()) {
      await client.query(
        `CREATE TABLE bench_part_${index} PARTITION OF bench_part FOR VALUES FROM (${month.firstSeq}) TO (${month.lastSeq + 1n})`,
      );
    }
    await client.query(`INSERT INTO bench_part SELECT * FROM audit_log WHERE seq BETWEEN $1 AND $2`, [
      first,
      last,
    ]);
    await client.query(`ALTER TABLE bench_part ADD PRIMARY KEY (seq)`);
    await client.query(`CREATE INDEX ON bench_part (occurred_at, seq)`);
    await client.query('VACUUM ANALYZE bench_plain');
    await client.query('VACUUM ANALYZE bench_part');
    const month = months[0]!;
    const deleteStarted = performance.now();
    await client.query('BEGIN');
    await client.query(`DELETE FROM bench_plain WHERE seq BETWEEN $1 AND $2`, [
      month.firstSeq,
      month.lastSeq,
    ]);
    await client.query('COMMIT');
    const deleteMs = performance.now() - deleteStarted;
    const detachStarted = performance.now();
    await client.query('BEGIN');
    await client.query('ALTER TABLE bench_part DETACH PARTITION bench_part_0');
    await client.query('DROP TABLE bench_part_0');
    await client.query('COMMIT');
    const detachMs = performance.now() - detachStarted;
    return { rows: month.rowCount, deleteMs, detachMs };
  } finally {
    await client.query('DROP TABLE IF EXISTS bench_plain, bench_part CASCADE').catch(() => {});
    await client.end();
  }
}
