import { canonicalJson, type JsonObject } from '../canonical-json.js';
import type { SignedAuditCheckpoint } from './checkpoint.js';
import type { StoredAuditEntry } from './entry.js';
import type { AuditExportFormat } from './event-types.js';
import type { AuditExportManifest } from './export-manifest.js';
import type { DocumentSignature } from './signing.js';

/**
 * The three audit export file formats, written and read back. Every format carries each entry's nine
 * content fields exactly as hashed, its seq and hashes, and ends with the manifest, so that one file is
 * enough to verify it offline. EXPORTS.md describes the layouts for people and other tools.
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

const CSV_DETAILS_COLUMN = AUDIT_CSV_COLUMNS.indexOf('details');

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

/** A file that is not laid out as an audit export (as opposed to one whose entries fail verification). */
export class AuditExportFormatError extends Error {
  override readonly name = 'AuditExportFormatError';
}

const SEQ_TEXT = /^[1-9]\d{0,15}$/;

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
 * A CSV entry record (fields in {@link AUDIT_CSV_COLUMNS} order, null for an unquoted empty field) back as
 * a stored entry. The derived `action` column is ignored.
 */
export function entryFromCsvRecord(fields: readonly (string | null)[]): StoredAuditEntry {
  const at = (column: (typeof AUDIT_CSV_COLUMNS)[number]) =>
    fields[AUDIT_CSV_COLUMNS.indexOf(column)] ?? null;
  const seq = at('sequence');
  return {
    seq: seq !== null && SEQ_TEXT.test(seq) ? Number(seq) : seq,
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
  return parseJson(details, `The ${CSV_MANIFEST_MARKER} record`);
}

/** What an NDJSON line holds. Throws {@link AuditExportFormatError} when the line is not JSON. */
export function parseNdjsonLine(
  line: string,
  lineNumber: number,
): { kind: 'manifest'; manifest: unknown } | { kind: 'entry'; entry: StoredAuditEntry } {
  const value = parseJson(line, `Line ${lineNumber}`);
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === 'manifest') {
      return { kind: 'manifest', manifest: (value as { manifest: unknown }).manifest };
    }
  }
  return { kind: 'entry', entry: entryFromExportObject(value) };
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AuditExportFormatError(`${where} is not valid JSON: ${(error as Error).message}`);
  }
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

enum Char {
  Quote = 0x22,
  Backslash = 0x5c,
  Comma = 0x2c,
  Colon = 0x3a,
  OpenBrace = 0x7b,
  CloseBrace = 0x7d,
  OpenBracket = 0x5b,
  CloseBracket = 0x5d,
}

const isJsonSpace = (code: number) => code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;

enum CsvState {
  FieldStart,
  Unquoted,
  Quoted,
  /** A quote inside a quoted field: the next character says whether it was doubled or closed the field. */
  QuoteInQuoted,
  /** A record ended at CR; a LF right after it belongs to the same line break. */
  AfterCr,
}

const CR = 0x0d;
const LF = 0x0a;

/**
 * Reads RFC 4180 CSV chunk by chunk and hands out complete records, keeping what the export's convention
 * needs and generic parsers lose: an empty unquoted field is null, `""` is the empty string. Accepts CRLF
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

type JsonReaderState =
  | 'beforeObject'
  | 'keyOrEnd'
  | 'key'
  | 'colon'
  | 'value'
  | 'afterValue'
  | 'elementOrEnd'
  | 'afterElement'
  | 'capture'
  | 'done';

type CaptureTarget = 'entry' | 'manifest' | 'skip';

/**
 * Reads a JSON export (`{"entries":[…],"manifest":{…}}`, in any key order and any whitespace) chunk by
 * chunk, holding one entry at a time: it only finds where each entry and the manifest begin and end, and
 * leaves parsing them to JSON.parse. Other top-level keys are skipped.
 *
 * Push text with {@link push}, collect what completed with {@link takeEntries}, call {@link end} at the end
 * of the file. Structural problems throw an {@link AuditExportFormatError} naming the character offset.
 */
export class AuditJsonExportReader {
  readonly #wantEntries: boolean;
  #state: JsonReaderState = 'beforeObject';
  #offset = 0;
  /** Text of the key or value being read, in slices of the chunks it spans. */
  #parts: string[] = [];
  #key = '';
  #seenKeys = new Set<string>();
  #escaped = false;
  #inString = false;
  #depth = 0;
  #primitive = false;
  #target: CaptureTarget = 'skip';
  #returnState: JsonReaderState = 'afterValue';
  #entries: StoredAuditEntry[] = [];
  #manifest: unknown;
  #hasManifest = false;

  /** With `entries: false` entries are skipped unparsed (a first pass that only looks for the manifest). */
  constructor(options: { entries: boolean }) {
    this.#wantEntries = options.entries;
  }

  get manifest(): unknown {
    return this.#manifest;
  }

  get hasManifest(): boolean {
    return this.#hasManifest;
  }

  /** Entries completed since the last call, in file order. */
  takeEntries(): StoredAuditEntry[] {
    const entries = this.#entries;
    this.#entries = [];
    return entries;
  }

