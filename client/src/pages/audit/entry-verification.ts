import {
  type AuditEntryContent,
  canonicalAuditContent,
  chainLinkText,
} from '@spendsense/server/domain/audit/canonical-entry';
import type { AuditEventType } from '@spendsense/server/domain/audit/event-types';
import type { JsonObject } from '@spendsense/server/domain/canonical-json';

/** An entry as the audit log query returns it: the nine hashed fields, its place and its hashes. */
export interface ServedAuditEntry {
  sequence: string;
  logId: string;
  eventType: string;
  customerId: string | null | undefined;
  operatorUuid: string | null | undefined;
  recommendationUuid: string | null | undefined;
  occurredAt: unknown;
  eventData: unknown;
  ipAddress: string | null | undefined;
  userAgent: string | null | undefined;
  contentHash: string;
  prevHash: string;
  hash: string;
}

export type EntryVerdict =
  | { valid: true }
  | { valid: false; problem: 'content' | 'hash' | 'link' | 'malformed'; message: string };

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function contentOf(entry: ServedAuditEntry): AuditEntryContent {
  return {
    logId: entry.logId,
    // GraphQL spells event types in upper case; the hashed form is the stored lower-case name.
    eventType: entry.eventType.toLowerCase() as AuditEventType,
    userId: entry.customerId ?? null,
    operatorId: entry.operatorUuid ?? null,
    recommendationId: entry.recommendationUuid ?? null,
    occurredAt: String(entry.occurredAt),
    eventData: entry.eventData as JsonObject,
    ipAddress: entry.ipAddress ?? null,
    userAgent: entry.userAgent ?? null,
  };
}

/**
 * Re-checks entries in the browser, trusting nothing the server says about them: each entry's content must
 * hash (sha256 of the RFC 8785 canonical form, the same code the server hashes with) to its content hash,
 * its hash must be sha256(prevHash:seq:contentHash), and where the entry before it in the chain is among
 * `entries` too, prevHash must be that entry's hash. Returns a verdict per sequence number.
 */
export async function verifyServedEntries(
  entries: readonly ServedAuditEntry[],
): Promise<Map<string, EntryVerdict>> {
  const bySeq = new Map(entries.map((entry) => [entry.sequence, entry]));
  const verdicts = new Map<string, EntryVerdict>();
  await Promise.all(
    entries.map(async (entry) => {
      verdicts.set(entry.sequence, await verifyOne(entry, bySeq));
    }),
  );
  return verdicts;
}

async function verifyOne(
  entry: ServedAuditEntry,
  bySeq: Map<string, ServedAuditEntry>,
): Promise<EntryVerdict> {
  const seq = Number(entry.sequence);
  let canonical: string;
  let link: string;
  try {
    canonical = canonicalAuditContent(contentOf(entry));
    link = chainLinkText(entry.prevHash, seq, entry.contentHash);
  } catch (error) {
    return { valid: false, problem: 'malformed', message: (error as Error).message };
  }
  const recomputedContent = await sha256Hex(canonical);
  if (recomputedContent !== entry.contentHash) {
    return {
      valid: false,
      problem: 'content',
      message: `The content hashes to ${recomputedContent.slice(0, 12)}…, not the recorded ${entry.contentHash.slice(0, 12)}…: the entry was changed.`,
    };
  }
  if ((await sha256Hex(link)) !== entry.hash) {
    return {
      valid: false,
      problem: 'hash',
      message: 'The recorded hash is not sha256(prevHash:sequence:contentHash).',
    };
  }
  const previous = bySeq.get(String(seq - 1));
  if (previous && previous.hash !== entry.prevHash) {
    return {
      valid: false,
      problem: 'link',
      message: `prevHash does not match the hash of entry ${seq - 1}: this entry or the one before it was changed.`,
    };
  }
  return { valid: true };
}
