/**
 * Test fixtures: a fluent builder for small, hand-crafted customer ledgers. Shared with the persona and
 * recommendation tests, so defaults are boring and explicit: every id, mask and date is deterministic.
 *
 * ```ts
 * const ledger = ledgerBuilder()
 *   .checking({ balance: 2_400 })
 *   .creditCard({ id: 'card', balance: 1_500, limit: 3_000, minimumPayment: 35 })
 *   .payroll('checking', everyNDays('2025-04-04', 14, 7), 2_100)
 *   .build();
 * ```
 */

import type {
  AccountSubtype,
  CustomerLedger,
  LedgerAccount,
  LedgerLiability,
  LedgerTransaction,
} from '../src/domain/ledger/types.js';
import { addDays } from '../src/domain/signals/dates.js';

/** A Monday, end of a quarter: far from month ends that would blur cadence tests by accident. */
export const TEST_REFERENCE_DATE = '2025-06-30';

/** `date` minus `days` days. */
export function daysBefore(date: string, days: number): string {
  return addDays(date, -days);
}

/** `count` dates starting at `firstDate`, `stepDays` apart. */
export function everyNDays(firstDate: string, stepDays: number, count: number): string[] {
  return Array.from({ length: count }, (_, index) => addDays(firstDate, index * stepDays));
}

/** The given days of month in each of `count` consecutive months starting at `firstMonth` (`YYYY-MM`). */
export function daysOfMonth(firstMonth: string, days: readonly number[], count: number): string[] {
  const [year, month] = firstMonth.split('-').map(Number) as [number, number];
  const dates: string[] = [];
  for (let offset = 0; offset < count; offset++) {
    const first = new Date(Date.UTC(year, month - 1 + offset, 1));
    const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
    for (const day of days) {
      const clamped = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(day, lastDay)));
      dates.push(clamped.toISOString().slice(0, 10));
    }
  }
  return dates;
}

export interface AccountOptions {
  id?: string;
  balance?: number;
  mask?: string;
  name?: string;
}

export interface CardOptions extends AccountOptions {
  /** `null` for a card that reports no limit. */
  limit?: number | null;
  /** Adds a credit liability; `undefined` leaves the minimum unknown. */
  minimumPayment?: number | null;
  overdue?: boolean;
  apr?: number | null;
}

export type TransactionOptions = Partial<Omit<LedgerTransaction, 'accountId' | 'date' | 'amount'>>;

export interface LedgerBuilder {
  /** Any account; prefer the shorthands below. */
  account(subtype: AccountSubtype, options?: AccountOptions & { creditLimit?: number | null }): LedgerBuilder;
  checking(options?: AccountOptions): LedgerBuilder;
  savings(options?: AccountOptions): LedgerBuilder;
  moneyMarket(options?: AccountOptions): LedgerBuilder;
  hsa(options?: AccountOptions): LedgerBuilder;
  /** A credit card plus its credit liability. */
  creditCard(options?: CardOptions): LedgerBuilder;
  /** Any transaction; `amount` follows Plaid (positive = money out). */
  transaction(accountId: string, date: string, amount: number, options?: TransactionOptions): LedgerBuilder;
  /** A purchase (positive amount, GENERAL_MERCHANDISE unless overridden). */
  spend(
    accountId: string,
    date: string,
    amount: number,
    merchant?: string,
    options?: TransactionOptions,
  ): LedgerBuilder;
  /** The same purchase from the same merchant on each date. */
  charges(
    accountId: string,
    merchant: string,
    dates: readonly string[],
    amount: number | readonly number[],
  ): LedgerBuilder;
  /** Wage deposits (INCOME_WAGES, ACH) on each date; `amount` is the positive pay. */
  payroll(accountId: string, dates: readonly string[], amount: number | readonly number[]): LedgerBuilder;
  /** A transfer between own accounts: TRANSFER_OUT on `from`, TRANSFER_IN on `to`. */
  transfer(fromAccountId: string, toAccountId: string, date: string, amount: number): LedgerBuilder;
  /** A card payment as seen on the card (money in, LOAN_PAYMENTS_CREDIT_CARD_PAYMENT); mirrored on `fromAccountId`. */
  cardPayment(cardId: string, date: string, amount: number, fromAccountId?: string): LedgerBuilder;
  interestCharge(cardId: string, date: string, amount: number): LedgerBuilder;
  build(): CustomerLedger;
}

const DEFAULT_IDS: Partial<Record<AccountSubtype, string>> = {
  checking: 'checking',
  savings: 'savings',
  'money market': 'money-market',
  hsa: 'hsa',
  'credit card': 'card',
};

