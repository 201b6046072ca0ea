import { setImmediate } from 'node:timers/promises';
import type { Database } from '@spendsense/server/db/client';
import { canonicalAuditContent, chainLinkText, sha256Hex } from '@spendsense/server/domain/audit/index';
import { readBatch, VERIFY_BATCH_SIZE, verifyAuditIntegrity } from '@spendsense/server/services/audit/verify';
import type { ServiceContext } from '@spendsense/server/services/context';
import { createOperator, login } from '@spendsense/server/services/operators';
import { createOversightYoga } from '@spendsense/server/yoga';
import {
  AuditEntryFactory,
  appendBatch,
  auditFixture,
  auditFixtureSpec,
  benchServices,
  hashed,
  installBatchAppend,
} from './audit-fixture.js';
import { openTempPglite, PostgresScratch } from './databases.js';
import {
  type Benchmark,
  type BenchmarkResult,
  formatNumber,
  formatRatio,
  median,
  percentile,
} from './framework.js';

/**
 * Whole-chain verification (`auditIntegrity` without a range): entries/s against the floor of hashing the
 * same bytes with SHA-256 alone (each entry's canonical content and its link text, held in memory), and the
 * latency of a cheap query (`viewer`, one session lookup) while a verification runs, against the same query on
 * an idle server. PostgreSQL uses the shared audit fixture; PGlite (the embedded demo database) a chain of
 * its own, appended through `audit_append` in a temporary data folder.
 */
const ROUNDS = 3;
/** Entries whose bytes are hashed for the floor: enough for a stable rate, few enough to hold in memory. */
const FLOOR_SAMPLE = 100_000;
const CHEAP_QUERY = '{ viewer { username } }';
const PGLITE_ENTRIES = { quick: 5_000, full: 50_000 };

interface TargetResult {
  target: string;
  entries: number;
  verifyMs: number[];
  floorEntriesPerSecond: number;
  idleLatencyMs: number[];
  duringLatencyMs: number[];
}

export const auditVerifyBenchmark: Benchmark = {
  name: 'audit-verify',
  title: 'Audit verification: whole chain against raw SHA-256, and a cheap query meanwhile',
  async run({ quick, log }): Promise<BenchmarkResult> {
    const results: TargetResult[] = [];
    const notes: string[] = [];

    log('PGlite: appending a chain in a temporary data folder…');
    const pglite = await openTempPglite();
    try {
      const ctx = benchServices(pglite.db);
      await appendChain(pglite.db, quick ? PGLITE_ENTRIES.quick : PGLITE_ENTRIES.full);
      const token = await operatorToken(ctx);
      results.push(await measure('PGlite (embedded)', ctx, token, log));
    } finally {
      await pglite.dispose();
    }

    const scratch = new PostgresScratch();
    try {
      const fixture = await auditFixture(quick, log);
      const name = await scratch.cloneOf(fixture.databaseName, 'verify');
      const db = await scratch.open(name);
      try {
        results.push(await measure('PostgreSQL', benchServices(db), fixture.complianceToken, log));
      } finally {
        await db.close();
      }
    } catch (error) {
      notes.push(`PostgreSQL left out: ${(error as Error).message}`);
    } finally {
      await scratch.dropAll();
    }

    const rows = results.map((r) => {
      const rate = r.entries / (median(r.verifyMs) / 1000);
      return [
        r.target,
        formatNumber(r.entries),
        formatNumber(median(r.verifyMs) / 1000),
        formatNumber(rate),
        formatNumber(r.floorEntriesPerSecond),
        formatRatio(rate / r.floorEntriesPerSecond),
        `${formatNumber(percentile(r.idleLatencyMs, 50))} / ${formatNumber(percentile(r.idleLatencyMs, 99))}`,
        `${formatNumber(percentile(r.duringLatencyMs, 50))} / ${formatNumber(percentile(r.duringLatencyMs, 99))}`,
        formatNumber(r.duringLatencyMs.length),
      ];
    });
    notes.push(
      `Verification reads keyset batches of ${formatNumber(VERIFY_BATCH_SIZE)} rows through the driver and yields to the event loop between slices of its hashing; verify time is the median of ${ROUNDS} runs.`,
      `The SHA-256 floor hashes the canonical content and the link text of the first ${formatNumber(FLOOR_SAMPLE)} entries (or all, when fewer) from memory: what verification cannot avoid doing.`,
      'The cheap query is sent again one event-loop turn after it answers, through yoga.fetch in the same process, for as long as the verification request (also through yoga.fetch) runs.',
    );
    return {
      parameters: { pgliteEntries: quick ? PGLITE_ENTRIES.quick : PGLITE_ENTRIES.full, rounds: ROUNDS },
      baseline: 'SHA-256 of the same bytes (floor), and the cheap query on an idle server (peer).',
      tables: [
        {
          columns: [
            'database',
            'entries',
            'verify s',
            'entries/s',
            'SHA-256 floor entries/s',
            'verify ÷ floor',
            'cheap query idle p50 / p99 ms',
            'cheap query during p50 / p99 ms',
            'cheap queries during',
          ],
          rows,
        },
      ],
      notes,
      data: results,
    };
  },
};

