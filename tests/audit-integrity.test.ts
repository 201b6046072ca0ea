import type { Database } from '@spendsense/server/db/client';
import { chainHash, contentHash, type StoredAuditEntry } from '@spendsense/server/domain/audit/index';
import type { AuditEntry } from '@spendsense/server/generated/prisma/client';
import { runAudited } from '@spendsense/server/services/audit/record-audit';
import { verifyAuditIntegrity } from '@spendsense/server/services/audit/verify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import { appendAuditFixtures, createAuditFixtureWorld } from './support/audit-fixtures.js';
import {
  asDatabaseOwner,
  keepPristineChain,
  rehashedSuffix,
  restoreChain,
  sqlText,
  storedEntryOf,
} from './support/audit-tampering.js';
import { openTestDatabase } from './support/database.js';

const INTEGRITY = /* GraphQL */ `
  query Integrity($fromSeq: String, $toSeq: String) {
    auditIntegrity(fromSeq: $fromSeq, toSeq: $toSeq) {
      valid checked firstInvalidSeq reason message headSeq headHash lastVerifiedSeq lastVerifiedHash
    }
  }
`;

interface Report {
  valid: boolean;
  checked: number;
  firstInvalidSeq: string | null;
  reason: string | null;
  message: string | null;
  headSeq: string;
  headHash: string;
  lastVerifiedSeq: string | null;
  lastVerifiedHash: string | null;
}

let db: Database;
let app: ReturnType<typeof createTestApp>;
let token: string;
/** The untampered chain's length and rows, restored after every test. */
let length: number;
let original: AuditEntry[];
const k = 20;

beforeAll(async () => {
  db = await openTestDatabase();
  app = createTestApp(db);
  token = await app.tokenFor('COMPLIANCE');
  const world = await createAuditFixtureWorld(app.services);
  await appendAuditFixtures(app.services, world, { count: 60 });
  original = await keepPristineChain(db);
  length = original.length;
});

afterEach(() => restoreChain(db));

afterAll(async () => {
  await db.close();
});

/** Removes the oldest entries behind the database's back, leaving the audit_archived receipt to the test. */
async function deleteAsRetention(throughSeq: number) {
  await asDatabaseOwner(db, `DELETE FROM audit_log WHERE seq <= ${throughSeq};`);
}

async function integrity(variables: Record<string, unknown> = {}): Promise<Report> {
  const result = await app.graphql<{ auditIntegrity: Report }>(INTEGRITY, variables, { token });
  expect(result.errors).toBeUndefined();
  return result.data!.auditIntegrity;
}

const row = (seq: number) => original[seq - 1]!;

const forgedData = { status: 'success', username: 'mallory', failure_reason: null };

