import { type ChainHead, chainHash, GENESIS_HASH, isAuditSeq, isSha256Hex } from './chain.js';
import { canonicalContentOutcome, type StoredAuditEntry, sha256Hex } from './entry.js';

/**
 * Stable codes for the first thing found wrong in a chain. `message` next to it says the same for people.
 *
 * - `malformed_entry`: seq or a hash is not even well-formed.
 * - `sequence_gap`: a seq is missing (an entry was deleted); names the first missing seq.
 * - `sequence_out_of_order`: entries come in the wrong order (or before the expected first seq).
 * - `duplicate_sequence`: a seq appears twice (an entry was inserted or copied).
 * - `content_modified`: the content no longer hashes to its stored content hash.
 * - `broken_link`: prev_hash is not the previous entry's hash; this entry or the one before it was changed,
 *   or one was put in between.
 * - `hash_mismatch`: the stored hash is not chainHash(prev_hash, seq, content_hash).
 * - `checkpoint_mismatch`: the chain is self-consistent but disagrees with a head recorded elsewhere, so it
 *   was rewritten (and re-hashed) at or before that seq.
 * - `truncated`: the chain ends before a recorded checkpoint: entries were cut off the end.
 */
export type ChainFailureReason =
  | 'malformed_entry'
  | 'sequence_gap'
  | 'sequence_out_of_order'
  | 'duplicate_sequence'
  | 'content_modified'
  | 'broken_link'
  | 'hash_mismatch'
  | 'checkpoint_mismatch'
  | 'truncated';

export interface ChainFailure {
  seq: number;
  reason: ChainFailureReason;
  message: string;
}

export interface ChainVerification {
  valid: boolean;
  /** Entries read, including the one where verification stopped. */
  checked: number;
  firstInvalidSeq: number | null;
  reason: ChainFailureReason | null;
  message: string | null;
  /** The last entry that verified (the start anchor when none did): what can be trusted so far. */
  headSeq: number;
  headHash: string;
}

export interface VerifyChainOptions {
  /** The hash the first entry must link to: {@link GENESIS_HASH} (default) or the last archived entry's. */
  expectedPrevHash?: string;
  /** 1 for a chain from genesis (default); required with any other `expectedPrevHash`. */
  expectedFirstSeq?: number;
  /**
   * Heads recorded outside the database (a published digest, a previous verification, an archive manifest).
   * Only they detect a tail cut off or a chain re-hashed from some point on.
   */
  checkpoints?: readonly ChainHead[];
}

export type AuditEntrySource = Iterable<StoredAuditEntry> | AsyncIterable<StoredAuditEntry>;

/**
 * Walks `entries` in the order given and stops at the first one that is wrong. Memory stays constant, so a
 * database cursor or a file stream of any length can be verified.
 */
export async function verifyChain(
  entries: AuditEntrySource,
  options: VerifyChainOptions = {},
): Promise<ChainVerification> {
  const verifier = new AuditChainVerifier(options);
  // Leaving the loop early calls the iterator's return(), which closes a cursor or stream behind it.
  for await (const entry of entries) {
    if (!verifier.push(entry)) break;
  }
  return verifier.finish();
}

/** The push-style core of {@link verifyChain}, for callers that receive entries in batches or callbacks. */
export class AuditChainVerifier {
  readonly #firstSeq: number;
  readonly #checkpoints: ChainHead[];
  #checkpointIndex = 0;
  #head: ChainHead;
  #checked = 0;
  #failure: ChainFailure | null = null;
  /**
   * The seq of an entry that skipped ahead. Whether that is a deletion or a reordering is only clear from
   * the entry after it, so the verdict waits one entry.
   */
  #skippedTo: number | null = null;

  constructor(options: VerifyChainOptions = {}) {
    const anchor = verificationAnchor(options);
    this.#firstSeq = anchor.seq + 1;
    this.#head = anchor;
    this.#checkpoints = checkpointsFrom(options.checkpoints ?? [], this.#firstSeq);
  }

