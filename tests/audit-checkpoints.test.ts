import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { verifyCheckpointFile } from '@spendsense/server/cli/verify-checkpoints';
import type { Database } from '@spendsense/server/db/client';
import { signingKeyFromPem } from '@spendsense/server/domain/audit/index';
import type { AuditEntry } from '@spendsense/server/generated/prisma/client';
import {
  type AuditCheckpointing,
  Checkpointer,
  FileCheckpointLog,
  writeCheckpoint,
} from '@spendsense/server/services/audit/checkpoints';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import { appendAuditFixtures, createAuditFixtureWorld } from './support/audit-fixtures.js';
import {
  asDatabaseOwner,
  keepPristineChain,
  rehashedSuffix,
  restoreChain,
  sqlText,
} from './support/audit-tampering.js';
import { openTestDatabase } from './support/database.js';

const INTEGRITY = /* GraphQL */ `
  { auditIntegrity { valid checked firstInvalidSeq reason message headSeq } }
`;

const newKeyPem = () =>
  generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

let db: Database;
let dir: string;
let checkpointing: AuditCheckpointing;
let checkpointFile: string;
let withCheckpoints: ReturnType<typeof createTestApp>;
/** The same server without a checkpoint log: what auditIntegrity could see before checkpoints existed. */
let withoutCheckpoints: ReturnType<typeof createTestApp>;
let token: string;
let original: AuditEntry[];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'ss-checkpoints-'));
  checkpointFile = path.join(dir, 'audit-checkpoints.jsonl');
  checkpointing = {
    key: signingKeyFromPem(newKeyPem()),
    log: new FileCheckpointLog(checkpointFile),
    everyEntries: 0,
    everySeconds: 0,
  };
  db = await openTestDatabase();
  withCheckpoints = createTestApp(db, { checkpointing });
  withoutCheckpoints = createTestApp(db);
  token = await withCheckpoints.tokenFor('COMPLIANCE');
  const world = await createAuditFixtureWorld(withCheckpoints.services);
  await appendAuditFixtures(withCheckpoints.services, world, { count: 60 });
  const checkpoint = await writeCheckpoint(withCheckpoints.services);
  expect(checkpoint).not.toBeNull();
  original = await keepPristineChain(db);
});

afterEach(() => restoreChain(db));

afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function integrity(app: ReturnType<typeof createTestApp>) {
  const result = await app.graphql<{ auditIntegrity: Record<string, unknown> }>(INTEGRITY, {}, { token });
  expect(result.errors).toBeUndefined();
  return result.data!.auditIntegrity;
}

const checkpointSeq = () =>
  original.findLast((e) => e.eventType === 'audit_checkpoint')!.eventData as {
    seq: number;
  };

describe('signed checkpoints', () => {
  it('are written outside the database and published as an audit_checkpoint entry', async () => {
    const lines = readFileSync(checkpointFile, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    const checkpoint = JSON.parse(lines[0]!);
    const published = original.at(-1)!;
    expect(published.eventType).toBe('audit_checkpoint');
    expect(published.eventData).toEqual(checkpoint);
    expect(checkpoint.seq).toBe(original.length - 1);
    expect(checkpoint.head_hash).toBe(original.at(-2)!.hash);
    expect(checkpoint.signature).toMatchObject({ algorithm: 'Ed25519', key_id: checkpointing.key.keyId });
    expect(await integrity(withCheckpoints)).toMatchObject({ valid: true, checked: original.length });
  });

  it('nothing new since the last checkpoint but its own entry: no new checkpoint', async () => {
    expect(await writeCheckpoint(withCheckpoints.services)).toBeNull();
  });

  it('the tail cut off and the head moved back → TRUNCATED (unseen without the checkpoint)', async () => {
    const keep = checkpointSeq().seq - 3;
    await asDatabaseOwner(
      db,
      `DELETE FROM audit_log WHERE seq > ${keep};
      UPDATE audit_chain_head SET seq = ${keep}, hash = ${sqlText(original[keep - 1]!.hash)};`,
    );
    expect(await integrity(withoutCheckpoints)).toMatchObject({ valid: true, headSeq: String(keep) });
    expect(await integrity(withCheckpoints)).toMatchObject({
      valid: false,
      reason: 'TRUNCATED',
      firstInvalidSeq: String(keep + 1),
    });
  });

  it('a suffix re-hashed with one entry changed, head included → CHECKPOINT_MISMATCH (unseen without it)', async () => {
    const from = checkpointSeq().seq - 4;
    const rewrite = rehashedSuffix(original, from, (entry) => ({ ...entry, userAgent: 'forged' }));
    await asDatabaseOwner(
      db,
      `${rewrite.sql} UPDATE audit_chain_head SET hash = ${sqlText(rewrite.headHash)};`,
    );
    expect(await integrity(withoutCheckpoints)).toMatchObject({ valid: true });
    expect(await integrity(withCheckpoints)).toMatchObject({
      valid: false,
      reason: 'CHECKPOINT_MISMATCH',
      firstInvalidSeq: String(checkpointSeq().seq),
    });
  });

  it('verify offline with the public key alone; an edited checkpoint fails there and in auditIntegrity', async () => {
    const publicPem = checkpointing.key.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const publicKeyFile = path.join(dir, 'audit.pub');
    writeFileSync(publicKeyFile, publicPem);
    expect(await verifyCheckpointFile(checkpointFile, publicKeyFile)).toMatchObject({
      valid: true,
      count: 1,
      latest: { seq: checkpointSeq().seq },
    });
    const pristine = readFileSync(checkpointFile, 'utf8');
    try {
      writeFileSync(
        checkpointFile,
        pristine.replace(/"seq":(\d+)/, (_m, n) => `"seq":${Number(n) - 1}`),
      );
      expect(await verifyCheckpointFile(checkpointFile, publicKeyFile)).toMatchObject({ valid: false });
      expect(await integrity(withCheckpoints)).toMatchObject({ valid: false, reason: 'CHECKPOINT_MISMATCH' });
      // Signed by another key (someone who can write the log but does not hold the signing key).
      const other = signingKeyFromPem(newKeyPem());
      const { signCheckpoint } = await import('@spendsense/server/domain/audit/index');
      writeFileSync(
        checkpointFile,
        `${pristine}${JSON.stringify(signCheckpoint({ seq: 1, hash: original[0]!.hash }, '2026-01-01T00:00:00.000Z', other))}\n`,
      );
      expect(await verifyCheckpointFile(checkpointFile, publicKeyFile)).toMatchObject({ valid: false });
    } finally {
      writeFileSync(checkpointFile, pristine);
    }
  });

  it('are written every N entries by the checkpointer', async () => {
    const file = path.join(dir, 'every-10.jsonl');
    const ctx = {
      ...withCheckpoints.services,
      checkpointing: { ...checkpointing, log: new FileCheckpointLog(file), everyEntries: 10 },
    };
    const errors: unknown[] = [];
    const checkpointer = new Checkpointer(ctx, (error) => errors.push(error));
    ctx.checkpointer = checkpointer;
    const world = await createAuditFixtureWorld(ctx, 'cp');
    await appendAuditFixtures(ctx, world, { count: 25, batchSize: 5 });
    await checkpointer.checkpoint();
    checkpointer.stop();
    expect(errors).toEqual([]);
    expect(readFileSync(file, 'utf8').trim().split('\n').length).toBeGreaterThanOrEqual(2);
  });
});
