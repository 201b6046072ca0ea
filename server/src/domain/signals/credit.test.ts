import { describe, expect, it } from 'vitest';
import {
  type CardOptions,
  daysOfMonth,
  ledgerBuilder,
  TEST_REFERENCE_DATE as R,
} from '../../../test-support/ledger-builder.js';
import { computeCreditSignals } from './credit.js';
import { createSignalScope } from './scope.js';
import type { SignalWindow } from './types.js';

function creditOf(builder: ReturnType<typeof ledgerBuilder>, window: SignalWindow = 'D30') {
  return computeCreditSignals(createSignalScope(builder.build(), window, R));
}

function oneCard(options: CardOptions) {
  return ledgerBuilder().checking({ balance: 1_000 }).creditCard(options);
}

describe('card utilization', () => {
  it.each([
    [2_990, 29.9, []],
    [2_999, 29.99, []],
    [3_000, 30, [30]],
    [4_999, 49.99, [30]],
    [5_000, 50, [30, 50]],
    [7_999, 79.99, [30, 50]],
    [8_000, 80, [30, 50, 80]],
    [10_500, 105, [30, 50, 80]],
  ])('a balance of %i on a 10,000 limit is %f %% with flags %j', (balance, utilizationPct, flags) => {
    const result = creditOf(oneCard({ balance, limit: 10_000 }));
    expect(result.details.cards[0]).toMatchObject({ utilizationPct, flags });
    expect(result.values['credit.maxUtilizationPct']).toBe(utilizationPct);
  });

  it('rounds utilization to 2 decimals and flags by the rounded figure', () => {
    expect(creditOf(oneCard({ balance: 1_234.56, limit: 3_000 })).details.cards[0]!.utilizationPct).toBe(
      41.15,
    );
    // 299.99 / 1,000 = 29.999 %: shown as 30.00 %, so it carries the 30 flag.
    expect(creditOf(oneCard({ balance: 299.99, limit: 1_000 })).details.cards[0]).toMatchObject({
      utilizationPct: 30,
      flags: [30],
    });
  });

  it('takes the highest utilization over all cards and sums their limits', () => {
    const result = creditOf(
      ledgerBuilder()
        .creditCard({ id: 'card-b', mask: '2222', balance: 1_200, limit: 2_000 })
        .creditCard({ id: 'card-a', mask: '1111', balance: 400, limit: 2_000 }),
    );
    expect(result.details.cards.map((card) => [card.mask, card.utilizationPct])).toEqual([
      ['1111', 20],
      ['2222', 60],
    ]);
    expect(result.values).toMatchObject({
      'credit.cardCount': 2,
      'credit.maxUtilizationPct': 60,
      'credit.totalCreditLimit': 4_000,
    });
  });

  it('reports a customer without cards as 0 % utilization with no credit data', () => {
    const result = creditOf(ledgerBuilder().checking({ balance: 500 }));
    expect(result.values).toEqual({
      'credit.cardCount': 0,
      'credit.maxUtilizationPct': 0,
      'credit.minimumPaymentOnly': false,
      'credit.interestCharges': 0,
      'credit.anyOverdue': false,
      'credit.totalCreditLimit': 0,
    });
    expect(result.missing).toEqual({});
    expect(result.hasData).toBe(false);
  });

  it('treats an overpaid card as 0 % and leaves a card without a limit out of the maximum', () => {
    expect(creditOf(oneCard({ balance: -45, limit: 1_000 })).details.cards[0]).toMatchObject({
      utilizationPct: 0,
      flags: [],
    });

    const noLimit = creditOf(oneCard({ balance: 900, limit: null }));
    expect(noLimit.details.cards[0]).toMatchObject({ limit: 0, utilizationPct: 0, flags: [] });
    expect(noLimit.values['credit.maxUtilizationPct']).toBeNull();
    expect(noLimit.missing).toEqual({ 'credit.maxUtilizationPct': 'no credit card reports a credit limit' });

    const mixed = creditOf(
      oneCard({ balance: 900, limit: null }).creditCard({ id: 'card-2', balance: 350, limit: 1_000 }),
    );
    expect(mixed.values['credit.maxUtilizationPct']).toBe(35);
    expect(mixed.values['credit.totalCreditLimit']).toBe(1_000);
  });

  it('shows cards by mask only', () => {
    const result = creditOf(
      oneCard({ balance: 100, limit: 1_000, mask: '4242', name: 'Platinum 4111111111114242' }),
    );
    expect(Object.keys(result.details.cards[0]!).sort()).toEqual(
      [
        'accountId',
        'balance',
        'flags',
        'interestCharges',
        'limit',
        'mask',
        'minimumPaymentOnly',
        'overdue',
        'utilizationPct',
      ].sort(),
    );
    expect(JSON.stringify(result)).not.toContain('4111');
  });
});

