import { openDatabase } from '@spendsense/server/db/client';
import type {
  AuditEntryContent,
  AuditEventDataMap,
  AuditEventType,
} from '@spendsense/server/domain/audit/index';
import { runAudited } from '@spendsense/server/services/audit/record-audit';
import { verifyAuditIntegrity } from '@spendsense/server/services/audit/verify';
import type { ServiceContext } from '@spendsense/server/services/context';
import pg from 'pg';
import {
  AuditEntryFactory,
  appendBatch,
  auditFixture,
  benchServices,
  type HashedContent,
  hashed,
  installBatchAppend,
} from './audit-fixture.js';
import { type LatencySummary, runLoad, summarizeLoad } from './audit-support.js';
import {
  type Benchmark,
  type BenchmarkOptions,
  type BenchmarkResult,
  formatNumber,
  formatRatio,
} from './framework.js';

/**
 * Append throughput with the hash chain (runAudited + AuditWriter → audit_append, which serialises writers on
 * the chain head row) against plain INSERTs of the same rows into an unchained copy of audit_log (same
 * columns, same indexes, same million rows, no trigger, identity seq), 8 concurrent writers each; one entry
 * per transaction, then batches of 100.
 */

const WRITERS = 8;
const BATCH = 100;
const PLAIN_TABLE = 'bench_audit_plain';
const INSERT_COLUMNS =
  'log_id, event_type, user_id, operator_id, recommendation_id, occurred_at, event_data, ip_address, user_agent, content_hash, prev_hash, hash';
const INSERT_ONE = `INSERT INTO ${PLAIN_TABLE} (${INSERT_COLUMNS}) VALUES
  ($1::uuid, $2::"AuditEventType", $3, $4::uuid, $5::uuid, $6::timestamptz, $7::jsonb, $8, $9, $10, $10, $10)`;
const INSERT_MANY = `INSERT INTO ${PLAIN_TABLE} (${INSERT_COLUMNS})
  SELECT log_id, event_type::"AuditEventType", user_id, operator_id, recommendation_id, occurred_at,
    event_data::jsonb, ip_address, user_agent, content_hash, content_hash, content_hash
  FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::timestamptz[], $7::text[],
    $8::text[], $9::text[], $10::text[])
    AS t(log_id, event_type, user_id, operator_id, recommendation_id, occurred_at, event_data, ip_address,
      user_agent, content_hash)`;

function oneRowParams({ content, contentHash }: HashedContent): unknown[] {
  return [
    content.logId,
    content.eventType,
    content.userId,
    content.operatorId,
    content.recommendationId,
    content.occurredAt,
    JSON.stringify(content.eventData),
    content.ipAddress,
    content.userAgent,
    contentHash,
  ];
}

function manyRowParams(rows: readonly HashedContent[]): unknown[] {
  const column = (index: number) => rows.map((row) => oneRowParams(row)[index]);
  return Array.from({ length: 10 }, (_, index) => column(index));
}

/** The entry through the service API, exactly as a business write would record it. */
function recordOf(content: AuditEntryContent) {
  return {
    eventType: content.eventType,
    eventData: content.eventData as AuditEventDataMap[AuditEventType],
    userId: content.userId,
    operatorId: content.operatorId,
    recommendationId: content.recommendationId,
    origin: { ipAddress: content.ipAddress, userAgent: content.userAgent },
    occurredAt: new Date(content.occurredAt),
  };
}

interface Variant {
  name: string;
  group: 'single' | 'batch';
  chained: boolean;
  rowsPerTask: number;
  task: (rows: readonly HashedContent[]) => Promise<void>;
}

interface VariantResult {
  name: string;
  group: 'single' | 'batch';
  chained: boolean;
  rows: number;
  rowsPerSecond: number;
  /** Per transaction (one entry or one batch). */
  latency: LatencySummary;
  timedOut: boolean;
}

