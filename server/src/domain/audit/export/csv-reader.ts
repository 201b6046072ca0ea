import type { JsonObject } from '../../canonical-json.js';
import { parseAuditSeqText } from '../../identifiers.js';
import type { StoredAuditEntry } from '../entry.js';
import { Char, CR, LF } from './char-codes.js';
import {
  AUDIT_CSV_COLUMNS,
  AuditExportFormatError,
  CSV_DETAILS_COLUMN,
  CSV_MANIFEST_MARKER,
  parseExportJson,
} from './formats.js';
import { auditEntryAction } from './writer.js';

/** The seq column as a number when it is one JavaScript holds exactly; else the text, which verification names. */
function seqNumberOf(text: string | null): number | string | null {
  const seq = text === null ? null : parseAuditSeqText(text);
  return seq !== null && seq <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(seq) : text;
}

function jsonOrText(value: string | null): unknown {
  if (value === null) return null;
  try {
    return JSON.parse(value);
  } catch {
    // Left as text: verification then reports the entry's content as modified, naming its seq.
    return value;
  }
}
/**
 * A CSV entry record (fields in {@link AUDIT_CSV_COLUMNS} order, null for an unquoted empty field) back as
 * a stored entry. The derived `action` column is ignored.
 */
export function entryFromCsvRecord(fields: readonly (string | null)[]): StoredAuditEntry {
  const at = (column: (typeof AUDIT_CSV_COLUMNS)[number]) =>
    fields[AUDIT_CSV_COLUMNS.indexOf(column)] ?? null;
  const seq = at('sequence');
  return {
    seq: seqNumberOf(seq),
    logId: at('log_id'),
    eventType: at('event_type'),
    userId: at('user_id'),
    operatorId: at('operator_id'),
    recommendationId: at('recommendation_id'),
    occurredAt: at('timestamp'),
    eventData: jsonOrText(at('details')),
    ipAddress: at('ip_address'),
    userAgent: at('user_agent'),
    contentHash: at('content_hash'),
    prevHash: at('prev_hash'),
    hash: at('hash'),
  } as StoredAuditEntry;
}

/**
 * Why the derived `action` column of an entry's CSV record disagrees with its hashed `details`, or null.
 * The column is not hashed itself, so only this comparison stops an edit of it from passing verification.
 */
export function csvDerivedColumnProblem(fields: readonly (string | null)[]): string | null {
  const at = (column: (typeof AUDIT_CSV_COLUMNS)[number]) =>
    fields[AUDIT_CSV_COLUMNS.indexOf(column)] ?? null;
  const details = jsonOrText(at('details'));
  if (typeof details !== 'object' || details === null || Array.isArray(details)) return null;
  const expected = auditEntryAction(String(at('event_type')), details as JsonObject);
  const action = at('action') ?? '';
  return action === expected
    ? null
    : `the action column says ${JSON.stringify(action)} but the hashed details give ${JSON.stringify(expected)}`;
}

/** Whether a CSV record is the header, the manifest trailer, or an entry. */
export function csvRecordKind(fields: readonly (string | null)[]): 'header' | 'manifest' | 'entry' {
  if (fields[0] === CSV_MANIFEST_MARKER) return 'manifest';
  if (
    fields.length === AUDIT_CSV_COLUMNS.length &&
    AUDIT_CSV_COLUMNS.every((name, i) => fields[i] === name)
  ) {
    return 'header';
  }
  return 'entry';
}

/** The manifest carried by a CSV trailer record. Throws {@link AuditExportFormatError} when unreadable. */
export function manifestFromCsvRecord(fields: readonly (string | null)[]): unknown {
  const details = fields[CSV_DETAILS_COLUMN];
  if (fields[0] !== CSV_MANIFEST_MARKER || typeof details !== 'string') {
    throw new AuditExportFormatError(
      `The ${CSV_MANIFEST_MARKER} record has no manifest in its details field`,
    );
  }
  return parseExportJson(details, `The ${CSV_MANIFEST_MARKER} record`);
}
enum CsvState {
  FieldStart,
  Unquoted,
  Quoted,
  /** A quote inside a quoted field: the next character says whether it was doubled or closed the field. */
  QuoteInQuoted,
  /** A record ended at CR; a LF right after it belongs to the same line break. */
  AfterCr,
}
/**
 * Reads RFC 4180 CSV chunk by chunk and hands out complete records, keeping what the export's convention
 * needs and generic parsers lose: an empty unquoted field is null, `""` is the empty string. Hand-written
 * rather than csv-parse because the library, given the same convention through its `cast` option, read the
 * export at 0.05× this reader's speed (`pnpm bench export-readers`: 4.3 against 86 MiB/s on 100,000 entries),
 * and verify-export reads whole exports through it. Accepts CRLF
 * (and bare LF or CR) line breaks and line breaks inside quoted fields; skips blank lines. A quote inside an
 * unquoted field, text after a closing quote or an unterminated quote throws an
 * {@link AuditExportFormatError} naming the record.
 */
