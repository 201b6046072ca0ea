import { describe, expect, it } from 'vitest';
import { buildChain, streamOf } from '../../../../test-support/audit-chain.js';
import { chainHash, GENESIS_HASH, headOf, sealAuditEntry } from '../chain.js';
import type { StoredAuditEntry } from '../entry.js';
import {
  type AuditExportManifest,
  AuditExportManifestBuilder,
  exportManifest,
  manifestProblem,
  verifyExportRows,
} from './manifest.js';

const chain = buildChain(200, 11);
const at = (seq: number): StoredAuditEntry => chain[seq - 1]!;
const GENERATED_AT = '2026-11-22T07:02:49.123Z';

function completeExport(rows: StoredAuditEntry[]): AuditExportManifest {
  return exportManifest(rows, { generatedAt: GENERATED_AT, filters: {}, completeRange: true });
}

const operatorActions = chain.filter((entry) => entry.eventType === 'operator_action');
const filteredManifest = exportManifest(operatorActions, {
  generatedAt: GENERATED_AT,
  filters: { event_type: 'operator_action' },
  completeRange: false,
});

describe('exportManifest', () => {
  it('records both ends, the count and the anchors of the rows', () => {
    expect(completeExport(chain.slice(100, 150))).toEqual({
      format_version: 1,
      first_seq: 101,
      last_seq: 150,
      row_count: 50,
      prev_hash_before_first: at(100).hash,
      head_hash: at(150).hash,
      generated_at: GENERATED_AT,
      filters: {},
      complete_range: true,
    });
  });

  it('describes an empty export with nulls', () => {
    expect(completeExport([])).toMatchObject({
      first_seq: null,
      last_seq: null,
      row_count: 0,
      prev_hash_before_first: null,
      head_hash: null,
    });
  });

  it('builds the same manifest row by row while streaming', () => {
    const builder = new AuditExportManifestBuilder({
      generatedAt: GENERATED_AT,
      filters: {},
      completeRange: true,
    });
    for (const row of chain) builder.add(row);
    expect(builder.finish()).toEqual(completeExport(chain));
  });

  it('refuses a generation time in another format', () => {
    expect(
      () =>
        new AuditExportManifestBuilder({
          generatedAt: '2026-11-22T07:02:49Z',
          filters: {},
          completeRange: true,
        }),
    ).toThrow(TypeError);
  });
});

describe('verifyExportRows, complete range', () => {
  it('accepts the whole chain and a range in the middle of it', async () => {
    expect(await verifyExportRows(chain, completeExport(chain))).toEqual({
      valid: true,
      coverage: 'complete_range',
      checked: 200,
      firstInvalidSeq: null,
      reason: null,
      message: null,
    });
    const middle = chain.slice(100, 150);
    expect(await verifyExportRows(streamOf(middle), completeExport(middle))).toMatchObject({
      valid: true,
      checked: 50,
    });
  });

  it('accepts an empty export and refuses a row added to it', async () => {
    expect(await verifyExportRows([], completeExport([]))).toMatchObject({ valid: true, checked: 0 });
    expect(await verifyExportRows([at(1)], completeExport([]))).toMatchObject({
      valid: false,
      firstInvalidSeq: 1,
      reason: 'row_count_mismatch',
    });
  });

  it('names a modified row', async () => {
    const manifest = completeExport(chain);
    const rows = chain.map((row) => (row.seq === 120 ? { ...row, ipAddress: '6.6.6.6' } : row));
    expect(await verifyExportRows(rows, manifest)).toMatchObject({
      valid: false,
      checked: 120,
      firstInvalidSeq: 120,
      reason: 'content_modified',
    });
  });

  it('names a row deleted from the middle', async () => {
    const manifest = completeExport(chain);
    const rows = chain.filter((row) => row.seq !== 120);
    expect(await verifyExportRows(rows, manifest)).toMatchObject({
      firstInvalidSeq: 120,
      reason: 'sequence_gap',
    });
  });

  it('names the first row missing from the end', async () => {
    expect(await verifyExportRows(chain.slice(0, 198), completeExport(chain))).toMatchObject({
      valid: false,
      checked: 198,
      firstInvalidSeq: 199,
      reason: 'row_count_mismatch',
    });
  });

  it('refuses a row appended beyond the manifest', async () => {
    expect(await verifyExportRows(chain, completeExport(chain.slice(0, 150)))).toMatchObject({
      valid: false,
      checked: 151,
      firstInvalidSeq: 151,
      reason: 'row_count_mismatch',
    });
  });

  it('names the first row when the range does not continue from the manifest anchor', async () => {
    const middle = chain.slice(100, 150);
    const manifest = { ...completeExport(middle), prev_hash_before_first: at(99).hash };
    expect(await verifyExportRows(middle, manifest)).toMatchObject({
      firstInvalidSeq: 101,
      reason: 'broken_link',
    });
  });

  it('names the last row when the head hash in the manifest differs', async () => {
    const manifest = { ...completeExport(chain), head_hash: 'f'.repeat(64) };
    expect(await verifyExportRows(chain, manifest)).toMatchObject({
      firstInvalidSeq: 200,
      reason: 'head_hash_mismatch',
    });
  });
});

