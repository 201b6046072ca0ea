import { type ChildProcess, spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type Database, openDatabase } from '@spendsense/server/db/client';
import type { AuditEntry } from '@spendsense/server/generated/prisma/client';
import { type ArchiveStep, runRetention } from '@spendsense/server/services/retention/archive';
import { archivePath } from '@spendsense/server/services/retention/manifests';
import { readArchivedEntries } from '@spendsense/server/services/retention/parquet';
import { verifyAuditLifecycle } from '@spendsense/server/services/retention/verify-lifecycle';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { createTestApp } from './support/app.js';
import { createPostgresTestDatabase } from './support/database.js';
import { appWithAuditHistory, DUE_MONTHS, RETENTION_NOW } from './support/retention-history.js';

/**
 * A real archiver process (tests/support/archiver-process.ts) is killed with SIGKILL at each step of the
 * crash-safe order, one after another on the same database, and the job is then run again. After every kill
 * and at the end: no entry lost, none duplicated, the whole history verifies.
 */
const BASE_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const ARCHIVER = fileURLToPath(new URL('./support/archiver-process.ts', import.meta.url));

let database: { url: string; drop: () => Promise<void> };
let db: Database;
let app: ReturnType<typeof createTestApp>;
let original: AuditEntry[];

beforeAll(async () => {
  database = await createPostgresTestDatabase(BASE_URL);
  db = await openDatabase({ databaseUrl: database.url });
  // January to mid-October: January to August are due.
  app = await appWithAuditHistory(db, { count: 300, stepHours: 24, purgeAfterMonths: 12 });
  original = await db.prisma.auditEntry.findMany({ orderBy: { seq: 'asc' } });
});

afterAll(async () => {
  await db?.close();
  await database?.drop();
});

/** Starts the archiver, waits until it stops at `step`, kills it with SIGKILL and waits for it to die. */
async function killArchiverAt(step: ArchiveStep): Promise<string> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', ARCHIVER], {
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      ARCHIVE_DIR: app.services.retention.archiveDir,
      NOW: RETENTION_NOW.toISOString(),
      STOP_AT: step,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  child.stderr!.on('data', (chunk) => {
    errors += String(chunk);
  });
  const stopped = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += String(chunk);
      const line = /stopped at (\S+) (\S+)/.exec(output);
      if (line) resolve(`${line[1]} ${line[2]}`);
    });
    child.on('exit', (code) =>
      reject(new Error(`archiver exited (${code}) before ${step}: ${output} ${errors}`)),
    );
  });
  const exited = new Promise((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  return stopped;
}

/** Every original entry exactly once: in the table, or in the file of a manifest whose rows were deleted. */
async function expectNothingLostOrDuplicated() {
  const manifests = await db.prisma.auditArchive.findMany({ orderBy: { firstSeq: 'asc' } });
  const archived: number[] = [];
  const contents = new Map<number, string>();
  for (const manifest of manifests.filter((m) => m.rowsDeletedAt !== null)) {
    const rows = await readArchivedEntries(
      [archivePath(app.services, manifest)],
      1,
      Number.MAX_SAFE_INTEGER,
      1e6,
    );
    for (const row of rows) {
      archived.push(row.seq);
      contents.set(row.seq, row.hash);
    }
  }
  const active = await db.prisma.auditEntry.findMany({ orderBy: { seq: 'asc' } });
  for (const row of active) contents.set(Number(row.seq), row.hash);
  const seqs = [...archived, ...active.map((e) => Number(e.seq))].sort((a, b) => a - b);
  const head = await db.prisma.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
  expect(seqs).toEqual(Array.from({ length: Number(head.seq) }, (_, i) => i + 1));
  for (const entry of original) expect(contents.get(Number(entry.seq))).toBe(entry.hash);
  // One audit_archived entry per month whose rows left, never two.
  const receipts = await db.prisma.auditEntry.count({ where: { eventType: 'audit_archived' } });
  expect(receipts).toBe(manifests.filter((m) => m.rowsDeletedAt !== null).length);
  const report = await verifyAuditLifecycle(app.services);
  expect(report).toMatchObject({ valid: true, reason: null });
}

describe('an archiver killed with SIGKILL at each step, then run again', () => {
  it.each<ArchiveStep>(['temp-file-written', 'renamed', 'manifest-recorded', 'rows-deleted'])(
    'killed after %s: nothing lost, nothing duplicated, still verifies',
    async (step) => {
      const stopped = await killArchiverAt(step);
      expect(stopped).toMatch(new RegExp(`^${step} 2026-0\\d$`));
      await expectNothingLostOrDuplicated();
    },
  );

  it('the next run finishes the job', async () => {
    const report = await runRetention(app.services, { dryRun: false });
    expect(report.archived.length).toBeGreaterThan(0);
    const manifests = await db.prisma.auditArchive.findMany({ orderBy: { firstSeq: 'asc' } });
    expect(manifests.map((m) => m.month)).toEqual(DUE_MONTHS);
    expect(manifests.every((m) => m.rowsDeletedAt !== null)).toBe(true);
    await expectNothingLostOrDuplicated();
    const leftovers = (await readdir(app.services.retention.archiveDir, { recursive: true })).filter((f) =>
      String(f).endsWith('.tmp'),
    );
    expect(leftovers).toEqual([]);
  });
});
