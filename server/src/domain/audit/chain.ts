import { type AuditEntryContent, contentHash, type StoredAuditEntry, sha256Hex } from './entry.js';

/** The `prevHash` of entry 1: there is no previous entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The same link formula as {@link chainHash}, as a PostgreSQL expression, so the database can seal entries
 * under its own lock. `prev` (the previous entry's hash, or 64 zeros), `seq` (bigint) and `content_hash`
 * stand for whatever columns or parameters hold those values. `seq::text` prints a bigint in plain decimal,
 * exactly as JavaScript prints a safe integer, which is what keeps both sides in agreement; change one side
 * only together with the other and with the test vector in chain.test.ts.
 */
export const CHAIN_HASH_SQL =
  "encode(sha256(convert_to(prev || ':' || seq::text || ':' || content_hash, 'UTF8')), 'hex')";

/** Where a chain ends: the last entry's seq and hash (seq 0 and {@link GENESIS_HASH} when it is empty). */
export interface ChainHead {
  seq: number;
  hash: string;
}

export const GENESIS_HEAD: ChainHead = Object.freeze({ seq: 0, hash: GENESIS_HASH });

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** True for a lowercase hex sha256 digest, the only spelling hashes have in the chain. */
export function isSha256Hex(value: unknown): value is string {
  return typeof value === 'string' && SHA256_HEX.test(value);
}

export function isAuditSeq(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
}

/** Hex sha256 of the UTF-8 string `${prevHash}:${seq}:${contentHash}`. */
export function chainHash(prevHash: string, seq: number, entryContentHash: string): string {
  if (!isSha256Hex(prevHash)) throw new TypeError('chainHash: prevHash must be 64 lowercase hex characters');
  if (!isAuditSeq(seq)) throw new RangeError(`chainHash: seq must be a safe integer >= 1, got ${seq}`);
  if (!isSha256Hex(entryContentHash)) {
    throw new TypeError('chainHash: contentHash must be 64 lowercase hex characters');
  }
  return sha256Hex(`${prevHash}:${seq}:${entryContentHash}`);
}

/**
 * Appends `content` after `previous` (in memory: the database does the same in SQL with
 * {@link CHAIN_HASH_SQL}). Used for tests, fixtures and archives rebuilt offline.
 */
export function sealAuditEntry(content: AuditEntryContent, previous: ChainHead): StoredAuditEntry {
  const seq = previous.seq + 1;
  const ownContentHash = contentHash(content);
  return {
    logId: content.logId,
    eventType: content.eventType,
    userId: content.userId,
    operatorId: content.operatorId,
    recommendationId: content.recommendationId,
    occurredAt: content.occurredAt,
    eventData: content.eventData,
    ipAddress: content.ipAddress,
    userAgent: content.userAgent,
    seq,
    contentHash: ownContentHash,
    prevHash: previous.hash,
    hash: chainHash(previous.hash, seq, ownContentHash),
  };
}

export function headOf(entry: Pick<StoredAuditEntry, 'seq' | 'hash'>): ChainHead {
  return { seq: entry.seq, hash: entry.hash };
}
