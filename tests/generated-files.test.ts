import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '@spendsense/server/db/paths';
import { printSortedSchema } from '@spendsense/server/schema/print';
import { describe, expect, it } from 'vitest';

describe('generated files are committed and current', () => {
  it('schema.graphql matches the schema the code builds (run `pnpm generate:schema`)', () => {
    const committed = readFileSync(path.join(REPO_ROOT, 'schema.graphql'), 'utf8');
    expect(committed).toBe(printSortedSchema());
  });
});
