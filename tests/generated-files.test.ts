import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../server/src/db/paths.js';
import { printSortedSchema } from '../server/src/schema/print.js';

describe('generated files are committed and current', () => {
  it('schema.graphql matches the schema the code builds (run `pnpm generate:schema`)', () => {
    const committed = readFileSync(path.join(REPO_ROOT, 'schema.graphql'), 'utf8');
    expect(committed).toBe(printSortedSchema());
  });
});
