import type { JsonObject } from '../../canonical-json.js';
import { GENESIS_HASH, headOf, isAuditSeq, isSha256Hex } from '../chain.js';
import { isAuditTimestamp, type StoredAuditEntry } from '../entry.js';
import {
  AuditChainVerifier,
  type AuditEntrySource,
  type ChainFailureReason,
  contentFailure,
  failure,
  hashFailure,
  linkFailure,
  seqOf,
  storedFieldsProblem,
} from '../verify-chain.js';

/**
 * The trailer of an audit export or archive: what a reader needs to verify the rows offline, with nothing
 * but this module. Keys are snake_case because the manifest is part of the exported file.
 */
export interface AuditExportManifest {
  format_version: typeof AUDIT_EXPORT_FORMAT_VERSION;
  /** Seq of the first and last row; null for an empty export. */
  first_seq: number | null;
  last_seq: number | null;
  row_count: number;
  /** The first row's prev_hash: the hash of entry first_seq - 1 (the genesis hash when first_seq is 1). */
  prev_hash_before_first: string | null;
  /** The last row's hash. */
  head_hash: string | null;
  generated_at: string;
  /** The filters the export was made with, as the operator gave them. */
  filters: JsonObject;
  /** True when the rows are every entry from first_seq to last_seq, so their links can be checked too. */
  complete_range: boolean;
}

export const AUDIT_EXPORT_FORMAT_VERSION = 1;

export interface ExportManifestOptions {
  generatedAt: string;
  filters: JsonObject;
  completeRange: boolean;
}

/**
 * Collects the manifest while rows stream out. It records what it is given and judges nothing: an export of
 * a damaged chain must still be possible, and its verification will say what is wrong.
 */
export class AuditExportManifestBuilder {
  readonly #options: ExportManifestOptions;
  #first: StoredAuditEntry | null = null;
  #last: StoredAuditEntry | null = null;
  #rowCount = 0;

  constructor(options: ExportManifestOptions) {
    if (!isAuditTimestamp(options.generatedAt)) {
      throw new TypeError(`exportManifest: generatedAt must look like 2026-11-22T07:02:49.123Z`);
    }
    this.#options = options;
  }

  add(row: StoredAuditEntry): void {
    this.#first ??= row;
    this.#last = row;
    this.#rowCount++;
  }

  finish(): AuditExportManifest {
    return {
      format_version: AUDIT_EXPORT_FORMAT_VERSION,
      first_seq: this.#first?.seq ?? null,
      last_seq: this.#last?.seq ?? null,
      row_count: this.#rowCount,
      prev_hash_before_first: this.#first?.prevHash ?? null,
      head_hash: this.#last?.hash ?? null,
      generated_at: this.#options.generatedAt,
      filters: this.#options.filters,
      complete_range: this.#options.completeRange,
    };
  }
}

/** The manifest of `rows` (in export order). For streams use {@link AuditExportManifestBuilder}. */
export function exportManifest(
  rows: Iterable<StoredAuditEntry>,
  options: ExportManifestOptions,
): AuditExportManifest {
  const builder = new AuditExportManifestBuilder(options);
  for (const row of rows) builder.add(row);
  return builder.finish();
}

export type ExportFailureReason =
  | ChainFailureReason
  | 'manifest_invalid'
  | 'row_count_mismatch'
  | 'first_seq_mismatch'
  | 'last_seq_mismatch'
  | 'prev_hash_mismatch'
  | 'head_hash_mismatch';

export interface ExportVerification {
  valid: boolean;
  /** What a success proves: an unbroken chain segment, or only rows that are each intact (see README.md). */
  coverage: 'complete_range' | 'filtered';
  checked: number;
  /** Null when the problem cannot be pinned to a seq (a bad manifest, a row missing from a filtered export). */
  firstInvalidSeq: number | null;
  reason: ExportFailureReason | null;
  message: string | null;
}

interface ExportFailure {
  seq: number | null;
  reason: ExportFailureReason;
  message: string;
}

