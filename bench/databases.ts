import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Database, openDatabase } from '@spendsense/server/db/client';
import pg from 'pg';

/**
 * Databases a benchmark owns: a PGlite data folder on disk (memory:// would flatter PGlite) or
 * throwaway `ss_bench_*` databases on a PostgreSQL server, removed when the benchmark is done.
 */

/** `BENCH_DATABASE_URL`, else `DATABASE_URL`, else the CI machine's server. */
export const POSTGRES_BASE_URL =
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

export interface TempPglite {
  db: Database;
  dataDir: string;
  dispose(): Promise<void>;
}

export async function openTempPglite(): Promise<TempPglite> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ss-bench-pglite-'));
  const db = await openDatabase({ dataDir });
  return {
    db,
    dataDir,
    async dispose() {
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function adminQuery(baseUrl: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Throwaway databases on one PostgreSQL server. `create` makes an empty one (migrated on first open);
 * `cloneOf` copies a set-up one, so several measurements can start from identical data without paying
 * for the setup twice. Everything created is dropped by `dropAll`, also on Ctrl-C.
 */
export class PostgresScratch {
  private readonly created: string[] = [];
  private readonly prefix = `ss_bench_${randomBytes(4).toString('hex')}`;
  private readonly onInterrupt = () => {
    void this.dropAll().finally(() => process.exit(130));
  };

  constructor(readonly baseUrl: string = POSTGRES_BASE_URL) {
    process.once('SIGINT', this.onInterrupt);
  }

  /** The server's version string, or null when it cannot be reached. */
  async serverVersion(): Promise<string | null> {
    try {
      const result = await adminQuery(this.baseUrl, 'SHOW server_version');
      return String(result.rows[0]?.server_version ?? 'unknown');
    } catch {
      return null;
    }
  }

  async create(label: string): Promise<string> {
    const name = `${this.prefix}_${label}`;
    await adminQuery(this.baseUrl, `CREATE DATABASE ${name}`);
    this.created.push(name);
    return name;
  }

  /** PostgreSQL copies a template only while nobody is connected to it: close it first. */
  async cloneOf(template: string, label: string): Promise<string> {
    const name = `${this.prefix}_${label}`;
    await adminQuery(this.baseUrl, `CREATE DATABASE ${name} TEMPLATE ${template}`);
    this.created.push(name);
    return name;
  }

  open(name: string): Promise<Database> {
    return openDatabase({ databaseUrl: withDatabase(this.baseUrl, name) });
  }

  async dropAll(): Promise<void> {
    process.off('SIGINT', this.onInterrupt);
    while (this.created.length > 0) {
      const name = this.created.pop()!;
      await adminQuery(this.baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  }
}
