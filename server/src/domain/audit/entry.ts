import { hash } from 'node:crypto';
import { type AuditEntryContent, canonicalAuditContent } from './canonical-entry.js';

export {
  type AuditEntryContent,
  auditContentProblem,
  auditTimestamp,
  canonicalAuditContent,
  canonicalContentOutcome,
  isAuditTimestamp,
  type StoredAuditEntry,
} from './canonical-entry.js';

/** Lowercase hex sha256 of {@link canonicalAuditContent}. */
export function contentHash(entry: AuditEntryContent): string {
  return sha256Hex(canonicalAuditContent(entry));
}

/** One-shot hashing: no Hash object per call, which matters when a whole chain is verified. */
export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}
