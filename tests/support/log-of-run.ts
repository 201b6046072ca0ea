import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkLog } from './log-check.js';
import { TEST_PASSWORDS } from './passwords.js';

/**
 * Vitest global setup: every test process logs to one file (LOG_FILE, see vitest.config.ts); it starts
 * empty, and when the whole run is over it must hold no secret and no stack trace for an expected error.
 * A problem fails the run with the offending line numbers.
 */
export function setup(): () => void {
  const file = process.env['LOG_FILE'];
  if (!file) return () => {};
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, '');
  rmSync(`${file}.secrets`, { force: true });
  return () => {
    const text = readFileSync(file, 'utf8');
    let issued: string[] = [];
    try {
      issued = readFileSync(`${file}.secrets`, 'utf8').split('\n').filter(Boolean);
    } catch {}
    const problems = checkLog(text, [...TEST_PASSWORDS, ...issued]);
    if (problems.length > 0) {
      const shown = problems.slice(0, 20).map((p) => `  line ${p.line}: ${p.problem}`);
      throw new Error(`The test run's log (${file}) has ${problems.length} problem(s):\n${shown.join('\n')}`);
    }
  };
}
