import { SIGNAL_DEFINITIONS } from '../domain/signals/index.js';
import type {
  CardUtilization,
  PayrollDeposit,
  RecurringMerchant,
  SignalKey,
  SignalSnapshot,
} from '../domain/signals/types.js';
import { builder } from './builder.js';
import { TimeWindowEnum } from './time-window.js';

/** The units a signal (and a threshold compared with it) can have. */
export const SIGNAL_UNITS_DESCRIPTION = 'count, usd, usd_per_month, percent, months, days, boolean or enum.';

interface SignalReading {
  key: SignalKey;
  value: unknown;
  missingReason: string | null;
}

const SignalReadingRef = builder.objectRef<SignalReading>('SignalReading').implement({
  description: 'One behavioural signal of a customer for a window.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Signal key, as named in persona criteria.' }),
    family: t.string({
      description: 'subscriptions, savings, credit, income or history.',
      resolve: (r) => r.key.split('.')[0]!,
    }),
    description: t.string({
      description: 'What the signal measures.',
      resolve: (r) => SIGNAL_DEFINITIONS[r.key].description,
    }),
    unit: t.string({
      description: `Unit of the value: ${SIGNAL_UNITS_DESCRIPTION}`,
      resolve: (r) => SIGNAL_DEFINITIONS[r.key].unit,
    }),
    value: t.field({
      type: 'JSON',
      nullable: true,
      description: 'The value (number, boolean or string); null when missing.',
      resolve: (r) => r.value,
    }),
    missingReason: t.string({
      nullable: true,
      description: 'Why the value could not be computed.',
      resolve: (r) => r.missingReason,
    }),
  }),
});

const RecurringMerchantRef = builder.objectRef<RecurringMerchant>('RecurringMerchant').implement({
  description: 'A merchant charging on a weekly or monthly cadence (>= 3 charges in 90 days).',
  fields: (t) => ({
    merchant: t.exposeString('merchant', { description: 'Merchant name as on the transactions.' }),
    cadence: t.exposeString('cadence', { description: 'weekly or monthly.' }),
    chargeCount: t.exposeInt('chargeCount', { description: 'Charges seen in the last 90 days.' }),
    averageAmount: t.exposeFloat('averageAmount', { description: 'USD per charge.' }),
    monthlyEquivalent: t.exposeFloat('monthlyEquivalent', { description: 'USD per month.' }),
    lastChargeDate: t.field({
      type: 'Date',
      description: 'Date of the latest charge.',
      resolve: (m) => m.lastChargeDate,
    }),
  }),
});

const CardUtilizationRef = builder.objectRef<CardUtilization>('CardUtilization').implement({
  description: 'Utilization of one credit card. Only the last four digits of the account are shown.',
  fields: (t) => ({
    mask: t.exposeString('mask', { description: 'Last four digits.' }),
    balance: t.exposeFloat('balance', { description: 'USD.' }),
    limit: t.exposeFloat('limit', { description: 'USD.' }),
    utilizationPct: t.exposeFloat('utilizationPct', { description: 'Balance as a percentage of the limit.' }),
    flags: t.intList({ description: 'Thresholds reached: 30, 50, 80.', resolve: (c) => c.flags }),
    minimumPaymentOnly: t.exposeBoolean('minimumPaymentOnly', {
      description: 'The customer paid only the minimum due.',
    }),
    interestCharges: t.exposeFloat('interestCharges', { description: 'USD charged in the window.' }),
    overdue: t.exposeBoolean('overdue', { description: 'The card is past due.' }),
  }),
});

const PayrollDepositRef = builder.objectRef<PayrollDeposit>('PayrollDeposit').implement({
  description: 'A detected payroll deposit.',
  fields: (t) => ({
    date: t.field({ type: 'Date', description: 'Day the deposit posted.', resolve: (p) => p.date }),
    amount: t.exposeFloat('amount', { description: 'USD.' }),
    accountMask: t.exposeString('accountMask', { description: 'Last four digits of the receiving account.' }),
  }),
});

const CompletenessRef = builder.objectRef<SignalSnapshot['completeness']>('SignalCompleteness').implement({
  description: 'How complete the data behind the signals was.',
  fields: (t) => ({
    historyCoverage: t.exposeFloat('historyCoverage', {
      description: 'Share of the window with history, 0..1.',
    }),
    subscriptions: t.exposeBoolean('subscriptions', {
      description: 'Enough transactions to detect subscriptions.',
    }),
    savings: t.exposeBoolean('savings', { description: 'The customer has a savings-type account.' }),
    credit: t.exposeBoolean('credit', { description: 'The customer has a credit card.' }),
    income: t.exposeBoolean('income', { description: 'Enough deposits to judge income.' }),
  }),
});

export const SignalSnapshotRef = builder.objectRef<SignalSnapshot>('SignalSnapshot').implement({
  description: 'Behavioural signals of one customer for one window, as used by the persona engine.',
  fields: (t) => ({
    window: t.field({
      type: TimeWindowEnum,
      description: 'The window the signals cover.',
      resolve: (s) => s.window,
    }),
    referenceDate: t.field({
      type: 'Date',
      description: 'Last day of the window.',
      resolve: (s) => s.referenceDate,
    }),
    windowStart: t.field({
      type: 'Date',
      description: 'First day of the window.',
      resolve: (s) => s.windowStart,
    }),
    readings: t.field({
      type: [SignalReadingRef],
      description: 'Every signal with its value or the reason it is missing.',
      resolve: (s) =>
        (Object.keys(s.values) as SignalKey[]).map((key) => ({
          key,
          value: s.values[key],
          missingReason: s.missing[key] ?? null,
        })),
    }),
    completeness: t.field({
      type: CompletenessRef,
      description: 'How complete the data behind these signals was.',
      resolve: (s) => s.completeness,
    }),
    recurringMerchants: t.field({
      description: 'Merchants charging on a weekly or monthly cadence.',
      type: [RecurringMerchantRef],
      resolve: (s) => s.details.recurringMerchants,
    }),
    cards: t.field({
      type: [CardUtilizationRef],
      description: 'Each credit card with its utilization.',
      resolve: (s) => s.details.cards,
    }),
    payroll: t.field({
      type: [PayrollDepositRef],
      description: 'Payroll deposits detected in the window.',
      resolve: (s) => s.details.payroll,
    }),
  }),
});
