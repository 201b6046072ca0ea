import { describe, expect, it } from 'vitest';
import { generateCustomers } from '../../demo/synthetic/index.js';
import { formatLedgerCsv } from './format.js';
import { parseLedgerCsv, parseLedgerJson } from './parse.js';
import type { LedgerBatch } from './types.js';
import { validateLedgerBatch } from './validate.js';

const AS_OF = '2025-06-30';
const customers = [...generateCustomers({ asOf: AS_OF, count: 25 })];
const batch: LedgerBatch = {
  users: customers.map((c) => c.user),
  accounts: customers.flatMap((c) => c.accounts),
  transactions: customers.flatMap((c) => c.transactions),
  liabilities: customers.flatMap((c) => c.liabilities),
};

describe('synthetic customers through ingestion', () => {
  it('pass validation as JSON and come back identical', () => {
    const result = validateLedgerBatch(parseLedgerJson(JSON.stringify(batch)), { asOf: AS_OF });
    expect(result).toEqual({ ok: true, batch });
    expect(batch.transactions.length).toBeGreaterThan(5_000);
  });

  it('pass validation as CSV files and come back identical', () => {
    const files = formatLedgerCsv(batch);
    expect(files.accounts.split('\n')[0]).toBe(
      'account_id,user_id,type,subtype,name,mask,iso_currency_code,balance_current,balance_available,credit_limit',
    );
    expect(validateLedgerBatch(parseLedgerCsv(files), { asOf: AS_OF })).toEqual({ ok: true, batch });
  });

  it('are rejected one day earlier: the last day of history is then in the future', () => {
    const result = validateLedgerBatch(parseLedgerJson(JSON.stringify(batch)), { asOf: '2025-06-29' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(new Set(result.errors.map((e) => e.code))).toEqual(new Set(['future_date']));
  });
});
