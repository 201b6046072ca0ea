/**
 * Behavioural signals: what a customer's accounts, transactions and liabilities say about subscriptions,
 * savings, credit and income over a 30- or 180-day window. Definitions, window rules and fallbacks: README.md.
 */

export {
  type CreditDetails,
  computeCreditSignals,
  MINIMUM_PAYMENT_TOLERANCE_CENTS,
  UTILIZATION_FLAGS,
} from './credit.js';
export { SIGNAL_DEFINITIONS } from './definitions.js';
export { computeHistorySignals, type HistoryDetails } from './history.js';
export {
  classifyPayCadence,
  computeIncomeSignals,
  type IncomeDetails,
  PAY_GAP_DAYS,
  type PayCadence,
} from './income.js';
export { computeSavingsSignals, isSavingsAccount, type SavingsDetails } from './savings.js';
export {
  createSignalScope,
  earliestSignalDay,
  MIN_CADENCE_LOOKBACK_DAYS,
  type SignalScope,
} from './scope.js';
export { computeSignals } from './snapshot.js';
export {
  computeSubscriptionSignals,
  MIN_RECURRING_CHARGES,
  RECURRING_AMOUNT_TOLERANCE,
  RECURRING_CADENCES,
  type SubscriptionDetails,
} from './subscriptions.js';
export { isCardPayment, isInterestCharge, isPayrollDeposit, isSpend } from './transaction-kinds.js';
export * from './types.js';
