import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { progressBar } from '@spendsense/server/cli/progress';
import { loadConfig } from '@spendsense/server/config';
import type { Database } from '@spendsense/server/db/client';
import { generateCustomers } from '@spendsense/server/demo/synthetic/index';
import { DEFAULT_RETENTION } from '@spendsense/server/domain/audit/retention';
import type { CustomerLedger } from '@spendsense/server/domain/ledger/types';
import { decidePersona } from '@spendsense/server/domain/personas/index';
import { computeSignals } from '@spendsense/server/domain/signals/index';
import type { SignalWindow } from '@spendsense/server/domain/signals/types';
import { createOversightPubSub } from '@spendsense/server/pubsub';
import { ASSIGN_CHUNK, assignAllCustomers } from '@spendsense/server/services/assign-all';
import { setConsent } from '@spendsense/server/services/consent';
import { createServices, type ServiceContext } from '@spendsense/server/services/context';
import { loadCustomerLedger } from '@spendsense/server/services/ledger';
import { flattenLedgers, storeLedgerBatch } from '@spendsense/server/services/store-ledger';
import { openTempPglite, PostgresScratch } from './databases.js';
import {
  type Benchmark,
  type BenchmarkOptions,
  type BenchmarkResult,
  formatNumber,
  formatRatio,
  formatShare,
  median,
  percentile,
} from './framework.js';

/**
 * Batch persona assignment end to end (assignAllCustomers: read the ledgers, compute signals, decide, store
 * the assignments and their audit entries, one transaction per chunk of ASSIGN_CHUNK customers) against the
 * pure domain doing the same decisions over ledgers already in memory.
 */

const SEED = 7;
/** Fixed so every run generates the same customers and decides against the same day. */
const AS_OF = '2026-11-01';
const WINDOWS: readonly SignalWindow[] = ['D30', 'D180'];
/** Product requirement: a customer's personas are assigned in under 5 seconds. */
const REQUIREMENT_MS_PER_CUSTOMER = 5_000;
const PURE_PASSES = 5;
const STORE_CHUNK = 100;

interface PureMeasurement {
  passesMs: number[];
  /** `userId/window` → persona id, to check the database round trip decides the same. */
  decisions: Map<string, string>;
}

interface TargetMeasurement {
  target: string;
  concurrency: number;
  customers: number;
  assignments: number;
  setupMs: number;
  wallMs: number;
  /** Summed over workers (AssignmentTiming), so with concurrency > 1 it can exceed the wall time. */
  computeMs: number;
  databaseMs: number;
  /** CPU time of this Node process during the run; with PGlite that includes the database itself. */
  nodeCpuMs: number;
  /** Time between consecutive chunk completions; with one worker, the latency of each customer in the chunk. */
  completionGapsMs: number[];
  /** loadCustomerLedger alone for every customer, one after another, outside any transaction. */
  ledgerReadMs: number | null;
  transactionsRead: number | null;
  decisionMismatches: number;
}

const decisionKey = (userId: string, window: string) => `${userId}/${window}`;

function decideAll(ledgers: readonly CustomerLedger[], decisions?: Map<string, string>): void {
  for (const ledger of ledgers) {
    for (const window of WINDOWS) {
      const decision = decidePersona(computeSignals(ledger, window, AS_OF));
      decisions?.set(decisionKey(ledger.user.id, window), decision.personaId);
    }
  }
}

/** The first pass records the decisions and warms the JIT; later passes are timed. */
function measurePure(ledgers: readonly CustomerLedger[], passes: number, log: (m: string) => void) {
  const decisions = new Map<string, string>();
  decideAll(ledgers, decisions);
  const passesMs: number[] = [];
  for (let pass = 0; pass < passes; pass++) {
    const started = performance.now();
    decideAll(ledgers);
    passesMs.push(performance.now() - started);
  }
  log(`Pure domain: ${passesMs.map((ms) => `${Math.round(ms)} ms`).join(', ')} per pass`);
  return { passesMs, decisions };
}

function serviceContext(db: Database): ServiceContext {
  // Cheap password hashes (bench operators only); warnings and errors only in the log; in-process pub/sub.
  const config = loadConfig({ SCRYPT_COST: '1024', LOG_LEVEL: 'warn', LOG_FORMAT: 'json' });
  return createServices(config, db, {
    pubsub: createOversightPubSub(),
    retention: { ...DEFAULT_RETENTION, archiveDir: mkdtempSync(path.join(tmpdir(), 'ss-bench-archives-')) },
  });
}