function variants(ctx: ServiceContext, pool: pg.Pool): Variant[] {
  return [
    {
      name: 'plain INSERT, autocommit (baseline)',
      group: 'single',
      chained: false,
      rowsPerTask: 1,
      task: async ([row]) => void (await pool.query(INSERT_ONE, oneRowParams(row!))),
    },
    {
      name: 'plain INSERT in a Prisma interactive transaction (runAudited’s shape, no chain)',
      group: 'single',
      chained: false,
      rowsPerTask: 1,
      task: async ([row]) => {
        const params = oneRowParams(row!);
        await ctx.db.prisma.$transaction(async (tx) => {
          await tx.$executeRawUnsafe(INSERT_ONE, ...params);
        });
      },
    },
    {
      name: 'runAudited + audit.record (chained)',
      group: 'single',
      chained: true,
      rowsPerTask: 1,
      task: async ([row]) => {
        await runAudited(ctx, (_tx, audit) => audit.record(recordOf(row!.content)));
      },
    },
    {
      name: `plain multi-row INSERT of ${BATCH} (baseline)`,
      group: 'batch',
      chained: false,
      rowsPerTask: BATCH,
      task: async (rows) => void (await pool.query(INSERT_MANY, manyRowParams(rows))),
    },
    {
      name: `runAudited with ${BATCH} audit.record calls (chained)`,
      group: 'batch',
      chained: true,
      rowsPerTask: BATCH,
      task: async (rows) => {
        await runAudited(ctx, async (_tx, audit) => {
          for (const row of rows) await audit.record(recordOf(row.content));
        });
      },
    },
    {
      name: `${BATCH} audit_append calls in one statement (chained, bench helper)`,
      group: 'batch',
      chained: true,
      rowsPerTask: BATCH,
      task: async (rows) => {
        const client = await pool.connect();
        try {
          await appendBatch(client, rows);
        } finally {
          client.release();
        }
      },
    },
  ];
}

