/**
 * What ingestion reads, returns and complains about. A batch is all-or-nothing: it is returned only
 * when not a single problem was found, and every problem found is reported at once, so a file can be
 * fixed in one go.
 */

import type { LedgerAccount, LedgerLiability, LedgerTransaction, LedgerUser } from '../ledger/types.js';

/** The four kinds of records, in the order they are stored and reported. */
export const LEDGER_RECORD_KINDS = ['users', 'accounts', 'transactions', 'liabilities'] as const;
export type LedgerRecordKind = (typeof LEDGER_RECORD_KINDS)[number];

/** A validated batch, ready to store. */
export interface LedgerBatch {
  users: LedgerUser[];
  accounts: LedgerAccount[];
  transactions: LedgerTransaction[];
  liabilities: LedgerLiability[];
}

export const INGESTION_ERROR_CODES = [
  /** JSON or CSV that cannot be read at all, or a JSON document of the wrong shape. */
  'malformed_file',
  /** A CSV file whose name is not users, accounts, transactions or liabilities. */
  'unknown_file',
  /** A CSV header without a required column. */
  'missing_column',
  /** A CSV header naming the same column twice. */
  'duplicate_column',
  /** A JSON record that is not an object, or a CSV row with more or fewer values than the header. */
  'malformed_record',
  'missing_field',
  /** Text where text is expected but of the wrong form, or a value outside its allowed set or range. */
  'invalid_value',
  'not_a_number',
  /** Money with more than 2 decimals or beyond what the database holds. */
  'invalid_amount',
  'invalid_date',
  /** A transaction, birth or sign-up date after the `asOf` date. */
  'future_date',
  /** A transaction dated before the previous row of the same account in the file. */
  'out_of_order',
  'invalid_currency',
  /** An account mask that is not exactly four digits (full account numbers are never accepted). */
  'invalid_mask',
  'negative_balance',
  'invalid_credit_limit',
  /** An id (or a liability's account) seen twice in the batch, or already stored. */
  'duplicate_id',
  /** A value that must be unique (an email) seen twice. */
  'duplicate_value',
  'unknown_user',
  'unknown_account',
  /** A transaction whose user is not the owner of its account. */
  'user_mismatch',
  /** Validation stopped collecting after `maxErrors` problems. */
  'too_many_errors',
] as const;
export type IngestionErrorCode = (typeof INGESTION_ERROR_CODES)[number];

/** One problem, located precisely enough to fix it. */
export interface RowError {
  /** The file (CSV) or top-level array (JSON) it was found in; `batch` for the document as a whole. */
  kind: LedgerRecordKind | 'batch';
  /** 1-based data row (header not counted; JSON: position in the array); 0 for file-level problems. */
  row: number;
  /** As written in the input: the CSV column (`balance_current`) or the JSON property (`balanceCurrent`). */
  field: string | null;
  code: IngestionErrorCode;
  message: string;
}

/** A record as read from a file: ledger field names (camelCase) to raw values (CSV: always text). */
export type RawRecord = Readonly<Record<string, unknown>>;

/** Files after reading, before validation. `validateLedgerBatch` reports `errors` along with its own. */
export interface ParsedLedgerFiles {
  source: 'json' | 'csv';
  /** `null` holds the place of a row already reported as malformed, so row numbers stay aligned. */
  records: Record<LedgerRecordKind, Array<RawRecord | null>>;
  /** Problems met while reading (syntax, header, shape). */
  errors: RowError[];
  /** Kinds whose file could not be read: references into them are not checked (they would all fail). */
  unreadable: LedgerRecordKind[];
}

export interface ValidationOptions {
  /** The ingestion day (`YYYY-MM-DD`): transactions, births and sign-ups after it are rejected. */
  asOf?: string;
  /** Users already stored: accounts and transactions may refer to them; the batch may not add them again. */
  knownUserIds?: ReadonlySet<string>;
  /** Accounts already stored: transactions and liabilities may refer to them; the batch may not add them again. */
  knownAccountIds?: ReadonlySet<string>;
  /** Stop after this many problems (default 1,000), so a wrong file cannot produce millions of them. */
  maxErrors?: number;
}

export type ValidationResult = { ok: true; batch: LedgerBatch } | { ok: false; errors: RowError[] };
