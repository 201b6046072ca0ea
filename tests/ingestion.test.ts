import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/src/db/client.js';
import { parseLedgerCsv, parseLedgerJson } from '../server/src/domain/ingestion/index.js';
import { ingestLedger } from '../server/src/services/ingest-ledger.js';
import { createTestApp } from './support/app.js';
import { openTestDatabase } from './support/database.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'ingest');

async function counts(db: Database) {
  const [users, accounts, transactions, liabilities] = await Promise.all([
    db.prisma.user.count(),
    db.prisma.account.count(),
    db.prisma.transaction.count(),
    db.prisma.liability.count(),
  ]);
  return { users, accounts, transactions, liabilities };
}

describe('ingesting customer files', () => {
  let db: Database;
  let app: ReturnType<typeof createTestApp>;

  beforeAll(async () => {
    db = await openTestDatabase();
    app = createTestApp(db);
  });
  afterAll(async () => db?.close());

  it('rejects an invalid CSV set with one error per problem and stores nothing', async () => {
    const dir = path.join(FIXTURES, 'invalid-csv');
    const files: Record<string, string> = {};
    for (const name of await readdir(dir))
      files[path.basename(name, '.csv')] = await readFile(path.join(dir, name), 'utf8');
    const result = await ingestLedger(app.services, parseLedgerCsv(files), { asOf: '2025-06-30' });
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
    expect(await counts(db)).toEqual({ users: 0, accounts: 0, transactions: 0, liabilities: 0 });
  });

  it('stores a valid JSON file whole, and refuses the same file again as duplicates', async () => {
    const text = await readFile(path.join(FIXTURES, 'valid.json'), 'utf8');
    const first = await ingestLedger(app.services, parseLedgerJson(text), { asOf: '2025-06-30' });
    expect(first).toEqual({ ok: true, users: 2, accounts: 5, transactions: 10, liabilities: 2 });
    expect(await counts(db)).toEqual({ users: 2, accounts: 5, transactions: 10, liabilities: 2 });

    const again = await ingestLedger(app.services, parseLedgerJson(text), { asOf: '2025-06-30' });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(new Set(again.errors.map((e) => e.code))).toEqual(new Set(['duplicate_id']));
    expect(await counts(db)).toEqual({ users: 2, accounts: 5, transactions: 10, liabilities: 2 });
  });

  it('rejects malformed JSON with a clear error', async () => {
    const result = await ingestLedger(app.services, parseLedgerJson('{ "users": ['), { asOf: '2025-06-30' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.message).toMatch(/JSON/i);
  });
});
