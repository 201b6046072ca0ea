import { randomBytes } from 'node:crypto';
import { type Database, openDatabase } from '@spendsense/server/db/client';
import { runRetention } from '@spendsense/server/services/retention/archive';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import { createPostgresTestDatabase } from './support/database.js';
import { appWithAuditHistory, RETENTION_NOW } from './support/retention-history.js';

/**
 * The only way rows leave audit_log, checked on a real PostgreSQL as a plain role (not the owner, not a
 * superuser), the way the application connects in production: every DELETE is refused whatever the
 * session sets; audit_archive_delete() removes exactly a recorded, hash-matching oldest range.
 */
const BASE_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const ROLE = `ss_plain_${randomBytes(4).toString('hex')}`;

let database: { url: string; drop: () => Promise<void> };
let db: Database;
let app: ReturnType<typeof createTestApp>;
let plain: pg.Client;
let owner: pg.Client;
let manifests: Array<{ first_seq: string; last_seq: string; row_count: number }>;

/** Stops a real archival run right after it recorded each month's manifest, before any delete. */
class StopAfterManifest extends Error {}

beforeAll(async () => {
  database = await createPostgresTestDatabase(BASE_URL);
  db = await openDatabase({ databaseUrl: database.url });
  app = await appWithAuditHistory(db, { count: 200, stepHours: 36, purgeAfterMonths: 12 });
  // A real archival run, stopped right after it recorded the first month's manifest: its rows stay.
  await runRetention(app.services, {
    dryRun: false,
    onStep: (step) => {
      if (step === 'manifest-recorded') throw new StopAfterManifest();
    },
  }).catch((error) => {
    if (!(error instanceof StopAfterManifest)) throw error;
  });
  owner = new pg.Client({ connectionString: database.url });
  await owner.connect();
  await owner.query(`CREATE ROLE ${ROLE} LOGIN`);
  await owner.query(`GRANT USAGE ON SCHEMA public TO ${ROLE}`);
  await owner.query(`GRANT SELECT, INSERT ON audit_log, audit_archives TO ${ROLE}`);
  const asPlainRole = new URL(database.url);
  asPlainRole.username = ROLE;
  plain = new pg.Client({ connectionString: asPlainRole.toString() });
  await plain.connect();
  manifests = (
    await owner.query('SELECT first_seq, last_seq, row_count FROM audit_archives ORDER BY first_seq')
  ).rows;
});

afterAll(async () => {
  await plain?.end();
  await owner?.query(`DROP OWNED BY ${ROLE}`).catch(() => {});
  await owner?.query(`DROP ROLE IF EXISTS ${ROLE}`).catch(() => {});
  await owner?.end();
  await db?.close();
  await database?.drop();
});

const count = async () => Number((await owner.query('SELECT count(*) AS n FROM audit_log')).rows[0].n);