/** Stores the customers and records their opt-in through the consent service, as production would. */
async function seedCustomers(ctx: ServiceContext, ledgers: readonly CustomerLedger[], label: string) {
  const store = progressBar(`${label}: storing`);
  for (let i = 0; i < ledgers.length; i += STORE_CHUNK) {
    await storeLedgerBatch(ctx, flattenLedgers(ledgers.slice(i, i + STORE_CHUNK)));
    store.onProgress(Math.min(i + STORE_CHUNK, ledgers.length), ledgers.length);
  }
  store.stop();
  const consent = progressBar(`${label}: consent`);
  for (const [index, ledger] of ledgers.entries()) {
    await setConsent(ctx, {
      userId: ledger.user.id,
      status: 'OPTED_IN',
      channel: 'web',
      occurredAt: new Date(Date.parse(ledger.user.createdAt) + 3_600_000),
    });
    consent.onProgress(index + 1, ledgers.length);
  }
  consent.stop();
}

async function countDecisionMismatches(db: Database, expected: Map<string, string>): Promise<number> {
  const stored = await db.prisma.personaAssignment.findMany({
    select: { userId: true, window: true, personaId: true },
  });
  let mismatches = Math.abs(stored.length - expected.size);
  for (const row of stored) {
    if (expected.get(decisionKey(row.userId, row.window)) !== row.personaId) mismatches++;
  }
  return mismatches;
}

async function measureLedgerReads(db: Database, ledgers: readonly CustomerLedger[]) {
  let transactionsRead = 0;
  const started = performance.now();
  for (const ledger of ledgers) {
    const loaded = await loadCustomerLedger(db.prisma, ledger.user.id, AS_OF);
    transactionsRead += loaded?.transactions.length ?? 0;
  }
  return { ledgerReadMs: performance.now() - started, transactionsRead };
}

async function measureAssignment(
  db: Database,
  target: string,
  concurrency: number,
  setupMs: number,
  ledgers: readonly CustomerLedger[],
  pure: PureMeasurement,
  options: { measureReads: boolean },
): Promise<TargetMeasurement> {
  const ctx = serviceContext(db);
  const bar = progressBar(`${target}: assigning`);
  const completionGapsMs: number[] = [];
  let lastCompletion = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  lastCompletion = started;
  const result = await assignAllCustomers(ctx, {
    referenceDate: AS_OF,
    windows: WINDOWS,
    concurrency,
    onProgress(done, total) {
      const now = performance.now();
      if (done > 0) completionGapsMs.push(now - lastCompletion);
      lastCompletion = now;
      bar.onProgress(done, total);
    },
  });
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  bar.stop();
  await ctx.pubsub.close();
  const reads = options.measureReads ? await measureLedgerReads(db, ledgers) : null;
  return {
    target,
    concurrency,
    customers: result.customers,
    assignments: result.assignments,
    setupMs,
    wallMs,
    computeMs: result.timing.computeMs,
    databaseMs: result.timing.databaseMs,
    nodeCpuMs: (cpu.user + cpu.system) / 1000,
    completionGapsMs,
    ledgerReadMs: reads?.ledgerReadMs ?? null,
    transactionsRead: reads?.transactionsRead ?? null,
    decisionMismatches: await countDecisionMismatches(db, pure.decisions),
  };
}

async function measurePglite(
  ledgers: readonly CustomerLedger[],
  pure: PureMeasurement,
  log: (m: string) => void,
) {
  const target = 'PGlite (data dir)';
  const pglite = await openTempPglite();
  log(`${target}: ${pglite.dataDir}`);
  try {
    const setupStarted = performance.now();
    const ctx = serviceContext(pglite.db);
    await seedCustomers(ctx, ledgers, target);
    await ctx.pubsub.close();
    const setupMs = performance.now() - setupStarted;
    return await measureAssignment(pglite.db, target, 1, setupMs, ledgers, pure, { measureReads: true });
  } finally {
    await pglite.dispose();
  }
}

/**
 * Sets up one database, clones it, and measures each concurrency on its own copy: both start from the
 * same rows, and neither pays for the other's appended assignments.
 */
