/**
 * Applies `prisma/migrations` at start-up and in tests, on PGlite or PostgreSQL, without Prisma's CLI
 * (which cannot run on these machines: see /work/shared/notes/prisma-offline.md).
 *
 * It keeps Prisma's bookkeeping exactly (`_prisma_migrations`, same columns, sha256 checksums, same
 * advisory lock key), so a database migrated here is one `prisma migrate deploy` considers up to date,
 * and the other way round.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PGliteInterface } from '@electric-sql/pglite';
import type pg from 'pg';

/** The little SQL surface the runner needs; adapters below exist for PGlite and node-postgres. */
export interface SqlExecutor {
  /** One statement, with `$1`-style parameters. */
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: Row[] }>;
  /** A script of any number of statements, no parameters. */
  exec(sql: string): Promise<void>;
  /**
   * Runs `work` on one dedicated connection. Transactions and session-level advisory locks only mean
   * something on a single connection, so an executor over a pool must pin one here; an executor that
   * already is one connection may leave this out.
   */
  withConnection?<T>(work: (connection: SqlExecutor) => Promise<T>): Promise<T>;
}

/**
 * The key Prisma's schema engine passes to `pg_advisory_lock` around `migrate deploy`/`dev`: taking the
 * same one serialises this runner with Prisma's and with other instances of itself.
 */
export const PRISMA_ADVISORY_LOCK_KEY = 72707369;

/** Prisma's own DDL for its bookkeeping table on PostgreSQL (from the schema engine, verbatim types). */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

export type MigrationErrorCode =
  /** An applied migration's migration.sql was edited afterwards (Prisma: "was modified after it was applied"). */
  | 'checksum-mismatch'
  /** The database records a migration that is not in the migrations folder. */
  | 'missing-on-disk'
  /** The database records a migration that started and never finished (Prisma's P3009). */
  | 'failed-migration'
  /** A migration folder without a readable migration.sql. */
  | 'unreadable'
  /** The migration's SQL failed; its transaction was rolled back and nothing was recorded. */
  | 'apply-failed';

/** Why the runner refused to go on, naming the migration concerned. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
  constructor(
    readonly code: MigrationErrorCode,
    readonly migrationName: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A migration folder as found on disk. */
export interface MigrationOnDisk {
  name: string;
  /** The exact bytes of migration.sql as text. */
  script: string;
  /** sha256 hex of the file's bytes: what Prisma records in `_prisma_migrations.checksum`. */
  checksum: string;
}

const sha256Hex = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/**
 * Prisma accepts a recorded checksum when it matches the script as is, or with its line endings
 * converted either way, because git may check files out with CRLF on Windows. Same here.
 */
function checksumMatches(script: string, recorded: string): boolean {
  return [script, script.replaceAll('\r\n', '\n'), script.replace(/\r?\n/g, '\r\n')].some(
    (variant) => sha256Hex(variant) === recorded,
  );
}

/** Reads every migration folder in name order (timestamps first, so name order is history order). */
export async function readMigrations(migrationsDir: string): Promise<MigrationOnDisk[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const bytes = await readFile(path.join(migrationsDir, name, 'migration.sql')).catch(
        (error: unknown) => {
          throw new MigrationError('unreadable', name, `Migration ${name} has no readable migration.sql`, {
            cause: error,
          });
        },
      );
      return { name, script: bytes.toString('utf8'), checksum: sha256Hex(bytes) };
    }),
  );
}

interface RecordedMigration {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
}

/**
 * Brings the database up to date with `migrationsDir` and returns the names of the migrations it
 * applied (empty when there was nothing to do).
 *
 * Each migration runs in its own transaction together with its `_prisma_migrations` row, so a failing
 * one leaves neither schema changes nor a record behind (stricter than Prisma, which records the
 * failure and needs `migrate resolve`). A migration script that issues its own BEGIN/COMMIT, as Prisma
 * generates for some enum changes, ends that transaction early; it still applies correctly, but a
 * failure after its COMMIT leaves a failed record, which the next run reports as `failed-migration`.
 *
 * Before applying anything it refuses, with a {@link MigrationError}, when an applied migration was
 * edited, when a recorded one is missing from disk, or when one is recorded as failed. The whole run
 * holds Prisma's advisory lock, so processes starting together apply each migration exactly once.
 */
export async function applyMigrations(
  executor: SqlExecutor,
  migrationsDir: string,
  log: (message: string) => void = () => {},
): Promise<string[]> {
  const migrations = await readMigrations(migrationsDir);
  const run = (connection: SqlExecutor) => applyWhileLocked(connection, migrations, log);
  return executor.withConnection ? executor.withConnection(run) : run(executor);
}

