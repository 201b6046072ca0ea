import type {
  CustomerLedger,
  LedgerAccount,
  LedgerLiability,
  LedgerTransaction,
  LedgerUser,
} from '../domain/ledger/types.js';
import type { ServiceContext } from './context.js';
import type { Db } from './db-types.js';

/** Customers with their accounts, transactions and liabilities, flattened for bulk insertion. */
export interface LedgerBatch {
  users: LedgerUser[];
  accounts: LedgerAccount[];
  transactions: LedgerTransaction[];
  liabilities: LedgerLiability[];
}

export function flattenLedgers(ledgers: readonly CustomerLedger[]): LedgerBatch {
  return {
    users: ledgers.map((l) => l.user),
    accounts: ledgers.flatMap((l) => l.accounts),
    transactions: ledgers.flatMap((l) => l.transactions),
    liabilities: ledgers.flatMap((l) => l.liabilities),
  };
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

// Large inserts are chunked: PostgreSQL caps a statement at 65,535 bind parameters.
const CHUNK = 2_000;

async function insertBatch(db: Db, batch: LedgerBatch): Promise<void> {
  for (let i = 0; i < batch.users.length; i += CHUNK) {
    await db.user.createMany({
      data: batch.users.slice(i, i + CHUNK).map((u) => ({
        id: u.id,
        name: u.name,
        email: u.email,
        dateOfBirth: day(u.dateOfBirth),
        createdAt: new Date(u.createdAt),
      })),
    });
  }
  for (let i = 0; i < batch.accounts.length; i += CHUNK) {
    await db.account.createMany({ data: batch.accounts.slice(i, i + CHUNK) });
  }
  for (let i = 0; i < batch.liabilities.length; i += CHUNK) {
    await db.liability.createMany({
      data: batch.liabilities.slice(i, i + CHUNK).map((l) => ({
        ...l,
        nextPaymentDueDate: l.nextPaymentDueDate ? day(l.nextPaymentDueDate) : null,
      })),
    });
  }
  for (let i = 0; i < batch.transactions.length; i += CHUNK) {
    await db.transaction.createMany({
      data: batch.transactions.slice(i, i + CHUNK).map((t) => ({ ...t, date: day(t.date) })),
    });
  }
}

/** Stores a validated batch in one transaction: all of it or, on any error, none of it. */
export async function storeLedgerBatch(ctx: ServiceContext, batch: LedgerBatch): Promise<void> {
  await ctx.db.prisma.$transaction((tx) => insertBatch(tx, batch), { timeout: 600_000, maxWait: 60_000 });
}