  /** Checks the next entry; false once verification has failed (further entries are ignored). */
  push(entry: StoredAuditEntry): boolean {
    if (this.#failure !== null) return false;
    this.#checked++;
    const expectedSeq = this.#head.seq + 1;
    if (this.#skippedTo !== null) {
      const seq = seqOf(entry);
      this.#failure =
        seq !== null && seq < this.#skippedTo
          ? failure(
              expectedSeq,
              'sequence_out_of_order',
              `Entries are out of order from seq ${expectedSeq}: entry ${this.#skippedTo} comes before entry ${seq}`,
            )
          : missingEntry(expectedSeq, this.#skippedTo);
      return false;
    }
    const fieldsProblem = storedFieldsProblem(entry);
    if (fieldsProblem !== null) {
      this.#failure = failure(seqOf(entry) ?? expectedSeq, 'malformed_entry', fieldsProblem);
      return false;
    }
    if (entry.seq > expectedSeq) {
      this.#skippedTo = entry.seq;
      return true;
    }
    if (entry.seq < expectedSeq) {
      this.#failure =
        entry.seq >= this.#firstSeq
          ? failure(entry.seq, 'duplicate_sequence', `Seq ${entry.seq} appears twice: an entry was inserted`)
          : failure(
              entry.seq,
              'sequence_out_of_order',
              `Entry ${entry.seq} comes before the first expected seq ${this.#firstSeq}`,
            );
      return false;
    }
    this.#failure =
      contentFailure(entry) ??
      linkFailure(entry, this.#head, this.#firstSeq) ??
      hashFailure(entry) ??
      this.#checkpointFailure(entry);
    if (this.#failure !== null) return false;
    this.#head = { seq: entry.seq, hash: entry.hash };
    return true;
  }

  /** The verdict over everything pushed so far. */
  finish(): ChainVerification {
    if (this.#failure === null && this.#skippedTo !== null) {
      this.#failure = missingEntry(this.#head.seq + 1, this.#skippedTo);
    }
    const pending = this.#checkpoints[this.#checkpointIndex];
    if (this.#failure === null && pending !== undefined) {
      this.#failure = failure(
        this.#head.seq + 1,
        'truncated',
        `The chain ends at seq ${this.#head.seq} but a checkpoint recorded seq ${pending.seq}: entries from seq ${this.#head.seq + 1} on were removed`,
      );
    }
    const base = { checked: this.#checked, headSeq: this.#head.seq, headHash: this.#head.hash };
    if (this.#failure === null)
      return { valid: true, firstInvalidSeq: null, reason: null, message: null, ...base };
    const { seq, reason, message } = this.#failure;
    return { valid: false, firstInvalidSeq: seq, reason, message, ...base };
  }

  #checkpointFailure(entry: StoredAuditEntry): ChainFailure | null {
    for (let checkpoint = this.#checkpoints[this.#checkpointIndex]; checkpoint?.seq === entry.seq; ) {
      if (checkpoint.hash !== entry.hash) {
        return failure(
          entry.seq,
          'checkpoint_mismatch',
          `Entry ${entry.seq}: hash ${entry.hash} differs from the recorded checkpoint ${checkpoint.hash}; the chain was rewritten at or before seq ${entry.seq}`,
        );
      }
      this.#checkpointIndex++;
      checkpoint = this.#checkpoints[this.#checkpointIndex];
    }
    return null;
  }
}

function verificationAnchor(options: VerifyChainOptions): ChainHead {
  const { expectedPrevHash, expectedFirstSeq } = options;
  if (expectedPrevHash !== undefined && !isSha256Hex(expectedPrevHash)) {
    throw new TypeError('verifyChain: expectedPrevHash must be 64 lowercase hex characters');
  }
  if (expectedFirstSeq !== undefined && !isAuditSeq(expectedFirstSeq)) {
    throw new RangeError(
      `verifyChain: expectedFirstSeq must be a safe integer >= 1, got ${expectedFirstSeq}`,
    );
  }
  const firstSeq = expectedFirstSeq ?? 1;
  const prevHash = expectedPrevHash ?? (firstSeq === 1 ? GENESIS_HASH : undefined);
  if (prevHash === undefined) {
    throw new TypeError(
      `verifyChain: starting at seq ${firstSeq} needs expectedPrevHash (the hash of entry ${firstSeq - 1})`,
    );
  }
  if ((firstSeq === 1) !== (prevHash === GENESIS_HASH)) {
    throw new RangeError('verifyChain: the genesis hash is the anchor of seq 1 and of nothing else');
  }
  return { seq: firstSeq - 1, hash: prevHash };
}

function checkpointsFrom(checkpoints: readonly ChainHead[], firstSeq: number): ChainHead[] {
  for (const checkpoint of checkpoints) {
    if (!isAuditSeq(checkpoint.seq) || checkpoint.seq < firstSeq || !isSha256Hex(checkpoint.hash)) {
      throw new RangeError(
        `verifyChain: checkpoint ${JSON.stringify(checkpoint)} needs seq >= ${firstSeq} and a lowercase hex hash`,
      );
    }
  }
  return [...checkpoints].sort((a, b) => a.seq - b.seq);
}

export function failure(seq: number, reason: ChainFailureReason, message: string): ChainFailure {
  return { seq, reason, message };
}

function missingEntry(missingSeq: number, foundSeq: number): ChainFailure {
  return failure(
    missingSeq,
    'sequence_gap',
    `Entry ${missingSeq} is missing: the next entry has seq ${foundSeq} (${foundSeq - missingSeq} missing)`,
  );
}

export function seqOf(entry: unknown): number | null {
  if (typeof entry !== 'object' || entry === null) return null;
  const seq = (entry as { seq?: unknown }).seq;
  return isAuditSeq(seq) ? seq : null;
}

/** Problems with the chain's own fields; content is checked by {@link contentFailure}. */
export function storedFieldsProblem(entry: unknown): string | null {
  if (typeof entry !== 'object' || entry === null) return 'An audit entry must be an object';
  const { seq, contentHash: storedContentHash, prevHash, hash } = entry as Record<string, unknown>;
  if (!isAuditSeq(seq)) return `seq must be a safe integer >= 1, got ${JSON.stringify(seq) ?? String(seq)}`;
  if (!isSha256Hex(storedContentHash)) return `Entry ${seq}: content_hash is not 64 lowercase hex characters`;
  if (!isSha256Hex(prevHash)) return `Entry ${seq}: prev_hash is not 64 lowercase hex characters`;
  if (!isSha256Hex(hash)) return `Entry ${seq}: hash is not 64 lowercase hex characters`;
  return null;
}

/**
 * Content that cannot even be hashed counts as modified: writers only seal content that can, so it was
 * changed (or damaged) after sealing.
 */
export function contentFailure(entry: StoredAuditEntry): ChainFailure | null {
  const outcome = canonicalContentOutcome(entry);
  if ('problem' in outcome) {
    return failure(
      entry.seq,
      'content_modified',
      `Entry ${entry.seq}: content is no longer valid: ${outcome.problem}`,
    );
  }
  const recomputed = sha256Hex(outcome.text);
  if (recomputed === entry.contentHash) return null;
  return failure(
    entry.seq,
    'content_modified',
    `Entry ${entry.seq}: content does not match its content_hash (recomputed ${recomputed}, stored ${entry.contentHash})`,
  );
}

export function linkFailure(
  entry: StoredAuditEntry,
  previous: ChainHead,
  firstSeq: number,
): ChainFailure | null {
  if (entry.prevHash === previous.hash) return null;
  const detail =
    previous.seq === 0
      ? 'the genesis hash; entry 1 was changed or replaced'
      : entry.seq === firstSeq
        ? `the anchor hash of entry ${previous.seq} (${previous.hash}); the entries from ${entry.seq} on do not continue that chain`
        : `the hash of entry ${previous.seq} (${previous.hash}); entry ${previous.seq} or ${entry.seq} was changed, or an entry was put between them`;
  return failure(
    entry.seq,
    'broken_link',
    `Entry ${entry.seq}: prev_hash ${entry.prevHash} is not ${detail}`,
  );
}

export function hashFailure(entry: StoredAuditEntry): ChainFailure | null {
  const recomputed = chainHash(entry.prevHash, entry.seq, entry.contentHash);
  if (recomputed === entry.hash) return null;
  return failure(
    entry.seq,
    'hash_mismatch',
    `Entry ${entry.seq}: hash is not sha256(prev_hash:seq:content_hash) (recomputed ${recomputed}, stored ${entry.hash})`,
  );
}