/**
 * Recomputes every hash of an exported file against its manifest.
 *
 * A complete range is verified as a chain segment anchored at `prev_hash_before_first`. A filtered export
 * can only be checked row by row (content hash, and hash = chainHash(prev_hash, seq, content_hash)), plus
 * the links between rows that happen to be adjacent, the seq order, the row count and both ends.
 */
export async function verifyExportRows(
  rows: AuditEntrySource,
  manifest: AuditExportManifest,
): Promise<ExportVerification> {
  const coverage = manifest?.complete_range === true ? 'complete_range' : 'filtered';
  const problem = manifestProblem(manifest);
  if (problem !== null) {
    return verdict(coverage, 0, { seq: null, reason: 'manifest_invalid', message: problem });
  }
  const check = coverage === 'complete_range' ? checkCompleteRange : checkFilteredRows;
  const { checked, failure: found } = await check(rows, manifest);
  return verdict(coverage, checked, found);
}

function verdict(
  coverage: ExportVerification['coverage'],
  checked: number,
  found: ExportFailure | null,
): ExportVerification {
  if (found === null)
    return { valid: true, coverage, checked, firstInvalidSeq: null, reason: null, message: null };
  return {
    valid: false,
    coverage,
    checked,
    firstInvalidSeq: found.seq,
    reason: found.reason,
    message: found.message,
  };
}

interface CheckResult {
  checked: number;
  failure: ExportFailure | null;
}

function surplusRow(row: StoredAuditEntry, manifest: AuditExportManifest): ExportFailure {
  return {
    seq: seqOf(row),
    reason: 'row_count_mismatch',
    message: `The file has more rows than the manifest's row_count ${manifest.row_count}`,
  };
}

async function checkCompleteRange(
  rows: AuditEntrySource,
  manifest: AuditExportManifest,
): Promise<CheckResult> {
  if (manifest.row_count === 0) {
    for await (const row of rows) return { checked: 1, failure: surplusRow(row, manifest) };
    return { checked: 0, failure: null };
  }
  const verifier = new AuditChainVerifier({
    expectedPrevHash: manifest.prev_hash_before_first as string,
    expectedFirstSeq: manifest.first_seq as number,
  });
  let rowCount = 0;
  for await (const row of rows) {
    rowCount++;
    if (rowCount > manifest.row_count) return { checked: rowCount, failure: surplusRow(row, manifest) };
    if (!verifier.push(row)) break;
  }
  const chain = verifier.finish();
  const checked = chain.checked;
  if (!chain.valid) {
    return {
      checked,
      failure: { seq: chain.firstInvalidSeq, reason: chain.reason!, message: chain.message! },
    };
  }
  if (chain.checked < manifest.row_count) {
    return {
      checked,
      failure: {
        seq: chain.headSeq + 1,
        reason: 'row_count_mismatch',
        message: `The file ends at seq ${chain.headSeq} but the manifest promises ${manifest.row_count} rows up to seq ${manifest.last_seq}`,
      },
    };
  }
  return { checked, failure: endsFailure(chain.headSeq, chain.headHash, manifest) };
}

async function checkFilteredRows(
  rows: AuditEntrySource,
  manifest: AuditExportManifest,
): Promise<CheckResult> {
  let previous: StoredAuditEntry | null = null;
  let checked = 0;
  for await (const row of rows) {
    checked++;
    if (checked > manifest.row_count) return { checked, failure: surplusRow(row, manifest) };
    const found = filteredRowFailure(row, previous, manifest);
    if (found !== null) return { checked, failure: found };
    previous = row;
  }
  if (checked < manifest.row_count) {
    return {
      checked,
      failure: {
        seq: null,
        reason: 'row_count_mismatch',
        message: `The file has ${checked} rows but the manifest's row_count is ${manifest.row_count}: rows were removed`,
      },
    };
  }
  return { checked, failure: previous === null ? null : endsFailure(previous.seq, previous.hash, manifest) };
}

