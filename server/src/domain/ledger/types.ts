/**
 * Plaid-style financial data of one customer, as the pure domain sees it: plain values, no I/O.
 * Money is a number of currency units (dollars), dates are ISO calendar dates (`YYYY-MM-DD`, UTC).
 */

export type AccountType = 'depository' | 'credit' | 'loan';

/** Subtypes we understand; savings-type accounts are savings, money market and HSA. */
export type AccountSubtype =
  | 'checking'
  | 'savings'
  | 'money market'
  | 'hsa'
  | 'credit card'
  | 'mortgage'
  | 'student'
  | 'auto';

export const SAVINGS_SUBTYPES: readonly AccountSubtype[] = ['savings', 'money market', 'hsa'];

export interface LedgerAccount {
  id: string;
  userId: string;
  type: AccountType;
  subtype: AccountSubtype;
  name: string;
  /** Last four digits only; full numbers never enter the system. */
  mask: string;
  isoCurrencyCode: string;
  balanceCurrent: number;
  balanceAvailable: number | null;
  /** Credit cards only. */
  creditLimit: number | null;
}

export interface LedgerTransaction {
  id: string;
  accountId: string;
  userId: string;
  date: string;
  /** Plaid convention: positive = money out of the account, negative = money in. */
  amount: number;
  isoCurrencyCode: string;
  merchantName: string | null;
  paymentChannel: 'online' | 'in store' | 'other';
  /** Plaid personal-finance category, e.g. INCOME, TRANSFER_IN, LOAN_PAYMENTS, GENERAL_MERCHANDISE. */
  categoryPrimary: string;
  /** e.g. INCOME_WAGES, TRANSFER_IN_ACCOUNT_TRANSFER, BANK_FEES_INTEREST_CHARGE, ENTERTAINMENT_TV_AND_MOVIES. */
  categoryDetailed: string;
  pending: boolean;
}

export interface LedgerLiability {
  accountId: string;
  kind: 'credit' | 'student' | 'mortgage' | 'auto';
  aprPercentage: number | null;
  minimumPaymentAmount: number | null;
  lastPaymentAmount: number | null;
  lastStatementBalance: number | null;
  isOverdue: boolean;
  nextPaymentDueDate: string | null;
  interestRate: number | null;
}

export interface LedgerUser {
  id: string;
  name: string;
  email: string;
  dateOfBirth: string;
  /** When the customer joined SpendSense (ISO timestamp). */
  createdAt: string;
}

/** Everything the signal computation needs for one customer. */
export interface CustomerLedger {
  user: LedgerUser;
  accounts: LedgerAccount[];
  transactions: LedgerTransaction[];
  liabilities: LedgerLiability[];
}
