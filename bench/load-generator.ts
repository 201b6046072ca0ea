/**
 * The HTTP load generator of the server benchmarks, in its own process so that it shares no event loop with
 * the benchmark or the servers it measures (started by `startLoadGenerator` below, with `fork`). Each command
 * is one autocannon run: `connections` connections, one request in flight on each, for `durationSeconds`.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

export interface LoadRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  connections: number;
  durationSeconds: number;
}

export interface LoadRun {
  requests: number;
  /** Wall time of the run in the load generator. */
  wallMs: number;
  p50Ms: number;
  p99Ms: number;
  /** Responses that were not 2xx, and transport errors (refused, reset, timed out). */
  failures: number;
}

type LoadMessage = { type: 'done'; run: LoadRun } | { type: 'failed'; message: string };

async function measure(request: LoadRequest): Promise<LoadRun> {
  const started = performance.now();
  const result = await autocannon({
    url: request.url,
    method: 'POST',
    headers: request.headers,
    body: request.body,
    connections: request.connections,
    pipelining: 1,
    duration: request.durationSeconds,
  });
  return {
    requests: result.requests.total,
    wallMs: performance.now() - started,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

export interface LoadGenerator {
  run(request: LoadRequest): Promise<LoadRun>;
  stop(): void;
}

/** Forks this file as the load generator process. */
export function startLoadGenerator(): LoadGenerator {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return {
    run: (request) =>
      new Promise<LoadRun>((resolve, reject) => {
        const exited = (code: number | null) => reject(new Error(`Load generator exited (code ${code})`));
        child.once('exit', exited);
        child.once('message', (message: LoadMessage) => {
          child.off('exit', exited);
          if (message.type === 'done') resolve(message.run);
          else reject(new Error(`Load generator: ${message.message}`));
        });
        child.send(request);
      }),
    stop: () => {
      if (child.connected) child.disconnect();
    },
  };
}

if (process.send && process.argv[1] === fileURLToPath(import.meta.url)) {
  process.on('message', (request: LoadRequest) => {
    measure(request).then(
      (run) => process.send?.({ type: 'done', run } satisfies LoadMessage),
      (error: unknown) => process.send?.({ type: 'failed', message: String(error) } satisfies LoadMessage),
    );
  });
  process.on('disconnect', () => process.exit(0));
}
