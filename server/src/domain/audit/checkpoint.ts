import type { KeyObject } from 'node:crypto';
import { type ChainHead, isAuditSeq, isSha256Hex } from './chain.js';
import { isAuditTimestamp } from './entry.js';
import {
  type AuditSigningKey,
  SIGNATURE_PROBLEM_TEXT,
  type Signed,
  signatureProblem,
  signDocument,
} from './signing.js';

/**
 * A signed statement "the chain had this head at this time", kept outside the database. A rewrite of the
 * tail that also moves `audit_chain_head` is self-consistent inside the database; it still disagrees with a
 * checkpoint taken before it (`checkpoint_mismatch`), or ends before one (`truncated`).
 */
export type AuditCheckpoint = {
  checkpoint_version: 1;
  seq: number;
  head_hash: string;
  signed_at: string;
};

export type SignedAuditCheckpoint = Signed<AuditCheckpoint>;

export function signCheckpoint(
  head: ChainHead,
  signedAt: string,
  key: AuditSigningKey,
): SignedAuditCheckpoint {
  return signDocument(
    { checkpoint_version: 1, seq: head.seq, head_hash: head.hash, signed_at: signedAt },
    key,
  );
}

/** Why `value` is not a checkpoint signed by `publicKey`, or null when it is one. */
export function checkpointProblem(value: unknown, publicKey: KeyObject): string | null {
  if (typeof value !== 'object' || value === null) return 'a checkpoint must be a JSON object';
  const c = value as Record<string, unknown>;
  if (c['checkpoint_version'] !== 1)
    return `unsupported checkpoint_version ${JSON.stringify(c['checkpoint_version'])}`;
  if (!isAuditSeq(c['seq'])) return 'seq must be an integer >= 1';
  if (!isSha256Hex(c['head_hash'])) return 'head_hash must be 64 lowercase hex characters';
  if (!isAuditTimestamp(c['signed_at'])) return 'signed_at must look like 2026-11-22T07:02:49.123Z';
  const problem = signatureProblem(value, publicKey);
  return problem === null
    ? null
    : `checkpoint at seq ${String(c['seq'])}: ${SIGNATURE_PROBLEM_TEXT[problem]}`;
}

export function checkpointHead(checkpoint: AuditCheckpoint): ChainHead {
  return { seq: checkpoint.seq, hash: checkpoint.head_hash };
}
