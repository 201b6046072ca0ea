/**
 * Validation of a customer batch. Every record is checked field by field, then against the others
 * (ids, references, order); all problems are collected and the batch is returned only when there
 * are none.
 *
 * Rules that are a matter of judgement:
 * - Balances: savings, money market and HSA accounts cannot be overdrawn, so a negative current or
 *   available balance is rejected; so is a negative loan balance. A checking account may be negative
 *   (overdraft) and so may a credit card's balance (a credit after a refund or overpayment, as Plaid
 *   reports it).
 * - Credit limits belong to credit cards only and must be greater than zero; a card may leave its
 *   limit out (some issuers do not report one).
 * - Money has at most 2 decimals and stays below 10^12 (what the database holds); percentages (APR,
 *   interest rate) are 0–100 with at most 3 decimals. Numbers may be JSON numbers or plain decimal
 *   text (`-12.5`); thousands separators and exponents are rejected.
 * - Enumerations (account type, subtype, payment channel, liability kind) are accepted in any letter
 *   case and stored in Plaid's lowercase form. Currency codes must be upper case.
 * - Transactions of one account must appear in non-decreasing date order within the batch, and no
 *   date may lie after `asOf` (a liability's next due date may, naturally).
 * - Ids and references are case-sensitive. An id already stored (`knownUserIds`, `knownAccountIds`)
 *   counts as a duplicate; a reference to one is fine. A transaction must belong to its account's user.
 */

import type {
  AccountSubtype,
  AccountType,
  LedgerAccount,
  LedgerLiability,
  LedgerTransaction,
  LedgerUser,
} from '../ledger/types.js';
import { SAVINGS_SUBTYPES } from '../ledger/types.js';
import { ISO_CURRENCY_CODES } from './currencies.js';
import { isIsoDate } from './dates.js';
import { ACCOUNT_SUBTYPES_BY_TYPE, FIELDS, type FieldSpec } from './fields.js';
import { readLedgerObject } from './parse.js';
import {
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

const DEFAULT_MAX_ERRORS = 1_000;
const MAX_MONEY = 1e12;
const MAX_ID_LENGTH = 128;
const MAX_TEXT_LENGTH = 500;
const EARLIEST_BIRTH = '1900-01-01';
const DECIMAL = /^[+-]?\d+(\.\d+)?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what ids must not hold
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** Expected liability kind for each account subtype that has one. */
const LIABILITY_KIND_OF_SUBTYPE: Partial<Record<AccountSubtype, LedgerLiability['kind']>> = {
  'credit card': 'credit',
  student: 'student',
  mortgage: 'mortgage',
  auto: 'auto',
};

/** Up to `limit` problems in the order found; beyond it only a count. */
class ProblemList {
  readonly #limit: number;
  readonly #problems: RowError[] = [];
  #dropped = 0;

  constructor(limit: number) {
    this.#limit = limit;
  }

  add(problem: RowError): void {
    if (this.#problems.length < this.#limit) this.#problems.push(problem);
    else this.#dropped += 1;
  }

  get isEmpty(): boolean {
    return this.#problems.length === 0;
  }

  /** By file (batch, users, accounts, transactions, liabilities), then row; found order within a row. */
  sorted(): RowError[] {
    const order = (kind: RowError['kind']) => (kind === 'batch' ? -1 : LEDGER_RECORD_KINDS.indexOf(kind));
    const sorted = this.#problems
      .map((problem, found) => ({ problem, found }))
      .sort(
        (a, b) =>
          order(a.problem.kind) - order(b.problem.kind) || a.problem.row - b.problem.row || a.found - b.found,
      )
      .map(({ problem }) => problem);
    if (this.#dropped > 0) {
      sorted.push({
        kind: 'batch',
        row: 0,
        field: null,
        code: 'too_many_errors',
        message: `Stopped listing after ${this.#limit} problems; ${this.#dropped} more were found.`,
      });
    }
    return sorted;
  }
}

/** Quotes a rejected value for a message, shortened so a wrong column cannot flood the report. */
function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text);
}

