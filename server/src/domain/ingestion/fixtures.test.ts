import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INVALID_CSV_EXPECTED_ERRORS } from '../../../../tests/fixtures/ingest/expected-errors.js';
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
      ...INVALID_CSV_EXPECTED_ERRORS,
    ]);
    // The full card number in accounts.csv must not leak into any message.
    expect(JSON.stringify(result.errors)).not.toContain('4111111111111111');
  });
});
