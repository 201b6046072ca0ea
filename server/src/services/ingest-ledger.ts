import { type RowError, validateLedgerBatch } from '../domain/ingestion/index.js';
import type { ServiceContext } from './context.js';
import { storeLedgerBatch } from './store-ledger.js';

export type IngestResult =
  | { ok: true; users: number; accounts: number; transactions: number; liabilities: number }
  | { ok: false; errors: RowError[] };

/**
 * Validates parsed customer files against each other and against what is already stored, then stores them
 * in one transaction. Any invalid row rejects the whole batch: nothing partial is ever stored.
 */
export async function ingestLedger(
  ctx: ServiceContext,
  parsed: unknown,
  options: { asOf: string },
): Promise<IngestResult> {
  const [accounts, users] = await Promise.all([
    ctx.db.prisma.account.findMany({ select: { id: true } }),
    ctx.db.prisma.user.findMany({ select: { id: true } }),
  ]);
  const result = validateLedgerBatch(parsed, {
    asOf: options.asOf,
    knownAccountIds: new Set(accounts.map((a) => a.id)),
    knownUserIds: new Set(users.map((u) => u.id)),
  });
  if (!result.ok) return { ok: false, errors: result.errors };
  await storeLedgerBatch(ctx, result.batch);
  return {
    ok: true,
    users: result.batch.users.length,
    accounts: result.batch.accounts.length,
    transactions: result.batch.transactions.length,
    liabilities: result.batch.liabilities.length,
  };
}