describe('minimum-payment-only', () => {
  const card = () => oneCard({ balance: 1_000, limit: 5_000, minimumPayment: 35 });

  it.each([
    [35, true],
    [34, true],
    [36, true],
    [36.01, false],
    [33.99, false],
    [250, false],
  ])('a single payment of %f against a $35 minimum is minimum-only: %s', (payment, expected) => {
    const result = creditOf(card().cardPayment('card', '2025-06-15', payment, 'checking'));
    expect(result.details.cards[0]!.minimumPaymentOnly).toBe(expected);
    expect(result.values['credit.minimumPaymentOnly']).toBe(expected);
  });

  it('counts a payment filed as an incoming transfer on the card', () => {
    const result = creditOf(card().transfer('checking', 'card', '2025-06-15', 35));
    expect(result.values['credit.minimumPaymentOnly']).toBe(true);
  });

  it('needs every payment in the window at the minimum', () => {
    const result = creditOf(
      card().cardPayment('card', '2025-06-03', 35).cardPayment('card', '2025-06-20', 120),
    );
    expect(result.values['credit.minimumPaymentOnly']).toBe(false);
  });

  it('is false without payments in the window, without a known minimum, or for a refund', () => {
    expect(creditOf(card().cardPayment('card', '2025-05-15', 35)).values['credit.minimumPaymentOnly']).toBe(
      false,
    );
    const unknownMinimum = oneCard({ balance: 1_000, limit: 5_000 }).cardPayment('card', '2025-06-15', 35);
    expect(creditOf(unknownMinimum).values['credit.minimumPaymentOnly']).toBe(false);
    const refund = card().transaction('card', '2025-06-15', -35, { merchantName: 'Shoe Shop' });
    expect(creditOf(refund).values['credit.minimumPaymentOnly']).toBe(false);
  });

  it('judges the payments of the window only: 30 days of minimums, 180 days with a large payment', () => {
    const builder = card();
    for (const date of daysOfMonth('2025-01', [15], 6))
      builder.cardPayment('card', date, date === '2025-03-15' ? 500 : 35);
    expect(creditOf(builder, 'D30').values['credit.minimumPaymentOnly']).toBe(true);
    expect(creditOf(builder, 'D180').values['credit.minimumPaymentOnly']).toBe(false);
  });
});

describe('interest and overdue', () => {
  it('sums interest charged on cards inside the window', () => {
    const builder = ledgerBuilder()
      .checking()
      .creditCard({ id: 'card', balance: 2_000, limit: 4_000 })
      .creditCard({ id: 'card-2', balance: 100, limit: 1_000 })
      .interestCharge('card', '2025-06-15', 12.34)
      .interestCharge('card', '2025-05-15', 20)
      .transaction('card-2', '2025-06-15', 5.01, {
        categoryPrimary: 'BANK_FEES',
        categoryDetailed: 'CREDIT_CARD_INTEREST_CHARGE',
      })
      // Interest on checking and interest earned are not card interest charges.
      .interestCharge('checking', '2025-06-15', 3)
      .transaction('card', '2025-06-20', -1.5, {
        categoryPrimary: 'INCOME',
        categoryDetailed: 'INCOME_INTEREST_EARNED',
      });
    const d30 = creditOf(builder);
    expect(d30.details.cards.map((card) => card.interestCharges)).toEqual([12.34, 5.01]);
    expect(d30.values['credit.interestCharges']).toBe(17.35);
    expect(creditOf(builder, 'D180').values['credit.interestCharges']).toBe(37.35);
  });

  it('flags an overdue card', () => {
    const result = creditOf(
      ledgerBuilder()
        .creditCard({ id: 'card-a', limit: 1_000 })
        .creditCard({ id: 'card-b', limit: 1_000, overdue: true }),
    );
    expect(result.details.cards.map((card) => card.overdue)).toEqual([false, true]);
    expect(result.values['credit.anyOverdue']).toBe(true);
    expect(creditOf(oneCard({ limit: 1_000 })).values['credit.anyOverdue']).toBe(false);
  });
});
