import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { buildChain } from '../../../../test-support/audit-chain.js';
import { canonicalJson } from '../../canonical-json.js';
import type { StoredAuditEntry } from '../entry.js';
import type { AuditExportFormat } from '../event-types.js';
import {
  AUDIT_CSV_COLUMNS,
  AuditExportEncoder,
  type AuditExportFileManifest,
  AuditExportFormatError,
  AuditJsonExportReader,
  auditEntryAction,
  CsvRecordReader,
  csvField,
  csvRecord,
  csvRecordKind,
  detectAuditExportFormat,
  entryFromCsvRecord,
  manifestFromCsvRecord,
  parseNdjsonLine,
  readNdjsonExport,
} from './index.js';
import { exportManifest, verifyExportRows } from './manifest.js';

const chain = buildChain(60, 5);
const GENERATED_AT = '2026-11-22T07:02:49.123Z';

function manifestOf(rows: StoredAuditEntry[], format: AuditExportFormat): AuditExportFileManifest {
  return {
    ...exportManifest(rows, { generatedAt: GENERATED_AT, filters: {}, completeRange: true }),
    format,
    chain_head: { seq: 60, hash: chain[59]!.hash },
  };
}

/** Writes `rows` in batches of 7, as the export service streams them. */
function encode(format: AuditExportFormat, rows: StoredAuditEntry[]): string {
  const encoder = new AuditExportEncoder(format);
  let out = encoder.start();
  for (let i = 0; i < rows.length; i += 7) out += encoder.entries(rows.slice(i, i + 7));
  return out + encoder.finish(manifestOf(rows, format));
}

/** Parses CSV in chunks of `size` characters. */
function parseCsv(text: string, size = 1_000): (string | null)[][] {
  const reader = new CsvRecordReader();
  const records: (string | null)[][] = [];
  for (let i = 0; i < text.length; i += size) {
    reader.push(text.slice(i, i + size));
    records.push(...reader.takeRecords());
  }
  reader.end();
  return [...records, ...reader.takeRecords()];
}

/** Reads a JSON export in chunks of `size` characters, so every boundary case of the reader is crossed. */
function readJson(text: string, size: number, entries = true) {
  const reader = new AuditJsonExportReader({ entries });
  const rows: StoredAuditEntry[] = [];
  for (let i = 0; i < text.length; i += size) {
    reader.push(text.slice(i, i + size));
    rows.push(...reader.takeEntries());
  }
  reader.end();
  return { rows, manifest: reader.manifest, hasManifest: reader.hasManifest };
}

describe('csvField', () => {
  it('quotes only what RFC 4180 requires, and the empty string', () => {
    expect(csvField('plain text')).toBe('plain text');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\r\nbreak')).toBe('"line\r\nbreak"');
    expect(csvField('lf\nonly')).toBe('"lf\nonly"');
    expect(csvField('')).toBe('""');
    expect(csvField(null)).toBe('');
  });

  it('ends records with CRLF', () => {
    expect(csvRecord(['1', null, '', 'x,y'])).toBe('1,,"","x,y"\r\n');
  });
});

describe('auditEntryAction', () => {
  it.each([
    ['recommendation_generated', { passed_guardrails: true }, 'passed'],
    ['recommendation_generated', { passed_guardrails: false }, 'held_for_review'],
    ['consent_changed', { new_status: 'opted_out' }, 'opted_out'],
    ['eligibility_checked', { pass: false }, 'fail'],
    ['tone_validated', { pass: true }, 'pass'],
    ['operator_action', { action: 'flagged' }, 'flagged'],
    ['persona_assigned', { persona_id: 'savings_builder' }, 'savings_builder'],
    ['persona_overridden', { new_persona: 'high_utilization' }, 'high_utilization'],
    ['login_attempt', { status: 'failure' }, 'failure'],
    ['unauthorized_access', { field_path: 'GET /exports/audit' }, 'GET /exports/audit'],
    ['audit_exported', { format: 'ndjson' }, 'ndjson'],
    ['audit_archived', { range: { first_seq: 1, last_seq: 500 } }, '1..500'],
    ['audit_purged', { range: { first_seq: 1, last_seq: 9 } }, '1..9'],
  ])('%s %j → %s', (eventType, data, action) => {
    expect(auditEntryAction(eventType, data)).toBe(action);
  });

  it('is empty when the data lacks the field or the type is unknown', () => {
    expect(auditEntryAction('consent_changed', {})).toBe('');
    expect(auditEntryAction('eligibility_checked', { pass: 'yes' })).toBe('');
    expect(auditEntryAction('something_else', { action: 'x' })).toBe('');
  });
});

