import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'graphql-sse';
import { auditFixture } from './audit-fixture.js';
import { type AuditServer, consoleDocument, processCpuMs, startAuditServer } from './audit-support.js';
import {
  type Benchmark,
  type BenchmarkOptions,
  type BenchmarkResult,
  formatNumber,
  formatRatio,
  percentile,
} from './framework.js';

/**
 * Live delivery: `auditEntryAdded` over graphql-sse at /graphql/stream (the real graphql-sse client, one
 * SSE connection per subscriber, to the real server in a child process), while the server writes entries
 * through runAudited at a steady rate. Latency is the subscriber's receive time minus the writer's commit
 * time, both on the system-wide monotonic clock. Baseline: one subscriber, same writes.
 *
 * Then the same across two instances sharing live events through Redis: both servers subscribe to Redis,
 * the first one writes, the subscribers are spread over both. Its baseline: one subscriber on the
 * instance that does not write, so every entry crosses Redis.
 */

/** The console's own subscription (its persisted document): the row's fields, its customer and operator. */
const SUBSCRIPTION = consoleDocument('useAuditEntryAddedSubscription').text;
const WRITE_INTERVAL_MS = 100;
const REDIS_URL = process.env.BENCH_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Delivery {
  seq: string;
  receivedNs: bigint;
}

interface Commit {
  startedNs: bigint;
  committedNs: bigint;
}

interface LiveRun {
  subscribers: number;
  /** API instances (more than one: sharing live events through Redis). */
  instances: number;
  writes: number;
  connectMs: number;
  warmUpWrites: number;
  expected: number;
  delivered: number;
  /** Receive − commit, ms, every delivery. */
  latenciesMs: number[];
  /** Receive − start of the writing transaction, ms. */
  sinceWriteStartMs: number[];
  /** Commit − start of the writing transaction, ms. */
  writeMs: number[];
  serverCpuMs: number;
  errors: string[];
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await sleep(20);
  }
  return true;
}

async function appendEntries(server: AuditServer, count: number, intervalMs: number) {
  const commits = new Map<string, Commit>();
  const off = server.on((message) => {
    if (message.type === 'appended') {
      commits.set(message.seq, {
        startedNs: BigInt(message.startedNs),
        committedNs: BigInt(message.committedNs),
      });
    }
  });
  const done = server.next('appendDone');
  server.send({ type: 'append', count, intervalMs, userId: 'usr_000001' });
  await done;
  off();
  return commits;
}

/**
 * `subscribers` SSE subscriptions spread round-robin over `instances` servers (all through Redis when more
 * than one), while the first server writes `writes` entries.
 */
