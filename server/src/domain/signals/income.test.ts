import { describe, expect, it } from 'vitest';
import {
  daysBefore,
  daysOfMonth,
  everyNDays,
  ledgerBuilder,
  TEST_REFERENCE_DATE as R,
} from '../../../test-support/ledger-builder.js';
import { classifyPayCadence, computeIncomeSignals } from './income.js';
import { createSignalScope } from './scope.js';
import type { SignalWindow } from './types.js';

function incomeOf(builder: ReturnType<typeof ledgerBuilder>, window: SignalWindow = 'D30') {
  return computeIncomeSignals(createSignalScope(builder.build(), window, R));
}

/** A checking account with $3,000 and $1,500 of spending in June, history since January. */
function earner() {
  return ledgerBuilder()
    .checking({ balance: 3_000, mask: '0042' })
    .spend('checking', '2025-01-05', 20)
    .spend('checking', '2025-06-12', 1_500);
}

describe('pay frequency', () => {
  it('recognises biweekly pay, including a month with three paydays', () => {
    const result = incomeOf(earner().payroll('checking', everyNDays('2025-04-04', 14, 7), 2_000));
    expect(result.values).toEqual({
      'income.payrollDetected': true,
      'income.payFrequency': 'biweekly',
      'income.medianPayGapDays': 14,
      'income.variabilityPct': 0,
      'income.cashFlowBufferMonths': 2,
    });
    expect(result.details.payroll[0]).toEqual({ date: '2025-04-04', amount: 2_000, accountMask: '0042' });
    expect(result.hasData).toBe(true);
  });

  it('recognises monthly pay', () => {
    const result = incomeOf(earner().payroll('checking', daysOfMonth('2025-04', [15], 3), 4_000));
    expect(result.values['income.payFrequency']).toBe('monthly');
    expect(result.values['income.medianPayGapDays']).toBe(30.5);
  });

  it('recognises weekly pay', () => {
    const result = incomeOf(earner().payroll('checking', everyNDays('2025-04-07', 7, 13), 600));
    expect(result.values['income.payFrequency']).toBe('weekly');
    expect(result.values['income.medianPayGapDays']).toBe(7);
  });

  it('recognises semi-monthly pay on the 1st and 15th and on the 15th and last day', () => {
    // The lookback starts on 2 April, so April's first payday is outside it.
    const firstAndFifteenth = incomeOf(
      earner().payroll('checking', daysOfMonth('2025-04', [1, 15], 3), 1_800),
    );
    expect(firstAndFifteenth.details.payroll.map((deposit) => deposit.date)).toEqual([
      '2025-04-15',
      '2025-05-01',
      '2025-05-15',
      '2025-06-01',
      '2025-06-15',
    ]);
    expect(firstAndFifteenth.values['income.payFrequency']).toBe('semi_monthly');
    expect(firstAndFifteenth.values['income.medianPayGapDays']).toBe(15);

    expect(classifyPayCadence(daysOfMonth('2025-04', [15, 31], 3))).toEqual({
      frequency: 'semi_monthly',
      medianGapDays: 15,
    });
    // 1 June and 15 June 2025 are Sundays, paid early on Friday 30 May and Friday 13 June.
    expect(
      classifyPayCadence([
        '2025-04-01',
        '2025-04-15',
        '2025-05-01',
        '2025-05-15',
        '2025-05-30',
        '2025-06-13',
      ]),
    ).toEqual({ frequency: 'semi_monthly', medianGapDays: 14 });
  });

  it('keeps a steady 14-day rhythm biweekly even when each month holds two paydays', () => {
    expect(classifyPayCadence(['2025-02-14', '2025-02-28', '2025-03-14', '2025-03-28'])).toEqual({
      frequency: 'biweekly',
      medianGapDays: 14,
    });
  });

  it('calls pay at uneven intervals irregular and reports the median gap', () => {
    const dates = [daysBefore(R, 85), daysBefore(R, 60), daysBefore(R, 15), R];
    const result = incomeOf(earner().payroll('checking', dates, [900, 2_400, 1_100, 1_700]));
    expect(result.values['income.payFrequency']).toBe('irregular');
    expect(result.values['income.medianPayGapDays']).toBe(25);
  });

  it('sees long gaps of variable income over 180 days', () => {
    const dates = [daysBefore(R, 170), daysBefore(R, 110), daysBefore(R, 50), R];
    const builder = earner().payroll('checking', dates, 3_000);
    const d180 = incomeOf(builder, 'D180');
    expect(d180.values['income.medianPayGapDays']).toBe(60);
    expect(d180.values['income.payFrequency']).toBe('irregular');
    // The 90-day lookback of a 30-day window sees 50 days ago and today only.
    const d30 = incomeOf(builder, 'D30');
    expect(d30.details.payroll).toHaveLength(2);
    expect(d30.values['income.medianPayGapDays']).toBe(50);
  });

  it.each([
    [5, 'irregular'],
    [6, 'weekly'],
    [8, 'weekly'],
    [12, 'irregular'],
    [13, 'biweekly'],
    [15, 'biweekly'],
    [27, 'irregular'],
    [28, 'monthly'],
    [31, 'monthly'],
    [32, 'irregular'],
  ])('a steady gap of %i days is %s', (gap, frequency) => {
    expect(classifyPayCadence(everyNDays('2025-01-01', gap, 3)).frequency).toBe(frequency);
  });
});

