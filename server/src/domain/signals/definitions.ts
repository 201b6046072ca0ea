import type { SignalDefinition, SignalKey } from './types.js';

/**
 * What every signal means and how it is measured, for the persona engine's explanations and the API's field
 * descriptions. Keep in step with the doc comments of the family functions and README.md.
 */
export const SIGNAL_DEFINITIONS: { readonly [K in SignalKey]: SignalDefinition } = {
  'subscriptions.recurringMerchantCount': {
    family: 'subscriptions',
    unit: 'count',
    description:
      'Merchants charging a similar amount at least 3 times on a monthly (26–35 days) or weekly (6–8 days) cadence within the last max(90, window) days.',
  },
  'subscriptions.monthlyRecurringSpend': {
    family: 'subscriptions',
    unit: 'usd_per_month',
    description: 'Sum of the monthly equivalents of recurring charges (weekly charges × 52/12).',
  },
  'subscriptions.subscriptionSharePct': {
    family: 'subscriptions',
    unit: 'percent',
    description: 'Recurring charges in the window as a percentage of all spending in the window.',
  },
  'savings.netInflowMonthly': {
    family: 'savings',
    unit: 'usd_per_month',
    description:
      'Money into savings, money market and HSA accounts minus money out of them in the window, per 30 days.',
  },
  'savings.growthRatePct': {
    family: 'savings',
    unit: 'percent',
    description:
      'Net inflow to savings-type accounts in the window as a percentage of their balance at the window start.',
  },
  'savings.emergencyFundMonths': {
    family: 'savings',
    unit: 'months',
    description: 'Months of average expenses the savings-type balance would cover.',
  },
  'savings.balance': {
    family: 'savings',
    unit: 'usd',
    description: 'Current balance of all savings, money market and HSA accounts.',
  },
  'credit.cardCount': {
    family: 'credit',
    unit: 'count',
    description: 'Number of credit card accounts.',
  },
  'credit.maxUtilizationPct': {
    family: 'credit',
    unit: 'percent',
    description:
      'Highest card utilization (balance / credit limit × 100); 0 without cards, so "all cards below X %" holds for a customer with none.',
  },
  'credit.minimumPaymentOnly': {
    family: 'credit',
    unit: 'boolean',
    description: "Some card's payments in the window were all within $1 of its minimum payment.",
  },
  'credit.interestCharges': {
    family: 'credit',
    unit: 'usd',
    description: 'Interest charged on credit cards in the window.',
  },
  'credit.anyOverdue': {
    family: 'credit',
    unit: 'boolean',
    description: 'Some credit card is past due.',
  },
  'credit.totalCreditLimit': {
    family: 'credit',
    unit: 'usd',
    description: 'Sum of the credit limits of all credit cards.',
  },
  'income.payrollDetected': {
    family: 'income',
    unit: 'boolean',
    description: 'Payroll (wage or ACH income) deposits arrived within the last max(90, window) days.',
  },
  'income.payFrequency': {
    family: 'income',
    unit: 'enum',
    description:
      'Pay cadence: weekly, biweekly, semi_monthly, monthly, irregular, or none (fewer than two paydays).',
  },
  'income.medianPayGapDays': {
    family: 'income',
    unit: 'days',
    description: 'Median number of days between consecutive paydays.',
  },
  'income.variabilityPct': {
    family: 'income',
    unit: 'percent',
    description: 'How much pay varies between paydays: coefficient of variation of pay amounts × 100.',
  },
  'income.cashFlowBufferMonths': {
    family: 'income',
    unit: 'months',
    description: 'Months of average expenses the checking balance would cover.',
  },
  'history.transactionHistoryDays': {
    family: 'history',
    unit: 'days',
    description: "Days from the customer's first transaction to the reference date, both included.",
  },
  'history.averageMonthlyExpenses': {
    family: 'history',
    unit: 'usd_per_month',
    description:
      'Spending (excluding transfers, loan and card payments) in the window per 30 days, over the days of history when shorter.',
  },
};
