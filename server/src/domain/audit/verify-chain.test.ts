import { describe, expect, it } from 'vitest';
import { buildChain, resealFrom, streamOf } from '../../../test-support/audit-chain.js';
import { chainHash, GENESIS_HASH, headOf, sealAuditEntry } from './chain.js';
import { contentHash, type StoredAuditEntry } from './entry.js';
import { AuditChainVerifier, verifyChain } from './verify-chain.js';

const chain = buildChain(1000, 7);
const at = (seq: number): StoredAuditEntry => chain[seq - 1]!;

/** A copy of `chain` with entry `seq` replaced. */
function withEntry(seq: number, change: (entry: StoredAuditEntry) => StoredAuditEntry): StoredAuditEntry[] {
  return chain.map((entry) => (entry.seq === seq ? change(entry) : entry));
}

function forgedAfter(seq: number): StoredAuditEntry {
  return sealAuditEntry(
    {
      ...at(seq),
      logId: 'log_forged',
      eventType: 'operator_action',
      eventData: {
        action: 'approved',
        justification: null,
        review_time_seconds: 3,
        original_status: 'pending',
        new_status: 'approved',
      },
    },
    headOf(at(seq)),
  );
}

describe('buildChain', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(buildChain(50, 7)).toEqual(chain.slice(0, 50));
    expect(buildChain(50, 8).at(-1)!.hash).not.toBe(at(50).hash);
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain of 1,000 entries and reports its head', async () => {
    expect(await verifyChain(chain)).toEqual({
      valid: true,
      checked: 1000,
      firstInvalidSeq: null,
      reason: null,
      message: null,
      headSeq: 1000,
      headHash: at(1000).hash,
    });
  });

  it('accepts an empty chain, whose head is the genesis', async () => {
    expect(await verifyChain([])).toMatchObject({
      valid: true,
      checked: 0,
      headSeq: 0,
      headHash: GENESIS_HASH,
    });
  });

  it('names entry 500 when one of its fields was modified', async () => {
    const tampered = withEntry(500, (entry) => ({ ...entry, userId: 'user_999' }));
    const result = await verifyChain(tampered);
    expect(result).toMatchObject({
      valid: false,
      checked: 500,
      firstInvalidSeq: 500,
      reason: 'content_modified',
      headSeq: 499,
      headHash: at(499).hash,
    });
    expect(result.message).toBe(
      `Entry 500: content does not match its content_hash (recomputed ${contentHash({ ...at(500), userId: 'user_999' })}, stored ${at(500).contentHash})`,
    );
  });

  it('names entry 500 when a value deep inside its event data was modified', async () => {
    const tampered = withEntry(500, (entry) => ({ ...entry, eventData: { ...entry.eventData, extra: 1 } }));
    expect(await verifyChain(tampered)).toMatchObject({ firstInvalidSeq: 500, reason: 'content_modified' });
  });

  it('names entry 500 as modified when its content can no longer even be hashed', async () => {
    const tampered = withEntry(500, (entry) => ({ ...entry, occurredAt: 'yesterday' }));
    expect(await verifyChain(tampered)).toMatchObject({ firstInvalidSeq: 500, reason: 'content_modified' });
  });

  it('names entry 501 when entry 500 was modified and re-hashed in place, since 501 no longer links', async () => {
    const tampered = withEntry(500, (entry) =>
      sealAuditEntry({ ...entry, userId: 'user_999' }, headOf(at(499))),
    );
    expect(await verifyChain(tampered)).toMatchObject({
      firstInvalidSeq: 501,
      reason: 'broken_link',
      headSeq: 500,
    });
  });

  it('names seq 500 as missing when entry 500 was deleted', async () => {
    const result = await verifyChain(chain.filter((entry) => entry.seq !== 500));
    expect(result).toMatchObject({
      valid: false,
      firstInvalidSeq: 500,
      reason: 'sequence_gap',
      headSeq: 499,
      message: 'Entry 500 is missing: the next entry has seq 501 (1 missing)',
    });
  });

  it('names the first of several deleted entries', async () => {
    const result = await verifyChain(chain.filter((entry) => entry.seq < 500 || entry.seq > 502));
    expect(result).toMatchObject({ firstInvalidSeq: 500, reason: 'sequence_gap' });
    expect(result.message).toBe('Entry 500 is missing: the next entry has seq 503 (3 missing)');
  });

  it('names seq 1 when the first entry was deleted', async () => {
    expect(await verifyChain(chain.slice(1))).toMatchObject({
      firstInvalidSeq: 1,
      reason: 'sequence_gap',
      headSeq: 0,
    });
  });

  it('names seq 500 as duplicated when a forged entry 500, correctly hashed, was inserted before it', async () => {
    const tampered = [...chain.slice(0, 499), forgedAfter(499), ...chain.slice(499)];
    expect(tampered[499]!.seq).toBe(500);
    expect(await verifyChain(tampered)).toMatchObject({
      valid: false,
      checked: 501,
      firstInvalidSeq: 500,
      reason: 'duplicate_sequence',
      headSeq: 500,
    });
  });

  it('names seq 501 when a forged entry 500 was inserted and the rest renumbered without re-hashing', async () => {
    const renumbered = chain.slice(499).map((entry) => ({ ...entry, seq: entry.seq + 1 }));
    const tampered = [...chain.slice(0, 499), forgedAfter(499), ...renumbered];
    const result = await verifyChain(tampered);
    expect(result).toMatchObject({ firstInvalidSeq: 501, reason: 'broken_link', headSeq: 500 });
    expect(result.message).toContain('entry 500 or 501 was changed, or an entry was put between them');
  });

  it('names seq 500 when entries 500 and 501 come in swapped order', async () => {
    const swapped = [...chain.slice(0, 499), at(501), at(500), ...chain.slice(501)];
    expect(await verifyChain(swapped)).toMatchObject({
      valid: false,
      checked: 501,
      firstInvalidSeq: 500,
      reason: 'sequence_out_of_order',
      headSeq: 499,
      message: 'Entries are out of order from seq 500: entry 501 comes before entry 500',
    });
  });

  it('names seq 500 when entries 500 and 501 swapped their seq numbers (the order a database returns)', async () => {
    const swapped = [
      ...chain.slice(0, 499),
      { ...at(501), seq: 500 },
      { ...at(500), seq: 501 },
      ...chain.slice(501),
    ];
    expect(await verifyChain(swapped)).toMatchObject({ firstInvalidSeq: 500, reason: 'broken_link' });
  });

  it('names entry 500 when its prev_hash was changed', async () => {
    const tampered = withEntry(500, (entry) => ({ ...entry, prevHash: at(498).hash }));
    expect(await verifyChain(tampered)).toMatchObject({
      firstInvalidSeq: 500,
      reason: 'broken_link',
      headSeq: 499,
    });
  });

  it('names entry 500 when its prev_hash was changed and its hash recomputed to match', async () => {
    const tampered = withEntry(500, (entry) => ({
      ...entry,
      prevHash: at(498).hash,
      hash: chainHash(at(498).hash, 500, entry.contentHash),
    }));
    expect(await verifyChain(tampered)).toMatchObject({ firstInvalidSeq: 500, reason: 'broken_link' });
  });

  it('names entry 500 when its stored hash was changed', async () => {
    const tampered = withEntry(500, (entry) => ({ ...entry, hash: 'f'.repeat(64) }));
    expect(await verifyChain(tampered)).toMatchObject({
      firstInvalidSeq: 500,
      reason: 'hash_mismatch',
      headSeq: 499,
    });
  });

  it('names entry 500 when its content and content hash were changed together but not its hash', async () => {
    const tampered = withEntry(500, (entry) => {
      const changed = { ...entry, userId: 'user_999' };
      return { ...changed, contentHash: contentHash(changed) };
    });
    expect(await verifyChain(tampered)).toMatchObject({ firstInvalidSeq: 500, reason: 'hash_mismatch' });
  });

  it('names entry 1 and entry 1000, the two ends, when they are modified', async () => {
    const first = withEntry(1, (entry) => ({ ...entry, logId: 'other' }));
    const last = withEntry(1000, (entry) => ({ ...entry, logId: 'other' }));
    expect(await verifyChain(first)).toMatchObject({
      firstInvalidSeq: 1,
      reason: 'content_modified',
      headSeq: 0,
    });
    expect(await verifyChain(last)).toMatchObject({
      firstInvalidSeq: 1000,
      reason: 'content_modified',
      headSeq: 999,
    });
  });

  it('reports malformed chain fields rather than throwing', async () => {
    const textSeq = withEntry(500, (entry) => ({ ...entry, seq: '500' as unknown as number }));
    const upperHash = withEntry(500, (entry) => ({ ...entry, hash: entry.hash.toUpperCase() }));
    expect(await verifyChain(textSeq)).toMatchObject({
      firstInvalidSeq: 500,
      reason: 'malformed_entry',
      message: 'seq must be a safe integer >= 1, got "500"',
    });
    expect(await verifyChain(upperHash)).toMatchObject({
      firstInvalidSeq: 500,
      reason: 'malformed_entry',
      message: 'Entry 500: hash is not 64 lowercase hex characters',
    });
  });

  describe('limits, and the checkpoints that cover them', () => {
    it('cannot see the last entry deleted without a checkpoint', async () => {
      expect(await verifyChain(chain.slice(0, 999))).toMatchObject({ valid: true, headSeq: 999 });
    });

    it('reports the cut-off tail when a checkpoint recorded a later head', async () => {
      const result = await verifyChain(chain.slice(0, 997), { checkpoints: [headOf(at(1000))] });
      expect(result).toMatchObject({ valid: false, firstInvalidSeq: 998, reason: 'truncated', headSeq: 997 });
      expect(result.message).toBe(
        'The chain ends at seq 997 but a checkpoint recorded seq 1000: entries from seq 998 on were removed',
      );
    });

    it('cannot see a chain re-hashed from entry 500 on without a checkpoint', async () => {
      const rewritten = resealFrom(
        withEntry(500, (entry) => ({ ...entry, userId: 'user_999' })),
        499,
      );
      expect(await verifyChain(rewritten)).toMatchObject({ valid: true, headSeq: 1000 });
    });

    it('names the checkpoint seq when the chain was re-hashed before it', async () => {
      const rewritten = resealFrom(
        withEntry(500, (entry) => ({ ...entry, userId: 'user_999' })),
        499,
      );
      const checkpoints = [headOf(at(100)), headOf(at(600)), headOf(at(900))];
      expect(await verifyChain(rewritten, { checkpoints })).toMatchObject({
        valid: false,
        firstInvalidSeq: 600,
        reason: 'checkpoint_mismatch',
        headSeq: 599,
      });
    });

    it('passes when every checkpoint matches', async () => {
      const checkpoints = [headOf(at(1000)), headOf(at(1)), headOf(at(1))];
      expect(await verifyChain(chain, { checkpoints })).toMatchObject({ valid: true, headSeq: 1000 });
    });
  });

  describe('starting after an archived or purged range', () => {
    const suffix = chain.slice(500);

    it('accepts the rest of the chain from the anchor of entry 500', async () => {
      expect(
        await verifyChain(suffix, { expectedPrevHash: at(500).hash, expectedFirstSeq: 501 }),
      ).toMatchObject({ valid: true, checked: 500, headSeq: 1000 });
    });

    it('names entry 501 when the anchor does not match', async () => {
      const result = await verifyChain(suffix, { expectedPrevHash: at(499).hash, expectedFirstSeq: 501 });
      expect(result).toMatchObject({ firstInvalidSeq: 501, reason: 'broken_link', headSeq: 500 });
    });

    it('names seq 501 as missing when the rest starts later, and refuses entries before the anchor', async () => {
      const anchor = { expectedPrevHash: at(500).hash, expectedFirstSeq: 501 };
      expect(await verifyChain(chain.slice(501), anchor)).toMatchObject({
        firstInvalidSeq: 501,
        reason: 'sequence_gap',
      });
      expect(await verifyChain(chain.slice(499), anchor)).toMatchObject({
        firstInvalidSeq: 500,
        reason: 'sequence_out_of_order',
        message: 'Entry 500 comes before the first expected seq 501',
      });
    });

    it('refuses inconsistent anchors', async () => {
      await expect(verifyChain(suffix, { expectedFirstSeq: 501 })).rejects.toThrow(
        'verifyChain: starting at seq 501 needs expectedPrevHash (the hash of entry 500)',
      );
      await expect(verifyChain(suffix, { expectedPrevHash: at(500).hash })).rejects.toThrow(
        'verifyChain: the genesis hash is the anchor of seq 1 and of nothing else',
      );
      await expect(
        verifyChain(suffix, { expectedPrevHash: GENESIS_HASH, expectedFirstSeq: 501 }),
      ).rejects.toThrow('verifyChain: the genesis hash is the anchor of seq 1 and of nothing else');
      await expect(verifyChain(chain, { checkpoints: [{ seq: 0, hash: GENESIS_HASH }] })).rejects.toThrow(
        RangeError,
      );
    });
  });

  describe('streaming', () => {
    it('verifies an async iterable the same way', async () => {
      expect(await verifyChain(streamOf(chain))).toMatchObject({
        valid: true,
        checked: 1000,
        headHash: at(1000).hash,
      });
      const swapped = [...chain.slice(0, 499), at(501), at(500), ...chain.slice(501)];
      expect(await verifyChain(streamOf(swapped))).toMatchObject({
        firstInvalidSeq: 500,
        reason: 'sequence_out_of_order',
      });
      const deleted = chain.filter((entry) => entry.seq !== 1000);
      expect(await verifyChain(streamOf(deleted), { checkpoints: [headOf(at(1000))] })).toMatchObject({
        firstInvalidSeq: 1000,
        reason: 'truncated',
      });
    });

    it('stops reading at the first failure and closes the source', async () => {
      let pulled = 0;
      let closed = false;
      const tampered = withEntry(500, (entry) => ({ ...entry, hash: 'f'.repeat(64) }));
      async function* source() {
        try {
          for (const entry of tampered) {
            pulled++;
            yield entry;
          }
        } finally {
          closed = true;
        }
      }
      expect(await verifyChain(source())).toMatchObject({ firstInvalidSeq: 500 });
      expect(pulled).toBe(500);
      expect(closed).toBe(true);
    });

    it('decides a skipped seq at the end of input as a gap', () => {
      const verifier = new AuditChainVerifier();
      expect(verifier.push(at(1))).toBe(true);
      expect(verifier.push(at(3))).toBe(true);
      expect(verifier.finish()).toMatchObject({
        valid: false,
        checked: 2,
        firstInvalidSeq: 2,
        reason: 'sequence_gap',
      });
      expect(verifier.push(at(2))).toBe(false);
    });
  });
});
