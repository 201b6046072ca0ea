import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CONFIG_VARIABLES,
  ConfigurationError,
  configurationTable,
  loadConfig,
} from '@spendsense/server/config';
import { REPO_ROOT } from '@spendsense/server/db/paths';
import { DEFAULT_ABUSE_LIMITS } from '@spendsense/server/http/abuse-limits';
import { describe, expect, it } from 'vitest';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('is documented in the README exactly as the schema declares it', () => {
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const section = readme.slice(
      readme.indexOf('<!-- config:table -->') + '<!-- config:table -->'.length,
      readme.indexOf('<!-- /config:table -->'),
    );
    // Regenerate with `pnpm generate:config-table`.
    expect(section.trim()).toBe(configurationTable());
    for (const name of Object.keys(CONFIG_VARIABLES)) expect(section).toContain(`| \`${name}\` |`);
  });

  it('applies the defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      databaseUrl: undefined,
      port: 4000,
      host: '127.0.0.1',
      sessionTtlHours: 12,
      scryptCost: 32768,
      secureCookies: false,
      trustProxy: false,
      demoEnabled: true,
      rateLimits: {
        loginPerMinute: 10,
        auditQueriesPerMinute: 120,
        exportsPerMinute: 10,
        refusalsPerMinute: 30,
        anonymousRequestsPerMinute: 300,
      },
      limits: DEFAULT_ABUSE_LIMITS,
      metrics: { token: undefined, allow: ['127.0.0.1', '::1'] },
      shutdownGraceSeconds: 30,
    });
    expect(config.dataDir).toBe(path.join(REPO_ROOT, '.data', 'pglite'));
    expect(loadConfig({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/test' }).demoEnabled).toBe(false);
  });

  it('reads every spelling of a flag, so SECURE_COOKIES=yes turns secure cookies on', () => {
    for (const on of ['1', 'true', 'yes', 'on', 'TRUE', 'Yes']) {
      expect(loadConfig({ SECURE_COOKIES: on }).secureCookies).toBe(true);
    }
    for (const off of ['0', 'false', 'no', 'off']) {
      expect(loadConfig({ SECURE_COOKIES: off }).secureCookies).toBe(false);
    }
    expect(loadConfig({ SECURE_COOKIES: '' }).secureCookies).toBe(false);
  });

  it('reports every invalid variable at once, by name', () => {
    const problems = problemsOf({
      SECURE_COOKIES: 'maybe',
      PORT: '80a',
      SCRYPT_COST: '1000',
      DATABASE_URL: 'mysql://db/app',
      REDIS_URL: 'localhost:6379',
      LOG_LEVEL: 'loud',
      SESSION_TTL_HOURS: '0',
    });
    const named = new Set(problems.map((problem) => problem.slice(0, problem.indexOf(':'))));
    expect([...named].sort()).toEqual(
      [
        'DATABASE_URL',
        'LOG_LEVEL',
        'PORT',
        'REDIS_URL',
        'SCRYPT_COST',
        'SECURE_COOKIES',
        'SESSION_TTL_HOURS',
      ].sort(),
    );
    expect(problems).toContain(
      'SECURE_COOKIES: must be one of 1, 0, true, false, yes, no, on, off (got "maybe")',
    );
    expect(problems).toContain('SCRYPT_COST: must be a power of two (got "1000")');
  });

  it('reads CORS origins as exact origins, and refuses `*`, `null` and URLs with a path', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(
      loadConfig({ CORS_ORIGINS: 'https://siem.example.com, http://localhost:5173' }).corsOrigins,
    ).toEqual(['https://siem.example.com', 'http://localhost:5173']);
    for (const bad of ['*', 'null', 'https://siem.example.com/', 'siem.example.com', 'ftp://x.example']) {
      expect(problemsOf({ CORS_ORIGINS: bad })[0]).toMatch(/^CORS_ORIGINS: must be origins/);
    }
  });

  it('keeps the server from starting with an invalid environment, listing every problem (a real process)', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, SECURE_COOKIES: 'maybe', PORT: 'eighty', DATA_DIR: 'memory://' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(78);
    expect(stderr).toContain('SECURE_COOKIES: must be one of');
    expect(stderr).toContain('PORT: must be a whole number');
  });

  it('is the only reader of the environment in server code, the command-line tools included', () => {
    const sources = execFileSync('git', ['ls-files', 'server/src/*.ts', 'server/src/**/*.ts'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    })
      .split('\n')
      .filter((file) => file !== '' && !file.endsWith('.test.ts'));
    const readers = sources.filter((file) =>
      /process\.env\b/.test(readFileSync(path.join(REPO_ROOT, file), 'utf8')),
    );
    // The schema builder's POTHOS_UNUSED_QUERY is a switch of the query-count tests, not a setting.
    expect(readers.sort()).toEqual(['server/src/config.ts', 'server/src/schema/builder.ts']);
  });

  it('gives create-operator its password from SPENDSENSE_PASSWORD, without asking (a real process)', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'server/src/cli/index.ts',
        'create-operator',
        '--username',
        'night-shift',
        '--role',
        'viewer',
      ],
      {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          DATA_DIR: 'memory://',
          DATABASE_URL: '',
          SPENDSENSE_PASSWORD: 'Correct-Horse-Battery-42!',
          SCRYPT_COST: '1024',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(output).toContain('Created VIEWER operator "night-shift".');
    expect(output).not.toContain('Password for');
    expect(code).toBe(0);
  }, 120_000);
});
