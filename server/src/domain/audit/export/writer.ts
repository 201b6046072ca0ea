import { canonicalJson, type JsonObject } from '../../canonical-json.js';
import type { StoredAuditEntry } from '../entry.js';
import type { AuditExportFormat } from '../event-types.js';
import {
  AUDIT_CSV_COLUMNS,
  type AuditExportFileManifest,
  CSV_DETAILS_COLUMN,
  CSV_MANIFEST_MARKER,
} from './formats.js';

/**
 * One CSV field per RFC 4180 §2: quoted when it contains a comma, a quote, CR or LF, with quotes doubled.
 * Null is the empty field and the empty string is `""`, because content hashes tell the two apart.
 */
export function csvField(value: string | null): string {
  if (value === null) return '';
  if (value === '' || /[",\r\n]/.test(value)) return `"${value.replaceAll('"', '""')}"`;
  return value;
}

/** One CSV record with its CRLF line break (RFC 4180 §2.1). */
export function csvRecord(fields: readonly (string | null)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const verdict = (value: unknown): string => (value === true ? 'pass' : value === false ? 'fail' : '');
const seqRange = (value: unknown): string => {
  const range = value as { first_seq?: unknown; last_seq?: unknown } | null;
  return typeof range?.first_seq === 'number' && typeof range.last_seq === 'number'
    ? `${range.first_seq}..${range.last_seq}`
    : '';
};

/**
 * The seed's short "Action/Result" column: what happened, in a word, so a spreadsheet can be sorted and
 * filtered without opening `details`. Derived, not hashed; empty when the data lacks the field.
 */
export function auditEntryAction(eventType: string, eventData: JsonObject): string {
  switch (eventType) {
    case 'recommendation_generated':
      return eventData['passed_guardrails'] === true
        ? 'passed'
        : eventData['passed_guardrails'] === false
          ? 'held_for_review'
          : '';
    case 'consent_changed':
      return text(eventData['new_status']);
    case 'eligibility_checked':
    case 'tone_validated':
      return verdict(eventData['pass']);
    case 'operator_action':
      return text(eventData['action']);
    case 'persona_assigned':
      return text(eventData['persona_id']);
    case 'persona_overridden':
      return text(eventData['new_persona']);
    case 'login_attempt':
      return text(eventData['status']);
    case 'unauthorized_access':
      return text(eventData['field_path']);
    case 'audit_exported':
      return text(eventData['format']);
    case 'audit_archived':
    case 'audit_purged':
      return seqRange(eventData['range']);
    case 'audit_checkpoint':
      return typeof eventData['seq'] === 'number' ? String(eventData['seq']) : '';
    default:
      return '';
  }
}

/** One entry as a CSV record. `details` is the canonical JSON of event_data, so the row can be re-hashed. */
export function auditCsvRecord(entry: StoredAuditEntry): string {
  return csvRecord([
    String(entry.seq),
    entry.occurredAt,
    entry.eventType,
    entry.userId,
    entry.operatorId,
    entry.recommendationId,
    auditEntryAction(entry.eventType, entry.eventData),
    canonicalJson(entry.eventData),
    entry.ipAddress,
    entry.userAgent,
    entry.logId,
    entry.contentHash,
    entry.prevHash,
    entry.hash,
  ]);
}

/**
 * One entry as a JSON object with the file's snake_case keys, on one line. Key order is fixed and
 * event_data is canonical, so equal entries always export to equal bytes.
 */
export function auditJsonEntry(entry: StoredAuditEntry): string {
  const s = JSON.stringify;
  return (
    `{"seq":${entry.seq},"log_id":${s(entry.logId)},"event_type":${s(entry.eventType)},` +
    `"user_id":${s(entry.userId)},"operator_id":${s(entry.operatorId)},` +
    `"recommendation_id":${s(entry.recommendationId)},"occurred_at":${s(entry.occurredAt)},` +
    `"event_data":${canonicalJson(entry.eventData)},"ip_address":${s(entry.ipAddress)},` +
    `"user_agent":${s(entry.userAgent)},"content_hash":${s(entry.contentHash)},` +
    `"prev_hash":${s(entry.prevHash)},"hash":${s(entry.hash)}}`
  );
}

/**
 * Writes one export file in pieces, for streaming: `start()`, then `entries(batch)` any number of times,
 * then `finish(manifest)`. Concatenated, the pieces are the whole file.
 *
 * - csv: a header record, one record per entry, and a trailer record (sequence `#manifest`, the manifest
 *   JSON in `details`, every other field empty); CRLF line breaks.
 * - json: `{"entries":[…],"manifest":{…}}`, the manifest last so it can be written after the rows.
 * - ndjson: one entry object per line, then `{"manifest":{…}}` as the last line.
 */
export class AuditExportEncoder {
  readonly format: AuditExportFormat;
  #written = 0;

  constructor(format: AuditExportFormat) {
    this.format = format;
  }

  start(): string {
    if (this.format === 'csv') return csvRecord(AUDIT_CSV_COLUMNS);
    return this.format === 'json' ? '{"entries":[' : '';
  }

  entries(batch: readonly StoredAuditEntry[]): string {
    let out = '';
    for (const entry of batch) {
      if (this.format === 'csv') out += auditCsvRecord(entry);
      else if (this.format === 'ndjson') out += `${auditJsonEntry(entry)}\n`;
      else out += `${this.#written === 0 ? '\n' : ',\n'}${auditJsonEntry(entry)}`;
      this.#written++;
    }
    return out;
  }

  finish(manifest: AuditExportFileManifest): string {
    const json = canonicalJson(manifest as unknown as JsonObject);
    if (this.format === 'csv') {
      const trailer: (string | null)[] = AUDIT_CSV_COLUMNS.map(() => null);
      trailer[0] = CSV_MANIFEST_MARKER;
      trailer[CSV_DETAILS_COLUMN] = json;
      return csvRecord(trailer);
    }
    if (this.format === 'ndjson') return `{"manifest":${json}}\n`;
    return `${this.#written === 0 ? '' : '\n'}],"manifest":${json}}\n`;
  }
}