export class CsvRecordReader {
  #state = CsvState.FieldStart;
  #parts: string[] = [];
  #quoted = false;
  #fields: (string | null)[] = [];
  #records: (string | null)[][] = [];
  #recordNumber = 1;

  /** Records completed since the last call, in file order. */
  takeRecords(): (string | null)[][] {
    const records = this.#records;
    this.#records = [];
    return records;
  }

  push(chunk: string): void {
    let i = 0;
    const length = chunk.length;
    while (i < length) {
      switch (this.#state) {
        case CsvState.AfterCr:
          this.#state = CsvState.FieldStart;
          if (chunk.charCodeAt(i) === LF) i++;
          break;
        case CsvState.FieldStart: {
          const code = chunk.charCodeAt(i);
          if (code === Char.Quote) {
            this.#state = CsvState.Quoted;
            this.#quoted = true;
            i++;
          } else if ((code === CR || code === LF) && this.#fields.length === 0) {
            // A blank line, not a record.
            this.#state = code === CR ? CsvState.AfterCr : CsvState.FieldStart;
            i++;
          } else this.#state = CsvState.Unquoted;
          break;
        }
        case CsvState.Unquoted: {
          let j = i;
          let code = 0;
          for (; j < length; j++) {
            code = chunk.charCodeAt(j);
            if (code === Char.Comma || code === CR || code === LF || code === Char.Quote) break;
          }
          this.#parts.push(chunk.slice(i, j));
          if (j === length) return;
          if (code === Char.Quote) this.#fail('a quote inside an unquoted field');
          this.#endField();
          if (code === Char.Comma) this.#state = CsvState.FieldStart;
          else this.#endRecord(code);
          i = j + 1;
          break;
        }
        case CsvState.Quoted: {
          const quote = chunk.indexOf('"', i);
          if (quote === -1) {
            this.#parts.push(chunk.slice(i));
            return;
          }
          this.#parts.push(chunk.slice(i, quote));
          this.#state = CsvState.QuoteInQuoted;
          i = quote + 1;
          break;
        }
        case CsvState.QuoteInQuoted: {
          const code = chunk.charCodeAt(i);
          if (code === Char.Quote) {
            this.#parts.push('"');
            this.#state = CsvState.Quoted;
          } else if (code === Char.Comma) {
            this.#endField();
            this.#state = CsvState.FieldStart;
          } else if (code === CR || code === LF) {
            this.#endField();
            this.#endRecord(code);
          } else this.#fail('text after the closing quote of a field');
          i++;
          break;
        }
      }
    }
  }

  /** Completes the last record when the file does not end with a line break. */
  end(): void {
    if (this.#state === CsvState.Quoted) this.#fail('a quoted field is never closed');
    const inRecord =
      this.#state === CsvState.QuoteInQuoted || this.#state === CsvState.Unquoted || this.#fields.length > 0;
    if (inRecord) {
      this.#endField();
      this.#endRecord(LF);
    }
  }

  #endField(): void {
    const text = this.#parts.length === 1 ? this.#parts[0]! : this.#parts.join('');
    this.#fields.push(text === '' && !this.#quoted ? null : text);
    this.#parts = [];
    this.#quoted = false;
  }

  #endRecord(lineBreak: number): void {
    this.#records.push(this.#fields);
    this.#fields = [];
    this.#recordNumber++;
    this.#state = lineBreak === CR ? CsvState.AfterCr : CsvState.FieldStart;
  }

  #fail(problem: string): never {
    throw new AuditExportFormatError(`Malformed CSV in record ${this.#recordNumber}: ${problem}`);
  }
}