function isParsedLedgerFiles(input: unknown): input is ParsedLedgerFiles {
  if (typeof input !== 'object' || input === null) return false;
  const candidate = input as Partial<ParsedLedgerFiles>;
  return (
    (candidate.source === 'json' || candidate.source === 'csv') &&
    typeof candidate.records === 'object' &&
    Array.isArray(candidate.errors) &&
    Array.isArray(candidate.unreadable)
  );
}

/** One record being checked: reads typed values and reports problems with its kind and row. */
class RecordCheck {
  valid = true;

  constructor(
    readonly kind: LedgerRecordKind,
    readonly row: number,
    private readonly raw: RawRecord,
    private readonly source: 'json' | 'csv',
    private readonly problems: ProblemList,
  ) {}

  fieldName(name: string): string {
    const spec = FIELDS[this.kind].find((candidate) => candidate.name === name);
    return spec && this.source === 'csv' ? spec.column : name;
  }

  report(name: string | null, code: IngestionErrorCode, message: string): void {
    this.valid = false;
    this.problems.add({
      kind: this.kind,
      row: this.row,
      field: name === null ? null : this.fieldName(name),
      code,
      message,
    });
  }

  /** The typed value of a field, `null` when an optional field is empty, `undefined` when invalid. */
  read(spec: FieldSpec): unknown {
    const value = this.raw[spec.name];
    const text = typeof value === 'string' ? value.trim() : value;
    if (text === undefined || text === null || text === '') {
      if (spec.required) {
        this.report(spec.name, 'missing_field', `${this.fieldName(spec.name)} is required.`);
        return undefined;
      }
      return spec.type === 'boolean' ? false : null;
    }
    const label = this.fieldName(spec.name);
    const { type } = spec;
    if (typeof type === 'object') {
      const match =
        typeof text === 'string' ? type.oneOf.find((option) => option === text.toLowerCase()) : undefined;
      if (match === undefined) {
        this.report(
          spec.name,
          'invalid_value',
          `${label} ${shown(text)} is not one of ${type.oneOf.join(', ')}.`,
        );
      }
      return match;
    }
    switch (type) {
      case 'id':
      case 'text':
      case 'email':
        return this.#readText(spec.name, label, text, type);
      case 'mask':
        // The value is never echoed: it may be a full account number.
        if (typeof text === 'string' && /^\d{4}$/.test(text)) return text;
        this.report(
          spec.name,
          'invalid_mask',
          `${label} must be exactly the last 4 digits of the account number.`,
        );
        return undefined;
      case 'currency':
        if (typeof text === 'string' && ISO_CURRENCY_CODES.has(text)) return text;
        this.report(
          spec.name,
          'invalid_currency',
          typeof text === 'string' && /^[A-Z]{3}$/.test(text)
            ? `${label} ${shown(text)} is not an ISO 4217 currency code.`
            : `${label} ${shown(text)} must be an ISO 4217 code of 3 upper-case letters, like USD.`,
        );
        return undefined;
      case 'money':
      case 'percent':
        return this.#readNumber(spec.name, label, text, type);
      case 'boolean':
        if (typeof text === 'boolean') return text;
        if (typeof text === 'string' && /^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
        this.report(spec.name, 'invalid_value', `${label} ${shown(text)} must be true or false.`);
        return undefined;
      case 'date':
        if (typeof text === 'string' && isIsoDate(text)) return text;
        this.report(spec.name, 'invalid_date', `${label} ${shown(text)} is not a date like 2025-06-30.`);
        return undefined;
      case 'timestamp': {
        const match = typeof text === 'string' ? TIMESTAMP.exec(text) : null;
        if (match && isIsoDate(match[1] ?? '') && !Number.isNaN(Date.parse(text as string))) return text;
        this.report(
          spec.name,
          'invalid_date',
          `${label} ${shown(text)} is not an ISO timestamp like 2025-06-30T14:05:00Z.`,
        );
        return undefined;
      }
    }
  }

  #readText(name: string, label: string, value: unknown, type: 'id' | 'text' | 'email'): string | undefined {
    if (typeof value !== 'string') {
      this.report(name, 'invalid_value', `${label} must be text, got ${shown(value)}.`);
      return undefined;
    }
    if (type === 'id' && (value.length > MAX_ID_LENGTH || CONTROL_CHARACTERS.test(value))) {
      this.report(name, 'invalid_value', `${label} must be at most ${MAX_ID_LENGTH} printable characters.`);
      return undefined;
    }
    if (value.length > MAX_TEXT_LENGTH) {
      this.report(name, 'invalid_value', `${label} is longer than ${MAX_TEXT_LENGTH} characters.`);
      return undefined;
    }
    if (type === 'email' && !EMAIL.test(value)) {
      this.report(name, 'invalid_value', `${label} ${shown(value)} is not an email address.`);
      return undefined;
    }
    return value;
  }