/** A fresh ledger for one customer with no accounts and no transactions. */
export function ledgerBuilder(userId = 'user-1'): LedgerBuilder {
  const accounts: LedgerAccount[] = [];
  const transactions: LedgerTransaction[] = [];
  const liabilities: LedgerLiability[] = [];
  const pickAmount = (amount: number | readonly number[], index: number): number =>
    typeof amount === 'number' ? amount : amount[index % amount.length]!;

  const builder: LedgerBuilder = {
    account(subtype, options = {}) {
      const type =
        subtype === 'credit card'
          ? 'credit'
          : ['mortgage', 'student', 'auto'].includes(subtype)
            ? 'loan'
            : 'depository';
      const balance = options.balance ?? 0;
      accounts.push({
        id: options.id ?? DEFAULT_IDS[subtype] ?? subtype,
        userId,
        type,
        subtype,
        name: options.name ?? `Test ${subtype}`,
        mask: options.mask ?? String(1000 + accounts.length + 1),
        isoCurrencyCode: 'USD',
        balanceCurrent: balance,
        balanceAvailable: type === 'depository' ? balance : null,
        creditLimit: options.creditLimit ?? null,
      });
      return builder;
    },
    checking: (options) => builder.account('checking', options),
    savings: (options) => builder.account('savings', options),
    moneyMarket: (options) => builder.account('money market', options),
    hsa: (options) => builder.account('hsa', options),
    creditCard(options = {}) {
      const id = options.id ?? 'card';
      builder.account('credit card', {
        ...options,
        id,
        creditLimit: options.limit === undefined ? 5_000 : options.limit,
      });
      liabilities.push({
        accountId: id,
        kind: 'credit',
        aprPercentage: options.apr ?? 24.99,
        minimumPaymentAmount: options.minimumPayment ?? null,
        lastPaymentAmount: null,
        lastStatementBalance: options.balance ?? 0,
        isOverdue: options.overdue ?? false,
        nextPaymentDueDate: null,
        interestRate: null,
      });
      return builder;
    },
    transaction(accountId, date, amount, options = {}) {
      transactions.push({
        id: `${userId}-tx-${String(transactions.length + 1).padStart(4, '0')}`,
        userId,
        isoCurrencyCode: 'USD',
        merchantName: null,
        paymentChannel: 'online',
        categoryPrimary: 'GENERAL_MERCHANDISE',
        categoryDetailed: 'GENERAL_MERCHANDISE_OTHER_GENERAL_MERCHANDISE',
        pending: false,
        ...options,
        accountId,
        date,
        amount,
      });
      return builder;
    },
    spend: (accountId, date, amount, merchant, options) =>
      builder.transaction(accountId, date, amount, { merchantName: merchant ?? null, ...options }),
    charges(accountId, merchant, dates, amount) {
      dates.forEach((date, index) => {
        builder.spend(accountId, date, pickAmount(amount, index), merchant, {
          categoryPrimary: 'ENTERTAINMENT',
          categoryDetailed: 'ENTERTAINMENT_TV_AND_MOVIES',
        });
      });
      return builder;
    },
    payroll(accountId, dates, amount) {
      dates.forEach((date, index) => {
        builder.transaction(accountId, date, -pickAmount(amount, index), {
          merchantName: 'ACME PAYROLL',
          paymentChannel: 'other',
          categoryPrimary: 'INCOME',
          categoryDetailed: 'INCOME_WAGES',
        });
      });
      return builder;
    },
    transfer(fromAccountId, toAccountId, date, amount) {
      builder.transaction(fromAccountId, date, amount, {
        paymentChannel: 'other',
        categoryPrimary: 'TRANSFER_OUT',
        categoryDetailed: 'TRANSFER_OUT_ACCOUNT_TRANSFER',
      });
      return builder.transaction(toAccountId, date, -amount, {
        paymentChannel: 'other',
        categoryPrimary: 'TRANSFER_IN',
        categoryDetailed: 'TRANSFER_IN_ACCOUNT_TRANSFER',
      });
    },
    cardPayment(cardId, date, amount, fromAccountId) {
      const payment = {
        paymentChannel: 'other',
        categoryPrimary: 'LOAN_PAYMENTS',
        categoryDetailed: 'LOAN_PAYMENTS_CREDIT_CARD_PAYMENT',
      } as const;
      if (fromAccountId !== undefined) builder.transaction(fromAccountId, date, amount, payment);
      return builder.transaction(cardId, date, -amount, payment);
    },
    interestCharge: (cardId, date, amount) =>
      builder.transaction(cardId, date, amount, {
        paymentChannel: 'other',
        categoryPrimary: 'BANK_FEES',
        categoryDetailed: 'BANK_FEES_INTEREST_CHARGE',
      }),
    build() {
      return {
        user: {
          id: userId,
          name: 'Test Customer',
          email: `${userId}@example.test`,
          dateOfBirth: '1990-01-01',
          createdAt: '2024-01-01T00:00:00.000Z',
        },
        accounts: accounts.map((account) => ({ ...account })),
        transactions: transactions.map((transaction) => ({ ...transaction })),
        liabilities: liabilities.map((liability) => ({ ...liability })),
      };
    },
  };
  return builder;
}
