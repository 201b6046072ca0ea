import type { SignedAuditCheckpoint } from '../checkpoint.js';
import type { StoredAuditEntry } from '../entry.js';
import type { AuditExportFormat } from '../event-types.js';
import type { DocumentSignature } from '../signing.js';
import type { AuditExportManifest } from './manifest.js';

/**
 * The three audit export file formats and what their writer and readers share. Every format carries each
 * entry's nine content fields exactly as hashed, its seq and hashes, and ends with the manifest, so that
 * one file is enough to verify it offline. EXPORTS.md describes the layouts for people and other tools.
 * Writing: `writer.ts`; reading back: `csv-reader.ts` and `json-reader.ts`.
 */

export const AUDIT_EXPORT_FORMATS: readonly AuditExportFormat[] = ['csv', 'json', 'ndjson'];

export function isAuditExportFormat(value: unknown): value is AuditExportFormat {
  return typeof value === 'string' && (AUDIT_EXPORT_FORMATS as readonly string[]).includes(value);
}

export const AUDIT_EXPORT_CONTENT_TYPES: Record<AuditExportFormat, string> = {
  // RFC 4180 §3 registers the header parameter; it tells spreadsheet tools the first record names columns.
  csv: 'text/csv; charset=utf-8; header=present',
  json: 'application/json; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

/**
 * The manifest as written into export files: the domain manifest plus the file's format and the chain
 * head when the export started, so the file can be matched to the live chain and its `audit_exported`
 * entry (which has the next seq after the head, or a later one).
 */
export interface AuditExportFileManifest extends AuditExportManifest {
  format: AuditExportFormat;
  chain_head: { seq: number; hash: string };
  /** The signed checkpoint of `chain_head` (absent when the server signs nothing). */
  checkpoint?: SignedAuditCheckpoint;
  /** Ed25519 signature over the rest of the manifest (see signing.ts). */
  signature?: DocumentSignature;
}

/** The CSV columns, in order: the seed's headers (timestamp … details) plus what verification needs. */
export const AUDIT_CSV_COLUMNS = [
  'sequence',
  'timestamp',
  'event_type',
  'user_id',
  'operator_id',
  'recommendation_id',
  'action',
  'details',
  'ip_address',
  'user_agent',
  'log_id',
  'content_hash',
  'prev_hash',
  'hash',
] as const;

/**
 * The `sequence` value of the CSV trailer record, whose `details` holds the manifest. It cannot be a seq,
 * so CSV consumers drop the trailer by keeping records whose sequence is a number.
 */
export const CSV_MANIFEST_MARKER = '#manifest';

/** Index of the `details` column, which holds the event data (and the manifest in the trailer). */
export const CSV_DETAILS_COLUMN = AUDIT_CSV_COLUMNS.indexOf('details');

/** A file that is not laid out as an audit export (as opposed to one whose entries fail verification). */
export class AuditExportFormatError extends Error {
  override readonly name = 'AuditExportFormatError';
}

/** JSON.parse, with a failure reported as an {@link AuditExportFormatError} naming `where`. */
export function parseExportJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AuditExportFormatError(`${where} is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * An exported JSON or NDJSON entry object back as a stored entry. Nothing is validated here: whatever is
 * missing or mistyped makes verification fail at that entry's seq with a precise reason.
 */
export function entryFromExportObject(value: unknown): StoredAuditEntry {
  const o = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  return {
    seq: o['seq'],
    logId: o['log_id'],
    eventType: o['event_type'],
    userId: o['user_id'],
    operatorId: o['operator_id'],
    recommendationId: o['recommendation_id'],
    occurredAt: o['occurred_at'],
    eventData: o['event_data'],
    ipAddress: o['ip_address'],
    userAgent: o['user_agent'],
    contentHash: o['content_hash'],
    prevHash: o['prev_hash'],
    hash: o['hash'],
  } as StoredAuditEntry;
}
/**
 * Which format an export file is in, from its first bytes (at least its first line). CSV starts with the
 * header; an NDJSON file's first line is a complete JSON object; a JSON file's is not, unless the whole
 * (empty) export fits on it, which its `entries` key gives away.
 */
export function detectAuditExportFormat(head: string): AuditExportFormat | null {
  const start = head.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith(`${AUDIT_CSV_COLUMNS[0]},`)) return 'csv';
  if (!start.startsWith('{')) return null;
  const newline = start.indexOf('\n');
  const firstLine = newline === -1 ? start : start.slice(0, newline);
  try {
    const value = JSON.parse(firstLine) as unknown;
    return typeof value === 'object' && value !== null && 'entries' in value ? 'json' : 'ndjson';
  } catch {
    return 'json';
  }
}
