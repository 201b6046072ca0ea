import { randomBytes } from 'node:crypto';
import { type Database, openDatabase } from '@spendsense/server/db/client';
import { verifyAuditIntegrity } from '@spendsense/server/services/audit/verify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import { appendAuditFixtures, createAuditFixtureWorld } from './support/audit-fixtures.js';
import { createPostgresTestDatabase, openTestDatabase, usingPostgres } from './support/database.js';

/**
 * The attacks that once rewrote history while auditIntegrity still said valid, each run against the database
 * directly. As the owner (the embedded database's one user) the triggers refuse them; as the application role
 * on PostgreSQL the grants refuse them first. Either way nothing changes and the chain stays valid.
 */
const ATTACKS: Array<[string, string]> = [
  [
    'a session setting unlocking DELETE',
    `SET LOCAL spendsense.audit_retention = 'on'; DELETE FROM audit_log WHERE seq > 50`,
  ],
  ['UPDATE of an entry', `UPDATE audit_log SET user_agent = 'x' WHERE seq = 20`],
  ['DELETE of an entry', 'DELETE FROM audit_log WHERE seq = 20'],
  ['TRUNCATE of audit_log', 'TRUNCATE audit_log'],
  [
    'INSERT of a forged entry past the head',
    `INSERT INTO audit_log SELECT seq + 1000, gen_random_uuid(), event_type, user_id, operator_id,
       recommendation_id, occurred_at, event_data, ip_address, user_agent, content_hash, prev_hash, hash
     FROM audit_log WHERE seq = 60`,
  ],
  [
    'cutting the last entries and moving the head back',
    `DELETE FROM audit_log WHERE seq > 57;
     UPDATE audit_chain_head SET seq = 57, hash = (SELECT hash FROM audit_log WHERE seq = 57)`,
  ],
  [
    'deleting a suffix and re-inserting it with one entry changed',
    `CREATE TEMP TABLE tail ON COMMIT DROP AS SELECT * FROM audit_log WHERE seq > 55;
     DELETE FROM audit_log WHERE seq > 55;
     UPDATE tail SET user_agent = 'forged' WHERE seq = 56;
     INSERT INTO audit_log SELECT * FROM tail`,
  ],
  ['moving the head back', 'UPDATE audit_chain_head SET seq = seq - 1'],
  ['moving the head forward past the entries', 'UPDATE audit_chain_head SET seq = seq + 1'],
  ['DELETE of the head', 'DELETE FROM audit_chain_head'],
  ['TRUNCATE of the head', 'TRUNCATE audit_chain_head'],
  ['a second head row', `INSERT INTO audit_chain_head (id, seq, hash) VALUES (2, 0, repeat('0', 64))`],
];

async function expectUntouched(db: Database, length: number) {
  expect(await db.prisma.auditEntry.count()).toBe(length);
  const report = await verifyAuditIntegrity(createTestApp(db).services);
  expect(report).toMatchObject({ valid: true, checked: length, headSeq: length });
}

describe('audit tables as the database owner', () => {
  let db: Database;
  let length: number;

  beforeAll(async () => {
    db = await openTestDatabase();
    const app = createTestApp(db);
    await appendAuditFixtures(app.services, await createAuditFixtureWorld(app.services), { count: 60 });
    length = await db.prisma.auditEntry.count();
  });
  afterAll(() => db.close());

  it.each(ATTACKS)('refuses %s', async (_name, sql) => {
    const attack = db.sql.exec(`BEGIN; ${sql}; COMMIT;`);
    await expect(attack).rejects.toThrow(/append-only|does not extend|moves only forward/);
    await db.sql.exec('ROLLBACK').catch(() => {});
    await expectUntouched(db, length);
  });
});

const OWNER_ONLY = [
  ['disabling the triggers', 'ALTER TABLE audit_log DISABLE TRIGGER USER'],
  ['switching triggers off for the session', `SET LOCAL session_replication_role = 'replica'`],
  [
    'redefining the guard',
    'CREATE OR REPLACE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$',
  ],
] as const;

describe.runIf(usingPostgres)('audit tables as the application role (PostgreSQL)', () => {
  let owner: Database;
  let dropDatabase: () => Promise<void>;
  let appDb: Database;
  let appUrl: string;
  let loginRole: string;
  let length: number;

  beforeAll(async () => {
    const created = await createPostgresTestDatabase(process.env.DATABASE_URL!);
    const ownerUrl = created.url;
    dropDatabase = created.drop;
    owner = await openDatabase({ databaseUrl: ownerUrl });
    loginRole = `ss_api_${randomBytes(5).toString('hex')}`;
    await owner.sql.exec(`CREATE ROLE ${loginRole} LOGIN IN ROLE spendsense_app`);
    const parsed = new URL(ownerUrl);
    parsed.username = loginRole;
    appUrl = parsed.toString();
    // The API's own start-up path: migrations through the owner's URL, queries through the application role.
    appDb = await openDatabase({ databaseUrl: appUrl, migrationDatabaseUrl: ownerUrl });
    const app = createTestApp(appDb);
    await app.tokenFor('ADMIN');
    await appendAuditFixtures(app.services, await createAuditFixtureWorld(app.services), { count: 60 });
    length = await appDb.prisma.auditEntry.count();
  });
  afterAll(async () => {
    await appDb?.close();
    await owner?.close();
    await dropDatabase?.();
    if (loginRole) {
      const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP ROLE IF EXISTS ${loginRole}`);
      await admin.end();
    }
  });

  it('serves the API: logins, audited writes and verification work through audit_append', async () => {
    expect(length).toBeGreaterThan(60);
    await expectUntouched(appDb, length);
  });

  it('counts its appends in audit_count_rollup, which it may read and not write, nor link without counting', async () => {
    const [counted] = await appDb.prisma.$queryRaw<Array<{ n: number }>>`
      SELECT sum(n)::int AS n FROM audit_count_rollup`;
    expect(counted!.n).toBe(length);
    const client = new pg.Client({ connectionString: appUrl });
    await client.connect();
    try {
      for (const sql of [
        'UPDATE audit_count_rollup SET n = n + 1',
        `INSERT INTO audit_count_rollup VALUES ('logout', '2026-01-01', false, 5)`,
        'DELETE FROM audit_count_rollup',
        'TRUNCATE audit_count_rollup',
        'SELECT audit_count_appended(1, 5)',
        `SELECT audit_count_add('logout', '2026-01-01', false, 5)`,
        `SELECT * FROM audit_chain_link(gen_random_uuid(), 'logout', NULL, NULL, NULL, now(), '{}', NULL, NULL, repeat('0', 64))`,
      ]) {
        await expect(client.query(sql), sql).rejects.toThrow(/permission denied/);
      }
    } finally {
      await client.end();
    }
  });

  it.each([...ATTACKS, ...OWNER_ONLY])('refuses %s', async (_name, sql) => {
    const client = new pg.Client({ connectionString: appUrl });
    await client.connect();
    try {
      await expect(client.query(`BEGIN; ${sql}; COMMIT;`)).rejects.toThrow(
        /permission denied|must be owner|append-only/,
      );
    } finally {
      await client.end();
    }
    await expectUntouched(appDb, length);
  });
});
