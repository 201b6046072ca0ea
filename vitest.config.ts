import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships CommonJS and ESM builds. Dependencies loaded by Node (Pothos, yoga) get the CommonJS one;
    // without this alias Vite would hand our own code the ESM one, and two copies of graphql reject each
    // other's schemas ("from another module or realm").
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['server/src/**/*.test.ts', 'tests/**/*.test.ts'],
    // The browser scenarios (a real Chromium against a real server process, axe checks, an export verified
    // by the CLI) take tens of seconds each, and several times that on a loaded 2-core machine.
    testTimeout: 180_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // A prismaField resolver that ignores its `query` loses Pothos's relation preloading (an N+1 risk):
    // make that an error under test.
    env: {
      POTHOS_UNUSED_QUERY: 'error',
      NODE_ENV: 'test',
      // Every test process logs here; tests/support/log-of-run.ts checks the whole run's log at the end.
      LOG_FILE: path.resolve('.data/test-logs/run.ndjson'),
    },
    globalSetup: ['tests/support/log-of-run.ts'],
  },
});