async function measure(
  databaseUrl: string,
  token: string,
  { subscribers, instances }: { subscribers: number; instances: number },
  writes: number,
  log: (m: string) => void,
  /** Where the subscribers connect: `all` instances round-robin, or only the `others` (not the writer). */
  placement: 'all' | 'others' = 'all',
): Promise<LiveRun> {
  const servers: AuditServer[] = [];
  const clients: Array<ReturnType<typeof createClient>> = [];
  const deliveries: Delivery[][] = Array.from({ length: subscribers }, () => []);
  const errors: string[] = [];
  let connected = 0;
  const unsubscribes: Array<() => void> = [];
  try {
    for (let i = 0; i < instances; i++) {
      servers.push(await startAuditServer(databaseUrl, instances > 1 ? { redisUrl: REDIS_URL } : {}));
    }
    const writer = servers[0]!;
    const targets = placement === 'others' && servers.length > 1 ? servers.slice(1) : servers;
    for (const server of targets) {
      clients.push(
        createClient({
          url: `${server.origin}/graphql/stream`,
          headers: { authorization: `Bearer ${token}` },
          retryAttempts: 0,
        }),
      );
    }
    const connectStarted = performance.now();
    for (let i = 0; i < subscribers; i++) {
      const received = deliveries[i]!;
      unsubscribes.push(
        clients[i % clients.length]!.subscribe<{ auditEntryAdded: { sequence: string } }>(
          { query: SUBSCRIPTION },
          {
            next: (result) => {
              const receivedNs = process.hrtime.bigint();
              const seq = result.data?.auditEntryAdded.sequence;
              if (seq && !result.errors) received.push({ seq, receivedNs });
              else errors.push(JSON.stringify(result.errors ?? result).slice(0, 300));
            },
            error: (error) => errors.push(String(error instanceof Error ? error.message : error)),
            complete: () => {},
          },
          { connected: () => void connected++ },
        ),
      );
    }
    if (!(await waitFor(() => connected === subscribers, 120_000))) {
      throw new Error(`Only ${connected} of ${subscribers} subscribers connected`);
    }
    const connectMs = performance.now() - connectStarted;
    // Connected is not yet listening: write until every subscriber has seen an entry.
    let warmUpWrites = 0;
    for (; warmUpWrites < 20; ) {
      await appendEntries(writer, 1, 0);
      warmUpWrites++;
      if (await waitFor(() => deliveries.every((d) => d.length > 0), 5_000)) break;
    }
    const listening = deliveries.filter((d) => d.length > 0).length;
    if (listening < subscribers) throw new Error(`Only ${listening} of ${subscribers} subscribers listen`);
    log(
      `${subscribers} subscribers on ${targets.length} of ${instances} instance(s) listening after ` +
        `${formatNumber(connectMs)} ms; writing ${writes} entries…`,
    );
    const firstDelivery = deliveries.map((d) => d.length);
    const cpuBefore = await Promise.all(servers.map((server) => processCpuMs(server.pid)));
    const commits = await appendEntries(writer, writes, WRITE_INTERVAL_MS);
    const expected = subscribers * writes;
    const measured = () =>
      deliveries.reduce(
        (sum, d, i) => sum + d.slice(firstDelivery[i]).filter((x) => commits.has(x.seq)).length,
        0,
      );
    await waitFor(() => measured() >= expected, 30_000);
    const cpuAfter = await Promise.all(servers.map((server) => processCpuMs(server.pid)));
    const serverCpuMs = cpuAfter.reduce((sum, ms, i) => sum + ms - cpuBefore[i]!, 0);
    const latenciesMs: number[] = [];
    const sinceWriteStartMs: number[] = [];
    for (const [i, received] of deliveries.entries()) {
      for (const delivery of received.slice(firstDelivery[i])) {
        const commit = commits.get(delivery.seq);
        if (!commit) continue;
        latenciesMs.push(Number(delivery.receivedNs - commit.committedNs) / 1e6);
        sinceWriteStartMs.push(Number(delivery.receivedNs - commit.startedNs) / 1e6);
      }
    }
    return {
      subscribers,
      instances,
      writes,
      connectMs,
      warmUpWrites,
      expected,
      delivered: latenciesMs.length,
      latenciesMs,
      sinceWriteStartMs,
      writeMs: [...commits.values()].map((c) => Number(c.committedNs - c.startedNs) / 1e6),
      serverCpuMs,
      errors: errors.slice(0, 5),
    };
  } finally {
    for (const unsubscribe of unsubscribes) unsubscribe();
    for (const client of clients) client.dispose();
    await Promise.all(servers.map((server) => server.stop()));
  }
}

function summary(run: LiveRun) {
  return {
    p50Ms: percentile(run.latenciesMs, 50),
    p99Ms: percentile(run.latenciesMs, 99),
    // Not Math.max(...): 200,000 arguments overflow the stack.
    maxMs: run.latenciesMs.reduce((max, ms) => Math.max(max, ms), Number.NEGATIVE_INFINITY),
    fromStartP50Ms: percentile(run.sinceWriteStartMs, 50),
    writeP50Ms: percentile(run.writeMs, 50),
    cpuMsPerWrite: run.serverCpuMs / run.writes,
  };
}

