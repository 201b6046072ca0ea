import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { verifyExportFile } from '@spendsense/server/cli/verify-export';
import type { Database } from '@spendsense/server/db/client';
import { canonicalJson, signDocument, signingKeyFromPem } from '@spendsense/server/domain/audit/index';
import { type AuditCheckpointing, FileCheckpointLog } from '@spendsense/server/services/audit/checkpoints';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import { appendAuditFixtures, createAuditFixtureWorld } from './support/audit-fixtures.js';
import { openTestDatabase } from './support/database.js';

const run = promisify(execFile);
const REPO_ROOT = path.resolve(import.meta.dirname, '..');
const newKeyPem = () =>
  generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

let db: Database;
let app: ReturnType<typeof createTestApp>;
let dir: string;
let checkpointing: AuditCheckpointing;
let publicKeyFile: string;
let token: string;
/** An unfiltered CSV export, as the server sent it. */
let csv: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ss-export-signing-'));
  checkpointing = {
    key: signingKeyFromPem(newKeyPem()),
    log: new FileCheckpointLog(path.join(dir, 'checkpoints.jsonl')),
    everyEntries: 0,
    everySeconds: 0,
  };
  publicKeyFile = path.join(dir, 'audit.pub');
  await writeFile(publicKeyFile, checkpointing.key.publicKey.export({ type: 'spki', format: 'pem' }));
  db = await openTestDatabase();
  app = createTestApp(db, { checkpointing });
  await appendAuditFixtures(app.services, await createAuditFixtureWorld(app.services, 'sig'), { count: 80 });
  token = await app.tokenFor('COMPLIANCE');
  csv = await download('format=csv');
});

afterAll(async () => {
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

async function download(query: string): Promise<string> {
  const response = await app.yoga.fetch(`http://yoga/exports/audit?${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return response.text();
}

const CRLF = '\r\n';
const recordsOf = (text: string) => text.split(CRLF).filter((line) => line !== '');

/** The manifest of a CSV export (the last record's details field, a quoted JSON). */
function manifestOf(text: string): Record<string, unknown> {
  const last = recordsOf(text).at(-1)!;
  const quoted = last.slice(last.indexOf('"'), last.lastIndexOf('"') + 1);
  return JSON.parse(quoted.slice(1, -1).replaceAll('""', '"'));
}

function withManifest(text: string, manifest: unknown): string {
  const records = recordsOf(text);
  const last = records.at(-1)!;
  const json = `"${canonicalJson(manifest).replaceAll('"', '""')}"`;
  records[records.length - 1] =
    last.slice(0, last.indexOf('"')) + json + last.slice(last.lastIndexOf('"') + 1);
  return records.join(CRLF) + CRLF;
}

async function verify(text: string, withKey = true) {
  const file = path.join(dir, `export-${Math.random().toString(36).slice(2)}.csv`);
  await writeFile(file, text);
  return verifyExportFile(file, withKey ? { publicKey: checkpointing.key.publicKey } : {});
}

describe('signed export manifests', () => {
  it('name their filter, range and the signed checkpoint that bounds the rows', async () => {
    const manifest = manifestOf(csv);
    const checkpoint = manifest['checkpoint'] as { seq: number; head_hash: string };
    expect(manifest).toMatchObject({
      filters: {},
      complete_range: true,
      first_seq: 1,
      last_seq: checkpoint.seq,
      head_hash: checkpoint.head_hash,
      chain_head: { seq: checkpoint.seq, hash: checkpoint.head_hash },
      signature: { algorithm: 'Ed25519', key_id: checkpointing.key.keyId },
    });
    const filtered = manifestOf(await download('format=csv&eventTypes=login_attempt&from=2026-01-01'));
    expect(filtered['filters']).toMatchObject({ event_types: ['login_attempt'] });
    expect(filtered['signature']).toBeDefined();
    expect(await verify(csv)).toMatchObject({ valid: true, signatureChecked: true });
  });

  it('a complete export with a row removed and the manifest edited to hide it → refused', async () => {
    const records = recordsOf(csv);
    records.splice(10, 1);
    const manifest = manifestOf(csv);
    const edited = withManifest(records.join(CRLF) + CRLF, {
      ...manifest,
      complete_range: false,
      row_count: (manifest['row_count'] as number) - 1,
    });
    // The hashes alone cannot see it: that is what the signature is for.
    expect(await verify(edited, false)).toMatchObject({ valid: true });
    expect(await verify(edited)).toMatchObject({ valid: false, reason: 'manifest_signature_invalid' });
  });

  it('a complete export with a row removed, manifest untouched → refused at the missing seq', async () => {
    const records = recordsOf(csv);
    records.splice(10, 1);
    expect(await verify(records.join(CRLF) + CRLF)).toMatchObject({ valid: false, firstInvalidSeq: 10 });
  });

  it('an edited manifest re-signed with another key → refused', async () => {
    const other = signingKeyFromPem(newKeyPem());
    const { signature: _drop, ...unsigned } = manifestOf(csv);
    const forged = signDocument({ ...unsigned, generated_at: '2026-01-01T00:00:00.000Z' } as never, other);
    expect(await verify(withManifest(csv, forged))).toMatchObject({
      valid: false,
      reason: 'manifest_signature_invalid',
    });
  });

  it('an edited derived column (action) → refused, with or without the key', async () => {
    const records = recordsOf(csv);
    const at = records.findIndex((record) => record.includes(',login_attempt,'));
    const fields = records[at]!.split(',');
    const actionColumn = 6;
    fields[actionColumn] = fields[actionColumn] === 'success' ? 'failure' : 'success';
    records[at] = fields.join(',');
    const edited = records.join(CRLF) + CRLF;
    for (const withKey of [true, false]) {
      expect(await verify(edited, withKey)).toMatchObject({
        valid: false,
        reason: 'derived_column_mismatch',
        firstInvalidSeq: at,
      });
    }
  });

  it('pnpm verify-export --public-key: exit 0 for the file as sent, 1 for an edited manifest', async () => {
    const good = path.join(dir, 'good.csv');
    await writeFile(good, csv);
    const cli = ['tsx', 'server/src/cli/verify-export.ts', '--public-key', publicKeyFile];
    const ok = await run('npx', [...cli, good], { cwd: REPO_ROOT });
    expect(ok.stdout).toMatch(/^OK: /);
    const bad = path.join(dir, 'bad.csv');
    await writeFile(
      bad,
      withManifest(csv, { ...manifestOf(csv), filters: { event_types: ['login_attempt'] } }),
    );
    const failed = await run('npx', [...cli, bad], { cwd: REPO_ROOT }).catch((error) => error);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/^INVALID: The manifest cannot be trusted/);
    expect(await readFile(good, 'utf8')).toBe(csv);
  });
});
