import type { Prisma } from '../generated/prisma/client.js';
import type { SqlExecutor } from './migrate.js';

/**
 * A read statement built with Prisma.sql, sent on the database's own SQL executor (the pg pool, or PGlite)
 * rather than through Prisma's `$queryRaw`: for a page of 50 entries Prisma's raw-query layer cost about
 * 1.0–1.3 ms of CPU against 0.4 ms for the same statements here (measured on the page benchmark's
 * fixture, issue #9). Statements still reach the database's `onQuery` hook (query-count tests). Outside any
 * transaction: reads that must see a transaction's own writes go through its Prisma client.
 */
export async function readRows<Row>(sql: SqlExecutor, statement: Prisma.Sql): Promise<Row[]> {
  return (await sql.query<Row>(statement.text, statement.values)).rows;
}