  #readNumber(name: string, label: string, value: unknown, type: 'money' | 'percent'): number | undefined {
    let number: number;
    let decimals: number;
    if (typeof value === 'number' && Number.isFinite(value)) {
      number = value;
      decimals = decimalPlaces(value);
    } else if (typeof value === 'string' && DECIMAL.test(value)) {
      number = Number(value);
      decimals = value.includes('.') ? value.length - value.indexOf('.') - 1 : 0;
    } else {
      this.report(name, 'not_a_number', `${label} ${shown(value)} is not a number.`);
      return undefined;
    }
    if (type === 'money' && (decimals > 2 || Math.abs(number) >= MAX_MONEY)) {
      this.report(
        name,
        'invalid_amount',
        `${label} ${shown(value)} must have at most 2 decimals and stay below 10^12.`,
      );
      return undefined;
    }
    if (type === 'percent' && (decimals > 3 || number < 0 || number > 100)) {
      this.report(
        name,
        'invalid_value',
        `${label} ${shown(value)} must be a percentage from 0 to 100 (3 decimals at most).`,
      );
      return undefined;
    }
    // `-0` from "-0.00" would not survive a JSON round trip.
    return number === 0 ? 0 : number;
  }

  /** All fields of the record, typed; entries are `undefined` where the field was rejected. */
  readAll(): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    for (const spec of FIELDS[this.kind]) values[spec.name] = this.read(spec);
    return values;
  }
}

/** Decimal places of a JSON number as written (12.5 → 1), tolerant of binary representation. */
function decimalPlaces(value: number): number {
  for (let places = 0; places <= 6; places++) {
    const scaled = value * 10 ** places;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-6 * Math.max(1, Math.abs(scaled))) return places;
  }
  return 7;
}

interface Checked {
  check: RecordCheck;
  /** Typed field values; `undefined` where a field was rejected. */
  values: Record<string, unknown>;
}

/**
 * Validates files read by `parseLedgerJson` / `parseLedgerCsv` (their reading problems are reported
 * too), or a plain object shaped like the JSON document. Returns the typed batch only when nothing at
 * all is wrong; otherwise every problem found (up to `maxErrors`), sorted by file and row.
 * @throws RangeError when `options.asOf` is not a `YYYY-MM-DD` date (a programming error, not a file problem).
 */
