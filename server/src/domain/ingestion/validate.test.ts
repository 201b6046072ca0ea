import { describe, expect, it } from 'vitest';
import { formatLedgerCsv } from './format.js';
import { parseLedgerCsv, parseLedgerJson } from './parse.js';
import type { LedgerBatch, RowError, ValidationOptions } from './types.js';
import { validateLedgerBatch } from './validate.js';

const AS_OF = '2025-06-30';

/** Two customers: checking, savings, a card, a student loan; a few transactions; two liabilities. */
function validBatch(): LedgerBatch {
  const account = (id: string, userId: string, subtype: string, extra: Record<string, unknown> = {}) =>
    ({
      id,
      userId,
      type: 'depository',
      subtype,
      name: subtype,
      mask: '0042',
      isoCurrencyCode: 'USD',
      balanceCurrent: 100,
      balanceAvailable: 100,
      creditLimit: null,
      ...extra,
    }) as LedgerBatch['accounts'][number];
  const transaction = (id: string, accountId: string, date: string, amount: number) => ({
    id,
    accountId,
    userId: accountId === 'a3' ? 'u2' : 'u1',
    date,
    amount,
    isoCurrencyCode: 'USD',
    merchantName: 'Kroger',
    paymentChannel: 'in store' as const,
    categoryPrimary: 'FOOD_AND_DRINK',
    categoryDetailed: 'FOOD_AND_DRINK_GROCERIES',
    pending: false,
  });
  return {
    users: [
      {
        id: 'u1',
        name: 'Ann Lee',
        email: 'ann@example.com',
        dateOfBirth: '1990-01-02',
        createdAt: '2025-05-01T08:00:00Z',
      },
      {
        id: 'u2',
        name: 'Bo Kim',
        email: 'bo@example.com',
        dateOfBirth: '2001-12-31',
        createdAt: '2025-06-30T23:59:59Z',
      },
    ],
    accounts: [
      account('a1', 'u1', 'checking'),
      account('a2', 'u1', 'savings'),
      account('a3', 'u2', 'credit card', {
        type: 'credit',
        balanceCurrent: 400,
        balanceAvailable: 600,
        creditLimit: 1000,
      }),
      account('a4', 'u2', 'student', { type: 'loan', balanceCurrent: 9000, balanceAvailable: null }),
    ],
    transactions: [
      transaction('t1', 'a1', '2025-06-01', 12.5),
      transaction('t2', 'a3', '2025-05-20', 30),
      transaction('t3', 'a1', '2025-06-01', -1500),
      transaction('t4', 'a1', '2025-06-30', 0.99),
    ],
    liabilities: [
      {
        accountId: 'a3',
        kind: 'credit',
        aprPercentage: 24.99,
        minimumPaymentAmount: 25,
        lastPaymentAmount: 25,
        lastStatementBalance: 380,
        isOverdue: false,
        nextPaymentDueDate: '2025-07-15',
        interestRate: null,
      },
      {
        accountId: 'a4',
        kind: 'student',
        aprPercentage: null,
        minimumPaymentAmount: 120,
        lastPaymentAmount: 120,
        lastStatementBalance: 9000,
        isOverdue: false,
        nextPaymentDueDate: '2025-07-05',
        interestRate: 5.125,
      },
    ],
  };
}

/** The batch with one record's fields changed (`undefined` removes a field). */
function withChange(kind: keyof LedgerBatch, index: number, change: Record<string, unknown>) {
  const batch = validBatch() as unknown as Record<string, Array<Record<string, unknown>>>;
  const record = { ...batch[kind]?.[index], ...change };
  for (const [key, value] of Object.entries(change)) if (value === undefined) delete record[key];
  batch[kind]?.splice(index, 1, record);
  return batch;
}

function errorsOf(input: unknown, options: ValidationOptions = { asOf: AS_OF }): RowError[] {
  const result = validateLedgerBatch(input, options);
  if (result.ok) throw new Error('expected the batch to be rejected');
  return result.errors;
}

const brief = (errors: RowError[]) => errors.map((e) => `${e.kind}#${e.row} ${e.field} ${e.code}`);

