import type { Redis } from 'ioredis';

/** Where an outage is reported: the server's logger (a warning), or standard error where there is none. */
export type OutageLog = (message: string, error?: unknown) => void;

const toStandardError: OutageLog = (message, error) =>
  process.stderr.write(`${message}${error instanceof Error ? `: ${error.message}` : ''}\n`);

/**
 * Watches a Redis client so that an outage is one warning, not a crash or a flood: connection errors
 * (ioredis reconnects by itself) and failed commands are reported once until the client is ready again,
 * which is reported too. `failed` is what callers hand a rejected command to.
 */
export function watchRedis(
  client: Redis,
  what: string,
  log: OutageLog = toStandardError,
): { failed(error: unknown): void } {
  let down = false;
  const failed = (error: unknown) => {
    if (down) return;
    down = true;
    log(`Redis unreachable: ${what}`, error);
  };
  client.on('error', failed);
  client.on('ready', () => {
    if (!down) return;
    down = false;
    log(`Redis is back: ${what} restored`);
  });
  return { failed };
}
