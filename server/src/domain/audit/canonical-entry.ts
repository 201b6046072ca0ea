/**
 * The canonical form of an audit entry and of its chain link: exactly the text that is hashed. Pure and free
 * of `node:crypto`, so the console recomputes hashes in the browser (Web Crypto) from this same code rather
 * than from a second copy of the rules; `entry.ts` and `chain.ts` hash it with Node's crypto.
 */
import { CanonicalJsonError, canonicalJson, type JsonObject } from '../canonical-json.js';
import type { AuditEventType } from './event-types.js';

/**
 * What one audit entry says. Exactly these nine fields are hashed, so nothing that a database adds or
 * derives (seq, hashes, ingestion time) can change an entry's content hash.
 */
export interface AuditEntryContent {
  logId: string;
  eventType: AuditEventType;
  userId: string | null;
  operatorId: string | null;
  recommendationId: string | null;
  /** UTC with milliseconds, as `Date.prototype.toISOString()` writes it: `2026-11-22T07:02:49.123Z`. */
  occurredAt: string;
  eventData: JsonObject;
  ipAddress: string | null;
  userAgent: string | null;
}

/** An entry as the chain stores it: its content, its place (`seq`, gapless from 1) and its hashes. */
export interface StoredAuditEntry extends AuditEntryContent {
  seq: number;
  /** sha256 of the canonical content, lowercase hex. */
  contentHash: string;
  /** The previous entry's `hash`, or {@link GENESIS_HASH} for seq 1. */
  prevHash: string;
  /** `chainHash(prevHash, seq, contentHash)`. */
  hash: string;
}

const AUDIT_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const NULLABLE_TEXT_FIELDS = ['userId', 'operatorId', 'recommendationId', 'ipAddress', 'userAgent'] as const;

/**
 * The one accepted spelling of an audit timestamp. A second spelling of the same instant
 * (`…49Z`, `…49.123000Z`, `+00:00`) would hash differently, so writers convert Dates with this.
 */
export function auditTimestamp(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError('auditTimestamp: invalid Date');
  const text = instant.toISOString();
  if (!AUDIT_TIMESTAMP.test(text)) throw new RangeError(`auditTimestamp: year outside 0000-9999 (${text})`);
  return text;
}

export function isAuditTimestamp(value: unknown): value is string {
  return typeof value === 'string' && AUDIT_TIMESTAMP.test(value) && new Date(value).toISOString() === value;
}

/**
 * Why `content` cannot be hashed as an audit entry, or null when it can. Checks the shape only; whether the
 * event data fits its event type is {@link validateEventData}'s job.
 */
export function auditContentProblem(content: unknown): string | null {
  const outcome = canonicalContentOutcome(content);
  return 'problem' in outcome ? outcome.problem : null;
}

/**
 * The canonical JSON of the nine content fields of `entry`. Extra properties (a stored entry's seq and
 * hashes, database columns) are ignored. Throws a TypeError when {@link auditContentProblem} finds one.
 */
export function canonicalAuditContent(entry: AuditEntryContent): string {
  const outcome = canonicalContentOutcome(entry);
  if ('problem' in outcome)
    throw new TypeError(`audit entry ${JSON.stringify(entry.logId)}: ${outcome.problem}`);
  return outcome.text;
}

/**
 * The canonical text of `content`, or why it has none. Checking and serialising are one pass, because the
 * check of the event data is its serialisation: verification walks whole chains, and each entry's data is
 * serialised exactly once.
 */
export function canonicalContentOutcome(content: unknown): { text: string } | { problem: string } {
  const problem = contentShapeProblem(content);
  if (problem !== null) return { problem };
  const entry = content as AuditEntryContent;
  const canonical: AuditEntryContent = {
    logId: entry.logId,
    eventType: entry.eventType,
    userId: entry.userId,
    operatorId: entry.operatorId,
    recommendationId: entry.recommendationId,
    occurredAt: entry.occurredAt,
    eventData: entry.eventData,
    ipAddress: entry.ipAddress,
    userAgent: entry.userAgent,
  };
  try {
    return { text: canonicalJson(canonical) };
  } catch (error) {
    if (!(error instanceof CanonicalJsonError)) throw error;
    // Paths are reported relative to the field that holds the problem: `eventData: … at $.items[2]`.
    const [, field, rest] = /^\$\.(\w+)(.*)$/.exec(error.path) ?? [];
    return field === undefined
      ? { problem: error.message }
      : { problem: `${field}: ${error.problem} at $${rest}` };
  }
}

/** Everything {@link auditContentProblem} checks except what serialising the event data finds. */
function contentShapeProblem(content: unknown): string | null {
  if (typeof content !== 'object' || content === null) return 'an audit entry must be an object';
  const entry = content as Record<string, unknown>;
  if (typeof entry['logId'] !== 'string' || entry['logId'] === '') return 'logId must be a non-empty string';
  if (typeof entry['eventType'] !== 'string' || entry['eventType'] === '') {
    return 'eventType must be a non-empty string';
  }
  for (const field of NULLABLE_TEXT_FIELDS) {
    const value = entry[field];
    if (value !== null && typeof value !== 'string') return `${field} must be a string or null`;
  }
  if (!isAuditTimestamp(entry['occurredAt'])) {
    return `occurredAt must be a UTC timestamp with milliseconds like 2026-11-22T07:02:49.123Z, got ${JSON.stringify(entry['occurredAt'])}`;
  }
  const data = entry['eventData'];
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return 'eventData must be a JSON object';
  return null;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** True for a lowercase hex sha256 digest, the only spelling hashes have in the chain. */
export function isSha256Hex(value: unknown): value is string {
  return typeof value === 'string' && SHA256_HEX.test(value);
}

export function isAuditSeq(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
}

/**
 * The text whose sha256 is an entry's `hash`: `${prevHash}:${seq}:${contentHash}` (UTF-8). The database
 * seals entries with the same formula in SQL (`CHAIN_HASH_SQL` in chain.ts).
 */
export function chainLinkText(prevHash: string, seq: number, entryContentHash: string): string {
  if (!isSha256Hex(prevHash)) throw new TypeError('chainHash: prevHash must be 64 lowercase hex characters');
  if (!isAuditSeq(seq)) throw new RangeError(`chainHash: seq must be a safe integer >= 1, got ${seq}`);
  if (!isSha256Hex(entryContentHash)) {
    throw new TypeError('chainHash: contentHash must be 64 lowercase hex characters');
  }
  return `${prevHash}:${seq}:${entryContentHash}`;
}
