import { appendFileSync } from 'node:fs';
import { loadConfig, type ServerConfig } from '@spendsense/server/config';
import { createLogger, type Logger } from '@spendsense/server/observability/logger';

/**
 * The configuration tests run with: the defaults of the configuration module, except cheap password hashes.
 * Logs go to the file vitest.config.ts names (LOG_FILE), at info level, so that the whole run's log can be
 * checked for secrets and stray stacks afterwards (tests/support/log-check.ts).
 */
export const TEST_CONFIG: ServerConfig = loadConfig({
  SCRYPT_COST: '1024',
  LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'info',
  LOG_FORMAT: 'json',
  LOG_FILE: process.env['LOG_FILE'],
});

let logger: Logger | undefined;

/** One logger per test process (one file descriptor), shared by every app the process creates. */
export function testLogger(): Logger {
  logger ??= createLogger(TEST_CONFIG.log);
  return logger;
}

/** Notes a secret the run issued (a session token), so the log check can make sure it was never logged. */
export function rememberSecret(secret: string): void {
  const file = process.env['LOG_FILE'];
  if (file) appendFileSync(`${file}.secrets`, `${secret}\n`);
}
