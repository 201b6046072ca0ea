import { randomBytes } from 'node:crypto';
import { type Database, openDatabase } from '@spendsense/server/db/client';
import pg from 'pg';

/** True when the suite runs against a real PostgreSQL (DATABASE_URL set), false for embedded PGlite. */
export const usingPostgres = Boolean(process.env.DATABASE_URL);

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a throwaway database on
 * the PostgreSQL server named by DATABASE_URL (created here, dropped by `close`), so runs never collide.
 */
export async function openTestDatabase(options: { onQuery?: (sql: string) => void } = {}): Promise<Database> {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) return openDatabase({ dataDir: 'memory://', onQuery: options.onQuery });
  const { url, drop } = await createPostgresTestDatabase(baseUrl);
  const db = await openDatabase({ databaseUrl: url, onQuery: options.onQuery });
  return {
    ...db,
    async close() {
      await db.close();
      await drop();
    },
  };
}

/** An empty database on the PostgreSQL server of `baseUrl`, and a function that drops it. */
export async function createPostgresTestDatabase(
  baseUrl: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `ss_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: withDatabase(baseUrl, name),
    async drop() {
      const cleanup = new pg.Client({ connectionString: baseUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
