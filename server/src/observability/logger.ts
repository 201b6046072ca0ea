import pino, { type Logger } from 'pino';
import type { ServerConfig } from '../config.js';

export type { Logger };

/**
 * Keys whose values never reach a log line, wherever they appear (top level or one object down). Request
 * logs carry no headers, variables or bodies at all; this is the safety net for anything passed by mistake.
 */
const SECRET_KEYS = [
  'password',
  'newPassword',
  'passwordHash',
  'token',
  'sessionToken',
  'authorization',
  'cookie',
  'set-cookie',
  'secret',
  'databaseUrl',
  'redisUrl',
];
const REDACTED_PATHS = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*["${key}"]`]);

/**
 * The server's one logger (pino): JSON lines, or pino-pretty's readable lines in a terminal. Passed to every
 * part through the service context; request lines come from `http/request-log.ts`.
 */
export function createLogger(settings: ServerConfig['log']): Logger {
  const options: pino.LoggerOptions = {
    level: settings.level,
    base: { pid: process.pid },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  if (settings.format === 'pretty' && !settings.file) {
    return pino(
      options,
      pino.transport({ target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l' } }),
    );
  }
  // Synchronous writes: a line is on disk or in the pipe before the process can exit (crash, SIGTERM), and
  // several processes appending to one file never interleave inside a line.
  return pino(options, pino.destination({ dest: settings.file ?? 1, sync: true, append: true, mkdir: true }));
}

/** A logger that writes nothing (tools and tests that do not look at logs). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
