import { chainLinkText, isAuditSeq, isSha256Hex } from './canonical-entry.js';
import { type AuditEntryContent, contentHash, type StoredAuditEntry, sha256Hex } from './entry.js';

export { isAuditSeq, isSha256Hex };

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

/** Hex sha256 of the UTF-8 string `${prevHash}:${seq}:${contentHash}`. */
export function chainHash(prevHash: string, seq: number, entryContentHash: string): string {
  return sha256Hex(chainLinkText(prevHash, seq, entryContentHash));
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