async function measurePostgres(
  scratch: PostgresScratch,
  version: string,
  ledgers: readonly CustomerLedger[],
  pure: PureMeasurement,
  concurrencies: readonly number[],
): Promise<TargetMeasurement[]> {
  // `SHOW server_version` may append the distribution: "15.20 (Debian 15.20-0+deb12u1)".
  const label = `PostgreSQL ${version.split(' ')[0]}`;
  const setupStarted = performance.now();
  const template = await scratch.create('template');
  const db = await scratch.open(template);
  const ctx = serviceContext(db);
  try {
    await seedCustomers(ctx, ledgers, label);
  } finally {
    await ctx.pubsub.close();
    await db.close();
  }
  const setupMs = performance.now() - setupStarted;
  const copies: string[] = [];
  for (const concurrency of concurrencies) copies.push(await scratch.cloneOf(template, `c${concurrency}`));
  const measurements: TargetMeasurement[] = [];
  for (const [i, concurrency] of concurrencies.entries()) {
    const copy = await scratch.open(copies[i]!);
    try {
      measurements.push(
        await measureAssignment(
          copy,
          `${label}, concurrency ${concurrency}`,
          concurrency,
          setupMs,
          ledgers,
          pure,
          {
            measureReads: concurrency === 1,
          },
        ),
      );
    } finally {
      await copy.close();
    }
  }
  return measurements;
}

function summarize(m: TargetMeasurement) {
  const workerMs = m.wallMs * m.concurrency;
  const chunks = Math.ceil(m.customers / ASSIGN_CHUNK);
  const gaps = m.concurrency === 1 && m.completionGapsMs.length > 0 ? m.completionGapsMs : null;
  return {
    ...m,
    completionGapsMs: undefined,
    customersPerSecond: (m.customers / m.wallMs) * 1000,
    assignmentsPerSecond: (m.assignments / m.wallMs) * 1000,
    wallMsPerCustomer: m.wallMs / m.customers,
    /** A worker's time per customer: the basis of the time shares. */
    workerMsPerCustomer: workerMs / m.customers,
    /** How long a chunk occupies a worker, on average: what each customer in it waits for. */
    latencyMs: workerMs / chunks,
    latencyP50Ms: gaps ? percentile(gaps, 50) : null,
    latencyP99Ms: gaps ? percentile(gaps, 99) : null,
    latencyMaxMs: gaps ? Math.max(...gaps) : null,
    computeMsPerCustomer: m.computeMs / m.customers,
    databaseMsPerCustomer: m.databaseMs / m.customers,
    /** Transaction begin/commit, waiting for a connection or the audit chain lock, the event loop. */
    otherMsPerCustomer: Math.max(0, workerMs - m.computeMs - m.databaseMs) / m.customers,
    nodeCpuMsPerCustomer: m.nodeCpuMs / m.customers,
    ledgerReadMsPerCustomer: m.ledgerReadMs === null ? null : m.ledgerReadMs / m.customers,
  };
}

