import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '@spendsense/server/db/paths';
import { describe, expect, it } from 'vitest';

describe('Relay artifacts (client/src/__generated__)', () => {
  it('are what relay-compiler makes of the current schema and console sources', () => {
    // --validate compiles in memory and fails, listing the files, when the committed artifacts differ.
    const clientDir = path.join(REPO_ROOT, 'client');
    const result = spawnSync(path.join(clientDir, 'node_modules', '.bin', 'relay-compiler'), ['--validate'], {
      cwd: clientDir,
      encoding: 'utf8',
    });
    expect(`${result.stdout}${result.stderr}`, 'run `pnpm relay` and commit').not.toMatch(
      /ERROR|out of date|changes/i,
    );
    expect(result.status).toBe(0);
  });
});
