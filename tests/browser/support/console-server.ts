import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '@spendsense/server/db/paths';

/** The demo operators of the embedded demo database (README "A short tour"). */
export const DEMO_LOGINS = {
  viewer: { username: 'viewer', password: 'Glass-Harbor-2026!' },
  reviewer: { username: 'reviewer', password: 'Maple-Ledger-2026!' },
  compliance: { username: 'compliance', password: 'Quiet-Audit-Trail-26' },
  admin: { username: 'admin', password: 'Copper-Keystone-26!' },
} as const;

export interface ConsoleServer {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** Builds the console unless client/dist is current (the same step `pnpm start` runs). */
export function buildConsoleIfStale(): void {
  const result = spawnSync('node', [path.join(REPO_ROOT, 'client', 'scripts', 'build-if-stale.mjs')], {
    cwd: path.join(REPO_ROOT, 'client'),
    env: {
      ...process.env,
      PATH: `${path.join(REPO_ROOT, 'client', 'node_modules', '.bin')}:${process.env.PATH}`,
    },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`console build failed:\n${result.stdout}\n${result.stderr}`);
}

/**
 * The real server as its own process (`server/src/main.ts`, as `pnpm start` runs it) on a free port, on an
 * in-memory embedded database with a small demo data set, so a browser test starts in seconds.
 */
export async function startConsoleServer(env: Record<string, string> = {}): Promise<ConsoleServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(REPO_ROOT, 'server', 'src', 'main.ts')],
    {
      cwd: path.join(REPO_ROOT, 'server'),
      env: {
        ...process.env,
        DATABASE_URL: '',
        REDIS_URL: '',
        DATA_DIR: 'memory://',
        HOST: '127.0.0.1',
        PORT: '0',
        DEMO: '1',
        DEMO_CUSTOMERS: '12',
        DEMO_HISTORY_MONTHS: '0',
        SCRYPT_COST: '1024',
        NODE_ENV: 'test',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /Console:\s+(http:\/\/[^/\s]+)\//.exec(output);
      if (match?.[1]) {
        clearInterval(timer);
        resolve(match[1]);
      }
    }, 100);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`the server exited (${code}) before listening:\n${output}`));
    });
  });
  return {
    url,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Signs in over HTTP (a second client beside the browser) and runs one GraphQL operation as that operator. */
export async function graphqlAs<T>(
  server: ConsoleServer,
  login: { username: string; password: string },
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const post = async (body: unknown, token?: string) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as { data?: unknown; errors?: unknown[] };
    if (json.errors) throw new Error(JSON.stringify(json.errors));
    return json.data as Record<string, unknown>;
  };
  const signedIn = await post({
    query: 'mutation($input: LoginInput!) { login(input: $input) { token } }',
    variables: { input: login },
  });
  const token = (signedIn.login as { token: string }).token;
  return (await post({ query, variables }, token)) as T;
}