describe('auditIntegrity on an untouched chain', () => {
  it('is valid, reports every entry checked and the head as audit_chain_head records it', async () => {
    const head = await db.prisma.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
    expect(Number(head.seq)).toBe(length);
    expect(await integrity()).toEqual({
      valid: true,
      checked: length,
      firstInvalidSeq: null,
      reason: null,
      message: null,
      headSeq: String(length),
      headHash: row(length).hash,
      lastVerifiedSeq: String(length),
      lastVerifiedHash: row(length).hash,
    });
  });

  it('verifies a range, linking its first entry to the stored entry before it', async () => {
    expect(await integrity({ fromSeq: String(k), toSeq: String(k + 9) })).toMatchObject({
      valid: true,
      checked: 10,
      lastVerifiedSeq: String(k + 9),
      lastVerifiedHash: row(k + 9).hash,
      headSeq: String(length),
    });
    expect(await integrity({ fromSeq: '1', toSeq: '1' })).toMatchObject({ valid: true, checked: 1 });
    expect(await integrity({ toSeq: String(length + 50) })).toMatchObject({ valid: true, checked: length });
  });

  it('gives the same verdict whatever the batch size', async () => {
    for (const batchSize of [1, 7, length - 1, length, 5_000]) {
      const report = await verifyAuditIntegrity(app.services, {}, { batchSize });
      expect(report).toMatchObject({ valid: true, checked: length, lastVerifiedSeq: length });
    }
    await asDatabaseOwner(db, `UPDATE audit_log SET user_agent = 'x' WHERE seq = ${k};`);
    for (const batchSize of [1, 7, k - 1, k, 5_000]) {
      const report = await verifyAuditIntegrity(app.services, {}, { batchSize });
      expect(report).toMatchObject({
        valid: false,
        checked: k,
        firstInvalidSeq: k,
        reason: 'content_modified',
      });
    }
  });

  it.each([
    [{ fromSeq: '5', toSeq: '4' }, /fromSeq must not be after toSeq/],
    [{ fromSeq: 'abc' }, /fromSeq must be a sequence number/],
    [{ toSeq: '0' }, /toSeq must be a sequence number/],
    [{ fromSeq: '-3' }, /fromSeq must be a sequence number/],
    [{ fromSeq: '99999999999999999999' }, /fromSeq must be a sequence number/],
  ])('refuses %j as BAD_USER_INPUT', async (variables, message) => {
    const result = await app.graphql(INTEGRITY, variables, { token });
    expect(result.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(message);
  });

  it('refuses a fromSeq past the head', async () => {
    const result = await app.graphql(INTEGRITY, { fromSeq: String(length + 1) }, { token });
    expect(result.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });
});

describe('auditIntegrity reports when it ran', () => {
  it('verifiedAt is the instant the verification finished', async () => {
    const before = Date.now();
    const result = await app.graphql<{ auditIntegrity: { verifiedAt: string } }>(
      '{ auditIntegrity { verifiedAt } }',
      {},
      { token },
    );
    const verifiedAt = Date.parse(result.data!.auditIntegrity.verifiedAt);
    expect(verifiedAt).toBeGreaterThanOrEqual(before);
    expect(verifiedAt).toBeLessThanOrEqual(Date.now());
  });
});

describe('auditIntegrity after tampering as the database owner', () => {
  it('a modified event_data → CONTENT_MODIFIED at k', async () => {
    await asDatabaseOwner(
      db,
      `UPDATE audit_log SET event_data = event_data || '{"tampered": true}'::jsonb WHERE seq = ${k};`,
    );
    expect(await integrity()).toMatchObject({
      valid: false,
      checked: k,
      firstInvalidSeq: String(k),
      reason: 'CONTENT_MODIFIED',
      lastVerifiedSeq: String(k - 1),
      lastVerifiedHash: row(k - 1).hash,
      headSeq: String(length),
    });
    // The entries after k still link to k's stored hash, so a range starting after k verifies.
    expect(await integrity({ fromSeq: String(k + 1) })).toMatchObject({ valid: true, checked: length - k });
    expect(await integrity({ fromSeq: String(k) })).toMatchObject({ firstInvalidSeq: String(k) });
  });

  it('a modified entry with its content hash recomputed → HASH_MISMATCH at k', async () => {
    const forged = { ...storedEntryOf(row(k)), ipAddress: '203.0.113.66' };
    await asDatabaseOwner(
      db,
      `UPDATE audit_log SET ip_address = '203.0.113.66', content_hash = ${sqlText(contentHash(forged))} WHERE seq = ${k};`,
    );
    expect(await integrity()).toMatchObject({
      valid: false,
      firstInvalidSeq: String(k),
      reason: 'HASH_MISMATCH',
    });
  });

  it('a modified entry with all its own hashes recomputed → BROKEN_LINK at k + 1 (k or k + 1 was changed)', async () => {
    const forged = { ...storedEntryOf(row(k)), ipAddress: '203.0.113.66' };
    const newContentHash = contentHash(forged);
    const newHash = chainHash(forged.prevHash, k, newContentHash);
    await asDatabaseOwner(
      db,
      `UPDATE audit_log SET ip_address = '203.0.113.66',
      content_hash = ${sqlText(newContentHash)}, hash = ${sqlText(newHash)} WHERE seq = ${k};`,
    );
    expect(await integrity()).toMatchObject({
      valid: false,
      firstInvalidSeq: String(k + 1),
      reason: 'BROKEN_LINK',
    });
  });

  it('a deleted entry → SEQUENCE_GAP at k, also for a range starting right after it', async () => {
    await asDatabaseOwner(db, `DELETE FROM audit_log WHERE seq = ${k};`);
    expect(await integrity()).toMatchObject({
      valid: false,
      firstInvalidSeq: String(k),
      reason: 'SEQUENCE_GAP',
      lastVerifiedSeq: String(k - 1),
    });
    expect(await integrity({ fromSeq: String(k + 1) })).toMatchObject({
      valid: false,
      checked: 0,
      firstInvalidSeq: String(k),
      reason: 'SEQUENCE_GAP',
      lastVerifiedSeq: null,
    });
  });

  it('a deleted first entry → SEQUENCE_GAP at 1', async () => {
    await asDatabaseOwner(db, 'DELETE FROM audit_log WHERE seq = 1;');
    expect(await integrity()).toMatchObject({ valid: false, firstInvalidSeq: '1', reason: 'SEQUENCE_GAP' });
  });

  it('entries cut off the end → HEAD_MISMATCH at the first removed seq', async () => {
    await asDatabaseOwner(db, `DELETE FROM audit_log WHERE seq > ${length - 3};`);
    expect(await integrity()).toMatchObject({
      valid: false,
      checked: length - 3,
      firstInvalidSeq: String(length - 2),
      reason: 'HEAD_MISMATCH',
      headSeq: String(length),
      lastVerifiedSeq: String(length - 3),
    });
  });

  it('entries cut off the end of a range that stops before the head → SEQUENCE_GAP', async () => {
    await asDatabaseOwner(db, `DELETE FROM audit_log WHERE seq > ${k};`);
    expect(await integrity({ toSeq: String(k + 5) })).toMatchObject({
      valid: false,
      firstInvalidSeq: String(k + 1),
      reason: 'SEQUENCE_GAP',
    });
  });

  it('a forged entry replacing k, with a recomputed content hash → HASH_MISMATCH at k', async () => {
    const forged = {
      ...storedEntryOf(row(k)),
      logId: '00000000-0000-4000-8000-000000000001',
      eventData: forgedData,
    };
    await asDatabaseOwner(
      db,
      `DELETE FROM audit_log WHERE seq = ${k};
      ${insertForged(k, forged, { contentHash: contentHash(forged) })}`,
    );
    expect(await integrity()).toMatchObject({
      valid: false,
      firstInvalidSeq: String(k),
      reason: 'HASH_MISMATCH',
    });
  });

  it('a forged entry inserted at k, later entries renumbered, all hashes of the forgery recomputed → BROKEN_LINK at k + 1, the first renumbered entry', async () => {
    const forged = {
      ...storedEntryOf(row(k)),
      logId: '00000000-0000-4000-8000-000000000002',
      eventData: forgedData,
    };
    const forgedContentHash = contentHash(forged);
    const forgedHash = chainHash(row(k - 1).hash, k, forgedContentHash);
    await asDatabaseOwner(
      db,
      `
      UPDATE audit_log SET seq = -seq WHERE seq >= ${k};
      UPDATE audit_log SET seq = 1 - seq WHERE seq < 0;
      ${insertForged(k, forged, { contentHash: forgedContentHash, hash: forgedHash })}
      UPDATE audit_chain_head SET seq = seq + 1;`,
    );
    expect(await db.prisma.auditEntry.count()).toBe(length + 1);
    expect(await integrity()).toMatchObject({
      valid: false,
      firstInvalidSeq: String(k + 1),
      reason: 'BROKEN_LINK',
    });
  });

  it('entries k and k + 1 swapped (content and hashes) → BROKEN_LINK at k', async () => {
    await swap(k, k + 1, [...CONTENT_COLUMNS, ...HASH_COLUMNS]);
    expect(await integrity()).toMatchObject({
      valid: false,
      firstInvalidSeq: String(k),
      reason: 'BROKEN_LINK',
    });
  });

  it('entries k and k + 1 swapped (content only) → CONTENT_MODIFIED at k', async () => {
    await swap(k, k + 1, CONTENT_COLUMNS);
    expect(await integrity()).toMatchObject({
      valid: false,
      firstInvalidSeq: String(k),
      reason: 'CONTENT_MODIFIED',
    });
  });

  it('an entry added past the head without audit_append → HEAD_MISMATCH at that seq', async () => {
    const last = storedEntryOf(row(length));
    const forged = { ...last, logId: '00000000-0000-4000-8000-000000000003', eventData: forgedData };
    const forgedContentHash = contentHash(forged);
    await asDatabaseOwner(
      db,
      insertForged(length, forged, {
        seq: length + 1,
        contentHash: forgedContentHash,
        prevHash: last.hash,
        hash: chainHash(last.hash, length + 1, forgedContentHash),
      }),
    );
    expect(await integrity()).toMatchObject({
      valid: false,
      firstInvalidSeq: String(length + 1),
      reason: 'HEAD_MISMATCH',
    });
  });

  it('a chain rewritten consistently from k to its end → HEAD_MISMATCH at the head; only an outside record catches it once the head is rewritten too', async () => {
    const rewrite = rehashedSuffix(original, k, (entry) => ({
      ...entry,
      eventData: { ...entry.eventData, rewritten: true },
    }));
    await asDatabaseOwner(db, rewrite.sql);
    expect(await integrity()).toMatchObject({
      valid: false,
      checked: length,
      firstInvalidSeq: String(length),
      reason: 'HEAD_MISMATCH',
      headHash: row(length).hash,
    });
    await asDatabaseOwner(db, `UPDATE audit_chain_head SET hash = ${sqlText(rewrite.headHash)};`);
    const rewritten = await integrity();
    expect(rewritten).toMatchObject({ valid: true, headHash: rewrite.headHash });
    // The head published before the rewrite no longer matches: that outside record is the evidence.
    expect(rewritten.headHash).not.toBe(row(length).hash);
  });
});

/** INSERT of pristine entry `copyOf` with the forged log id and event data, and the given seq and hashes. */
function insertForged(
  copyOf: number,
  forged: StoredAuditEntry,
  set: { seq?: number; contentHash: string; prevHash?: string; hash?: string },
): string {
  return `INSERT INTO audit_log (seq, log_id, event_type, user_id, operator_id, recommendation_id, occurred_at,
      event_data, ip_address, user_agent, content_hash, prev_hash, hash)
    SELECT ${set.seq ?? copyOf}, ${sqlText(forged.logId)}, event_type, user_id, operator_id, recommendation_id, occurred_at,
      ${sqlText(JSON.stringify(forged.eventData))}::jsonb, ip_address, user_agent, ${sqlText(set.contentHash)},
      ${set.prevHash ? sqlText(set.prevHash) : 'prev_hash'}, ${set.hash ? sqlText(set.hash) : 'hash'}
    FROM audit_log_pristine WHERE seq = ${copyOf};`;
}

const CONTENT_COLUMNS = [
  'log_id',
  'event_type',
  'user_id',
  'operator_id',
  'recommendation_id',
  'occurred_at',
  'event_data',
  'ip_address',
  'user_agent',
];
const HASH_COLUMNS = ['content_hash', 'prev_hash', 'hash'];

/** Rewrites rows a and b, each taking `moved` columns from the other and keeping the rest. */
async function swap(a: number, b: number, moved: string[]) {
  const columns = [...CONTENT_COLUMNS, ...HASH_COLUMNS];
  const values = columns.map((column) => (moved.includes(column) ? `other.${column}` : `own.${column}`));
  // Deleted and re-inserted, because log_id is unique and an UPDATE checks that row by row.
  await asDatabaseOwner(
    db,
    `DELETE FROM audit_log WHERE seq IN (${a}, ${b});
    INSERT INTO audit_log (seq, ${columns.join(', ')})
    SELECT own.seq, ${values.join(', ')}
    FROM audit_log_pristine own JOIN audit_log_pristine other ON other.seq = ${a} + ${b} - own.seq
    WHERE own.seq IN (${a}, ${b});`,
  );
}

describe('archived entries', () => {
  it('verification starts from the head hash an audit_archived entry recorded for the removed range', async () => {
    const archivedThrough = 10;
    await deleteAsRetention(archivedThrough);
    expect(await integrity()).toMatchObject({
      valid: false,
      firstInvalidSeq: '1',
      reason: 'SEQUENCE_GAP',
      checked: 0,
    });
    await runAudited(app.services, (_tx, audit) =>
      audit.record({
        eventType: 'audit_archived',
        eventData: {
          range: { first_seq: 1, last_seq: archivedThrough },
          row_count: archivedThrough,
          archive_file: 'audit-000001-000010.parquet',
          archive_sha256: 'c'.repeat(64),
          prev_hash_before_first: '0'.repeat(64),
          head_hash: row(archivedThrough).hash,
        },
      }),
    );
    expect(await integrity()).toMatchObject({
      valid: true,
      checked: length - archivedThrough + 1,
      headSeq: String(length + 1),
      lastVerifiedSeq: String(length + 1),
    });
    expect(
      await integrity({ fromSeq: String(archivedThrough + 1), toSeq: String(archivedThrough + 5) }),
    ).toMatchObject({
      valid: true,
      checked: 5,
    });
  });

  it('a recorded anchor that does not match the first kept entry → BROKEN_LINK there', async () => {
    await deleteAsRetention(10);
    await runAudited(app.services, (_tx, audit) =>
      audit.record({
        eventType: 'audit_archived',
        eventData: {
          range: { first_seq: 1, last_seq: 10 },
          row_count: 10,
          archive_file: 'audit-000001-000010.parquet',
          archive_sha256: 'c'.repeat(64),
          prev_hash_before_first: '0'.repeat(64),
          head_hash: 'd'.repeat(64),
        },
      }),
    );
    expect(await integrity()).toMatchObject({ valid: false, firstInvalidSeq: '11', reason: 'BROKEN_LINK' });
  });
});

describe('append-only enforcement', () => {
  it.each([
    ['UPDATE', `UPDATE audit_log SET user_agent = 'x' WHERE seq = ${k}`],
    ['DELETE', `DELETE FROM audit_log WHERE seq = ${k}`],
    ['TRUNCATE', 'TRUNCATE audit_log'],
  ])('%s on audit_log fails for the application and changes nothing', async (operation, sql) => {
    await expect(db.prisma.$executeRawUnsafe(sql)).rejects.toThrow(
      `audit_log is append-only: ${operation} is not allowed`,
    );
    expect(await db.prisma.auditEntry.count()).toBe(length);
    expect(await integrity()).toMatchObject({ valid: true, checked: length });
  });
});
