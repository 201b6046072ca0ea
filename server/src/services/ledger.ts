import type {
  CustomerLedger,
  LedgerAccount,
  LedgerLiability,
  LedgerTransaction,
} from '../domain/ledger/types.js';
import { earliestSignalDay } from '../domain/signals/index.js';
import type { ConsentStatus, Prisma } from '../generated/prisma/client.js';
import type { Db } from './db-types.js';

const toNumber = (value: Prisma.Decimal | null): number | null => (value === null ? null : value.toNumber());
const toIsoDate = (value: Date): string => value.toISOString().slice(0, 10);

/**
 * Loads everything the signal computation needs for one customer, up to and including `referenceDate`,
 * converted to the domain's plain values (numbers and ISO dates).
 */
export async function loadCustomerLedger(
  db: Db,
  userId: string,
  referenceDate: string,
): Promise<CustomerLedger | null> {
  return (await loadCustomer(db, userId, referenceDate))?.ledger ?? null;
}

/**
 * The ledger plus the customer's consent, from the same read (processing needs both). Transactions are read
 * from the widest signal lookback on (`earliestSignalDay`), plus the customer's first posted transaction,
 * whose date is all the signals take from older history: the signals come out as from the whole ledger while
 * the read stays bounded however long the customer has been with us.
 */
export async function loadCustomer(
  db: Db,
  userId: string,
  referenceDate: string,
): Promise<{ ledger: CustomerLedger; consentStatus: ConsentStatus } | null> {
  const reference = new Date(`${referenceDate}T00:00:00Z`);
  const from = new Date(`${earliestSignalDay(referenceDate)}T00:00:00Z`);
  const user = await db.user.findUnique({
    where: { id: userId },
    include: {
      accounts: { include: { liability: true } },
      transactions: {
        where: { date: { gte: from, lte: reference } },
        orderBy: { date: 'asc' },
      },
    },
  });
  if (!user) return null;
  // Older than the lookback: when there is one, the first posted transaction is not among those read above.
  const first = await db.transaction.findFirst({
    where: { userId, pending: false, date: { lt: from } },
    orderBy: [{ date: 'asc' }, { id: 'asc' }],
  });
  const read = first ? [first, ...user.transactions] : user.transactions;
  const accounts: LedgerAccount[] = user.accounts.map((a) => ({
    id: a.id,
    userId: a.userId,
    type: a.type as LedgerAccount['type'],
    subtype: a.subtype as LedgerAccount['subtype'],
    name: a.name,
    mask: a.mask,
    isoCurrencyCode: a.isoCurrencyCode,
    balanceCurrent: a.balanceCurrent.toNumber(),
    balanceAvailable: toNumber(a.balanceAvailable),
    creditLimit: toNumber(a.creditLimit),
  }));
  const liabilities: LedgerLiability[] = user.accounts.flatMap((a) =>
    a.liability
      ? [
          {
            accountId: a.liability.accountId,
            kind: a.liability.kind as LedgerLiability['kind'],
            aprPercentage: toNumber(a.liability.aprPercentage),
            minimumPaymentAmount: toNumber(a.liability.minimumPaymentAmount),
            lastPaymentAmount: toNumber(a.liability.lastPaymentAmount),
            lastStatementBalance: toNumber(a.liability.lastStatementBalance),
            isOverdue: a.liability.isOverdue,
            nextPaymentDueDate: a.liability.nextPaymentDueDate
              ? toIsoDate(a.liability.nextPaymentDueDate)
              : null,
            interestRate: toNumber(a.liability.interestRate),
          },
        ]
      : [],
  );
  const transactions: LedgerTransaction[] = read.map((t) => ({
    id: t.id,
    accountId: t.accountId,
    userId: t.userId,
    date: toIsoDate(t.date),
    amount: t.amount.toNumber(),
    isoCurrencyCode: t.isoCurrencyCode,
    merchantName: t.merchantName,
    paymentChannel: t.paymentChannel as LedgerTransaction['paymentChannel'],
    categoryPrimary: t.categoryPrimary,
    categoryDetailed: t.categoryDetailed,
    pending: t.pending,
  }));
  const ledger: CustomerLedger = {
    user: {
      id: user.id,
      name: user.name,
      email: user.email,
      dateOfBirth: toIsoDate(user.dateOfBirth),
      createdAt: user.createdAt.toISOString(),
    },
    accounts,
    transactions,
    liabilities,
  };
  return { ledger, consentStatus: user.consentStatus };
}
