import { describe, expect, it } from 'vitest';
import { parseLedgerCsv, parseLedgerJson } from './parse.js';

describe('parseLedgerJson', () => {
  it('reads the four arrays and leaves out what is missing', () => {
    const parsed = parseLedgerJson('{"users":[{"id":"u1"}],"accounts":[],"other":1}');
    expect(parsed).toEqual({
      source: 'json',
      records: { users: [{ id: 'u1' }], accounts: [], transactions: [], liabilities: [] },
      errors: [],
      unreadable: [],
    });
  });

  it('reports text that is not JSON as one batch-level problem', () => {
    const parsed = parseLedgerJson('{"users": [');
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]).toMatchObject({ kind: 'batch', row: 0, field: null, code: 'malformed_file' });
    expect(parsed.errors[0]?.message).toMatch(/^The file is not valid JSON: /);
    expect(parsed.unreadable).toEqual(['users', 'accounts', 'transactions', 'liabilities']);
  });

  it('rejects a document that is not an object, and arrays that are not arrays', () => {
    expect(parseLedgerJson('[]').errors[0]?.code).toBe('malformed_file');
    const parsed = parseLedgerJson('{"accounts": {"id": "a1"}}');
    expect(parsed.errors).toEqual([
      {
        kind: 'accounts',
        row: 0,
        field: 'accounts',
        code: 'malformed_file',
        message: '"accounts" must be an array.',
      },
    ]);
    expect(parsed.unreadable).toEqual(['accounts']);
  });

  it('reports entries that are not objects by their position, keeping later rows in place', () => {
    const parsed = parseLedgerJson('{"transactions": [{"id": "t1"}, 42, {"id": "t3"}]}');
    expect(parsed.errors).toEqual([
      {
        kind: 'transactions',
        row: 2,
        field: null,
        code: 'malformed_record',
        message: 'Each entry of "transactions" must be an object.',
      },
    ]);
    expect(parsed.records.transactions).toEqual([{ id: 't1' }, null, { id: 't3' }]);
  });
});

const USERS_HEADER = 'user_id,name,email,date_of_birth,created_at';

describe('parseLedgerCsv', () => {
  it('maps snake_case columns to ledger fields, in any order, ignoring unknown ones', () => {
    const parsed = parseLedgerCsv({
      users: `email,user_id,name,date_of_birth,created_at,favourite_colour\na@example.com,u1,"Lee, Ann",1990-01-02,2025-01-01T00:00:00Z,blue\n`,
    });
    expect(parsed.errors).toEqual([]);
    expect(parsed.records.users).toEqual([
      {
        email: 'a@example.com',
        id: 'u1',
        name: 'Lee, Ann',
        dateOfBirth: '1990-01-02',
        createdAt: '2025-01-01T00:00:00Z',
      },
    ]);
  });

  it('accepts the camelCase field names as columns, a .csv suffix, a BOM and blank lines', () => {
    const parsed = parseLedgerCsv({
      'users.csv': `\uFEFFid,name,email,dateOfBirth,createdAt\n\nu1,Ann,a@example.com,1990-01-02,2025-01-01\n\n`,
    });
    expect(parsed.errors).toEqual([]);
    expect(parsed.records.users).toHaveLength(1);
    expect(parsed.records.users[0]?.id).toBe('u1');
  });

  it('reports a missing column once and does not read the rows under a broken header', () => {
    const parsed = parseLedgerCsv({
      users: 'user_id,name,email,created_at\nu1,Ann,a@example.com,2025-01-01\n',
    });
    expect(parsed.errors).toEqual([
      {
        kind: 'users',
        row: 0,
        field: 'date_of_birth',
        code: 'missing_column',
        message: 'users.csv has no "date_of_birth" column.',
      },
    ]);
    expect(parsed.records.users).toEqual([]);
    expect(parsed.unreadable).toEqual(['users']);
  });

  it('reports a repeated column', () => {
    const parsed = parseLedgerCsv({ users: `${USERS_HEADER},id\n` });
    expect(parsed.errors).toEqual([
      {
        kind: 'users',
        row: 0,
        field: 'id',
        code: 'duplicate_column',
        message: 'Column "id" repeats "user_id".',
      },
    ]);
  });

  it('reports rows with the wrong number of values by data row', () => {
    const parsed = parseLedgerCsv({
      users: `${USERS_HEADER}\nu1,Ann,a@example.com,1990-01-02,2025-01-01\nu2,Bo,b@example.com\nu3,Cy,c@example.com,1990-01-02,2025-01-01,extra\n`,
    });
    expect(parsed.errors.map((e) => [e.row, e.code, e.message])).toEqual([
      [2, 'malformed_record', 'Row has 3 values but the header has 5 columns.'],
      [3, 'malformed_record', 'Row has 6 values but the header has 5 columns.'],
    ]);
    expect(parsed.records.users[1]).toBeNull();
    expect(parsed.records.users[2]).toBeNull();
  });

  it('reports a file it cannot parse and a file it does not know', () => {
    const parsed = parseLedgerCsv({ users: `${USERS_HEADER}\n"u1,Ann\n`, notes: 'hello\n' });
    expect(parsed.errors.map((e) => [e.kind, e.field, e.code])).toEqual([
      ['users', null, 'malformed_file'],
      ['batch', 'notes', 'unknown_file'],
    ]);
    expect(parsed.errors[0]?.message).toMatch(/^users\.csv: /);
    expect(parsed.unreadable).toEqual(['users']);
  });

  it('treats an empty file as no records', () => {
    expect(parseLedgerCsv({ users: '' }).records.users).toEqual([]);
  });
});