async function run({ quick, log }: BenchmarkOptions): Promise<BenchmarkResult> {
  const fixture = await auditFixture(quick, log);
  const subscribers = quick ? 50 : 500;
  const spreadSubscribers = 2 * subscribers;
  const writes = quick ? 40 : 200;
  const measureOne = (count: number, instances = 1, placement: 'all' | 'others' = 'all'): Promise<LiveRun> =>
    measure(
      fixture.databaseUrl,
      fixture.complianceToken,
      { subscribers: count, instances },
      writes,
      log,
      placement,
    );
  // The baseline before and after: a noisy phase then moves it less.
  const baselineBefore = await measureOne(1);
  const many = await measureOne(subscribers);
  const redisBaseline = await measureOne(1, 2, 'others');
  const spread = await measureOne(spreadSubscribers, 2);
  const baselineAfter = await measureOne(1);
  const baseline: LiveRun = {
    ...baselineBefore,
    latenciesMs: [...baselineBefore.latenciesMs, ...baselineAfter.latenciesMs],
    sinceWriteStartMs: [...baselineBefore.sinceWriteStartMs, ...baselineAfter.sinceWriteStartMs],
    writeMs: [...baselineBefore.writeMs, ...baselineAfter.writeMs],
    expected: baselineBefore.expected + baselineAfter.expected,
    delivered: baselineBefore.delivered + baselineAfter.delivered,
    serverCpuMs: baselineBefore.serverCpuMs + baselineAfter.serverCpuMs,
    errors: [...baselineBefore.errors, ...baselineAfter.errors],
  };
  const base = summary(baseline);
  const redisBase = summary(redisBaseline);
  const rows = [
    { label: '1 subscriber, one instance (baseline, two runs pooled)', run: baseline, peer: base },
    { label: `${subscribers} subscribers, one instance`, run: many, peer: base },
    {
      label: '1 subscriber on the second of 2 instances, through Redis (baseline of the next row)',
      run: redisBaseline,
      peer: redisBase,
    },
    {
      label: `${spreadSubscribers} subscribers over 2 instances, through Redis`,
      run: spread,
      peer: redisBase,
    },
  ].map(({ label, run, peer }) => {
    const s = summary(run);
    return [
      label,
      `${run.delivered.toLocaleString('en-US')} / ${run.expected.toLocaleString('en-US')}`,
      formatNumber(s.p50Ms),
      formatNumber(s.p99Ms),
      formatNumber(s.maxMs),
      formatRatio(s.p50Ms / peer.p50Ms),
      formatRatio(s.p99Ms / peer.p99Ms),
      formatNumber(s.fromStartP50Ms),
      formatNumber(s.cpuMsPerWrite),
    ];
  });
  const notes: string[] = [...fixture.checks];
  notes.push(
    `${subscribers} SSE connections opened (subscribe → connected) in ${formatNumber(many.connectMs)} ms; ` +
      `${many.warmUpWrites} warm-up write(s) until every subscriber had received an entry. Writes take ` +
      `p50 ${formatNumber(summary(many).writeP50Ms)} ms from start to commit (one runAudited transaction each).`,
    `Writes: ${writes} consent_changed entries, one every ${WRITE_INTERVAL_MS} ms, written by the (first) server ` +
      'process itself through runAudited; each carries its start time in event_data. Every subscriber sends ' +
      'the console’s persisted subscription (useAuditEntryAddedSubscription: the row’s fields, its customer ' +
      'and operator). The subscribers share one client process (the benchmark), which also parses every ' +
      'event: with many subscribers part of the latency is the client’s own queue.',
    `Two instances: two server processes on the same database, live events through Redis (${new URL(REDIS_URL).host}); ` +
      'the first writes, subscribers alternate between them, so both load every entry once and fan it out. ' +
      'CPU per entry is both processes together.',
  );
  for (const r of [baselineBefore, many, redisBaseline, spread, baselineAfter]) {
    if (r.errors.length > 0)
      notes.push(
        `${r.subscribers} subscriber(s) on ${r.instances} instance(s): errors ${r.errors.join(' | ')}`,
      );
  }
  return {
    parameters: {
      entries: fixture.rowsAtStart,
      subscribers,
      spreadSubscribers,
      writes,
      writeIntervalMs: WRITE_INTERVAL_MS,
      transport: 'graphql-sse distinct connections',
    },
    baseline:
      `one subscriber receiving the same ${writes} writes at the same rate: on one instance (a run before and a ` +
      'run after, pooled), and on the second of two instances through Redis for the two-instance row.',
    tables: [
      {
        caption: 'Delivery latency, commit → subscriber (ms; ratios: higher = slower than one subscriber)',
        columns: [
          'subscribers',
          'delivered / expected',
          'p50',
          'p99',
          'max',
          'p50 ÷ baseline',
          'p99 ÷ baseline',
          'p50 from write start',
          'server CPU ms per entry (write + fan-out)',
        ],
        rows,
      },
    ],
    notes,
    data: {
      runs: [baselineBefore, many, redisBaseline, spread, baselineAfter].map((r) => ({
        ...r,
        latenciesMs: undefined,
        sinceWriteStartMs: undefined,
        writeMs: undefined,
        summary: summary(r),
      })),
    },
  };
}

export const auditLiveBenchmark: Benchmark = {
  name: 'audit-live',
  title: 'Live audit delivery to SSE subscribers',
  run,
};
