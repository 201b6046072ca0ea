import { addDays, calendarMonth, daysBetween } from './dates.js';
import { computeHistorySignals, monthsOfExpenses } from './history.js';
import { mean, median, populationStandardDeviation, round2, sum } from './numbers.js';
import { postedInLookback, type SignalScope } from './scope.js';
import { isPayrollDeposit } from './transaction-kinds.js';
import type { FamilySignals, PayFrequency, PayrollDeposit } from './types.js';

/** Inclusive bounds on the median gap between pay dates, in days. */
export const PAY_GAP_DAYS = {
  weekly: { min: 6, max: 8 },
  biweekly: { min: 13, max: 15 },
  semi_monthly: { min: 14, max: 17 },
  monthly: { min: 28, max: 31 },
} as const satisfies Partial<Record<PayFrequency, { min: number; max: number }>>;

/** Pay due on a weekend or holiday arrives up to this many days early. */
const EARLY_PAY_DAYS = 3;

export interface IncomeDetails {
  /** Payroll deposits in the cadence lookback, oldest first. */
  payroll: PayrollDeposit[];
}

export interface PayCadence {
  frequency: PayFrequency;
  /** Null with fewer than two pay dates. */
  medianGapDays: number | null;
}

function within(value: number, bounds: { min: number; max: number }): boolean {
  return value >= bounds.min && value <= bounds.max;
}

/**
 * Semi-monthly pay lands on the same two days of every month (the 1st and 15th, or the 15th and the last day).
 * Each pay date is attributed to the month it falls in `EARLY_PAY_DAYS` later, so a 1st paid early on the 29th
 * still counts for its own month. Every month strictly inside the span must then hold two dates, none more.
 */
function twoPayDatesPerMonth(payDates: readonly string[]): boolean {
  const perMonth = new Map<string, number>();
  for (const date of payDates) {
    const month = calendarMonth(addDays(date, EARLY_PAY_DAYS));
    perMonth.set(month, (perMonth.get(month) ?? 0) + 1);
  }
  const months = [...perMonth.keys()].sort();
  return months.every((month, index) => {
    const count = perMonth.get(month)!;
    const isEdgeMonth = index === 0 || index === months.length - 1;
    return isEdgeMonth ? count <= 2 : count === 2;
  });
}

/**
 * Pay frequency from distinct pay dates (sorted): weekly when the median gap is 6–8 days; semi-monthly when it is
 * 14–17 days, pay falls on two dates per month and the gaps are not all 13–15 days (a steady 14-day rhythm is
 * biweekly even in months that happen to hold two paydays); biweekly at 13–15 days; monthly at 28–31 days;
 * irregular otherwise; none with fewer than two pay dates.
 */
export function classifyPayCadence(payDates: readonly string[]): PayCadence {
  if (payDates.length < 2) return { frequency: 'none', medianGapDays: null };
  const gaps = payDates.slice(1).map((date, index) => daysBetween(payDates[index]!, date));
  const medianGapDays = round2(median(gaps));

  let frequency: PayFrequency = 'irregular';
  if (within(medianGapDays, PAY_GAP_DAYS.weekly)) frequency = 'weekly';
  else if (
    within(medianGapDays, PAY_GAP_DAYS.semi_monthly) &&
    twoPayDatesPerMonth(payDates) &&
    !gaps.every((gap) => within(gap, PAY_GAP_DAYS.biweekly))
  )
    frequency = 'semi_monthly';
  else if (within(medianGapDays, PAY_GAP_DAYS.biweekly)) frequency = 'biweekly';
  else if (within(medianGapDays, PAY_GAP_DAYS.monthly)) frequency = 'monthly';
  return { frequency, medianGapDays };
}

/**
 * Payroll is looked for in the cadence lookback (`max(90, window days)` ending at the reference date) so that a
 * 30-day window still sees enough paydays for a frequency. Deposits on the same day (a split direct deposit) are
 * one payday: their sum is that day's pay.
 * - `income.payrollDetected`: at least one payroll deposit (see `isPayrollDeposit`).
 * - `income.payFrequency`, `income.medianPayGapDays`: see `classifyPayCadence`.
 * - `income.variabilityPct`: coefficient of variation (population) of the per-payday amounts × 100.
 * - `income.cashFlowBufferMonths`: current checking balance / `history.averageMonthlyExpenses`; an overdrawn
 *   checking account gives a negative buffer.
 */
export function computeIncomeSignals(scope: SignalScope): FamilySignals<'income', IncomeDetails> {
  const deposits = postedInLookback(scope).filter((transaction) =>
    isPayrollDeposit(transaction, scope.accountsById.get(transaction.accountId)),
  );
  const payroll: PayrollDeposit[] = deposits.map((deposit) => ({
    date: deposit.date,
    amount: round2(-deposit.amount),
    accountMask: scope.accountsById.get(deposit.accountId)!.mask,
  }));

  const payByDate = new Map<string, number>();
  for (const deposit of payroll)
    payByDate.set(deposit.date, (payByDate.get(deposit.date) ?? 0) + deposit.amount);
  const payDates = [...payByDate.keys()];
  const cadence = classifyPayCadence(payDates);

  const missing: FamilySignals<'income', IncomeDetails>['missing'] = {};
  const lookbackDays = daysBetween(scope.lookbackStart, scope.referenceDate) + 1;
  let variabilityPct: number | null = null;
  if (payDates.length >= 2) {
    const amounts = [...payByDate.values()];
    variabilityPct = round2((populationStandardDeviation(amounts) / mean(amounts)) * 100);
  } else {
    const reason =
      payDates.length === 0
        ? `no payroll deposits in the ${lookbackDays} days ending at the reference date`
        : `only one payday in the ${lookbackDays} days ending at the reference date`;
    missing['income.medianPayGapDays'] = reason;
    missing['income.variabilityPct'] = reason;
  }

  const checkingBalance = sum(
    scope.accounts
      .filter((account) => account.subtype === 'checking')
      .map((account) => account.balanceCurrent),
  );
  const buffer = monthsOfExpenses(round2(checkingBalance), computeHistorySignals(scope));
  if (buffer.months === null) missing['income.cashFlowBufferMonths'] = buffer.reason;

  return {
    values: {
      'income.payrollDetected': payroll.length > 0,
      'income.payFrequency': cadence.frequency,
      'income.medianPayGapDays': cadence.medianGapDays,
      'income.variabilityPct': variabilityPct,
      'income.cashFlowBufferMonths': buffer.months,
    },
    missing,
    hasData: payroll.length > 0,
    details: { payroll },
  };
}