  push(chunk: string): void {
    // Where the key or value being read started in this chunk (0 when it began in an earlier one).
    let sliceStart = 0;
    for (let i = 0; i < chunk.length; i++) {
      const code = chunk.charCodeAt(i);
      if (this.#state === 'key') {
        if (this.#escaped) this.#escaped = false;
        else if (code === Char.Backslash) this.#escaped = true;
        else if (code === Char.Quote) {
          this.#parts.push(chunk.slice(sliceStart, i));
          this.#key = parseJson(`"${this.#takeParts()}"`, 'A key of the top-level object') as string;
          this.#state = 'colon';
        }
        continue;
      }
      if (this.#state === 'capture') {
        const step = this.#captureStep(code);
        if (step === 'continue') continue;
        // A primitive ends at the delimiter after it, which belongs to the enclosing state.
        this.#parts.push(chunk.slice(sliceStart, step === 'ended' ? i + 1 : i));
        this.#finishCapture();
        if (step === 'ended') continue;
      }
      this.#structural(code, i);
      // #structural moved the state on; TypeScript still narrows it from the checks above.
      const state = this.#state as JsonReaderState;
      if (state === 'key') sliceStart = i + 1;
      else if (state === 'capture') {
        // The first character of a value never ends it: `}`, `]` and `,` were refused above.
        sliceStart = i;
        this.#captureStep(code);
      }
    }
    if (this.#state === 'key' || this.#state === 'capture') this.#parts.push(chunk.slice(sliceStart));
    this.#offset += chunk.length;
  }

  end(): void {
    if (this.#state === 'capture' && this.#primitive) this.#finishCapture();
    if (this.#state !== 'done') {
      throw new AuditExportFormatError('The JSON export ends before its top-level object is closed');
    }
    if (!this.#seenKeys.has('entries'))
      throw new AuditExportFormatError('The JSON export has no "entries" array');
  }

  #takeParts(): string {
    const text = this.#parts.join('');
    this.#parts = [];
    return text;
  }

  #structural(code: number, index: number): void {
    if (isJsonSpace(code)) return;
    if (this.#state === 'beforeObject' && this.#offset + index === 0 && code === 0xfeff) return;
    switch (this.#state) {
      case 'beforeObject':
        if (code !== Char.OpenBrace) this.#fail(index, 'a JSON export starts with "{"');
        this.#state = 'keyOrEnd';
        return;
      case 'keyOrEnd':
        if (code === Char.CloseBrace) this.#state = 'done';
        else if (code === Char.Quote) this.#state = 'key';
        else this.#fail(index, 'expected a key or "}"');
        return;
      case 'colon':
        if (code !== Char.Colon) this.#fail(index, 'expected ":"');
        if (this.#seenKeys.has(this.#key)) this.#fail(index, `the key "${this.#key}" appears twice`);
        this.#seenKeys.add(this.#key);
        this.#state = 'value';
        return;
      case 'value':
        if (this.#key !== 'entries') {
          this.#beginCapture(code, index, this.#key === 'manifest' ? 'manifest' : 'skip', 'afterValue');
        } else if (code === Char.OpenBracket) this.#state = 'elementOrEnd';
        else this.#fail(index, '"entries" must be an array');
        return;
      case 'afterValue':
        if (code === Char.Comma) this.#state = 'keyOrEnd';
        else if (code === Char.CloseBrace) this.#state = 'done';
        else this.#fail(index, 'expected "," or "}"');
        return;
      case 'elementOrEnd':
        if (code === Char.CloseBracket) this.#state = 'afterValue';
        else this.#beginCapture(code, index, this.#wantEntries ? 'entry' : 'skip', 'afterElement');
        return;
      case 'afterElement':
        if (code === Char.Comma) this.#state = 'elementOrEnd';
        else if (code === Char.CloseBracket) this.#state = 'afterValue';
        else this.#fail(index, 'expected "," or "]" between entries');
        return;
      case 'done':
        this.#fail(index, 'unexpected content after the top-level object');
    }
  }

  #beginCapture(code: number, index: number, target: CaptureTarget, returnState: JsonReaderState): void {
    if (
      code === Char.CloseBrace ||
      code === Char.CloseBracket ||
      code === Char.Comma ||
      code === Char.Colon
    ) {
      this.#fail(index, 'expected a value');
    }
    this.#state = 'capture';
    this.#target = target;
    this.#returnState = returnState;
    this.#parts = [];
    this.#depth = 0;
    this.#inString = false;
    this.#escaped = false;
    this.#primitive = false;
  }

  /** Advances the value being captured by one character: `ended` includes it, `delimited` does not. */
  #captureStep(code: number): 'continue' | 'ended' | 'delimited' {
    if (this.#inString) {
      if (this.#escaped) this.#escaped = false;
      else if (code === Char.Backslash) this.#escaped = true;
      else if (code === Char.Quote) {
        this.#inString = false;
        if (this.#depth === 0) return 'ended';
      }
      return 'continue';
    }
    if (this.#primitive) {
      return code === Char.Comma ||
        code === Char.CloseBrace ||
        code === Char.CloseBracket ||
        isJsonSpace(code)
        ? 'delimited'
        : 'continue';
    }
    if (code === Char.Quote) this.#inString = true;
    else if (code === Char.OpenBrace || code === Char.OpenBracket) this.#depth++;
    else if (code === Char.CloseBrace || code === Char.CloseBracket) {
      this.#depth--;
      if (this.#depth === 0) return 'ended';
    } else if (this.#depth === 0) this.#primitive = true;
    return 'continue';
  }

  #finishCapture(): void {
    const raw = this.#takeParts();
    this.#state = this.#returnState;
    if (this.#target === 'skip') return;
    const value = parseJson(raw, this.#target === 'manifest' ? 'The manifest' : 'An entry');
    if (this.#target === 'manifest') {
      this.#manifest = value;
      this.#hasManifest = true;
    } else this.#entries.push(entryFromExportObject(value));
  }

  #fail(index: number, problem: string): never {
    throw new AuditExportFormatError(
      `Not a JSON audit export at character ${this.#offset + index}: ${problem}`,
    );
  }
}