function filteredRowFailure(
  row: StoredAuditEntry,
  previous: StoredAuditEntry | null,
  manifest: AuditExportManifest,
): ExportFailure | null {
  const fieldsProblem = storedFieldsProblem(row);
  if (fieldsProblem !== null) return { seq: seqOf(row), reason: 'malformed_entry', message: fieldsProblem };
  if (previous === null) {
    if (row.seq !== manifest.first_seq) {
      return {
        seq: manifest.first_seq,
        reason: 'first_seq_mismatch',
        message: `The first row has seq ${row.seq} but the manifest's first_seq is ${manifest.first_seq}`,
      };
    }
    if (row.prevHash !== manifest.prev_hash_before_first) {
      return {
        seq: row.seq,
        reason: 'prev_hash_mismatch',
        message: `Entry ${row.seq}: prev_hash differs from the manifest's prev_hash_before_first`,
      };
    }
  } else if (row.seq <= previous.seq) {
    return row.seq === previous.seq
      ? failure(row.seq, 'duplicate_sequence', `Seq ${row.seq} appears twice: a row was inserted`)
      : failure(row.seq, 'sequence_out_of_order', `Entry ${row.seq} comes after entry ${previous.seq}`);
  }
  const adjacent = previous !== null && row.seq === previous.seq + 1;
  return (
    contentFailure(row) ??
    (adjacent ? linkFailure(row, headOf(previous), manifest.first_seq as number) : null) ??
    hashFailure(row)
  );
}

function endsFailure(lastSeq: number, lastHash: string, manifest: AuditExportManifest): ExportFailure | null {
  if (lastSeq !== manifest.last_seq) {
    return {
      seq: Math.min(lastSeq, manifest.last_seq as number) + 1,
      reason: 'last_seq_mismatch',
      message: `The last row has seq ${lastSeq} but the manifest's last_seq is ${manifest.last_seq}`,
    };
  }
  if (lastHash !== manifest.head_hash) {
    return {
      seq: lastSeq,
      reason: 'head_hash_mismatch',
      message: `Entry ${lastSeq}: hash ${lastHash} differs from the manifest's head_hash ${manifest.head_hash}`,
    };
  }
  return null;
}

/** Why `manifest` cannot be used to verify anything, or null. */
export function manifestProblem(manifest: unknown): string | null {
  if (typeof manifest !== 'object' || manifest === null) return 'The manifest must be an object';
  const m = manifest as Record<string, unknown>;
  if (m['format_version'] !== AUDIT_EXPORT_FORMAT_VERSION) {
    return `Unsupported manifest format_version ${JSON.stringify(m['format_version'])}`;
  }
  if (typeof m['complete_range'] !== 'boolean') return 'complete_range must be a boolean';
  if (!isAuditTimestamp(m['generated_at'])) return 'generated_at must look like 2026-11-22T07:02:49.123Z';
  const filters = m['filters'];
  if (typeof filters !== 'object' || filters === null || Array.isArray(filters))
    return 'filters must be an object';
  const rowCount = m['row_count'];
  if (typeof rowCount !== 'number' || !Number.isSafeInteger(rowCount) || rowCount < 0) {
    return 'row_count must be an integer >= 0';
  }
  const ends = [m['first_seq'], m['last_seq'], m['prev_hash_before_first'], m['head_hash']];
  if (rowCount === 0) {
    return ends.every((value) => value === null)
      ? null
      : 'An empty export has null first_seq, last_seq, prev_hash_before_first and head_hash';
  }
  const [firstSeq, lastSeq, prevHash, headHash] = ends;
  if (!isAuditSeq(firstSeq) || !isAuditSeq(lastSeq) || lastSeq < firstSeq) {
    return 'first_seq and last_seq must be integers >= 1 with first_seq <= last_seq';
  }
  if (!isSha256Hex(prevHash) || !isSha256Hex(headHash)) {
    return 'prev_hash_before_first and head_hash must be 64 lowercase hex characters';
  }
  if ((firstSeq === 1) !== (prevHash === GENESIS_HASH)) {
    return 'prev_hash_before_first is the genesis hash exactly when first_seq is 1';
  }
  const span = lastSeq - firstSeq + 1;
  if (m['complete_range'] === true ? span !== rowCount : span < rowCount) {
    return `row_count ${rowCount} does not fit seqs ${firstSeq}..${lastSeq}${m['complete_range'] === true ? ' of a complete range' : ''}`;
  }
  return null;
}