describe('validateLedgerBatch: a valid batch', () => {
  it('is returned typed and unchanged', () => {
    const result = validateLedgerBatch(validBatch(), { asOf: AS_OF });
    expect(result).toEqual({ ok: true, batch: validBatch() });
  });

  it('comes out of CSV text with numbers, booleans and nulls typed', () => {
    const result = validateLedgerBatch(parseLedgerCsv(formatLedgerCsv(validBatch())), { asOf: AS_OF });
    expect(result).toEqual({ ok: true, batch: validBatch() });
  });

  it('accepts numeric text in JSON, any letter case in enumerations, and fills optional fields', () => {
    const batch = withChange('transactions', 0, {
      amount: '12.50',
      paymentChannel: 'In Store',
      pending: undefined,
      merchantName: '',
    });
    const result = validateLedgerBatch(batch, { asOf: AS_OF });
    expect(result.ok && result.batch.transactions[0]).toMatchObject({
      amount: 12.5,
      paymentChannel: 'in store',
      pending: false,
      merchantName: null,
    });
  });

  it('lets negative balances through where they are real: overdrawn checking, a card in credit', () => {
    const batch = withChange('accounts', 0, { balanceCurrent: -35.2, balanceAvailable: -35.2 });
    (batch.accounts as Array<Record<string, unknown>>)[2] = {
      ...(batch.accounts as Array<Record<string, unknown>>)[2],
      balanceCurrent: -20,
    };
    expect(validateLedgerBatch(batch, { asOf: AS_OF }).ok).toBe(true);
  });

  it('without asOf accepts any date; a liability due after asOf is always fine', () => {
    expect(validateLedgerBatch(withChange('transactions', 3, { date: '2030-01-01' }), {}).ok).toBe(true);
    expect(validateLedgerBatch(withChange('liabilities', 0, { nextPaymentDueDate: '2030-01-01' })).ok).toBe(
      true,
    );
  });
});