async function applyWhileLocked(
  connection: SqlExecutor,
  migrations: MigrationOnDisk[],
  log: (message: string) => void,
): Promise<string[]> {
  await connection.query(`SELECT pg_advisory_lock(${PRISMA_ADVISORY_LOCK_KEY})`);
  try {
    await connection.exec(CREATE_MIGRATIONS_TABLE);
    const { rows } = await connection.query<RecordedMigration>(
      `SELECT migration_name, checksum, finished_at FROM _prisma_migrations
       WHERE rolled_back_at IS NULL ORDER BY started_at`,
    );
    const recorded = new Map(rows.map((row) => [row.migration_name, row]));
    checkHistory(migrations, recorded);

    const applied: string[] = [];
    for (const migration of migrations) {
      if (recorded.has(migration.name)) continue;
      await applyOne(connection, migration);
      log(`Applied migration ${migration.name}`);
      applied.push(migration.name);
    }
    return applied;
  } finally {
    await connection.query(`SELECT pg_advisory_unlock(${PRISMA_ADVISORY_LOCK_KEY})`);
  }
}

function checkHistory(migrations: MigrationOnDisk[], recorded: Map<string, RecordedMigration>): void {
  const onDisk = new Map(migrations.map((migration) => [migration.name, migration]));
  for (const row of recorded.values()) {
    const migration = onDisk.get(row.migration_name);
    if (row.finished_at === null) {
      throw new MigrationError(
        'failed-migration',
        row.migration_name,
        `Migration ${row.migration_name} is recorded as started but never finished. Repair the database, ` +
          `then mark it rolled back or applied (prisma migrate resolve) before migrating again.`,
      );
    }
    if (!migration) {
      throw new MigrationError(
        'missing-on-disk',
        row.migration_name,
        `Migration ${row.migration_name} is applied to the database but missing from the migrations folder.`,
      );
    }
    if (!checksumMatches(migration.script, row.checksum)) {
      throw new MigrationError(
        'checksum-mismatch',
        row.migration_name,
        `Migration ${row.migration_name} was modified after it was applied: restore its migration.sql ` +
          `and put the change in a new migration.`,
      );
    }
  }
}

async function applyOne(connection: SqlExecutor, migration: MigrationOnDisk): Promise<void> {
  const id = randomUUID();
  await connection.exec('BEGIN');
  try {
    await connection.query(
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), 0)`,
      [id, migration.checksum, migration.name],
    );
    await connection.exec(migration.script);
    await connection.query(
      `UPDATE _prisma_migrations SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`,
      [id],
    );
    await connection.exec('COMMIT');
  } catch (error) {
    await connection.exec('ROLLBACK').catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(
      'apply-failed',
      migration.name,
      `Migration ${migration.name} failed: ${reason}`,
      {
        cause: error,
      },
    );
  }
}

/**
 * Adapts a PGlite instance. PGlite is a single connection, so it needs no `withConnection`; run the
 * migrations before anything else uses the instance, since other queries would join their transaction.
 */
export function pgliteExecutor(pglite: PGliteInterface): SqlExecutor {
  return {
    async query<Row>(sql: string, params?: unknown[]) {
      const result = await pglite.query<Row>(sql, params);
      return { rows: result.rows };
    },
    async exec(sql: string) {
      await pglite.exec(sql);
    },
  };
}

function clientExecutor(client: pg.ClientBase): SqlExecutor {
  return {
    async query<Row>(sql: string, params?: unknown[]) {
      const result = await client.query(sql, params);
      return { rows: result.rows as Row[] };
    },
    async exec(sql: string) {
      // Without parameters node-postgres uses the simple query protocol, which runs whole scripts.
      await client.query(sql);
    },
  };
}

/**
 * Adapts node-postgres. Given a `pg.Pool`, `query`/`exec` take any pooled connection and
 * `withConnection` checks one out for the duration (released even on error); given a `pg.Client` or
 * `pg.PoolClient`, everything runs on that connection.
 */
export function pgExecutor(clientOrPool: pg.Pool | pg.ClientBase): SqlExecutor {
  if (!isPool(clientOrPool)) return clientExecutor(clientOrPool);
  const pool = clientOrPool;
  return {
    async query<Row>(sql: string, params?: unknown[]) {
      const result = await pool.query(sql, params);
      return { rows: result.rows as Row[] };
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async withConnection<T>(work: (connection: SqlExecutor) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let failed = false;
      try {
        return await work(clientExecutor(client));
      } catch (error) {
        failed = true;
        throw error;
      } finally {
        // After a failure the connection may still hold a transaction or the advisory lock: destroy it
        // rather than hand it to the next user.
        client.release(failed);
      }
    },
  };
}

function isPool(target: pg.Pool | pg.ClientBase): target is pg.Pool {
  return 'totalCount' in target && 'idleCount' in target;
}

/**
 * Migrations on disk that the database has not finished applying (readiness: an instance whose database is
 * behind its code is not ready). A database without the bookkeeping table has them all pending.
 */
export async function pendingMigrations(executor: SqlExecutor, migrationsDir: string): Promise<string[]> {
  const migrations = await readMigrations(migrationsDir);
  const { rows: tables } = await executor.query<{ present: boolean }>(
    `SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present`,
  );
  if (!tables[0]?.present) return migrations.map((migration) => migration.name);
  const { rows } = await executor.query<{ migration_name: string }>(
    `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const applied = new Set(rows.map((row) => row.migration_name));
  return migrations.map((migration) => migration.name).filter((name) => !applied.has(name));
}
