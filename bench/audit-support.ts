import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Prisma } from '@spendsense/server/generated/prisma/client';
import { PERSISTED_DOCUMENTS_FILE } from '@spendsense/server/http/persisted-documents';
import type { ServiceContext } from '@spendsense/server/services/context';
import type pg from 'pg';
import type { AuditServerCommand, AuditServerMessage } from './audit-server.js';
import { formatNumber, percentile } from './framework.js';

/** Helpers shared by the audit benchmarks: the server in a child process, and a bounded load loop. */

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));

export interface AuditServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  pid: number;
  send(command: AuditServerCommand): void;
  /** Resolves with the next message of `type` (registered before the command that causes it is sent). */
  next<T extends AuditServerMessage['type']>(type: T): Promise<Extract<AuditServerMessage, { type: T }>>;
  on(listener: (message: AuditServerMessage) => void): () => void;
  /** Resident set size and its high-water mark from /proc, in bytes. */
  memory(): Promise<{ rss: number; peakRss: number }>;
  stop(): Promise<void>;
}

/**
 * Forks bench/audit-server.ts (the project's server) against `databaseUrl` and waits until it listens. With
 * `redisUrl`, its live events go through Redis (so several such servers are instances of one deployment).
 */
export function startAuditServer(
  databaseUrl: string,
  options: { redisUrl?: string } = {},
): Promise<AuditServer> {
  return startBenchServer('audit-server.ts', databaseUrl, [], {
    BENCH_SERVER_REDIS_URL: options.redisUrl ?? '',
  });
}

/**
 * Forks `script` (a server in bench/ that takes BENCH_SERVER_DATABASE_URL, answers `{ type: 'listening',
 * port }` over IPC once serving and ends when the parent disconnects) and waits until it listens. Extra
 * `execArgv` (e.g. `--cpu-prof`) go to its node, extra `env` to its environment.
 */