describe('validateLedgerBatch: each problem, by row and field', () => {
  it('negative balances on savings-type accounts and loans', () => {
    expect(errorsOf(withChange('accounts', 1, { balanceCurrent: -0.01 }))).toEqual([
      {
        kind: 'accounts',
        row: 2,
        field: 'balanceCurrent',
        code: 'negative_balance',
        message: 'A savings account cannot have a negative balanceCurrent (-0.01).',
      },
    ]);
    expect(brief(errorsOf(withChange('accounts', 3, { balanceCurrent: -1 })))).toEqual([
      'accounts#4 balanceCurrent negative_balance',
    ]);
    expect(validateLedgerBatch(withChange('accounts', 1, { balanceCurrent: 0 }), { asOf: AS_OF }).ok).toBe(
      true,
    );
  });

  it('credit limits: positive, and on credit cards only', () => {
    expect(brief(errorsOf(withChange('accounts', 2, { creditLimit: -500 })))).toEqual([
      'accounts#3 creditLimit invalid_credit_limit',
    ]);
    expect(brief(errorsOf(withChange('accounts', 2, { creditLimit: 0 })))).toEqual([
      'accounts#3 creditLimit invalid_credit_limit',
    ]);
    expect(errorsOf(withChange('accounts', 0, { creditLimit: 500 }))[0]?.message).toBe(
      'Only credit cards have a credit limit, not a depository account.',
    );
    expect(validateLedgerBatch(withChange('accounts', 2, { creditLimit: 0.01 }), { asOf: AS_OF }).ok).toBe(
      true,
    );
  });

  it('transactions out of date order within one account', () => {
    const batch = withChange('transactions', 3, { date: '2025-05-31' });
    expect(errorsOf(batch)).toEqual([
      {
        kind: 'transactions',
        row: 4,
        field: 'date',
        code: 'out_of_order',
        message:
          "2025-05-31 is earlier than 2025-06-01 in row 3 of the same account; sort each account's transactions by date.",
      },
    ]);
    // Another account's earlier date in between is not disorder; an equal date is not either.
    expect(
      validateLedgerBatch(withChange('transactions', 3, { date: '2025-06-01' }), { asOf: AS_OF }).ok,
    ).toBe(true);
  });

  it('dates after asOf, the day itself included as valid', () => {
    expect(errorsOf(withChange('transactions', 3, { date: '2025-07-01' }))).toEqual([
      {
        kind: 'transactions',
        row: 4,
        field: 'date',
        code: 'future_date',
        message: 'Transaction date 2025-07-01 is after 2025-06-30.',
      },
    ]);
    expect(
      brief(
        errorsOf(withChange('users', 0, { dateOfBirth: '2025-07-01', createdAt: '2025-07-01T00:00:00Z' })),
      ),
    ).toEqual(['users#1 dateOfBirth future_date', 'users#1 createdAt future_date']);
    // 23:30 on asOf in New York is already the next day in UTC.
    expect(brief(errorsOf(withChange('users', 1, { createdAt: '2025-06-30T23:30:00-05:00' })))).toEqual([
      'users#2 createdAt future_date',
    ]);
  });

  it('dates that do not exist or are not ISO', () => {
    const errors = errorsOf(withChange('transactions', 0, { date: '2025-02-30' }));
    expect(errors).toEqual([
      {
        kind: 'transactions',
        row: 1,
        field: 'date',
        code: 'invalid_date',
        message: 'date "2025-02-30" is not a date like 2025-06-30.',
      },
    ]);
    expect(
      brief(
        errorsOf(withChange('users', 0, { dateOfBirth: '06/30/1990', createdAt: '2025-02-30T10:00:00Z' })),
      ),
    ).toEqual(['users#1 dateOfBirth invalid_date', 'users#1 createdAt invalid_date']);
    expect(brief(errorsOf(withChange('users', 0, { dateOfBirth: '1899-12-31' })))).toEqual([
      'users#1 dateOfBirth invalid_date',
    ]);
  });

  it('currency codes: ISO 4217 and upper case', () => {
    expect(errorsOf(withChange('transactions', 0, { isoCurrencyCode: 'usd' }))[0]).toEqual({
      kind: 'transactions',
      row: 1,
      field: 'isoCurrencyCode',
      code: 'invalid_currency',
      message: 'isoCurrencyCode "usd" must be an ISO 4217 code of 3 upper-case letters, like USD.',
    });
    expect(errorsOf(withChange('accounts', 0, { isoCurrencyCode: 'ABC' }))[0]?.message).toBe(
      'isoCurrencyCode "ABC" is not an ISO 4217 currency code.',
    );
    for (const code of ['EUR', 'GBP', 'CAD', 'JPY']) {
      expect(
        validateLedgerBatch(withChange('transactions', 0, { isoCurrencyCode: code }), { asOf: AS_OF }).ok,
      ).toBe(true);
    }
  });

  it('unknown accounts, unless already stored', () => {
    expect(errorsOf(withChange('transactions', 1, { accountId: 'a9' }))).toEqual([
      {
        kind: 'transactions',
        row: 2,
        field: 'accountId',
        code: 'unknown_account',
        message: 'Account "a9" is neither in this batch nor stored.',
      },
    ]);
    expect(brief(errorsOf(withChange('liabilities', 1, { accountId: 'a9' })))).toEqual([
      'liabilities#2 accountId unknown_account',
    ]);
    const stored = { asOf: AS_OF, knownAccountIds: new Set(['a9']) };
    expect(validateLedgerBatch(withChange('transactions', 1, { accountId: 'a9' }), stored).ok).toBe(true);
  });

  it('unknown users, unless already stored, and transactions of someone else’s account', () => {
    expect(brief(errorsOf(withChange('accounts', 0, { userId: 'u9' })))).toEqual([
      'accounts#1 userId unknown_user',
    ]);
    expect(brief(errorsOf(withChange('transactions', 0, { userId: 'u9' })))).toEqual([
      'transactions#1 userId unknown_user',
      'transactions#1 userId user_mismatch',
    ]);
    expect(errorsOf(withChange('transactions', 0, { userId: 'u2' }))).toEqual([
      {
        kind: 'transactions',
        row: 1,
        field: 'userId',
        code: 'user_mismatch',
        message: 'Account "a1" belongs to "u1", not "u2".',
      },
    ]);
    const stored = { asOf: AS_OF, knownUserIds: new Set(['u9']), knownAccountIds: new Set(['a9']) };
    expect(
      validateLedgerBatch(withChange('transactions', 0, { userId: 'u9', accountId: 'a9' }), stored).ok,
    ).toBe(true);
    // The account now belongs to a stored user, so its transactions in the batch no longer match it.
    expect(brief(errorsOf(withChange('accounts', 0, { userId: 'u9' }), stored))).toEqual([
      'transactions#1 userId user_mismatch',
      'transactions#3 userId user_mismatch',
      'transactions#4 userId user_mismatch',
    ]);
  });

  it('duplicate ids within the batch and ids already stored; duplicate emails', () => {
    expect(errorsOf(withChange('users', 1, { id: 'u1' }))).toContainEqual({
      kind: 'users',
      row: 2,
      field: 'id',
      code: 'duplicate_id',
      message: 'The user "u1" is also in row 1.',
    });
    expect(brief(errorsOf(withChange('transactions', 2, { id: 't1' })))).toEqual([
      'transactions#3 id duplicate_id',
    ]);
    expect(brief(errorsOf(withChange('liabilities', 1, { accountId: 'a3', kind: 'credit' })))).toEqual([
      'liabilities#2 accountId duplicate_id',
    ]);
    expect(errorsOf(validBatch(), { asOf: AS_OF, knownAccountIds: new Set(['a2']) })).toEqual([
      {
        kind: 'accounts',
        row: 2,
        field: 'id',
        code: 'duplicate_id',
        message: 'The account "a2" is already stored.',
      },
    ]);
    expect(brief(errorsOf(withChange('users', 1, { email: 'ANN@example.com' })))).toEqual([
      'users#2 email duplicate_value',
    ]);
  });

  it('missing required fields, named as in the file', () => {
    expect(errorsOf(withChange('transactions', 0, { categoryPrimary: undefined, amount: null }))).toEqual([
      {
        kind: 'transactions',
        row: 1,
        field: 'amount',
        code: 'missing_field',
        message: 'amount is required.',
      },
      {
        kind: 'transactions',
        row: 1,
        field: 'categoryPrimary',
        code: 'missing_field',
        message: 'categoryPrimary is required.',
      },
    ]);
    const csv = formatLedgerCsv(validBatch());
    csv.transactions = csv.transactions.replace('t2,a3,u2,2025-05-20,30,', 't2,a3,u2,2025-05-20,,');
    expect(errorsOf(parseLedgerCsv(csv))).toEqual([
      {
        kind: 'transactions',
        row: 2,
        field: 'amount',
        code: 'missing_field',
        message: 'amount is required.',
      },
    ]);
    csv.transactions = csv.transactions.replace(
      't1,a1,u1,2025-06-01,12.5,USD,Kroger',
      't1,a1,u1,2025-06-01,12.5,,Kroger',
    );
    expect(brief(errorsOf(parseLedgerCsv(csv)))).toEqual([
      'transactions#1 iso_currency_code missing_field',
      'transactions#2 amount missing_field',
    ]);
  });

  it('amounts that are not numbers or not money', () => {
    for (const amount of ['abc', '1,234.50', '12,50', '1e3', '$12', 'NaN', true]) {
      expect(brief(errorsOf(withChange('transactions', 0, { amount })))).toEqual([
        'transactions#1 amount not_a_number',
      ]);
    }
    expect(errorsOf(withChange('transactions', 0, { amount: '12,50' }))[0]?.message).toBe(
      'amount "12,50" is not a number.',
    );
    for (const amount of [12.345, '0.001', 1e12, '-1000000000000']) {
      expect(brief(errorsOf(withChange('transactions', 0, { amount })))).toEqual([
        'transactions#1 amount invalid_amount',
      ]);
    }
    expect(
      validateLedgerBatch(withChange('transactions', 0, { amount: 999_999_999_999.99 }), { asOf: AS_OF }).ok,
    ).toBe(true);
  });

  it('masks of anything but exactly four digits, never echoing the number', () => {
    for (const mask of ['123', '12345', '4111111111111111', 'abcd', 1234]) {
      const errors = errorsOf(withChange('accounts', 0, { mask }));
      expect(brief(errors)).toEqual(['accounts#1 mask invalid_mask']);
      expect(errors[0]?.message).toBe('mask must be exactly the last 4 digits of the account number.');
    }
    expect(validateLedgerBatch(withChange('accounts', 0, { mask: '0000' }), { asOf: AS_OF }).ok).toBe(true);
  });

  it('values outside their set or range', () => {
    expect(brief(errorsOf(withChange('accounts', 0, { type: 'savings' })))).toEqual([
      'accounts#1 type invalid_value',
    ]);
    expect(errorsOf(withChange('accounts', 0, { subtype: 'credit card' }))[0]?.message).toBe(
      "A depository account's subtype is one of checking, savings, money market, hsa, not credit card.",
    );
    expect(brief(errorsOf(withChange('transactions', 0, { paymentChannel: 'in-store' })))).toEqual([
      'transactions#1 paymentChannel invalid_value',
    ]);
    expect(brief(errorsOf(withChange('transactions', 0, { pending: 'maybe' })))).toEqual([
      'transactions#1 pending invalid_value',
    ]);
    expect(brief(errorsOf(withChange('users', 0, { email: 'ann.example.com' })))).toEqual([
      'users#1 email invalid_value',
    ]);
    expect(brief(errorsOf(withChange('users', 0, { id: 42 })))).toContain('users#1 id invalid_value');
    expect(brief(errorsOf(withChange('liabilities', 0, { aprPercentage: 100.5 })))).toEqual([
      'liabilities#1 aprPercentage invalid_value',
    ]);
    expect(brief(errorsOf(withChange('liabilities', 0, { lastPaymentAmount: -25 })))).toEqual([
      'liabilities#1 lastPaymentAmount invalid_value',
    ]);
  });

  it('liabilities that do not fit their account', () => {
    expect(errorsOf(withChange('liabilities', 1, { kind: 'mortgage' }))[0]).toEqual({
      kind: 'liabilities',
      row: 2,
      field: 'kind',
      code: 'invalid_value',
      message: "A student account's liability is of kind student, not mortgage.",
    });
    expect(brief(errorsOf(withChange('liabilities', 1, { accountId: 'a1' })))).toEqual([
      'liabilities#2 accountId invalid_value',
    ]);
  });
});

