/**
 * The fields of every record kind: ledger name (JSON property), CSV column (Plaid-style snake_case)
 * and what kind of value it holds. Parsing, validation and CSV formatting all read this one table.
 */

import type { LedgerRecordKind } from './types.js';

export type FieldType =
  | 'id'
  | 'text'
  | 'email'
  | 'mask'
  | 'currency'
  | 'money'
  | 'percent'
  | 'boolean'
  | 'date'
  | 'timestamp'
  | { oneOf: readonly string[] };

export interface FieldSpec {
  /** Property name in JSON and in the ledger types. */
  name: string;
  /** Column name in CSV. */
  column: string;
  type: FieldType;
  required: boolean;
}

const field = (name: string, column: string, type: FieldType, required = true): FieldSpec => ({
  name,
  column,
  type,
  required,
});

export const ACCOUNT_TYPES = ['depository', 'credit', 'loan'] as const;
export const ACCOUNT_SUBTYPES_BY_TYPE = {
  depository: ['checking', 'savings', 'money market', 'hsa'],
  credit: ['credit card'],
  loan: ['mortgage', 'student', 'auto'],
} as const;
export const PAYMENT_CHANNELS = ['online', 'in store', 'other'] as const;
export const LIABILITY_KINDS = ['credit', 'student', 'mortgage', 'auto'] as const;

export const FIELDS: Readonly<Record<LedgerRecordKind, readonly FieldSpec[]>> = {
  users: [
    field('id', 'user_id', 'id'),
    field('name', 'name', 'text'),
    field('email', 'email', 'email'),
    field('dateOfBirth', 'date_of_birth', 'date'),
    field('createdAt', 'created_at', 'timestamp'),
  ],
  accounts: [
    field('id', 'account_id', 'id'),
    field('userId', 'user_id', 'id'),
    field('type', 'type', { oneOf: ACCOUNT_TYPES }),
    field('subtype', 'subtype', { oneOf: Object.values(ACCOUNT_SUBTYPES_BY_TYPE).flat() }),
    field('name', 'name', 'text'),
    field('mask', 'mask', 'mask'),
    field('isoCurrencyCode', 'iso_currency_code', 'currency'),
    field('balanceCurrent', 'balance_current', 'money'),
    field('balanceAvailable', 'balance_available', 'money', false),
    field('creditLimit', 'credit_limit', 'money', false),
  ],
  transactions: [
    field('id', 'transaction_id', 'id'),
    field('accountId', 'account_id', 'id'),
    field('userId', 'user_id', 'id'),
    field('date', 'date', 'date'),
    field('amount', 'amount', 'money'),
    field('isoCurrencyCode', 'iso_currency_code', 'currency'),
    field('merchantName', 'merchant_name', 'text', false),
    field('paymentChannel', 'payment_channel', { oneOf: PAYMENT_CHANNELS }),
    field('categoryPrimary', 'category_primary', 'text'),
    field('categoryDetailed', 'category_detailed', 'text'),
    field('pending', 'pending', 'boolean', false),
  ],
  liabilities: [
    field('accountId', 'account_id', 'id'),
    field('kind', 'kind', { oneOf: LIABILITY_KINDS }),
    field('aprPercentage', 'apr_percentage', 'percent', false),
    field('minimumPaymentAmount', 'minimum_payment_amount', 'money', false),
    field('lastPaymentAmount', 'last_payment_amount', 'money', false),
    field('lastStatementBalance', 'last_statement_balance', 'money', false),
    field('isOverdue', 'is_overdue', 'boolean', false),
    field('nextPaymentDueDate', 'next_payment_due_date', 'date', false),
    field('interestRate', 'interest_rate', 'percent', false),
  ],
};

/** The field that identifies a record of each kind (a liability is identified by its account). */
export const ID_FIELD: Readonly<Record<LedgerRecordKind, string>> = {
  users: 'id',
  accounts: 'id',
  transactions: 'id',
  liabilities: 'accountId',
};