describe('deleting audit rows as a plain PostgreSQL role', () => {
  it('has one recorded manifest whose rows are still in the table, and connects as the plain role', async () => {
    expect(manifests).toHaveLength(1);
    expect(manifests[0]!.first_seq).toBe('1');
    const who = await plain.query(
      'SELECT current_user AS name, usesuper AS superuser FROM pg_user WHERE usename = current_user',
    );
    expect(who.rows[0]).toEqual({ name: ROLE, superuser: false });
  });

  it.each([
    ['no setting', ''],
    ['the former retention switch', "SET spendsense.audit_retention = 'on';"],
    ['a made-up unlock', "SET spendsense.audit_archive_delete = 'on';"],
  ])('every DELETE is refused with %s', async (_name, settings) => {
    const before = await count();
    for (const sql of [
      'DELETE FROM audit_log WHERE seq = 5',
      `DELETE FROM audit_log WHERE seq BETWEEN ${manifests[0]!.first_seq} AND ${manifests[0]!.last_seq}`,
      'DELETE FROM audit_log',
      'TRUNCATE audit_log',
      "UPDATE audit_log SET user_agent = 'x' WHERE seq = 5",
      'DELETE FROM audit_archives',
    ]) {
      await plain.query('BEGIN');
      try {
        await expect(plain.query(`${settings} ${sql}`)).rejects.toThrow();
      } finally {
        await plain.query('ROLLBACK');
      }
    }
    expect(await count()).toBe(before);
  });

  it('even with DELETE granted, only the exact range of a recorded manifest may go, oldest first', async () => {
    await owner.query(`GRANT DELETE ON audit_log TO ${ROLE}`);
    try {
      const { first_seq: first, last_seq: last } = manifests[0]!;
      for (const sql of [
        `DELETE FROM audit_log WHERE seq BETWEEN ${first} AND ${Number(last) - 1}`,
        `DELETE FROM audit_log WHERE seq BETWEEN ${first} AND ${Number(last) + 1}`,
        `DELETE FROM audit_log WHERE seq = ${Number(last) + 5}`,
      ]) {
        await expect(plain.query(sql)).rejects.toThrow('audit_log is append-only: DELETE is not allowed');
      }
    } finally {
      await owner.query(`REVOKE DELETE ON audit_log FROM ${ROLE}`);
    }
  });

  it('audit_archive_delete may be called only by the application role', async () => {
    const { first_seq: first } = manifests[0]!;
    const before = await count();
    await expect(plain.query(`SELECT audit_archive_delete(${first})`)).rejects.toThrow(
      'permission denied for function audit_archive_delete',
    );
    expect(await count()).toBe(before);
    // From here on the plain role is what the API connects as: a member of spendsense_app.
    await owner.query(`GRANT spendsense_app TO ${ROLE}`);
  });

  it('audit_archive_delete refuses a range without a manifest and one whose hashes do not match', async () => {
    await expect(plain.query('SELECT audit_archive_delete(7)')).rejects.toThrow(
      'no audit archive manifest starts at seq 7',
    );
    const { first_seq: first } = manifests[0]!;
    // The owner, behind the triggers' back, points the manifest at another hash.
    await owner.query('BEGIN');
    await owner.query("SET LOCAL session_replication_role = 'replica'");
    await owner.query(`UPDATE audit_archives SET head_hash = repeat('f', 64) WHERE first_seq = ${first}`);
    await owner.query('COMMIT');
    try {
      await expect(plain.query(`SELECT audit_archive_delete(${first})`)).rejects.toThrow(
        'do not match the hashes their archive manifest recorded',
      );
    } finally {
      await owner.query('BEGIN');
      await owner.query("SET LOCAL session_replication_role = 'replica'");
      await owner.query(
        `UPDATE audit_archives a SET head_hash = l.hash FROM audit_log l WHERE a.first_seq = ${first} AND l.seq = a.last_seq`,
      );
      await owner.query('COMMIT');
    }
  });

  it('audit_archive_delete removes exactly the recorded oldest range, once', async () => {
    const { first_seq: first, last_seq: last, row_count: rows } = manifests[0]!;
    const before = await count();
    const result = await plain.query(`SELECT audit_archive_delete(${first}) AS removed`);
    expect(Number(result.rows[0].removed)).toBe(rows);
    expect(await count()).toBe(before - rows);
    const oldest = await owner.query('SELECT min(seq) AS seq FROM audit_log');
    expect(oldest.rows[0].seq).toBe(String(Number(last) + 1));
    expect(
      Number((await plain.query(`SELECT audit_archive_delete(${first}) AS removed`)).rows[0].removed),
    ).toBe(0);
  });
});

describe('one retention run at a time across instances', () => {
  it('a run on another connection pool is refused with CONFLICT while one holds the lock', async () => {
    const other = await openDatabase({ databaseUrl: database.url });
    try {
      const otherApp = createTestApp(other, {
        now: () => RETENTION_NOW,
        retention: { ...app.services.retention },
      });
      let release!: () => void;
      const paused = new Promise<void>((resolve) => {
        release = resolve;
      });
      let reachedStep!: () => void;
      const holding = new Promise<void>((resolve) => {
        reachedStep = resolve;
      });
      const first = runRetention(app.services, {
        dryRun: false,
        onStep: async () => {
          reachedStep();
          await paused;
        },
      });
      await holding;
      await expect(runRetention(otherApp.services, { dryRun: false })).rejects.toMatchObject({
        code: 'CONFLICT',
      });
      release();
      await first;
      // Released: the other instance may run now (and finds nothing left to do).
      await expect(runRetention(otherApp.services, { dryRun: false })).resolves.toMatchObject({
        archived: [],
      });
    } finally {
      await other.close();
    }
  });
});
