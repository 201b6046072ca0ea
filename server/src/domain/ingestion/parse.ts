/**
 * Reading customer files into records. Only the structure is checked here (syntax, shape, CSV
 * headers); every value is checked by `validateLedgerBatch`, which also reports what was found here.
 */

import { parse as parseCsv } from 'csv-parse/sync';
import { FIELDS } from './fields.js';
import { LEDGER_RECORD_KINDS, type LedgerRecordKind, type ParsedLedgerFiles } from './types.js';

function emptyRecords(): ParsedLedgerFiles['records'] {
  return { users: [], accounts: [], transactions: [], liabilities: [] };
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A JSON document `{ users: [...], accounts: [...], transactions: [...], liabilities: [...] }` with
 * the ledger field names; any of the four arrays may be left out. Other top-level keys and unknown
 * properties are ignored.
 */
export function parseLedgerJson(text: string): ParsedLedgerFiles {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return unreadableBatch('json', `The file is not valid JSON: ${reason}`);
  }
  return readLedgerObject(document);
}

/** The same reading as `parseLedgerJson`, for a document already parsed (or built in memory). */
export function readLedgerObject(document: unknown): ParsedLedgerFiles {
  if (!isPlainObject(document)) {
    return unreadableBatch(
      'json',
      'Expected an object with users, accounts, transactions and liabilities arrays.',
    );
  }
  const parsed: ParsedLedgerFiles = { source: 'json', records: emptyRecords(), errors: [], unreadable: [] };
  for (const kind of LEDGER_RECORD_KINDS) {
    const items = document[kind];
    if (items === undefined || items === null) continue;
    if (!Array.isArray(items)) {
      parsed.errors.push({
        kind,
        row: 0,
        field: kind,
        code: 'malformed_file',
        message: `"${kind}" must be an array.`,
      });
      parsed.unreadable.push(kind);
      continue;
    }
    for (const [i, item] of items.entries()) {
      if (isPlainObject(item)) {
        parsed.records[kind].push(item);
      } else {
        parsed.errors.push({
          kind,
          row: i + 1,
          field: null,
          code: 'malformed_record',
          message: `Each entry of "${kind}" must be an object.`,
        });
        parsed.records[kind].push(null);
      }
    }
  }
  return parsed;
}

function unreadableBatch(source: 'json' | 'csv', message: string): ParsedLedgerFiles {
  return {
    source,
    records: emptyRecords(),
    errors: [{ kind: 'batch', row: 0, field: null, code: 'malformed_file', message }],
    unreadable: [...LEDGER_RECORD_KINDS],
  };
}

/**
 * One CSV file per kind, keyed `users`, `accounts`, `transactions`, `liabilities` (a `.csv` suffix
 * is accepted); any may be left out. The first line is the header, with Plaid-style snake_case
 * columns (`account_id`, `balance_current`, ...; the ledger's camelCase names work too) in any
 * order; unknown columns are ignored, empty cells are missing values.
 */
export function parseLedgerCsv(files: Readonly<Record<string, string | undefined>>): ParsedLedgerFiles {
  const parsed: ParsedLedgerFiles = { source: 'csv', records: emptyRecords(), errors: [], unreadable: [] };
  for (const [fileName, text] of Object.entries(files)) {
    if (text === undefined) continue;
    const kind = LEDGER_RECORD_KINDS.find((k) => k === fileName.toLowerCase().replace(/\.csv$/, ''));
    if (!kind) {
      parsed.errors.push({
        kind: 'batch',
        row: 0,
        field: fileName,
        code: 'unknown_file',
        message: `"${fileName}" is not one of ${LEDGER_RECORD_KINDS.map((k) => `${k}.csv`).join(', ')}.`,
      });
      continue;
    }
    readCsvFile(kind, text, parsed);
  }
  return parsed;
}

function readCsvFile(kind: LedgerRecordKind, text: string, parsed: ParsedLedgerFiles): void {
  let rows: string[][];
  try {
    rows = parseCsv(text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    parsed.errors.push({
      kind,
      row: 0,
      field: null,
      code: 'malformed_file',
      message: `${kind}.csv: ${reason}`,
    });
    parsed.unreadable.push(kind);
    return;
  }
  const [header, ...data] = rows;
  if (!header) return;

  const fieldByColumn = new Map<string, string>();
  for (const spec of FIELDS[kind]) {
    fieldByColumn.set(spec.column, spec.name);
    fieldByColumn.set(spec.name.toLowerCase(), spec.name);
  }
  const columnFields = header.map((column) => fieldByColumn.get(column.toLowerCase()));
  let readable = true;
  const seen = new Map<string, string>();
  for (const [i, fieldName] of columnFields.entries()) {
    if (fieldName === undefined) continue;
    const column = header[i] ?? '';
    const earlier = seen.get(fieldName);
    if (earlier !== undefined) {
      parsed.errors.push({
        kind,
        row: 0,
        field: column,
        code: 'duplicate_column',
        message: `Column "${column}" repeats "${earlier}".`,
      });
      readable = false;
    }
    seen.set(fieldName, column);
  }
  for (const spec of FIELDS[kind]) {
    if (spec.required && !seen.has(spec.name)) {
      parsed.errors.push({
        kind,
        row: 0,
        field: spec.column,
        code: 'missing_column',
        message: `${kind}.csv has no "${spec.column}" column.`,
      });
      readable = false;
    }
  }
  // Rows are not read against a broken header: every one of them would repeat the header's problem.
  if (!readable) {
    parsed.unreadable.push(kind);
    return;
  }

  for (const [i, cells] of data.entries()) {
    if (cells.length !== header.length) {
      parsed.errors.push({
        kind,
        row: i + 1,
        field: null,
        code: 'malformed_record',
        message: `Row has ${cells.length} values but the header has ${header.length} columns.`,
      });
      parsed.records[kind].push(null);
      continue;
    }
    const record: Record<string, string> = {};
    for (const [c, fieldName] of columnFields.entries()) {
      if (fieldName !== undefined) record[fieldName] = cells[c] ?? '';
    }
    parsed.records[kind].push(record);
  }
}