async function appendChain(db: Database, entries: number): Promise<void> {
  await installBatchAppend(db.sql);
  const spec = { ...auditFixtureSpec(true), entries };
  const operator = await db.prisma.operator.create({
    data: { username: 'bench.writer', displayName: 'Bench writer', role: 'ADMIN', passwordHash: 'x' },
  });
  const factory = new AuditEntryFactory(spec, [operator.id]);
  for (let done = 0; done < entries; done += 1_000) {
    const batch = Array.from({ length: Math.min(1_000, entries - done) }, () => hashed(factory.next()));
    await appendBatch(db.sql, batch);
  }
}

async function operatorToken(ctx: ServiceContext): Promise<string> {
  const credentials = { username: 'bench.compliance', password: 'Bench-compliance-2026!' };
  await createOperator(ctx, { ...credentials, displayName: 'Bench compliance officer', role: 'COMPLIANCE' });
  const session = await login(ctx, credentials, { ipAddress: '127.0.0.1', userAgent: 'spendsense-bench' });
  return session.token;
}

async function measure(
  target: string,
  ctx: ServiceContext,
  token: string,
  log: (m: string) => void,
): Promise<TargetResult> {
  log(`${target}: verifying the whole chain ${ROUNDS} times…`);
  const verifyMs: number[] = [];
  let entries = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    const report = await verifyAuditIntegrity(ctx);
    verifyMs.push(performance.now() - started);
    if (!report.valid) throw new Error(`${target}: the chain did not verify: ${report.message}`);
    entries = report.checked;
  }
  log(`${target}: SHA-256 floor…`);
  const floorEntriesPerSecond = await sha256Floor(ctx);

  log(`${target}: a cheap query, idle and during a verification…`);
  const yoga = createOversightYoga({ services: ctx });
  const post = async (query: string): Promise<Response> =>
    await yoga.fetch('http://bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
  const cheap = async (): Promise<number> => {
    const started = performance.now();
    const response = await post(CHEAP_QUERY);
    const body = (await response.json()) as { errors?: unknown };
    if (body.errors) throw new Error(`${target}: the cheap query failed: ${JSON.stringify(body.errors)}`);
    return performance.now() - started;
  };
  const idleLatencyMs: number[] = [];
  for (let i = 0; i < 200; i++) idleLatencyMs.push(await cheap());
  const duringLatencyMs: number[] = [];
  let verifying = true;
  const verification = post('{ auditIntegrity { valid checked } }').then(async (response) => {
    const body = (await response.json()) as { data?: { auditIntegrity?: { valid: boolean } } };
    verifying = false;
    if (!body.data?.auditIntegrity?.valid) throw new Error(`${target}: ${JSON.stringify(body)}`);
  });
  // Each query waits one turn of the event loop first, as a request arriving through a socket does: in one
  // process over PGlite a back-to-back loop would be all microtasks and never let the verification resume.
  while (verifying) {
    await setImmediate();
    duringLatencyMs.push(await cheap());
  }
  await verification;
  return { target, entries, verifyMs, floorEntriesPerSecond, idleLatencyMs, duringLatencyMs };
}

/** Entries/s of SHA-256 alone over the bytes verification hashes (content text and link text per entry). */
async function sha256Floor(ctx: ServiceContext): Promise<number> {
  const rows = await readBatch(ctx.db.sql, 1, FLOOR_SAMPLE, FLOOR_SAMPLE);
  const texts = rows.map((row) => [
    canonicalAuditContent(row),
    chainLinkText(row.prevHash, row.seq, row.contentHash),
  ]);
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    let check = 0;
    for (const [content, link] of texts) check += sha256Hex(content!).length + sha256Hex(link!).length;
    const ms = performance.now() - started;
    if (check !== texts.length * 128) throw new Error('sha256 floor: unexpected digest length');
    rates.push(texts.length / (ms / 1000));
  }
  return median(rates);
}