describe('validateLedgerBatch: collecting', () => {
  it('collects every problem of every file, sorted by file and row', () => {
    const batch = withChange('transactions', 2, { amount: 'x', date: '2026-01-01' }) as Record<
      string,
      Array<Record<string, unknown>>
    >;
    batch.users?.push({
      id: 'u1',
      name: '',
      email: 'new@example.com',
      dateOfBirth: '1990-01-01',
      createdAt: '2025-01-01',
    });
    (batch.accounts as Array<Record<string, unknown>>)[1] = {
      ...batch.accounts?.[1],
      mask: '999',
      isoCurrencyCode: 'XYZ',
    };
    expect(brief(errorsOf(batch))).toEqual([
      'users#3 name missing_field',
      'users#3 id duplicate_id',
      'accounts#2 mask invalid_mask',
      'accounts#2 isoCurrencyCode invalid_currency',
      'transactions#3 amount not_a_number',
      'transactions#3 date future_date',
    ]);
  });

  it('reports reading problems along with value problems', () => {
    const csv = formatLedgerCsv(validBatch());
    const parsed = parseLedgerCsv({
      ...csv,
      accounts: csv.accounts.replace('a1,u1,depository,checking', 'a1,u1,depository'),
    });
    const errors = errorsOf(parsed);
    expect(brief(errors)).toEqual(['accounts#1 null malformed_record']);
  });

  it('does not check references into a file it could not read', () => {
    const csv = formatLedgerCsv(validBatch());
    const parsed = parseLedgerCsv({
      ...csv,
      accounts: csv.accounts.replace('balance_current,', 'balance_now,'),
    });
    expect(brief(errorsOf(parsed))).toEqual(['accounts#0 balance_current missing_column']);
  });

  it('stops listing at maxErrors and says how many more there were', () => {
    const batch = validBatch();
    const many = Array.from({ length: 30 }, (_, i) => ({
      ...batch.transactions[0],
      id: `x${i}`,
      amount: 'bad',
    }));
    const errors = errorsOf({ ...batch, transactions: many }, { asOf: AS_OF, maxErrors: 10 });
    expect(errors).toHaveLength(11);
    expect(errors.at(-1)).toEqual({
      kind: 'batch',
      row: 0,
      field: null,
      code: 'too_many_errors',
      message: 'Stopped listing after 10 problems; 20 more were found.',
    });
  });

  it('rejects a malformed asOf option as a programming error', () => {
    expect(() => validateLedgerBatch(validBatch(), { asOf: '30/06/2025' })).toThrow(RangeError);
  });

  it('reads JSON text end to end', () => {
    expect(validateLedgerBatch(parseLedgerJson(JSON.stringify(validBatch())), { asOf: AS_OF })).toEqual({
      ok: true,
      batch: validBatch(),
    });
    expect(brief(errorsOf(parseLedgerJson('{ nope')))).toEqual(['batch#0 null malformed_file']);
  });
});
