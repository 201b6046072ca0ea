import { describe, expect, it } from 'vitest';
import {
  daysBefore,
  everyNDays,
  ledgerBuilder,
  TEST_REFERENCE_DATE as R,
} from '../../../test-support/ledger-builder.js';
import { createSignalScope } from './scope.js';
import { computeSubscriptionSignals } from './subscriptions.js';
import type { SignalWindow } from './types.js';

function subscriptionsOf(builder: ReturnType<typeof ledgerBuilder>, window: SignalWindow = 'D30') {
  return computeSubscriptionSignals(createSignalScope(builder.build(), window, R));
}

/** Three charges ending at the reference date, `gap` days apart. */
function threeChargesEvery(gap: number): string[] {
  return [daysBefore(R, 2 * gap), daysBefore(R, gap), R];
}

describe('recurring merchants', () => {
  it('detects a monthly subscription and its share of spend in the window', () => {
    const result = subscriptionsOf(
      ledgerBuilder()
        .creditCard()
        .charges('card', 'Netflix', ['2025-04-15', '2025-05-15', '2025-06-15'], 15.49)
        .spend('card', '2025-06-10', 200, 'Grocer'),
    );
    expect(result.details.recurringMerchants).toEqual([
      {
        merchant: 'Netflix',
        cadence: 'monthly',
        chargeCount: 3,
        averageAmount: 15.49,
        monthlyEquivalent: 15.49,
        lastChargeDate: '2025-06-15',
      },
    ]);
    expect(result.values).toEqual({
      'subscriptions.recurringMerchantCount': 1,
      'subscriptions.monthlyRecurringSpend': 15.49,
      // 15.49 of 215.49 spent in June.
      'subscriptions.subscriptionSharePct': 7.19,
    });
    expect(result.hasData).toBe(true);
  });

  it('converts a weekly charge to a monthly equivalent of 52/12 charges', () => {
    const result = subscriptionsOf(
      ledgerBuilder()
        .checking()
        .charges('checking', 'City Gym', everyNDays('2025-05-26', 7, 6), 10)
        .spend('checking', '2025-06-12', 150, 'Hardware Store'),
    );
    expect(result.details.recurringMerchants[0]).toMatchObject({
      cadence: 'weekly',
      chargeCount: 6,
      monthlyEquivalent: 43.33,
    });
    expect(result.values['subscriptions.monthlyRecurringSpend']).toBe(43.33);
    // Five of the six gym charges fall in June: 50 of 200.
    expect(result.values['subscriptions.subscriptionSharePct']).toBe(25);
  });

  it('does not count a merchant charged only twice', () => {
    const result = subscriptionsOf(
      ledgerBuilder().creditCard().charges('card', 'Spotify', ['2025-05-20', '2025-06-20'], 11.99),
    );
    expect(result.values).toEqual({
      'subscriptions.recurringMerchantCount': 0,
      'subscriptions.monthlyRecurringSpend': 0,
      'subscriptions.subscriptionSharePct': 0,
    });
    expect(result.details.recurringMerchants).toEqual([]);
  });

  it.each([
    [5, null],
    [6, 'weekly'],
    [8, 'weekly'],
    [9, null],
    [25, null],
    [26, 'monthly'],
    [35, 'monthly'],
    [36, null],
  ])('a median gap of %i days is %s', (gap, cadence) => {
    const result = subscriptionsOf(
      ledgerBuilder().creditCard().charges('card', 'Box Club', threeChargesEvery(gap), 30),
    );
    expect(result.details.recurringMerchants.map((merchant) => merchant.cadence)).toEqual(
      cadence ? [cadence] : [],
    );
  });

  it('ignores charges at irregular intervals', () => {
    const result = subscriptionsOf(
      ledgerBuilder()
        .creditCard()
        .charges('card', 'Corner Cafe', ['2025-06-05', '2025-06-08', '2025-06-28'], 6),
    );
    expect(result.values['subscriptions.recurringMerchantCount']).toBe(0);
  });

  it('accepts amounts within 20 % of the median and not beyond', () => {
    const dates = ['2025-04-20', '2025-05-20', '2025-06-20'];
    const atLimit = subscriptionsOf(
      ledgerBuilder().creditCard().charges('card', 'Cloud Drive', dates, [10, 10, 12]),
    );
    expect(atLimit.details.recurringMerchants[0]).toMatchObject({ chargeCount: 3, averageAmount: 10.67 });
    const beyond = subscriptionsOf(
      ledgerBuilder().creditCard().charges('card', 'Cloud Drive', dates, [10, 10, 12.01]),
    );
    expect(beyond.values['subscriptions.recurringMerchantCount']).toBe(0);
  });

  it('leaves a one-off purchase at a subscription merchant out of the series and its share', () => {
    const result = subscriptionsOf(
      ledgerBuilder()
        .creditCard()
        .charges('card', 'Shop Prime', ['2025-04-18', '2025-05-18', '2025-06-18'], 15)
        .spend('card', '2025-06-20', 85, 'Shop Prime'),
    );
    expect(result.details.recurringMerchants[0]).toMatchObject({
      chargeCount: 3,
      averageAmount: 15,
      lastChargeDate: '2025-06-18',
    });
    // 15 of the 100 spent in June is the subscription; the 85 purchase is not.
    expect(result.values['subscriptions.subscriptionSharePct']).toBe(15);
  });

  it('groups merchant names regardless of case and spacing', () => {
    const result = subscriptionsOf(
      ledgerBuilder()
        .creditCard()
        .spend('card', '2025-04-20', 9.99, 'NETFLIX')
        .spend('card', '2025-05-20', 9.99, 'Netflix ')
        .spend('card', '2025-06-20', 9.99, 'netflix'),
    );
    expect(result.details.recurringMerchants.map((m) => [m.merchant, m.chargeCount])).toEqual([
      ['netflix', 3],
    ]);
  });

  it('looks back 90 days for a 30-day window and the whole window for 180 days', () => {
    const builder = ledgerBuilder()
      .creditCard()
      .charges('card', 'News Daily', [daysBefore(R, 90), daysBefore(R, 60), daysBefore(R, 30)], 8);
    expect(subscriptionsOf(builder, 'D30').values['subscriptions.recurringMerchantCount']).toBe(0);
    expect(subscriptionsOf(builder, 'D180').values['subscriptions.recurringMerchantCount']).toBe(1);

    const inside = ledgerBuilder()
      .creditCard()
      .charges('card', 'News Daily', [daysBefore(R, 89), daysBefore(R, 59), daysBefore(R, 29)], 8);
    expect(subscriptionsOf(inside, 'D30').values).toEqual({
      'subscriptions.recurringMerchantCount': 1,
      'subscriptions.monthlyRecurringSpend': 8,
      'subscriptions.subscriptionSharePct': 100,
    });
  });

  it('counts only spend: transfers, card payments, income, pending and future charges are no charges', () => {
    const dates = ['2025-04-20', '2025-05-20', '2025-06-20'];
    const result = subscriptionsOf(
      ledgerBuilder()
        .checking()
        .savings()
        .creditCard()
        .charges('card', 'Stream Plus', ['2025-05-20', '2025-06-20'], 12)
        .spend('card', '2025-06-25', 12, 'Stream Plus', { pending: true })
        .spend('card', '2025-07-20', 12, 'Stream Plus')
        .transaction('checking', '2025-06-01', 50, {
          merchantName: 'Stream Plus',
          categoryPrimary: 'TRANSFER_OUT',
          categoryDetailed: 'TRANSFER_OUT_ACCOUNT_TRANSFER',
        })
        .transfer('checking', 'savings', dates[0]!, 100)
        .transfer('checking', 'savings', dates[1]!, 100)
        .transfer('checking', 'savings', dates[2]!, 100)
        .cardPayment('card', '2025-06-02', 40, 'checking'),
    );
    expect(result.values['subscriptions.recurringMerchantCount']).toBe(0);
    expect(result.values['subscriptions.subscriptionSharePct']).toBe(0);
  });

  it('has no subscription share without spending in the window', () => {
    const result = subscriptionsOf(
      ledgerBuilder().creditCard().charges('card', 'Magazine', ['2025-04-04', '2025-05-02', '2025-05-31'], 5),
    );
    expect(result.values['subscriptions.recurringMerchantCount']).toBe(1);
    expect(result.values['subscriptions.subscriptionSharePct']).toBeNull();
    expect(result.missing).toEqual({ 'subscriptions.subscriptionSharePct': 'no spending in window' });
  });
});