export async function startBenchServer(
  script: string,
  databaseUrl: string,
  execArgv: readonly string[] = [],
  env: Record<string, string> = {},
): Promise<AuditServer> {
  const child: ChildProcess = fork(path.join(BENCH_DIR, script), [], {
    execArgv: ['--import', 'tsx', ...execArgv],
    env: {
      ...process.env,
      ...env,
      BENCH_SERVER_DATABASE_URL: databaseUrl,
      NODE_ENV: 'production',
      GRAPHILE_ENV: 'production',
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const listeners = new Set<(message: AuditServerMessage) => void>();
  child.on('message', (message: AuditServerMessage) => {
    for (const listener of listeners) listener(message);
  });
  const on = (listener: (message: AuditServerMessage) => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  const next = <T extends AuditServerMessage['type']>(type: T) =>
    new Promise<Extract<AuditServerMessage, { type: T }>>((resolve, reject) => {
      const exited = (code: number | null) => reject(new Error(`Bench server exited (code ${code})`));
      child.once('exit', exited);
      const off = on((message) => {
        if (message.type !== type) return;
        off();
        child.off('exit', exited);
        resolve(message as Extract<AuditServerMessage, { type: T }>);
      });
    });
  const listening = await next('listening');
  const pid = child.pid!;
  return {
    origin: `http://127.0.0.1:${listening.port}`,
    pid,
    send: (command) => child.send(command),
    next,
    on,
    memory: () => processMemory(pid),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.disconnect();
      }),
  };
}

/** VmRSS and VmHWM (the peak since the process started) of a process, in bytes. */
export async function processMemory(pid: number): Promise<{ rss: number; peakRss: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kib('VmRSS') * 1024, peakRss: kib('VmHWM') * 1024 };
}

/** Samples a process's RSS every `intervalMs` until stopped: the highest sample and the whole series. */
export function sampleRss(pid: number, intervalMs = 100) {
  const started = performance.now();
  const series: Array<{ ms: number; rss: number }> = [];
  const timer = setInterval(() => {
    const ms = performance.now() - started;
    processMemory(pid)
      .then(({ rss }) => series.push({ ms, rss }))
      .catch(() => {});
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return { maxRss: Math.max(0, ...series.map((s) => s.rss)), samples: series.length, series };
    },
  };
}

/** The sampled value at each fraction of the series' duration (the last sample at or before it). */
export function atFractions(
  series: ReadonlyArray<{ ms: number; rss: number }>,
  fractions: readonly number[],
) {
  const end = series.at(-1)?.ms ?? 0;
  return fractions.map((f) => {
    const before = series.filter((s) => s.ms <= f * end);
    return before.at(-1)?.rss ?? series[0]?.rss ?? 0;
  });
}

export interface LoadResult {
  completed: number;
  wallMs: number;
  latenciesMs: number[];
  /** Stopped by the time limit before the request count was reached. */
  timedOut: boolean;
}

/**
 * Runs `task` `count` times with `concurrency` in flight, stopping early (between requests) once `maxMs`
 * has passed, so a slow target cannot hold the run hostage. Any failed task fails the run.
 */
export async function runLoad(options: {
  concurrency: number;
  count: number;
  maxMs: number;
  task: (index: number) => Promise<void>;
}): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  let issued = 0;
  let timedOut = false;
  const started = performance.now();
  const deadline = started + options.maxMs;
  const worker = async () => {
    while (issued < options.count) {
      if (performance.now() > deadline) {
        timedOut = true;
        return;
      }
      const index = issued++;
      const begun = performance.now();
      await options.task(index);
      latenciesMs.push(performance.now() - begun);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { completed: latenciesMs.length, wallMs: performance.now() - started, latenciesMs, timedOut };
}

/** Several runs of one measurement as one: requests and wall time add up, latencies join. */
export function poolLoads(results: readonly LoadResult[]): LoadResult {
  return {
    completed: results.reduce((sum, r) => sum + r.completed, 0),
    wallMs: results.reduce((sum, r) => sum + r.wallMs, 0),
    latenciesMs: results.flatMap((r) => r.latenciesMs),
    timedOut: results.some((r) => r.timedOut),
  };
}

export interface LatencySummary {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  count: number;
}

export function summarizeLoad(result: LoadResult): LatencySummary {
  return {
    perSecond: (result.completed / result.wallMs) * 1000,
    p50Ms: percentile(result.latenciesMs, 50),
    p99Ms: percentile(result.latenciesMs, 99),
    maxMs: Math.max(...result.latenciesMs),
    count: result.completed,
  };
}

export const mebibytes = (bytes: number) => `${formatNumber(bytes / 2 ** 20)}`;

const CLOCK_TICKS_PER_SECOND = 100;

/** User + system CPU time a process has used so far, in ms (from /proc, at the kernel's 10 ms tick). */
export async function processCpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/**
 * One of the console's own documents by operation name, from relay-compiler's persisted manifest: its id (what
 * the console sends as `documentId`) and its text (what graphql-sse requests carry).
 */
export function consoleDocument(operationName: string): { id: string; text: string } {
  const documents = JSON.parse(readFileSync(PERSISTED_DOCUMENTS_FILE, 'utf8')) as Record<string, string>;
  const found = Object.entries(documents).find(([, text]) =>
    new RegExp(`^(query|mutation|subscription) ${operationName}\\b`).test(text),
  );
  if (!found) throw new Error(`${operationName} is not in ${PERSISTED_DOCUMENTS_FILE}`);
  return { id: found[0], text: found[1] };
}

/**
 * A service context in which the project's read services run on `pg` alone: they read through the
 * database's SQL executor (`sql.query`) and Prisma's `$queryRaw`, so the executor over `pool` and a
 * `$queryRaw` stand-in that renders the same statement (Prisma.sql) and sends it with pg send exactly
 * the project's statements, whatever they become. Only for services that use nothing else of the context.
 */
export function pgServiceContext(pool: pg.Pool): ServiceContext {
  return {
    now: () => new Date(),
    db: {
      sql: { query: (text: string, values?: unknown[]) => pool.query(text, values) },
      prisma: {
        // Either form Prisma takes: a tagged template or one Prisma.sql statement.
        $queryRaw: async (query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) => {
          const statement = query instanceof Prisma.Sql ? query : Prisma.sql(query, ...values);
          return (await pool.query(statement.text, statement.values)).rows;
        },
      },
    },
  } as unknown as ServiceContext;
}