describe('verifyExportRows, filtered', () => {
  it('accepts the operator actions of the chain', async () => {
    expect(operatorActions.length).toBeGreaterThan(5);
    expect(await verifyExportRows(operatorActions, filteredManifest)).toEqual({
      valid: true,
      coverage: 'filtered',
      checked: operatorActions.length,
      firstInvalidSeq: null,
      reason: null,
      message: null,
    });
    expect(await verifyExportRows(streamOf(operatorActions), filteredManifest)).toMatchObject({
      valid: true,
    });
  });

  it('names a modified row', async () => {
    const target = operatorActions[3]!;
    const rows = operatorActions.map((row) =>
      row === target
        ? { ...row, eventData: { ...row.eventData, justification: 'edited after the fact' } }
        : row,
    );
    expect(await verifyExportRows(rows, filteredManifest)).toMatchObject({
      valid: false,
      firstInvalidSeq: target.seq,
      reason: 'content_modified',
    });
  });

  it('names a row whose hash does not fit its own prev_hash, seq and content hash', async () => {
    const target = operatorActions[3]!;
    const rows = operatorActions.map((row) =>
      row === target ? { ...row, prevHash: GENESIS_HASH.replace(/^0/, '1') } : row,
    );
    expect(await verifyExportRows(rows, filteredManifest)).toMatchObject({
      firstInvalidSeq: target.seq,
      reason: 'hash_mismatch',
    });
  });

  it('notices a removed row only by the count, without knowing which', async () => {
    const rows = operatorActions.filter((_row, index) => index !== 3);
    expect(await verifyExportRows(rows, filteredManifest)).toMatchObject({
      valid: false,
      firstInvalidSeq: null,
      reason: 'row_count_mismatch',
    });
  });

  it('names rows that are out of order or duplicated', async () => {
    const [first, second, third, ...rest] = operatorActions;
    const swapped = [first!, third!, second!, ...rest];
    expect(await verifyExportRows(swapped, filteredManifest)).toMatchObject({
      firstInvalidSeq: second!.seq,
      reason: 'sequence_out_of_order',
    });
    const duplicated = [first!, second!, second!, third!, ...rest];
    const manifest = { ...filteredManifest, row_count: filteredManifest.row_count + 1 };
    expect(await verifyExportRows(duplicated, manifest)).toMatchObject({
      firstInvalidSeq: second!.seq,
      reason: 'duplicate_sequence',
    });
  });

  it('names the missing first row and the changed anchor of the first row', async () => {
    expect(await verifyExportRows(operatorActions.slice(1), filteredManifest)).toMatchObject({
      firstInvalidSeq: operatorActions[0]!.seq,
      reason: 'first_seq_mismatch',
    });
    const manifest = { ...filteredManifest, prev_hash_before_first: 'e'.repeat(64) };
    expect(await verifyExportRows(operatorActions, manifest)).toMatchObject({
      firstInvalidSeq: operatorActions[0]!.seq,
      reason: 'prev_hash_mismatch',
    });
  });

  it('checks the link between rows that happen to be adjacent in the chain', async () => {
    const rows = [at(10), at(11), at(50)];
    const manifest = exportManifest(rows, {
      generatedAt: GENERATED_AT,
      filters: { q: 1 },
      completeRange: false,
    });
    expect(await verifyExportRows(rows, manifest)).toMatchObject({ valid: true });
    const relinked = { ...at(11), prevHash: at(9).hash, hash: chainHash(at(9).hash, 11, at(11).contentHash) };
    expect(await verifyExportRows([at(10), relinked, at(50)], manifest)).toMatchObject({
      firstInvalidSeq: 11,
      reason: 'broken_link',
    });
  });

  it('cannot tell a forged but self-consistent row from a real one on its own (the documented limit)', async () => {
    const forged = sealAuditEntry({ ...at(50), userId: 'user_forged' }, headOf(at(49)));
    const rows = [at(10), at(11), forged];
    const manifest = exportManifest(rows, {
      generatedAt: GENERATED_AT,
      filters: { q: 1 },
      completeRange: false,
    });
    expect(await verifyExportRows(rows, manifest)).toMatchObject({ valid: true });
    // Against the chain it came from, the forgery shows: its hash is not the hash of entry 50.
    expect(forged.hash).not.toBe(at(50).hash);
  });
});

describe('manifestProblem', () => {
  const manifest = completeExport(chain.slice(0, 10));

  it('accepts a consistent manifest', () => {
    expect(manifestProblem(manifest)).toBeNull();
  });

  it.each<[string, Partial<AuditExportManifest> | Record<string, unknown>, string]>([
    ['an unknown version', { format_version: 2 }, 'Unsupported manifest format_version 2'],
    [
      'a count that does not fill a complete range',
      { row_count: 9 },
      'row_count 9 does not fit seqs 1..10 of a complete range',
    ],
    [
      'a genesis anchor after seq 1',
      { first_seq: 2, row_count: 9 },
      'prev_hash_before_first is the genesis hash exactly when first_seq is 1',
    ],
    [
      'reversed ends',
      { first_seq: 10, last_seq: 1 },
      'first_seq and last_seq must be integers >= 1 with first_seq <= last_seq',
    ],
    [
      'an empty export with a head',
      { row_count: 0 },
      'An empty export has null first_seq, last_seq, prev_hash_before_first and head_hash',
    ],
  ])('refuses %s', async (_case, change, problem) => {
    const broken = { ...manifest, ...change } as AuditExportManifest;
    expect(manifestProblem(broken)).toBe(problem);
    expect(await verifyExportRows(chain.slice(0, 10), broken)).toMatchObject({
      valid: false,
      checked: 0,
      firstInvalidSeq: null,
      reason: 'manifest_invalid',
      message: problem,
    });
  });

  it('allows a filtered export fewer rows than its seq span, never more', () => {
    const filtered = { ...manifest, complete_range: false };
    expect(manifestProblem({ ...filtered, row_count: 3 })).toBeNull();
    expect(manifestProblem({ ...filtered, row_count: 11 })).toBe('row_count 11 does not fit seqs 1..10');
  });
});