export function validateLedgerBatch(input: unknown, options: ValidationOptions = {}): ValidationResult {
  const parsed = isParsedLedgerFiles(input) ? input : readLedgerObject(input);
  if (options.asOf !== undefined && !isIsoDate(options.asOf)) {
    throw new RangeError(`asOf must be a YYYY-MM-DD date, got ${JSON.stringify(options.asOf)}`);
  }
  const problems = new ProblemList(options.maxErrors ?? DEFAULT_MAX_ERRORS);
  for (const problem of parsed.errors) problems.add(problem);
  // Ids in a file that could not be read, or in rows that could not be, are unknown: references into
  // such a file are not checked, since they would report the same problem once more per reference.
  const incomplete = new Set<LedgerRecordKind>(parsed.unreadable);
  for (const kind of LEDGER_RECORD_KINDS) if (parsed.records[kind].includes(null)) incomplete.add(kind);
  const knownUsers = options.knownUserIds ?? new Set<string>();
  const knownAccounts = options.knownAccountIds ?? new Set<string>();
  const asOf = options.asOf;

  const checkAll = (kind: LedgerRecordKind): Checked[] =>
    parsed.records[kind].flatMap((raw, i) => {
      if (raw === null) return [];
      const check = new RecordCheck(kind, i + 1, raw, parsed.source, problems);
      return [{ check, values: check.readAll() }];
    });
  const users = checkAll('users');
  const accounts = checkAll('accounts');
  const transactions = checkAll('transactions');
  const liabilities = checkAll('liabilities');

  const notAfterAsOf = (check: RecordCheck, name: string, date: unknown, what: string): void => {
    if (asOf === undefined || typeof date !== 'string' || date.slice(0, 10) <= asOf) return;
    check.report(name, 'future_date', `${what} ${date} is after ${asOf}.`);
  };

  // --- users ---
  const userIds = uniqueIds(users, 'id', knownUsers, 'user');
  const emails = new Map<string, number>();
  for (const { check, values } of users) {
    const { dateOfBirth, createdAt, email } = values;
    notAfterAsOf(check, 'dateOfBirth', dateOfBirth, 'Date of birth');
    if (typeof dateOfBirth === 'string' && dateOfBirth < EARLIEST_BIRTH) {
      check.report(
        'dateOfBirth',
        'invalid_date',
        `Date of birth ${dateOfBirth} is before ${EARLIEST_BIRTH}.`,
      );
    }
    if (typeof createdAt === 'string') {
      notAfterAsOf(check, 'createdAt', new Date(createdAt).toISOString(), 'Sign-up time');
    }
    if (typeof email === 'string') {
      const key = email.toLowerCase();
      const first = emails.get(key);
      if (first === undefined) emails.set(key, check.row);
      else check.report('email', 'duplicate_value', `Email ${shown(email)} is also used in row ${first}.`);
    }
  }
  const userExists = (id: unknown): boolean =>
    typeof id === 'string' && (userIds.has(id) || knownUsers.has(id) || incomplete.has('users'));

  // --- accounts ---
  const accountIds = uniqueIds(accounts, 'id', knownAccounts, 'account');
  const accountById = new Map<string, Record<string, unknown>>();
  for (const { check, values } of accounts) {
    if (typeof values.id === 'string' && accountIds.get(values.id) === check.row)
      accountById.set(values.id, values);
    if (values.userId !== undefined && !userExists(values.userId)) {
      check.report(
        'userId',
        'unknown_user',
        `User ${shown(values.userId)} is neither in this batch nor stored.`,
      );
    }
    checkAccountRules(check, values);
  }
  const accountExists = (id: unknown): boolean =>
    typeof id === 'string' && (accountIds.has(id) || knownAccounts.has(id) || incomplete.has('accounts'));

  // --- transactions ---
  uniqueIds(transactions, 'id', new Set(), 'transaction');
  const lastDateByAccount = new Map<string, { date: string; row: number }>();
  for (const { check, values } of transactions) {
    const { accountId, userId, date } = values;
    notAfterAsOf(check, 'date', date, 'Transaction date');
    if (accountId !== undefined && !accountExists(accountId)) {
      check.report(
        'accountId',
        'unknown_account',
        `Account ${shown(accountId)} is neither in this batch nor stored.`,
      );
    }
    if (userId !== undefined && !userExists(userId)) {
      check.report('userId', 'unknown_user', `User ${shown(userId)} is neither in this batch nor stored.`);
    }
    // An account with an unknown owner was reported already; comparing with it would only repeat that.
    const owner = typeof accountId === 'string' ? accountById.get(accountId)?.userId : undefined;
    if (typeof owner === 'string' && userExists(owner) && typeof userId === 'string' && owner !== userId) {
      check.report(
        'userId',
        'user_mismatch',
        `Account ${shown(accountId)} belongs to ${shown(owner)}, not ${shown(userId)}.`,
      );
    }
    // A date after asOf is reported as such; it does not also set the order for the rows after it.
    const future = asOf !== undefined && typeof date === 'string' && date > asOf;
    if (typeof accountId === 'string' && typeof date === 'string' && !future) {
      const previous = lastDateByAccount.get(accountId);
      if (previous && date < previous.date) {
        check.report(
          'date',
          'out_of_order',
          `${date} is earlier than ${previous.date} in row ${previous.row} of the same account; sort each account's transactions by date.`,
        );
      } else {
        lastDateByAccount.set(accountId, { date, row: check.row });
      }
    }
  }

  // --- liabilities ---
  uniqueIds(liabilities, 'accountId', new Set(), 'liability for account');
  for (const { check, values } of liabilities) {
    const { accountId, kind } = values;
    if (accountId !== undefined && !accountExists(accountId)) {
      check.report(
        'accountId',
        'unknown_account',
        `Account ${shown(accountId)} is neither in this batch nor stored.`,
      );
    }
    const account = typeof accountId === 'string' ? accountById.get(accountId) : undefined;
    if (account && typeof account.subtype === 'string') {
      const expected = LIABILITY_KIND_OF_SUBTYPE[account.subtype as AccountSubtype];
      if (expected === undefined) {
        check.report('accountId', 'invalid_value', `A ${account.subtype} account has no liability.`);
      } else if (typeof kind === 'string' && kind !== expected) {
        check.report(
          'kind',
          'invalid_value',
          `A ${account.subtype} account's liability is of kind ${expected}, not ${kind}.`,
        );
      }
    }
    for (const name of ['minimumPaymentAmount', 'lastPaymentAmount']) {
      const amount = values[name];
      if (typeof amount === 'number' && amount < 0) {
        check.report(name, 'invalid_value', `${check.fieldName(name)} must not be negative.`);
      }
    }
  }

  if (!problems.isEmpty) return { ok: false, errors: problems.sorted() };
  const batch: LedgerBatch = {
    users: users.map(({ values }) => values as unknown as LedgerUser),
    accounts: accounts.map(({ values }) => values as unknown as LedgerAccount),
    transactions: transactions.map(({ values }) => values as unknown as LedgerTransaction),
    liabilities: liabilities.map(({ values }) => values as unknown as LedgerLiability),
  };
  return { ok: true, batch };
}

