import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  applyMigrations,
  MigrationError,
  type MigrationErrorCode,
  pgExecutor,
  pgliteExecutor,
  type SqlExecutor,
} from './migrate.js';
import { MIGRATIONS_DIR } from './paths.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const CREATE_ITEMS = 'CREATE TABLE items (id INTEGER PRIMARY KEY);\n';
const CREATE_TAGS = 'CREATE TABLE tags (id INTEGER PRIMARY KEY);\nINSERT INTO tags VALUES (1), (2);\n';

/** A temporary migrations folder; `write` adds or overwrites one migration. */
async function migrationsFolder() {
  const dir = await mkdtemp(path.join(tmpdir(), 'ss-migrations-'));
  return {
    dir,
    async write(name: string, sql: string) {
      await mkdir(path.join(dir, name), { recursive: true });
      await writeFile(path.join(dir, name, 'migration.sql'), sql);
    },
    remove: (name: string) => rm(path.join(dir, name), { recursive: true }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

async function expectMigrationError(run: Promise<unknown>, code: MigrationErrorCode, migrationName: string) {
  const error = await run.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(MigrationError);
  expect(error).toMatchObject({ code, migrationName });
}

interface BookkeepingRow {
  id: string;
  checksum: string;
  migration_name: string;
  logs: string | null;
  rolled_back_at: unknown;
  finished_at: unknown;
  applied_steps_count: number;
}

const bookkeeping = async (sql: SqlExecutor) =>
  (await sql.query<BookkeepingRow>('SELECT * FROM _prisma_migrations ORDER BY migration_name')).rows;

const tableExists = async (sql: SqlExecutor, table: string) =>
  (await sql.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [table])).rows[0]
    ?.found === table;

/** The behaviour both databases must share. */
function describeRunner(open: () => Promise<{ sql: SqlExecutor; close: () => Promise<void> }>) {
  let sql: SqlExecutor;
  let close: () => Promise<void>;
  let folder: Awaited<ReturnType<typeof migrationsFolder>>;

  beforeEach(async () => {
    ({ sql, close } = await open());
    folder = await migrationsFolder();
  });
  afterEach(async () => {
    await close();
    await folder.cleanup();
  });

  it('applies every migration in name order and records it as Prisma does', async () => {
    await folder.write('20260102000000_tags', CREATE_TAGS);
    await folder.write('20260101000000_items', CREATE_ITEMS);
    const messages: string[] = [];

    const applied = await applyMigrations(sql, folder.dir, (message) => messages.push(message));

    expect(applied).toEqual(['20260101000000_items', '20260102000000_tags']);
    expect(messages).toEqual([
      'Applied migration 20260101000000_items',
      'Applied migration 20260102000000_tags',
    ]);
    expect(await tableExists(sql, 'items')).toBe(true);
    expect((await sql.query('SELECT id FROM tags ORDER BY id')).rows).toEqual([{ id: 1 }, { id: 2 }]);
    const rows = await bookkeeping(sql);
    expect(rows.map((row) => [row.migration_name, row.checksum])).toEqual([
      ['20260101000000_items', sha256(CREATE_ITEMS)],
      ['20260102000000_tags', sha256(CREATE_TAGS)],
    ]);
    for (const row of rows) {
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row).toMatchObject({ logs: null, rolled_back_at: null, applied_steps_count: 1 });
      expect(row.finished_at).not.toBeNull();
    }
  });

  it('applies nothing the second time and only the new migration later', async () => {
    await folder.write('20260101000000_items', CREATE_ITEMS);
    expect(await applyMigrations(sql, folder.dir)).toEqual(['20260101000000_items']);

    expect(await applyMigrations(sql, folder.dir)).toEqual([]);
    await folder.write('20260102000000_tags', CREATE_TAGS);
    expect(await applyMigrations(sql, folder.dir)).toEqual(['20260102000000_tags']);
    expect(await bookkeeping(sql)).toHaveLength(2);
  });

  it('refuses an applied migration whose file changed, before applying anything else', async () => {
    await folder.write('20260101000000_items', CREATE_ITEMS);
    await applyMigrations(sql, folder.dir);
    await folder.write('20260101000000_items', `${CREATE_ITEMS}-- edited\n`);
    await folder.write('20260102000000_tags', CREATE_TAGS);

    await expectMigrationError(applyMigrations(sql, folder.dir), 'checksum-mismatch', '20260101000000_items');
    expect(await tableExists(sql, 'tags')).toBe(false);
  });

  it('accepts an applied migration checked out with other line endings, as Prisma does', async () => {
    await folder.write(
      '20260101000000_items',
      'CREATE TABLE items (id INTEGER);\nCREATE INDEX ON items (id);\n',
    );
    await applyMigrations(sql, folder.dir);
    await folder.write(
      '20260101000000_items',
      'CREATE TABLE items (id INTEGER);\r\nCREATE INDEX ON items (id);\r\n',
    );

    expect(await applyMigrations(sql, folder.dir)).toEqual([]);
  });

  it('refuses when a recorded migration is missing from the folder', async () => {
    await folder.write('20260101000000_items', CREATE_ITEMS);
    await applyMigrations(sql, folder.dir);
    await folder.remove('20260101000000_items');

    await expectMigrationError(applyMigrations(sql, folder.dir), 'missing-on-disk', '20260101000000_items');
  });

  it('rolls a failing migration back completely and records nothing for it', async () => {
    await folder.write('20260101000000_items', CREATE_ITEMS);
    await folder.write(
      '20260102000000_broken',
      'CREATE TABLE half_done (id INTEGER);\nSELECT * FROM nowhere;\n',
    );

    await expectMigrationError(applyMigrations(sql, folder.dir), 'apply-failed', '20260102000000_broken');

    expect(await tableExists(sql, 'items')).toBe(true);
    expect(await tableExists(sql, 'half_done')).toBe(false);
    expect((await bookkeeping(sql)).map((row) => row.migration_name)).toEqual(['20260101000000_items']);
    await folder.write('20260102000000_broken', 'CREATE TABLE half_done (id INTEGER);\n');
    expect(await applyMigrations(sql, folder.dir)).toEqual(['20260102000000_broken']);
  });

  it('refuses a migration Prisma recorded as failed, but ignores rolled-back records', async () => {
    await folder.write('20260101000000_items', CREATE_ITEMS);
    await applyMigrations(sql, folder.dir);
    await sql.query(
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, rolled_back_at)
       VALUES ('rolled-back', 'x', '20260100000000_abandoned', now())`,
    );
    expect(await applyMigrations(sql, folder.dir)).toEqual([]);

    await sql.query('UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = $1', [
      '20260101000000_items',
    ]);
    await expectMigrationError(applyMigrations(sql, folder.dir), 'failed-migration', '20260101000000_items');
  });

  it('refuses a migration folder without migration.sql', async () => {
    await mkdir(path.join(folder.dir, '20260101000000_empty'));
    await expectMigrationError(applyMigrations(sql, folder.dir), 'unreadable', '20260101000000_empty');
  });

  it("applies the project's own migrations", async () => {
    const names = (await readdir(MIGRATIONS_DIR, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(names.length).toBeGreaterThan(0);

    expect(await applyMigrations(sql, MIGRATIONS_DIR)).toEqual(names);
    expect(await tableExists(sql, 'persona_assignments')).toBe(true);
    expect(await applyMigrations(sql, MIGRATIONS_DIR)).toEqual([]);
  });
}

describe('applyMigrations on PGlite', () => {
  describeRunner(async () => {
    const pglite = new PGlite();
    return { sql: pgliteExecutor(pglite), close: () => pglite.close() };
  });
});

const ADMIN_URL =
  process.env['DATABASE_URL'] && /^postgres(ql)?:\/\//.test(process.env['DATABASE_URL'])
    ? process.env['DATABASE_URL']
    : 'postgresql://postgres@127.0.0.1:5432/postgres';

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function adminStatement(sql: string) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const reachable = await postgresReachable();

const postgresSuite = reachable
  ? 'applyMigrations on PostgreSQL'
  : `applyMigrations on PostgreSQL: skipped, no PostgreSQL answers at ${ADMIN_URL}`;

describe.skipIf(!reachable)(postgresSuite, () => {
  const database = `ss_mig_${randomBytes(6).toString('hex')}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  const databaseUrl = url.toString();

  beforeAll(() => adminStatement(`CREATE DATABASE "${database}"`));
  afterAll(() => adminStatement(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));

  describe('through a pool', () => {
    describeRunner(async () => {
      await resetDatabase();
      const pool = new pg.Pool({ connectionString: databaseUrl, max: 3 });
      return { sql: pgExecutor(pool), close: () => pool.end() };
    });
  });

  describe('through a single client', () => {
    describeRunner(async () => {
      await resetDatabase();
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      return { sql: pgExecutor(client), close: () => client.end() };
    });
  });

  async function resetDatabase() {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    await client.end();
  }

  it('applies each migration exactly once when several processes start together', async () => {
    await resetDatabase();
    const folder = await migrationsFolder();
    // The sleep widens the window in which a runner without the lock would apply it a second time.
    await folder.write('20260101000000_items', `${CREATE_ITEMS}SELECT pg_sleep(0.3);\n`);
    await folder.write('20260102000000_tags', CREATE_TAGS);
    const pools = Array.from({ length: 5 }, () => new pg.Pool({ connectionString: databaseUrl, max: 2 }));
    try {
      const results = await Promise.all(pools.map((pool) => applyMigrations(pgExecutor(pool), folder.dir)));

      expect(results.flat().sort()).toEqual(['20260101000000_items', '20260102000000_tags']);
      expect(results.filter((applied) => applied.length === 0)).toHaveLength(4);
      const { rows } = await pools[0]!.query('SELECT migration_name FROM _prisma_migrations');
      expect(rows).toHaveLength(2);
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
      await folder.cleanup();
    }
  });
});