async function run({ quick, log }: BenchmarkOptions): Promise<BenchmarkResult> {
  const count = quick ? 100 : 1_000;
  log(`Generating ${count} customers (seed ${SEED}, as of ${AS_OF})…`);
  const ledgers = [...generateCustomers({ count, seed: SEED, asOf: AS_OF })];
  const transactions = ledgers.reduce((sum, l) => sum + l.transactions.length, 0);
  const accounts = ledgers.reduce((sum, l) => sum + l.accounts.length, 0);

  const before = measurePure(ledgers, PURE_PASSES, log);
  const notes: string[] = [];
  const measurements: TargetMeasurement[] = [];
  measurements.push(await measurePglite(ledgers, before, log));

  const scratch = new PostgresScratch();
  const version = await scratch.serverVersion();
  if (version === null) {
    notes.push(`PostgreSQL was not reachable at ${new URL(scratch.baseUrl).host}: its rows are missing.`);
  } else {
    try {
      measurements.push(...(await measurePostgres(scratch, version, ledgers, before, [1, 4])));
    } finally {
      await scratch.dropAll();
    }
  }
  // Measured again at the end and pooled: a noisy neighbour during one phase moves the baseline less.
  const after = measurePure(ledgers, PURE_PASSES, log);
  const pureMsPerCustomer = median([...before.passesMs, ...after.passesMs]) / count;

  const summaries = measurements.map(summarize);
  const pureRow = [
    'pure domain, ledgers in memory (baseline)',
    formatNumber(1000 / pureMsPerCustomer),
    formatNumber((1000 / pureMsPerCustomer) * WINDOWS.length),
    formatNumber(pureMsPerCustomer),
    formatRatio(1),
    formatNumber(pureMsPerCustomer / REQUIREMENT_MS_PER_CUSTOMER),
  ];
  const throughput = {
    caption: 'Throughput and ratios (higher ratio = slower than the pure domain)',
    columns: [
      'target',
      'customers/s',
      'assignments/s',
      `latency ms (a customer's chunk of ${ASSIGN_CHUNK})`,
      'end-to-end ÷ pure (wall per customer)',
      'latency ÷ 5 s requirement',
    ],
    rows: [
      pureRow,
      ...summaries.map((s) => [
        s.target,
        formatNumber(s.customersPerSecond),
        formatNumber(s.assignmentsPerSecond),
        formatNumber(s.latencyMs),
        formatRatio(s.wallMsPerCustomer / pureMsPerCustomer),
        formatNumber(s.latencyMs / REQUIREMENT_MS_PER_CUSTOMER),
      ]),
    ],
  };
  const breakdown = {
    caption:
      'Where a customer’s time goes (ms per customer, share of worker time; compute and database from AssignmentTiming)',
    columns: [
      'target',
      'compute (signals + decision)',
      'database (ledger read, consent check, writes, audit)',
      'transaction begin/commit & waiting',
      'service compute ÷ pure',
      'Node CPU (whole process)',
      'loadCustomerLedger alone',
    ],
    rows: summaries.map((s) => {
      const worker = s.workerMsPerCustomer;
      const share = (ms: number) => `${formatNumber(ms)} (${formatShare(ms, worker)})`;
      return [
        s.target,
        share(s.computeMsPerCustomer),
        share(s.databaseMsPerCustomer),
        share(s.otherMsPerCustomer),
        formatRatio(s.computeMsPerCustomer / pureMsPerCustomer),
        formatNumber(s.nodeCpuMsPerCustomer),
        s.ledgerReadMsPerCustomer === null ? '–' : formatNumber(s.ledgerReadMsPerCustomer),
      ];
    }),
  };

  for (const s of summaries) {
    if (s.latencyP99Ms !== null) {
      notes.push(
        `${s.target}: latency per chunk of ${ASSIGN_CHUNK} (each customer in it waits as long) p50 ${formatNumber(s.latencyP50Ms!)} ms, ` +
          `p99 ${formatNumber(s.latencyP99Ms)} ms, max ${formatNumber(s.latencyMaxMs!)} ms ` +
          `(max ÷ 5 s = ${formatNumber(s.latencyMaxMs! / REQUIREMENT_MS_PER_CUSTOMER)}).`,
      );
    }
    if (s.decisionMismatches > 0) {
      notes.push(`${s.target}: ${s.decisionMismatches} stored decisions differ from the pure domain's.`);
    }
  }
  if (summaries.every((s) => s.decisionMismatches === 0)) {
    notes.push(
      'Every stored assignment names the persona the pure domain decided for that customer and window.',
    );
  }
  notes.push(
    'With concurrency > 1, latency is wall time × workers ÷ chunks (the mean time a chunk holds a worker); ' +
      'compute and database times are summed over workers. Node CPU is per customer over the whole run ' +
      '(with PGlite it includes the database, which runs in the same process).',
  );

  return {
    parameters: {
      customers: count,
      seed: SEED,
      asOf: AS_OF,
      windows: WINDOWS.join('+'),
      transactions,
      accounts,
    },
    baseline:
      `computeSignals + decidePersona for both windows over the same ${count} ledgers held in memory, ` +
      `median of ${PURE_PASSES * 2} passes (before and after the database runs): ` +
      `${formatNumber(pureMsPerCustomer)} ms per customer.`,
    tables: [throughput, breakdown],
    notes,
    data: {
      pure: { passesMs: [...before.passesMs, ...after.passesMs], msPerCustomer: pureMsPerCustomer },
      requirementMsPerCustomer: REQUIREMENT_MS_PER_CUSTOMER,
      targets: summaries,
    },
  };
}

export const assignPersonasBenchmark: Benchmark = {
  name: 'assign-personas',
  title: 'Batch persona assignment',
  run,
};
