import { createHash } from 'node:crypto';
import { type AuditEntryContent, canonicalAuditContent } from './canonical-entry.js';

export {
  type AuditEntryContent,
  auditContentProblem,
  auditTimestamp,
  canonicalAuditContent,
  isAuditTimestamp,
  type StoredAuditEntry,
} from './canonical-entry.js';

/** Lowercase hex sha256 of {@link canonicalAuditContent}. */
export function contentHash(entry: AuditEntryContent): string {
  return sha256Hex(canonicalAuditContent(entry));
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
