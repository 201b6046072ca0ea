import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client.js';
import type { Logger } from '../observability/logger.js';
import { applyMigrations, pgExecutor, pgliteExecutor, type SqlExecutor } from './migrate.js';
import { MIGRATIONS_DIR } from './paths.js';

export type DatabaseKind = 'pglite' | 'postgres';

/** One open database: the Prisma client, a raw SQL executor for what Prisma cannot express, and a closer. */
export interface Database {
  kind: DatabaseKind;
  prisma: PrismaClient;
  sql: SqlExecutor;
  /** PostgreSQL pool use (connections total, idle, and requests waiting for one); null on PGlite. */
  poolStats(): { total: number; idle: number; waiting: number } | null;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL URL; without it the embedded PGlite database is used. */
  databaseUrl?: string | undefined;
  /**
   * PostgreSQL URL of the schema owner, used only to apply migrations; `databaseUrl` then names the
   * application role, which may not change the schema (README: "Database roles"). Unset: `databaseUrl` migrates.
   */
  migrationDatabaseUrl?: string | undefined;
  /** PGlite data folder; `memory://` for an in-memory database. */
  dataDir?: string | undefined;
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
  /** Where migration progress and lost idle connections are reported (the server's logger). */
  logger?: Pick<Logger, 'info' | 'warn'>;
  /** Called with every SQL statement Prisma or `sql.query` sends (query-count tests, debugging). */
  onQuery?: (sql: string) => void;
}

function createPrisma(adapter: PrismaPg | PrismaPGlite, onQuery?: (sql: string) => void): PrismaClient {
  if (!onQuery) return new PrismaClient({ adapter });
  const prisma = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  prisma.$on('query' as never, (event: { query: string }) => onQuery(event.query));
  return prisma;
}

/** `sql` with each `query` statement also passed to `onQuery`, like Prisma's (after migrations, which are not). */
function reportingQueries(sql: SqlExecutor, onQuery?: (sql: string) => void): SqlExecutor {
  if (!onQuery) return sql;
  return {
    ...sql,
    query<Row>(statement: string, params?: unknown[]) {
      onQuery(statement);
      return sql.query<Row>(statement, params);
    },
  };
}

/**
 * Opens the embedded PGlite database or a PostgreSQL server and brings its schema up to date.
 * Both run the same migrations and the same queries: PostgreSQL is the one SQL dialect.
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const migrate = options.migrate ?? true;
  const log = options.logger ? (message: string) => options.logger?.info(message) : undefined;
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle pooled connection can be closed by the server (restart, failover, an administrator);
    // node-postgres reports that on the pool, and an unhandled 'error' event would end the process.
    // The pool drops the broken connection and opens a new one when needed.
    let closing = false;
    pool.on('error', (error) => {
      if (!closing) options.logger?.warn({ err: error }, 'PostgreSQL connection lost while idle');
    });
    const sql = pgExecutor(pool);
    if (migrate && options.migrationDatabaseUrl) {
      const ownerPool = new pg.Pool({ connectionString: options.migrationDatabaseUrl, max: 1 });
      try {
        await applyMigrations(pgExecutor(ownerPool), MIGRATIONS_DIR, log);
      } finally {
        await ownerPool.end();
      }
    } else if (migrate) {
      await applyMigrations(sql, MIGRATIONS_DIR, log);
    }
    const prisma = createPrisma(new PrismaPg(pool), options.onQuery);
    return {
      kind: 'postgres',
      prisma,
      sql: reportingQueries(sql, options.onQuery),
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      async close() {
        closing = true;
        await prisma.$disconnect();
        await pool.end().catch(() => {});
      },
    };
  }
  const dataDir = options.dataDir ?? 'memory://';
  // PGlite creates only the last folder of its path; a fresh checkout has no `.data/` yet.
  if (!dataDir.startsWith('memory://')) mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  const pglite = new PGlite(dataDir);
  await pglite.waitReady;
  const sql = pgliteExecutor(pglite);
  if (migrate) await applyMigrations(sql, MIGRATIONS_DIR, log);
  const prisma = createPrisma(new PrismaPGlite(pglite), options.onQuery);
  return {
    kind: 'pglite',
    prisma,
    sql: reportingQueries(sql, options.onQuery),
    poolStats: () => null,
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
