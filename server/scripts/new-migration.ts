/**
 * `pnpm migrate:new <name>`: writes the next migration after a change to prisma/schema.prisma.
 *
 * The offline stand-in for `prisma migrate dev --create-only`: it replays prisma/migrations into a
 * throw-away shadow database, diffs that against the schema with Prisma's own (WebAssembly) schema
 * engine, and writes the difference as `prisma/migrations/<UTC YYYYMMDDHHMMSS>_<name>/migration.sql`.
 * The result is Prisma's format, so `prisma migrate deploy` accepts it unchanged.
 *
 * Needs a PostgreSQL server whose role may create databases: SCHEMA_ENGINE_DATABASE_URL, else a
 * postgres DATABASE_URL, else postgresql://postgres@127.0.0.1:5432/postgres.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MIGRATIONS_DIR, SCHEMA_PATH } from '../src/db/paths.js';
import { diffMigrationsToSchema, POSTGRESQL_LOCKFILE } from '../src/db/schema-engine.js';

const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

function engineDatabaseUrl(): string {
  const candidates = [process.env['SCHEMA_ENGINE_DATABASE_URL'], process.env['DATABASE_URL']];
  return candidates.find((url) => url && /^postgres(ql)?:\/\//.test(url)) ?? DEFAULT_DATABASE_URL;
}

/** Prisma's migration folder prefix: the UTC time to the second, digits only. */
function migrationTimestamp(now: Date): string {
  return now
    .toISOString()
    .replace(/\.\d+Z$/, '')
    .replace(/\D/g, '');
}

/** Prisma snake-cases the name it is given; do the same so folder names stay portable. */
function migrationSlug(name: string): string {
  return name
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

async function main(): Promise<number> {
  const slug = migrationSlug(process.argv[2] ?? '');
  if (!slug) {
    console.error('Usage: pnpm migrate:new <name>   (for example: pnpm migrate:new add_audit_entries)');
    return 1;
  }
  const diff = await diffMigrationsToSchema({
    databaseUrl: engineDatabaseUrl(),
    migrationsDir: MIGRATIONS_DIR,
    schemaPath: SCHEMA_PATH,
  });
  if (!diff.hasChanges) {
    console.log('No changes: prisma/migrations already produces prisma/schema.prisma.');
    return 0;
  }
  const folder = path.join(MIGRATIONS_DIR, `${migrationTimestamp(new Date())}_${slug}`);
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, 'migration.sql'), diff.sql, { flag: 'wx' });
  const lockfile = path.join(MIGRATIONS_DIR, 'migration_lock.toml');
  if (!existsSync(lockfile)) await writeFile(lockfile, POSTGRESQL_LOCKFILE);
  console.log(`Created ${path.relative(process.cwd(), path.join(folder, 'migration.sql'))}`);
  return 0;
}

// Exit explicitly: the engine leaves a ~10 s timer behind after PostgreSQL's advisory lock.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
