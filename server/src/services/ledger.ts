import type { CustomerLedger, LedgerTransaction } from '../domain/ledger/types.js';
import { earliestSignalDay } from '../domain/signals/index.js';
import { type ConsentStatus, Prisma } from '../generated/prisma/client.js';
import type { Db } from './db-types.js';

/** What the persona engine reads of a customer: the ledger, and the consent that allows reading it. */
export interface LoadedCustomer {
  ledger: CustomerLedger;
  consentStatus: ConsentStatus;
}

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

/** {@link loadCustomers} for one customer; null when there is no such customer. */
export async function loadCustomer(
  db: Db,
  userId: string,
  referenceDate: string,
): Promise<LoadedCustomer | null> {
  return (await loadCustomers(db, [userId], referenceDate)).get(userId) ?? null;
}

interface CustomerRow {
  id: string;
  consentStatus: ConsentStatus;
  /** The customer's ledger as one JSON document, built by the database in the domain's shape. */
  ledger: string;
}

/**
 * The ledgers plus the consent of many customers in one statement (processing needs both), keyed by id;
 * ids with no customer are absent. The customers' rows are locked FOR SHARE, so a consent change waits
 * until the caller's transaction ends instead of slipping in between the check and the writes.
 *
 * Transactions are read from the widest signal lookback on (`earliestSignalDay`), plus the customer's
 * first posted transaction, whose date is all the signals take from older history: the signals come out
 * as from the whole ledger while the read stays bounded however long the customer has been with us.
 *
 * The database assembles each ledger as JSON in the domain's own shape (numeric amounts become JSON
 * numbers, dates ISO strings): one text value per customer to parse, instead of a row per transaction
 * converted field by field — the ledger read was most of a persona assignment's time.
 */
export async function loadCustomers(
  db: Db,
  userIds: readonly string[],
  referenceDate: string,
): Promise<Map<string, LoadedCustomer>> {
  const from = earliestSignalDay(referenceDate);
  const rows = await db.$queryRaw<CustomerRow[]>`
    SELECT u.id, u.consent_status::text AS "consentStatus",
      json_build_object(
        'user', json_build_object(
          'id', u.id, 'name', u.name, 'email', u.email, 'dateOfBirth', u.date_of_birth,
          'createdAt', to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
        'accounts', coalesce((
          SELECT json_agg(json_build_object(
            'id', a.id, 'userId', a.user_id, 'type', a.type, 'subtype', a.subtype, 'name', a.name,
            'mask', a.mask, 'isoCurrencyCode', a.iso_currency_code, 'balanceCurrent', a.balance_current,
            'balanceAvailable', a.balance_available, 'creditLimit', a.credit_limit) ORDER BY a.id)
          FROM accounts a WHERE a.user_id = u.id), '[]'),
        'liabilities', coalesce((
          SELECT json_agg(json_build_object(
            'accountId', l.account_id, 'kind', l.kind, 'aprPercentage', l.apr_percentage,
            'minimumPaymentAmount', l.minimum_payment_amount, 'lastPaymentAmount', l.last_payment_amount,
            'lastStatementBalance', l.last_statement_balance, 'isOverdue', l.is_overdue,
            'nextPaymentDueDate', l.next_payment_due_date, 'interestRate', l.interest_rate) ORDER BY l.account_id)
          FROM accounts a JOIN liabilities l ON l.account_id = a.id WHERE a.user_id = u.id), '[]'),
        -- Transactions as arrays (TRANSACTION_COLUMNS): half the database's time of objects.
        'transactions', coalesce((
          SELECT json_agg(json_build_array(${TRANSACTION_ARRAY}) ORDER BY t.date, t.id)
          FROM (
            (SELECT * FROM transactions o
              WHERE o.user_id = u.id AND NOT o.pending AND o.date < ${from}::date
              ORDER BY o.date, o.id LIMIT 1)
            UNION ALL
            (SELECT * FROM transactions w
              WHERE w.user_id = u.id AND w.date >= ${from}::date AND w.date <= ${referenceDate}::date)
          ) t), '[]')
      )::text AS ledger
    FROM users u
    WHERE u.id = ANY(${userIds as string[]}::text[])
    FOR SHARE OF u`;
  return new Map(
    rows.map((row) => {
      const read = JSON.parse(row.ledger) as Omit<CustomerLedger, 'transactions'> & {
        transactions: unknown[][];
      };
      const transactions = read.transactions.map((values) => {
        const transaction: Record<string, unknown> = {};
        TRANSACTION_KEYS.forEach((key, index) => {
          transaction[key] = values[index];
        });
        return transaction as unknown as LedgerTransaction;
      });
      return [row.id, { ledger: { ...read, transactions }, consentStatus: row.consentStatus }];
    }),
  );
}

/**
 * A transaction's values in the ledger read's arrays: each domain key with its column, in array order. The
 * statement's `json_build_array` and the mapping back to objects both follow this one list.
 */
const TRANSACTION_COLUMNS = {
  id: 't.id',
  accountId: 't.account_id',
  userId: 't.user_id',
  date: 't.date',
  amount: 't.amount',
  isoCurrencyCode: 't.iso_currency_code',
  merchantName: 't.merchant_name',
  paymentChannel: 't.payment_channel',
  categoryPrimary: 't.category_primary',
  categoryDetailed: 't.category_detailed',
  pending: 't.pending',
} as const satisfies Record<keyof LedgerTransaction, string>;

const TRANSACTION_KEYS = Object.keys(TRANSACTION_COLUMNS) as Array<keyof LedgerTransaction>;
const TRANSACTION_ARRAY = Prisma.raw(Object.values(TRANSACTION_COLUMNS).join(', '));
