import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { REPO_ROOT } from '@spendsense/server/db/paths';

export interface ServerProcess {
  child: ChildProcessByStdio<null, Readable, Readable>;
  url: string;
  /** Every JSON log line the process wrote so far. */
  lines: Array<Record<string, unknown>>;
  exited: Promise<number | null>;
  /** Waits for a log line matching `test`. */
  waitForLine(
    test: (line: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  cleanup(): void;
}

/**
 * The real server (`server/src/main.ts`) as a separate process on a free port, logging JSON to its stdout.
 * Without DATABASE_URL in `env` it runs on an embedded database in a fresh temporary folder.
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ss-server-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      DATA_DIR: path.join(dataDir, 'pglite'),
      PORT: '0',
      LOG_FORMAT: 'json',
      SCRYPT_COST: '1024',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Array<Record<string, unknown>> = [];
  const waiters = new Set<() => void>();
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    let newline = buffered.indexOf('\n');
    while (newline !== -1) {
      const text = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      try {
        lines.push(JSON.parse(text));
      } catch {
        lines.push({ text });
      }
      newline = buffered.indexOf('\n');
    }
    for (const wake of waiters) wake();
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  function waitForLine(test: (line: Record<string, unknown>) => boolean, timeoutMs = 240_000) {
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      const check = () => {
        const found = lines.find(test);
        if (!found) return false;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`No such log line within ${timeoutMs} ms. stderr:\n${stderr.slice(-2000)}`));
      }, timeoutMs);
      void exited.then(() => {
        if (!check()) reject(new Error(`The server exited. stderr:\n${stderr.slice(-2000)}`));
      });
      if (!check()) waiters.add(check);
    });
  }

  const ready = await waitForLine((line) => line['msg'] === 'SpendSense Oversight is ready');
  return {
    child,
    url: `http://127.0.0.1:${ready['port']}`,
    lines,
    exited,
    waitForLine,
    cleanup() {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