/** An unchained copy of audit_log holding the same rows, so both sides insert into tables of one size. */
async function createPlainTable(pool: pg.Pool, log: (m: string) => void): Promise<number> {
  const started = performance.now();
  await pool.query(`DROP TABLE IF EXISTS ${PLAIN_TABLE}`);
  await pool.query(`CREATE TABLE ${PLAIN_TABLE} (LIKE audit_log INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
  await pool.query(`INSERT INTO ${PLAIN_TABLE} SELECT * FROM audit_log`);
  // The same indexes as audit_log (LIKE … INCLUDING INDEXES would build them before the copy, slowly).
  const { rows } = await pool.query<{ indexdef: string }>(
    `SELECT indexdef FROM pg_indexes WHERE tablename = 'audit_log'`,
  );
  for (const { indexdef } of rows) {
    await pool.query(
      indexdef
        .replace(/INDEX (\S+) ON/, (_m, name: string) => `INDEX ${name.replace('audit_log', PLAIN_TABLE)} ON`)
        .replace(/ON (public\.)?audit_log /, `ON ${PLAIN_TABLE} `),
    );
  }
  const max = await pool.query<{ max: string }>(`SELECT coalesce(max(seq), 0) AS max FROM ${PLAIN_TABLE}`);
  await pool.query(
    `ALTER TABLE ${PLAIN_TABLE} ALTER seq ADD GENERATED BY DEFAULT AS IDENTITY (START WITH ${Number(max.rows[0]!.max) + 1})`,
  );
  await pool.query(`VACUUM (ANALYZE) ${PLAIN_TABLE}`);
  log(
    `Plain copy of audit_log with ${rows.length} indexes in ${formatNumber((performance.now() - started) / 1000)} s`,
  );
  return rows.length;
}

async function run({ quick, log }: BenchmarkOptions): Promise<BenchmarkResult> {
  const fixture = await auditFixture(quick, log);
  const singleRows = quick ? 400 : 4_000;
  const batchRows = quick ? 1_600 : 8_000;
  const maxMs = quick ? 20_000 : 60_000;
  const db = await openDatabase({ databaseUrl: fixture.databaseUrl, migrate: false });
  const ctx = benchServices(db);
  const pool = new pg.Pool({ connectionString: fixture.databaseUrl, max: 10 });
  const factory = new AuditEntryFactory(fixture.spec, fixture.operatorIds, {
    seedOffset: 1_000 + fixture.rowsAtStart,
    startsAt: fixture.spec.endsAt,
    gapMs: 1_000,
  });
  const notes: string[] = [...fixture.checks];
  const results: VariantResult[] = [];
  let indexes = 0;
  try {
    const client = await pool.connect();
    await installBatchAppend(client);
    client.release();
    indexes = await createPlainTable(pool, log);
    const headBefore = await pool.query<{ seq: string }>('SELECT seq FROM audit_chain_head WHERE id = 1');
    const all = variants(ctx, pool);
    // The baselines run again at the end and are averaged, so a noisy phase moves them less.
    const order = [...all, all[0]!, all[3]!];
    for (const variant of order) {
      const total = variant.group === 'single' ? singleRows : batchRows;
      const rows = Array.from({ length: total }, () => hashed(factory.next()));
      const tasks = total / variant.rowsPerTask;
      const load = await runLoad({
        concurrency: WRITERS,
        count: tasks,
        maxMs,
        task: (index) =>
          variant.task(rows.slice(index * variant.rowsPerTask, (index + 1) * variant.rowsPerTask)),
      });
      const done = load.completed * variant.rowsPerTask;
      const result: VariantResult = {
        name: variant.name,
        group: variant.group,
        chained: variant.chained,
        rows: done,
        rowsPerSecond: (done / load.wallMs) * 1000,
        latency: summarizeLoad(load),
        timedOut: load.timedOut,
      };
      results.push(result);
      log(`${variant.name}: ${formatNumber(result.rowsPerSecond)} rows/s (${done} rows)`);
    }
    const integrity = await verifyAuditIntegrity(ctx, { fromSeq: Number(headBefore.rows[0]!.seq) + 1 });
    notes.push(
      `The ${formatNumber(integrity.checked)} entries the chained writers appended concurrently ` +
        `${integrity.valid ? 'verify as one valid chain' : `FAIL verification at seq ${integrity.firstInvalidSeq} (${integrity.reason})`} ` +
        `(verifyAuditIntegrity up to the head, seq ${integrity.headSeq}).`,
    );
  } finally {
    await pool.query(`DROP TABLE IF EXISTS ${PLAIN_TABLE}`).catch(() => {});
    await pool.end();
    await ctx.pubsub.close();
    await db.close();
  }

  const merged = mergeRepeats(results);
  const rowsOut: string[][] = [];
  for (const group of ['single', 'batch'] as const) {
    const inGroup = merged.filter((r) => r.group === group);
    const base = inGroup.find((r) => !r.chained && r.name.includes('baseline'))!;
    for (const r of inGroup) {
      rowsOut.push([
        group === 'single' ? '1 entry' : `${BATCH} entries`,
        r.name,
        formatNumber(r.rows),
        formatNumber(r.rowsPerSecond),
        `${formatNumber(r.latency.p50Ms)} / ${formatNumber(r.latency.p99Ms)}`,
        formatRatio(base.rowsPerSecond / r.rowsPerSecond),
      ]);
    }
  }
  const timedOut = merged.filter((r) => r.timedOut);
  if (timedOut.length > 0) {
    notes.push(`${timedOut.map((r) => r.name).join('; ')}: stopped by the ${maxMs / 1000} s limit.`);
  }
  notes.push(
    `The plain table is a copy of audit_log made for the run: the same columns, all ${indexes} of its indexes and ` +
      'its rows, no append-only trigger, seq an identity column; prev_hash and hash get the content hash. ' +
      'Content hashes for plain rows are computed in Node as the chained path does. Latency is per ' +
      'transaction (one entry, or one batch).',
  );
  return {
    parameters: {
      entries: fixture.rowsAtStart,
      writers: WRITERS,
      rowsSingle: singleRows,
      rowsBatched: batchRows,
      batch: BATCH,
    },
    baseline:
      'plain INSERTs of the same rows into an unchained copy of audit_log with pg, 8 writers: one row per ' +
      `autocommit statement, and one ${BATCH}-row INSERT … SELECT FROM unnest per statement for the batched ` +
      'rows; each measured before and after the chained variants and averaged.',
    tables: [
      {
        caption: `Append throughput, ${WRITERS} concurrent writers (ratio: higher = slower than plain INSERT)`,
        columns: [
          'per transaction',
          'variant',
          'rows',
          'rows/s',
          'p50 / p99 ms per transaction',
          'plain rows/s ÷ this',
        ],
        rows: rowsOut,
      },
    ],
    notes,
    data: { results, fixture: { ...fixture, complianceToken: undefined } },
  };
}

/** Averages a variant measured twice (the baselines) into one result. */
function mergeRepeats(results: readonly VariantResult[]): VariantResult[] {
  const byName = new Map<string, VariantResult[]>();
  for (const r of results) byName.set(r.name, [...(byName.get(r.name) ?? []), r]);
  return [...byName.values()].map((runs) => {
    if (runs.length === 1) return runs[0]!;
    const mean = (pick: (r: VariantResult) => number) =>
      runs.reduce((sum, r) => sum + pick(r), 0) / runs.length;
    return {
      ...runs[0]!,
      rows: runs.reduce((sum, r) => sum + r.rows, 0),
      rowsPerSecond: mean((r) => r.rowsPerSecond),
      latency: {
        perSecond: mean((r) => r.latency.perSecond),
        p50Ms: mean((r) => r.latency.p50Ms),
        p99Ms: mean((r) => r.latency.p99Ms),
        maxMs: Math.max(...runs.map((r) => r.latency.maxMs)),
        count: runs.reduce((sum, r) => sum + r.latency.count, 0),
      },
      timedOut: runs.some((r) => r.timedOut),
    };
  });
}

export const auditAppendBenchmark: Benchmark = {
  name: 'audit-append',
  title: 'Audit append throughput with the chain vs plain INSERT',
  run,
};
