/**
 * Behavioural signals of one customer for one window. Values are flat and keyed so that persona criteria
 * can name them (`credit.maxUtilizationPct`), and a snapshot can be stored and shown as evidence.
 */

export type SignalWindow = 'D30' | 'D180';

export const WINDOW_DAYS: Record<SignalWindow, number> = { D30: 30, D180: 180 };

/** Every signal window, shortest first: what an assessment decides personas for. */
export const SIGNAL_WINDOWS = Object.keys(WINDOW_DAYS) as readonly SignalWindow[];

export type PayFrequency = 'weekly' | 'biweekly' | 'semi_monthly' | 'monthly' | 'irregular' | 'none';

/** Every signal a persona criterion may refer to, with the type of its value. */
export interface SignalValues {
  'subscriptions.recurringMerchantCount': number;
  'subscriptions.monthlyRecurringSpend': number;
  'subscriptions.subscriptionSharePct': number;
  'savings.netInflowMonthly': number;
  'savings.growthRatePct': number;
  'savings.emergencyFundMonths': number;
  'savings.balance': number;
  'credit.cardCount': number;
  'credit.maxUtilizationPct': number;
  'credit.minimumPaymentOnly': boolean;
  'credit.interestCharges': number;
  'credit.anyOverdue': boolean;
  'credit.totalCreditLimit': number;
  'income.payrollDetected': boolean;
  'income.payFrequency': PayFrequency;
  'income.medianPayGapDays': number;
  'income.variabilityPct': number;
  'income.cashFlowBufferMonths': number;
  'history.transactionHistoryDays': number;
  'history.averageMonthlyExpenses': number;
}

export type SignalKey = keyof SignalValues;
export type SignalValue = number | boolean | string;

export interface RecurringMerchant {
  merchant: string;
  cadence: 'weekly' | 'monthly';
  chargeCount: number;
  averageAmount: number;
  monthlyEquivalent: number;
  lastChargeDate: string;
}

export interface CardUtilization {
  accountId: string;
  mask: string;
  balance: number;
  /** 0 when the card reports no credit limit. */
  limit: number;
  /**
   * balance / limit × 100, 2 decimals; 0 for a credit balance (overpaid card). A card without a limit reports 0
   * here and is left out of `credit.maxUtilizationPct`.
   */
  utilizationPct: number;
  /** The 30/50/80 % thresholds this card has reached. */
  flags: Array<30 | 50 | 80>;
  minimumPaymentOnly: boolean;
  interestCharges: number;
  overdue: boolean;
}

export interface PayrollDeposit {
  date: string;
  amount: number;
  accountMask: string;
}

export interface SignalSnapshot {
  window: SignalWindow;
  referenceDate: string;
  windowStart: string;
  /** A value per signal; `null` where the data needed is missing (the reason is in `missing`). */
  values: { [K in SignalKey]: SignalValues[K] | null };
  missing: Partial<Record<SignalKey, string>>;
  /** Share of the window covered by transaction history, 0..1, and per-family data availability. */
  completeness: {
    historyCoverage: number;
    subscriptions: boolean;
    savings: boolean;
    credit: boolean;
    income: boolean;
  };
  details: {
    recurringMerchants: RecurringMerchant[];
    cards: CardUtilization[];
    payroll: PayrollDeposit[];
  };
}

/** How a signal value is measured, so the persona engine and the API can label and format it. */
export type SignalUnit =
  | 'count'
  | 'usd'
  | 'usd_per_month'
  | 'percent'
  | 'months'
  | 'days'
  | 'boolean'
  | 'enum';

/** The prefix of a signal key: `credit` in `credit.maxUtilizationPct`. */
export type SignalFamily = SignalKey extends `${infer Family}.${string}` ? Family : never;

/** Signal keys of one family, e.g. `FamilySignalKey<'credit'>`. */
export type FamilySignalKey<F extends SignalFamily> = Extract<SignalKey, `${F}.${string}`>;

export interface SignalDefinition {
  family: SignalFamily;
  unit: SignalUnit;
  /** One sentence an operator can read next to the value. */
  description: string;
}

/** What one signal family contributes to a snapshot. */
export interface FamilySignals<F extends SignalFamily, Details> {
  values: { [K in FamilySignalKey<F>]: SignalValues[K] | null };
  missing: Partial<Record<FamilySignalKey<F>, string>>;
  /** Whether the family had the data it needs; feeds `SignalSnapshot.completeness`. */
  hasData: boolean;
  details: Details;
}