describe('CSV export', () => {
  const text = encode('csv', chain);
  const records = parseCsv(text);

  it('has the header, one record per entry and the manifest trailer, all with 14 fields and CRLF', () => {
    expect(records).toHaveLength(62);
    expect(records[0]).toEqual([...AUDIT_CSV_COLUMNS]);
    expect(new Set(records.map((record) => record.length))).toEqual(new Set([14]));
    expect(text.split('\r\n')).toHaveLength(63);
    expect(text.replaceAll('\r\n', '')).not.toContain('\n');
    expect(csvRecordKind(records[0]!)).toBe('header');
    expect(csvRecordKind(records[1]!)).toBe('entry');
    expect(csvRecordKind(records[61]!)).toBe('manifest');
  });

  it('is what a strict RFC 4180 parser reads too', () => {
    const strict = parse(text, { relax_quotes: false, relax_column_count: false }) as string[][];
    expect(strict).toEqual(records.map((record) => record.map((field) => field ?? '')));
  });

  it('reads every entry back exactly, nulls included, and verifies', async () => {
    const rows = records.slice(1, -1).map(entryFromCsvRecord);
    expect(rows).toEqual(chain);
    const manifest = manifestFromCsvRecord(records[61]!);
    expect(manifest).toEqual(manifestOf(chain, 'csv'));
    await expect(verifyExportRows(rows, manifest as AuditExportFileManifest)).resolves.toMatchObject({
      valid: true,
      checked: 60,
    });
  });

  it('writes details as canonical event_data and action derived from it', () => {
    const entry = chain[0]!;
    const record = records[1]!;
    expect(record[AUDIT_CSV_COLUMNS.indexOf('details')]).toBe(canonicalJson(entry.eventData));
    expect(record[AUDIT_CSV_COLUMNS.indexOf('action')]).toBe(
      auditEntryAction(entry.eventType, entry.eventData),
    );
  });

  it('tells an empty string from null', () => {
    const entry = { ...chain[0]!, userAgent: '', ipAddress: null };
    const [record] = parseCsv(new AuditExportEncoder('csv').entries([entry]));
    expect(entryFromCsvRecord(record!)).toMatchObject({ userAgent: '', ipAddress: null });
  });

  it('keeps an unparseable seq or details as text, for verification to reject', () => {
    const fields = parseCsv(new AuditExportEncoder('csv').entries([chain[0]!]))[0]!;
    fields[0] = '1x';
    fields[7] = '{"broken"';
    expect(entryFromCsvRecord(fields)).toMatchObject({ seq: '1x', eventData: '{"broken"' });
  });

  it('rejects a trailer without a manifest', () => {
    expect(() => manifestFromCsvRecord(['#manifest', null])).toThrow(AuditExportFormatError);
    expect(() => manifestFromCsvRecord(['#manifest', ...Array(6).fill(null), '{oops'])).toThrow(
      /not valid JSON/,
    );
  });
});

describe('CsvRecordReader', () => {
  const sample = 'a,"b,1",\r\n"say ""hi""","",x\r\n"multi\r\nline",,\r\n';
  const expected = [
    ['a', 'b,1', null],
    ['say "hi"', '', 'x'],
    ['multi\r\nline', null, null],
  ];

  it.each([1, 2, 3, 5, 100])('reads records across chunks of %i characters', (size) => {
    expect(parseCsv(sample, size)).toEqual(expected);
  });

  it('accepts LF and CR line breaks, skips blank lines and completes a last record without one', () => {
    expect(parseCsv('a,b\n\nc,d\re,f')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
    ]);
    expect(parseCsv('x,\r\n\r\n"y"')).toEqual([['x', null], ['y']]);
  });

  it.each([
    ['a quote in an unquoted field', 'ab"c,d\r\n', /record 1: a quote inside an unquoted field/],
    ['text after a closing quote', 'ok\r\n"ab"c,d\r\n', /record 2: text after the closing quote/],
    ['an unterminated quote', 'a,"bc\r\n', /record 1: a quoted field is never closed/],
  ])('rejects %s', (_name, input, message) => {
    expect(() => parseCsv(input, 2)).toThrow(message);
  });
});

