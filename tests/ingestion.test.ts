import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '@spendsense/server/db/client';
import { parseLedgerCsv, parseLedgerJson } from '@spendsense/server/domain/ingestion/index';
import { ingestLedger } from '@spendsense/server/services/ingest-ledger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVALID_CSV_EXPECTED_ERRORS } from './fixtures/ingest/expected-errors.js';
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
      ...INVALID_CSV_EXPECTED_ERRORS,
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
