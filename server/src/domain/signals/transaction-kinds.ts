/**
 * What a transaction is, in the terms the signal definitions use. Plaid convention throughout: a positive
 * amount is money leaving the account (a purchase on a card, a debit on checking), a negative amount is money
 * coming in (a deposit, a card payment or refund).
 */

import type { LedgerAccount, LedgerTransaction } from '../ledger/types.js';

/** Moving money between one's own accounts or paying down debt is not spending; income is not either. */
const NON_SPEND_CATEGORIES: ReadonlySet<string> = new Set([
  'TRANSFER_OUT',
  'TRANSFER_IN',
  'LOAN_PAYMENTS',
  'INCOME',
]);

/** INCOME sub-categories that arrive by ACH but are not pay: they would fake a pay cadence (monthly interest). */
const NON_PAY_INCOME: ReadonlySet<string> = new Set([
  'INCOME_INTEREST_EARNED',
  'INCOME_DIVIDENDS',
  'INCOME_TAX_REFUND',
]);

/**
 * Spend: money out (positive amount) of a depository or credit account that is neither a transfer, a loan or
 * credit-card payment, nor income. Fees and interest charges count: the customer pays them.
 */
export function isSpend(transaction: LedgerTransaction, account: LedgerAccount | undefined): boolean {
  if (!account || (account.type !== 'depository' && account.type !== 'credit')) return false;
  if (transaction.amount <= 0) return false;
  if (NON_SPEND_CATEGORIES.has(transaction.categoryPrimary)) return false;
  // A card payment filed under another primary category is still a payment, not a purchase.
  return !transaction.categoryDetailed.includes('CREDIT_CARD_PAYMENT');
}

/**
 * Payroll: a deposit (negative amount) on a depository account that is wages (INCOME_WAGES), or other INCOME
 * arriving by ACH (payment channel `other`) unless it is interest, dividends or a tax refund.
 */
export function isPayrollDeposit(
  transaction: LedgerTransaction,
  account: LedgerAccount | undefined,
): boolean {
  if (account?.type !== 'depository' || transaction.amount >= 0) return false;
  if (transaction.categoryDetailed === 'INCOME_WAGES') return true;
  return (
    transaction.categoryPrimary === 'INCOME' &&
    transaction.paymentChannel === 'other' &&
    !NON_PAY_INCOME.has(transaction.categoryDetailed)
  );
}

/**
 * A payment towards a card, seen on the card itself: money in, filed as a loan/card payment or an incoming
 * transfer. Other money in on a card (merchant refunds, cash-back) is not a payment and must not count towards
 * "pays only the minimum".
 */
export function isCardPayment(transaction: LedgerTransaction): boolean {
  if (transaction.amount >= 0) return false;
  return (
    transaction.categoryPrimary === 'LOAN_PAYMENTS' ||
    transaction.categoryPrimary === 'TRANSFER_IN' ||
    transaction.categoryDetailed.includes('CREDIT_CARD_PAYMENT')
  );
}

/** An interest charge: money out filed as BANK_FEES_INTEREST_CHARGE or any detailed category naming interest. */
export function isInterestCharge(transaction: LedgerTransaction): boolean {
  return (
    transaction.amount > 0 &&
    (transaction.categoryDetailed === 'BANK_FEES_INTEREST_CHARGE' ||
      transaction.categoryDetailed.includes('INTEREST'))
  );
}
