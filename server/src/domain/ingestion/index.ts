/**
 * Ingestion of customer files: read JSON or CSV, validate everything, store all or nothing.
 *
 * - `parseLedgerJson(text)` — `{ users, accounts, transactions, liabilities }` with the ledger field names.
 * - `parseLedgerCsv({ users, accounts, transactions, liabilities })` — one CSV text per kind, Plaid-style
 *   snake_case headers (see `FIELDS` for every column).
 * - `validateLedgerBatch(parsed, { asOf, knownUserIds, knownAccountIds })` — `{ ok: true, batch }` or
 *   `{ ok: false, errors }` with every problem (reading problems included) by file, row and field.
 *   The rules, and the judgement calls behind them, are documented in validate.ts.
 * - `formatLedgerCsv(batch)` — the inverse of `parseLedgerCsv`, for example files and exports.
 */

export { ISO_CURRENCY_CODES } from './currencies.js';
export { FIELDS, type FieldSpec } from './fields.js';
export { formatLedgerCsv } from './format.js';
export { parseLedgerCsv, parseLedgerJson } from './parse.js';
export {
  INGESTION_ERROR_CODES,
  type IngestionErrorCode,
  LEDGER_RECORD_KINDS,
  type LedgerBatch,
  type LedgerRecordKind,
  type ParsedLedgerFiles,
  type RawRecord,
  type RowError,
  type ValidationOptions,
  type ValidationResult,
} from './types.js';
export { validateLedgerBatch } from './validate.js';
