/**
 * Writes the README's configuration table from the configuration schema (server/src/config.ts), between
 * the `<!-- config:table -->` markers. `tests/configuration.test.ts` fails when the README differs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { configurationTable } from '../src/config.js';
import { REPO_ROOT } from '../src/db/paths.js';

export const README = path.join(REPO_ROOT, 'README.md');
const START = '<!-- config:table -->';
const END = '<!-- /config:table -->';

const readme = readFileSync(README, 'utf8');
const start = readme.indexOf(START);
const end = readme.indexOf(END);
if (start === -1 || end < start) {
  process.stderr.write(`README.md has no ${START} … ${END} section\n`);
  process.exit(1);
}
writeFileSync(
  README,
  `${readme.slice(0, start + START.length)}\n${configurationTable()}\n${readme.slice(end)}`,
);
process.stdout.write('Wrote the configuration table of README.md\n');
