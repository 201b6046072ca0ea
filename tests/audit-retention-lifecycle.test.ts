import { appendFile, copyFile, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '@spendsense/server/db/client';
import type { AuditArchive } from '@spendsense/server/generated/prisma/client';
import { readArchivedEntries, writeArchiveFile } from '@spendsense/server/services/retention/parquet';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { createTestApp } from './support/app.js';
import { openTestDatabase } from './support/database.js';
import { appWithAuditHistory, DUE_MONTHS } from './support/retention-history.js';

/**
 * December 2026, three months active, six months kept in archives: January to August 2026 are archived and
 * January to May then purged, leaving June to August as files.
 */

const RUN = /* GraphQL */ `
  mutation Run($dryRun: Boolean) {
    runRetention(dryRun: $dryRun) {
      dryRun firstActiveMonth firstKeptArchiveMonth
      archived { month firstSeq lastSeq rowCount file fileSha256 fileBytes }
      purged { month firstSeq lastSeq rowCount file }
    }
  }
`;

const INTEGRITY = /* GraphQL */ `
  query {
    auditIntegrity {
      valid checked firstInvalidSeq reason message
      ranges { kind firstSeq lastSeq rowCount file verified }
    }
  }
`;

interface Integrity {
  valid: boolean;
  checked: number;
  firstInvalidSeq: string | null;
  reason: string | null;
  message: string | null;
  ranges: Array<{ kind: string; firstSeq: string; lastSeq: string; verified: boolean }>;
}

let db: Database;
let app: ReturnType<typeof createTestApp>;
let adminToken: string;
let complianceToken: string;

beforeAll(async () => {
  db = await openTestDatabase();
  app = await appWithAuditHistory(db, { count: 400, stepHours: 18, purgeAfterMonths: 6 });
  // Logged in after the history was written, so the chain starts with it (archives are its oldest prefix).
  adminToken = await app.tokenFor('ADMIN');
  complianceToken = await app.tokenFor('COMPLIANCE');
});

afterAll(async () => {
  await db?.close();
});

async function integrity(): Promise<Integrity> {
  const result = await app.graphql<{ auditIntegrity: Integrity }>(INTEGRITY, {}, { token: complianceToken });
  expect(result.errors).toBeUndefined();
  return result.data!.auditIntegrity;
}

/** Runs `sql` as the database owner with triggers off: what only a superuser could do behind the API. */
async function asSuperuser(sql: string) {
  await db.sql.exec(
    `DO $$ BEGIN PERFORM set_config('session_replication_role', 'replica', true); ${sql} END $$;`,
  );
}

const fileOf = (archive: AuditArchive) => path.join(app.services.retention.archiveDir, archive.file);

async function keptArchives(): Promise<AuditArchive[]> {
  return db.prisma.auditArchive.findMany({ where: { purgedAt: null }, orderBy: { firstSeq: 'asc' } });
}

describe('runRetention', () => {
  it('is refused to a compliance officer, and the refusal is audited', async () => {
    const denialsBefore = await db.prisma.auditEntry.count({ where: { eventType: 'unauthorized_access' } });
    const result = await app.graphql(RUN, { dryRun: true }, { token: complianceToken });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const denials = await db.prisma.auditEntry.findMany({
      where: { eventType: 'unauthorized_access' },
      orderBy: { seq: 'desc' },
    });
    expect(denials).toHaveLength(denialsBefore + 1);
    expect(denials[0]!.eventData).toMatchObject({ field_path: 'Mutation.runRetention' });
    expect(await db.prisma.auditArchive.count()).toBe(0);
  });

  it('a dry run reports what is due and changes nothing', async () => {
    const before = await db.prisma.auditEntry.count();
    const result = await app.graphql<{ runRetention: { archived: unknown[]; purged: unknown[] } }>(
      RUN,
      { dryRun: true },
      { token: adminToken },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.runRetention).toMatchObject({
      dryRun: true,
      firstActiveMonth: '2026-09',
      firstKeptArchiveMonth: '2026-06',
      purged: [],
    });
    expect(result.data!.runRetention.archived).toHaveLength(8);
    expect(await db.prisma.auditEntry.count()).toBe(before);
    expect(await db.prisma.auditArchive.count()).toBe(0);
  });

  it('archives the due months, purges those past the limit with receipts, and everything still verifies', async () => {
    const result = await app.graphql<{
      runRetention: { archived: Array<{ month: string }>; purged: Array<{ month: string; file: string }> };
    }>(RUN, { dryRun: false }, { token: adminToken });
    expect(result.errors).toBeUndefined();
    const { archived, purged } = result.data!.runRetention;
    expect(archived.map((m) => m.month)).toEqual(DUE_MONTHS);
    expect(purged.map((m) => m.month)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05']);
    for (const month of purged) {
      await expect(readFile(path.join(app.services.retention.archiveDir, month.file))).rejects.toThrow();
    }
    const admin = await db.prisma.operator.findUniqueOrThrow({ where: { username: 'admin' } });
    const receipts = await db.prisma.auditEntry.findMany({
      where: { eventType: { in: ['audit_archived', 'audit_purged'] } },
      orderBy: { seq: 'asc' },
    });
    expect(receipts.map((r) => r.eventType)).toEqual([
      ...Array(8).fill('audit_archived'),
      ...Array(5).fill('audit_purged'),
    ]);
    expect(receipts.every((r) => r.operatorId === admin.id)).toBe(true);

    const report = await integrity();
    expect(report).toMatchObject({ valid: true, reason: null });
    expect(report.ranges.map((r) => r.kind)).toEqual([
      ...Array(5).fill('PURGED'),
      ...Array(3).fill('ARCHIVED'),
      'ACTIVE',
    ]);
    expect(report.ranges[0]!.firstSeq).toBe('1');
  });
});

describe('tampering with the archives is detected', () => {
  let backup: string;
  let target: AuditArchive;

  beforeAll(async () => {
    target = (await keptArchives())[1]!;
    backup = `${fileOf(target)}.backup`;
    await copyFile(fileOf(target), backup);
  });

  afterEach(async () => {
    await copyFile(backup, fileOf(target));
    expect((await integrity()).valid).toBe(true);
  });

  it('a row changed inside an archive file → CONTENT_MODIFIED at that entry', async () => {
    const rows = await readArchivedEntries([fileOf(target)], 1, Number.MAX_SAFE_INTEGER, 100_000);
    const changedSeq = rows[3]!.seq;
    rows[3] = { ...rows[3]!, eventData: { ...rows[3]!.eventData, forged: true } };
    await rm(fileOf(target));
    await writeArchiveFile(
      fileOf(target),
      (async function* () {
        yield rows;
      })(),
    );
    expect(await integrity()).toMatchObject({
      valid: false,
      reason: 'CONTENT_MODIFIED',
      firstInvalidSeq: String(changedSeq),
    });
  });

  it('a file whose bytes changed → ARCHIVE_MODIFIED', async () => {
    await appendFile(fileOf(target), Buffer.from('trailing bytes'));
    expect(await integrity()).toMatchObject({
      valid: false,
      reason: 'ARCHIVE_MODIFIED',
      firstInvalidSeq: String(target.firstSeq),
    });
  });

  it('a missing file → ARCHIVE_MISSING', async () => {
    await rm(fileOf(target));
    const report = await integrity();
    expect(report).toMatchObject({
      valid: false,
      reason: 'ARCHIVE_MISSING',
      firstInvalidSeq: String(target.firstSeq),
    });
    expect(report.ranges.filter((r) => !r.verified).map((r) => r.kind)).toEqual([
      'ARCHIVED',
      'ARCHIVED',
      'ACTIVE',
    ]);
  });

  it('a manifest that does not match its file and receipt → MANIFEST_MISMATCH', async () => {
    await asSuperuser(
      `UPDATE audit_archives SET file_sha256 = repeat('e', 64) WHERE first_seq = ${target.firstSeq};`,
    );
    try {
      expect(await integrity()).toMatchObject({ valid: false, reason: 'MANIFEST_MISMATCH' });
    } finally {
      await asSuperuser(
        `UPDATE audit_archives SET file_sha256 = '${target.fileSha256}' WHERE first_seq = ${target.firstSeq};`,
      );
    }
  });

  it('an archive marked purged without an audit_purged receipt → SEQUENCE_GAP', async () => {
    await asSuperuser(`UPDATE audit_archives SET purged_at = now() WHERE first_seq = ${target.firstSeq};`);
    try {
      expect(await integrity()).toMatchObject({
        valid: false,
        reason: 'SEQUENCE_GAP',
        firstInvalidSeq: String(target.firstSeq),
      });
    } finally {
      await asSuperuser(`UPDATE audit_archives SET purged_at = NULL WHERE first_seq = ${target.firstSeq};`);
    }
  });
});