/**
 * Reports ids seen twice (the first row keeps the id) or already stored; returns each id's first row.
 * Rows whose id field was rejected are skipped.
 */
function uniqueIds(
  checked: readonly Checked[],
  name: string,
  stored: ReadonlySet<string>,
  what: string,
): Map<string, number> {
  const firstRow = new Map<string, number>();
  for (const { check, values } of checked) {
    const id = values[name];
    if (typeof id !== 'string') continue;
    const first = firstRow.get(id);
    if (first !== undefined) {
      check.report(name, 'duplicate_id', `The ${what} ${shown(id)} is also in row ${first}.`);
    } else {
      firstRow.set(id, check.row);
      if (stored.has(id)) check.report(name, 'duplicate_id', `The ${what} ${shown(id)} is already stored.`);
    }
  }
  return firstRow;
}

function checkAccountRules(check: RecordCheck, values: Record<string, unknown>): void {
  const type = values.type as AccountType | undefined;
  const subtype = values.subtype as AccountSubtype | undefined;
  if (type && subtype && !(ACCOUNT_SUBTYPES_BY_TYPE[type] as readonly string[]).includes(subtype)) {
    check.report(
      'subtype',
      'invalid_value',
      `A ${type} account's subtype is one of ${ACCOUNT_SUBTYPES_BY_TYPE[type].join(', ')}, not ${subtype}.`,
    );
  }
  const { balanceCurrent, balanceAvailable, creditLimit } = values;
  const cannotBeNegative = (subtype !== undefined && SAVINGS_SUBTYPES.includes(subtype)) || type === 'loan';
  if (cannotBeNegative) {
    const what = type === 'loan' ? 'A loan' : `A ${subtype} account`;
    for (const [name, balance] of [
      ['balanceCurrent', balanceCurrent],
      ['balanceAvailable', balanceAvailable],
    ] as const) {
      if (typeof balance === 'number' && balance < 0) {
        check.report(
          name,
          'negative_balance',
          `${what} cannot have a negative ${check.fieldName(name)} (${balance}).`,
        );
      }
    }
  }
  if (typeof creditLimit === 'number') {
    if (type !== undefined && type !== 'credit') {
      check.report(
        'creditLimit',
        'invalid_credit_limit',
        `Only credit cards have a credit limit, not a ${type} account.`,
      );
    } else if (creditLimit <= 0) {
      check.report(
        'creditLimit',
        'invalid_credit_limit',
        `A credit limit must be greater than 0, got ${creditLimit}.`,
      );
    }
  }
}
