import { describe, expect, it } from 'vitest';
import {
  daysBefore,
  daysOfMonth,
  ledgerBuilder,
  TEST_REFERENCE_DATE as R,
} from '../../../test-support/ledger-builder.js';
import { computeSavingsSignals } from './savings.js';
import { createSignalScope } from './scope.js';
import type { SignalWindow } from './types.js';

function savingsOf(builder: ReturnType<typeof ledgerBuilder>, window: SignalWindow = 'D30') {
  return computeSavingsSignals(createSignalScope(builder.build(), window, R));
}

/**
 * A saver with $6,000 in savings now: $500 moved in during March, in June $400 in and $100 out, and $1,500 of
 * spending on the 10th of every month of 2025. History starts in December 2024.
 */
function saver() {
  return ledgerBuilder()
    .checking({ balance: 2_000 })
    .savings({ balance: 6_000 })
    .spend('checking', '2024-12-01', 50, 'Hardware Store')
    .charges('checking', 'Landlord', daysOfMonth('2025-01', [10], 6), 1_500)
    .transfer('checking', 'savings', '2025-03-01', 500)
    .transfer('checking', 'savings', '2025-06-05', 200)
    .transfer('checking', 'savings', '2025-06-20', 200)
    .transfer('savings', 'checking', '2025-06-25', 100);
}

describe('savings signals', () => {
  it('measures net inflow, growth and emergency fund over 30 days', () => {
    const result = savingsOf(saver());
    expect(result.values).toEqual({
      'savings.netInflowMonthly': 300,
      // 300 on a start balance of 5,700.
      'savings.growthRatePct': 5.26,
      'savings.emergencyFundMonths': 4,
      'savings.balance': 6_000,
    });
    expect(result.details).toEqual({ balanceAtWindowStart: 5_700, netInflowInWindow: 300 });
    expect(result.missing).toEqual({});
    expect(result.hasData).toBe(true);
  });

  it('spreads the 180-day inflow over six months and grows from an earlier start balance', () => {
    const result = savingsOf(saver(), 'D180');
    expect(result.values).toEqual({
      'savings.netInflowMonthly': 133.33,
      'savings.growthRatePct': 15.38,
      'savings.emergencyFundMonths': 4,
      'savings.balance': 6_000,
    });
    expect(result.details.balanceAtWindowStart).toBe(5_200);
  });

  it('walks the start balance back over flows after the reference date without counting them', () => {
    const result = savingsOf(
      saver()
        .transfer('checking', 'savings', '2025-07-05', 1_000)
        .savings({ id: 'other-savings', balance: 0 }),
    );
    // The current balance of 6,000 already contains July's 1,000: start = 6,000 − 300 − 1,000.
    expect(result.details).toEqual({ balanceAtWindowStart: 4_700, netInflowInWindow: 300 });
    expect(result.values['savings.netInflowMonthly']).toBe(300);
    expect(result.values['savings.growthRatePct']).toBe(6.38);
  });

  it('has no growth rate when the start balance was zero', () => {
    const result = savingsOf(
      ledgerBuilder()
        .checking({ balance: 1_000 })
        .savings({ balance: 300 })
        .spend('checking', daysBefore(R, 40), 100)
        .transfer('checking', 'savings', '2025-06-10', 300),
    );
    expect(result.values['savings.growthRatePct']).toBeNull();
    expect(result.missing['savings.growthRatePct']).toBe(
      'savings balance at window start was zero or negative',
    );
    expect(result.values['savings.netInflowMonthly']).toBe(300);
  });

  it('counts money market and HSA accounts as savings, checking not', () => {
    const result = savingsOf(
      ledgerBuilder()
        .checking({ balance: 9_000 })
        .savings({ balance: 1_000 })
        .moneyMarket({ balance: 2_500.5 })
        .hsa({ balance: 500.25 })
        .spend('checking', '2025-04-10', 70)
        .spend('checking', '2025-06-10', 1_000),
    );
    expect(result.values['savings.balance']).toBe(4_000.75);
    expect(result.values['savings.emergencyFundMonths']).toBe(4);
  });

  it('reports a customer without savings accounts as saving nothing, with growth unknown', () => {
    const result = savingsOf(ledgerBuilder().checking({ balance: 800 }).spend('checking', '2025-06-10', 400));
    expect(result.values).toEqual({
      'savings.netInflowMonthly': 0,
      'savings.growthRatePct': null,
      'savings.emergencyFundMonths': 0,
      'savings.balance': 0,
    });
    expect(result.missing).toEqual({ 'savings.growthRatePct': 'no savings-type account' });
    expect(result.hasData).toBe(false);
  });

  it('has no emergency-fund months without spending in the window', () => {
    const result = savingsOf(
      ledgerBuilder().checking().savings({ balance: 5_000 }).spend('checking', '2025-04-10', 70),
    );
    expect(result.values['savings.emergencyFundMonths']).toBeNull();
    expect(result.missing['savings.emergencyFundMonths']).toBe('no spending in window');
  });

  it('scales a short history to a monthly rate over the days it covers', () => {
    // History starts 15 days before the reference date: 300 saved in 15 days is 600 a month.
    const result = savingsOf(
      ledgerBuilder()
        .checking({ balance: 1_000 })
        .savings({ balance: 2_300 })
        .transfer('checking', 'savings', daysBefore(R, 14), 300)
        .spend('checking', daysBefore(R, 10), 250),
    );
    expect(result.values['savings.netInflowMonthly']).toBe(600);
    // 250 in 15 days is 500 a month; 2,300 / 500.
    expect(result.values['savings.emergencyFundMonths']).toBe(4.6);
  });
});