describe('payroll detection', () => {
  it('has no frequency, gap or variability without paydays', () => {
    const result = incomeOf(earner());
    expect(result.values).toEqual({
      'income.payrollDetected': false,
      'income.payFrequency': 'none',
      'income.medianPayGapDays': null,
      'income.variabilityPct': null,
      'income.cashFlowBufferMonths': 2,
    });
    const reason = 'no payroll deposits in the 90 days ending at the reference date';
    expect(result.missing).toEqual({ 'income.medianPayGapDays': reason, 'income.variabilityPct': reason });
    expect(result.hasData).toBe(false);
  });

  it('has no gap from a single payday', () => {
    const result = incomeOf(earner().payroll('checking', ['2025-06-13'], 2_000), 'D180');
    expect(result.values['income.payrollDetected']).toBe(true);
    expect(result.values['income.payFrequency']).toBe('none');
    expect(result.values['income.medianPayGapDays']).toBeNull();
    expect(result.missing['income.medianPayGapDays']).toBe(
      'only one payday in the 180 days ending at the reference date',
    );
  });

  it('measures pay variability as the coefficient of variation', () => {
    const result = incomeOf(
      earner().payroll('checking', everyNDays('2025-05-16', 14, 3), [1_000, 1_500, 2_000]),
    );
    expect(result.values['income.variabilityPct']).toBe(27.22);
  });

  it('counts ACH income other than interest, dividends and refunds; only on depository accounts', () => {
    const income = (detailed: string, channel: 'other' | 'online' = 'other') => ({
      categoryPrimary: 'INCOME',
      categoryDetailed: detailed,
      paymentChannel: channel,
    });
    const result = incomeOf(
      earner()
        .creditCard({ id: 'card' })
        .transaction('checking', '2025-06-02', -1_200, income('INCOME_OTHER_INCOME'))
        .transaction('checking', '2025-06-03', -4.1, income('INCOME_INTEREST_EARNED'))
        .transaction('checking', '2025-06-04', -30, income('INCOME_DIVIDENDS'))
        .transaction('checking', '2025-06-05', -400, income('INCOME_TAX_REFUND'))
        .transaction('checking', '2025-06-06', -250, income('INCOME_OTHER_INCOME', 'online'))
        .transaction('card', '2025-06-07', -900, income('INCOME_WAGES'))
        .transaction('checking', '2025-06-08', 900, income('INCOME_WAGES'))
        .transaction('checking', '2025-06-16', -1_200, { ...income('INCOME_WAGES', 'online') }),
    );
    expect(result.details.payroll.map((deposit) => deposit.date)).toEqual(['2025-06-02', '2025-06-16']);
  });

  it('treats a split direct deposit as one payday', () => {
    const dates = everyNDays('2025-04-11', 14, 6);
    const result = incomeOf(
      earner().savings({ mask: '0077' }).payroll('checking', dates, 1_500).payroll('savings', dates, 500),
    );
    expect(result.details.payroll).toHaveLength(12);
    expect(result.details.payroll.slice(0, 2)).toEqual([
      { date: '2025-04-11', amount: 1_500, accountMask: '0042' },
      { date: '2025-04-11', amount: 500, accountMask: '0077' },
    ]);
    expect(result.values['income.payFrequency']).toBe('biweekly');
    expect(result.values['income.variabilityPct']).toBe(0);
  });
});

describe('cash-flow buffer', () => {
  it('divides the checking balance by average monthly expenses, negative when overdrawn', () => {
    const overdrawn = ledgerBuilder()
      .checking({ balance: -300 })
      .spend('checking', '2025-01-05', 20)
      .spend('checking', '2025-06-12', 1_500);
    expect(incomeOf(overdrawn).values['income.cashFlowBufferMonths']).toBe(-0.2);
  });

  it('has no buffer without spending', () => {
    const result = incomeOf(
      ledgerBuilder().checking({ balance: 3_000 }).payroll('checking', ['2025-06-13'], 2_000),
    );
    expect(result.values['income.cashFlowBufferMonths']).toBeNull();
    expect(result.missing['income.cashFlowBufferMonths']).toBe('no spending in window');
  });
});