describe('NDJSON export', () => {
  const text = encode('ndjson', chain);
  const lines = text.split('\n');

  it('has one entry per line and the manifest as the last line', () => {
    expect(lines).toHaveLength(62);
    expect(lines[61]).toBe('');
    expect(parseNdjsonLine(lines[60]!, 61)).toEqual({
      kind: 'manifest',
      manifest: manifestOf(chain, 'ndjson'),
    });
    const rows = lines.slice(0, 60).map((line, i) => parseNdjsonLine(line, i + 1));
    expect(rows.map((row) => (row.kind === 'entry' ? row.entry : null))).toEqual(chain);
  });

  it('writes keys in a fixed order with snake_case names', () => {
    expect(Object.keys(JSON.parse(lines[0]!))).toEqual([
      'seq',
      'log_id',
      'event_type',
      'user_id',
      'operator_id',
      'recommendation_id',
      'occurred_at',
      'event_data',
      'ip_address',
      'user_agent',
      'content_hash',
      'prev_hash',
      'hash',
    ]);
  });

  it('names the line of invalid JSON', () => {
    expect(() => parseNdjsonLine('{"seq":1,', 7)).toThrow(/Line 7 is not valid JSON/);
  });

  /** Everything `readNdjsonExport` yields for `text` cut into chunks of `size` characters. */
  async function readAll(text: string, size: number): Promise<StoredAuditEntry[]> {
    const chunks = async function* () {
      for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
    };
    const entries: StoredAuditEntry[] = [];
    for await (const entry of readNdjsonExport(chunks())) entries.push(entry);
    return entries;
  }

  it.each([1, 7, 4096])('reads every entry back from chunks of %i characters', async (size) => {
    expect(await readAll(text, size)).toEqual(chain);
  });

  it('skips blank lines and a byte-order mark, and reads CRLF line ends', async () => {
    const crlf = `\uFEFF${lines.slice(0, 30).join('\r\n')}\r\n\r\n  \n${lines.slice(30).join('\r\n')}`;
    expect(await readAll(crlf, 5)).toEqual(chain);
  });

  it('names the physical line, blank lines counted, of bad JSON and of anything after the manifest', async () => {
    const broken = [...lines.slice(0, 2), '', '{"seq":3,', ...lines.slice(3)].join('\n');
    await expect(readAll(broken, 3)).rejects.toThrow(/^Line 4 is not valid JSON/);
    const trailing = `${text}\n${lines[0]}\n`;
    await expect(readAll(trailing, 64)).rejects.toThrow(
      new AuditExportFormatError('Line 63 comes after the manifest on line 61'),
    );
  });
});

describe('JSON export', () => {
  const text = encode('json', chain);

  it('is one JSON document with the entries first and the manifest last', () => {
    const document = JSON.parse(text);
    expect(Object.keys(document)).toEqual(['entries', 'manifest']);
    expect(document.entries).toHaveLength(60);
    expect(document.manifest).toEqual(manifestOf(chain, 'json'));
  });

  it.each([1, 2, 3, 7, 64, 100_000])('reads back every entry in chunks of %i characters', (size) => {
    const { rows, manifest } = readJson(text, size);
    expect(rows).toEqual(chain);
    expect(manifest).toEqual(manifestOf(chain, 'json'));
  });

  it('finds the manifest without parsing entries on a first pass', () => {
    const { rows, manifest, hasManifest } = readJson(text, 50, false);
    expect(rows).toEqual([]);
    expect(hasManifest).toBe(true);
    expect(manifest).toEqual(manifestOf(chain, 'json'));
  });

  it('reads a re-formatted file: pretty-printed, manifest first, extra keys with tricky strings', () => {
    const document = JSON.parse(text);
    const reformatted = JSON.stringify(
      {
        manifest: document.manifest,
        'note "x"': { s: 'a } ] , " \\ {', n: [1, [2]] },
        entries: document.entries,
        z: true,
      },
      null,
      2,
    );
    const { rows, manifest } = readJson(`\uFEFF${reformatted}\n`, 5);
    expect(rows).toEqual(chain);
    expect(manifest).toEqual(manifestOf(chain, 'json'));
  });

  it('writes an empty export that reads back', () => {
    const empty = encode('json', []);
    expect(JSON.parse(empty)).toEqual({ entries: [], manifest: manifestOf([], 'json') });
    expect(readJson(empty, 3)).toMatchObject({ rows: [], hasManifest: true });
  });

  it.each([
    ['a truncated file', '{"entries":[{"seq":1}', /ends before/],
    ['no entries', '{"manifest":{}}', /no "entries"/],
    ['a second manifest', '{"entries":[],"manifest":{},"manifest":{}}', /appears twice/],
    ['content after the object', '{"entries":[]} {}', /after the top-level object/],
    ['entries that are not an array', '{"entries":{}}', /must be an array/],
    ['a missing value', '{"entries":[],"manifest":}', /expected a value/],
    ['an array at the top', '[1]', /starts with/],
    ['an invalid entry', '{"entries":[{"seq":1,}]}', /An entry is not valid JSON/],
  ])('rejects %s', (_name, input, message) => {
    expect(() => readJson(input, 4)).toThrow(message);
  });
});

describe('detectAuditExportFormat', () => {
  it('recognises each format from its first line', () => {
    expect(detectAuditExportFormat(encode('csv', chain.slice(0, 2)))).toBe('csv');
    expect(detectAuditExportFormat(encode('ndjson', chain.slice(0, 2)))).toBe('ndjson');
    expect(detectAuditExportFormat(encode('ndjson', []))).toBe('ndjson');
    expect(detectAuditExportFormat(encode('json', chain.slice(0, 2)))).toBe('json');
    expect(detectAuditExportFormat(encode('json', []))).toBe('json');
    expect(detectAuditExportFormat(`\uFEFF  ${encode('json', chain.slice(0, 1))}`)).toBe('json');
  });

  it('gives up on anything else', () => {
    expect(detectAuditExportFormat('seq;timestamp\n')).toBeNull();
    expect(detectAuditExportFormat('')).toBeNull();
    expect(detectAuditExportFormat('[{"seq":1}]')).toBeNull();
  });
});
