import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLedgerCsv, parseLedgerJson } from './parse.js';
import { validateLedgerBatch } from './validate.js';

// The example files the end-to-end tests ingest; this pins what each of them must produce.
const FIXTURES = new URL('../../../../tests/fixtures/ingest/', import.meta.url);
const AS_OF = '2025-06-30';

describe('tests/fixtures/ingest', () => {
  it('valid.json is accepted whole', () => {
    const result = validateLedgerBatch(
      parseLedgerJson(readFileSync(new URL('valid.json', FIXTURES), 'utf8')),
      {
        asOf: AS_OF,
      },
    );
    expect(
      result.ok && [
        result.batch.users.length,
        result.batch.accounts.length,
        result.batch.transactions.length,
      ],
    ).toEqual([2, 5, 10]);
  });

  it('invalid-csv/ is rejected with one problem of each kind, by file, row and column', () => {
    const folder = new URL('invalid-csv/', FIXTURES);
    const files: Record<string, string> = {};
    for (const name of readdirSync(folder)) files[name] = readFileSync(new URL(name, folder), 'utf8');
    const result = validateLedgerBatch(parseLedgerCsv(files), { asOf: AS_OF });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => `${e.kind} ${e.row} ${e.field} ${e.code}`)).toEqual([
      'users 2 email invalid_value',
      'users 3 user_id duplicate_id',
      'accounts 2 balance_current negative_balance',
      'accounts 2 balance_available negative_balance',
      'accounts 3 mask invalid_mask',
      'accounts 3 credit_limit invalid_credit_limit',
      'accounts 4 iso_currency_code invalid_currency',
      'accounts 4 user_id unknown_user',
      'transactions 2 date out_of_order',
      'transactions 3 amount not_a_number',
      'transactions 4 account_id unknown_account',
      'transactions 5 date future_date',
      'transactions 6 category_primary missing_field',
      'transactions 6 date future_date',
      'liabilities 2 account_id invalid_value',
    ]);
    // The full card number in accounts.csv must not leak into any message.
    expect(JSON.stringify(result.errors)).not.toContain('4111111111111111');
  });
});
