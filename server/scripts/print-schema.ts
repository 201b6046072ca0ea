/**
 * Prints the GraphQL schema to schema.graphql (sorted, so diffs stay readable).
 * `--check` exits 1 when the committed file differs from the schema the code builds.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../src/db/paths.js';
import { printSortedSchema } from '../src/schema/print.js';

const target = path.join(REPO_ROOT, 'schema.graphql');
const printed = printSortedSchema();
if (process.argv.includes('--check')) {
  const committed = readFileSync(target, 'utf8');
  if (committed !== printed) {
    console.error('schema.graphql is out of date: run `pnpm generate:schema` and commit it.');
    process.exit(1);
  }
  console.log('schema.graphql is up to date.');
} else {
  writeFileSync(target, printed);
  console.log(`Wrote ${path.relative(process.cwd(), target)}`);
}
