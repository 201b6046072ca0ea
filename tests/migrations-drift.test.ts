/**
 * Drift guard: replaying the committed prisma/migrations must produce exactly prisma/schema.prisma.
 * A schema change without its migration (`pnpm migrate:new <name>`) fails here, in CI, with the SQL
 * that is missing. Needs a PostgreSQL for the engine's shadow database; CI has one.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MIGRATIONS_DIR, SCHEMA_PATH } from '@spendsense/server/db/paths';
import { diffMigrationsToSchema } from '@spendsense/server/db/schema-engine';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const DATABASE_URL =
  process.env['DATABASE_URL'] && /^postgres(ql)?:\/\//.test(process.env['DATABASE_URL'])
    ? process.env['DATABASE_URL']
    : 'postgresql://postgres@127.0.0.1:5432/postgres';

async function shadowDatabases(): Promise<string[] | undefined> {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'ss\\_shadow\\_%'",
    );
    return rows.map((row) => row.datname);
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => {});
  }
}

const shadowsBefore = await shadowDatabases();
const reachable = shadowsBefore !== undefined;
const skipReason = `skipped: no PostgreSQL answers at ${DATABASE_URL} (set DATABASE_URL to a postgres URL)`;

describe('prisma/migrations against prisma/schema.prisma', () => {
  it.skipIf(!reachable)(reachable ? 'has no drift' : `has no drift (${skipReason})`, async () => {
    const diff = await diffMigrationsToSchema({
      databaseUrl: DATABASE_URL,
      migrationsDir: MIGRATIONS_DIR,
      schemaPath: SCHEMA_PATH,
    });

    expect(
      diff.hasChanges,
      `prisma/schema.prisma changed without a migration; run \`pnpm migrate:new <name>\`. Missing:\n${diff.sql}`,
    ).toBe(false);
    // The engine's shadow databases are ours to drop (prisma-offline.md, defect 2): none may be left.
    expect(await shadowDatabases()).toEqual(shadowsBefore);
  });

  describe('the drift detector itself', () => {
    let scratch: string;
    beforeAll(async () => {
      scratch = await mkdtemp(path.join(tmpdir(), 'ss-drift-'));
    });
    afterAll(() => rm(scratch, { recursive: true, force: true }));

    it.skipIf(!reachable)(
      reachable
        ? 'reports a field the migrations lack'
        : `reports a field the migrations lack (${skipReason})`,
      async () => {
        const schema = await readFile(SCHEMA_PATH, 'utf8');
        const withNickname = schema.replace(/(model User \{\n)/, '$1  nickname String?\n');
        expect(withNickname).not.toBe(schema);
        const schemaPath = path.join(scratch, 'schema.prisma');
        await writeFile(schemaPath, withNickname);

        const diff = await diffMigrationsToSchema({
          databaseUrl: DATABASE_URL,
          migrationsDir: MIGRATIONS_DIR,
          schemaPath,
        });

        expect(diff.hasChanges).toBe(true);
        expect(diff.sql).toContain('ALTER TABLE "users" ADD COLUMN     "nickname" TEXT;');
      },
    );

    it.skipIf(!reachable)(
      reachable
        ? 'replays migrations with a semicolon inside a literal'
        : `replays migrations with a semicolon inside a literal (${skipReason})`,
      async () => {
        const migrationsDir = path.join(scratch, 'migrations');
        await mkdir(path.join(migrationsDir, '20260101000000_notes'), { recursive: true });
        await writeFile(path.join(migrationsDir, 'migration_lock.toml'), 'provider = "postgresql"\n');
        await writeFile(
          path.join(migrationsDir, '20260101000000_notes', 'migration.sql'),
          `CREATE TABLE "notes" ("id" INTEGER NOT NULL, "body" TEXT NOT NULL DEFAULT 'a;b', CONSTRAINT "notes_pkey" PRIMARY KEY ("id"));\n`,
        );
        const schemaPath = path.join(scratch, 'notes.prisma');
        await writeFile(
          schemaPath,
          'datasource db {\n  provider = "postgresql"\n}\n\nmodel notes {\n  id   Int    @id\n  body String @default("a;b")\n}\n',
        );

        const diff = await diffMigrationsToSchema({ databaseUrl: DATABASE_URL, migrationsDir, schemaPath });

        expect(diff).toEqual({ hasChanges: false, sql: '-- This is an empty migration.\n' });
      },
    );
  });
});
