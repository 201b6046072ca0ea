/**
 * Hand-built signal snapshots for tests, one per persona, with figures chosen so every trigger threshold is
 * either clearly met or clearly missed. Not part of the public API.
 */

import type { CustomerProfile, PersonaId } from '../src/domain/recommendations/types.js';
import type { SignalSnapshot } from '../src/domain/signals/types.js';
import { card, snapshotWith } from './signal-snapshots.js';

export interface PersonaFixture {
  snapshot: SignalSnapshot;
  customer: CustomerProfile;
}

export const PERSONA_FIXTURES: Record<PersonaId, PersonaFixture> = {
  high_utilization: {
    snapshot: snapshotWith(
      {
        'credit.maxUtilizationPct': 68,
        'credit.interestCharges': 87.12,
        'credit.cardCount': 2,
        'credit.totalCreditLimit': 7000,
      },
      {
        details: {
          cards: [
            card({ mask: '4523', balance: 3400, limit: 5000, flags: [30, 50], interestCharges: 87.12 }),
            card({ mask: '9001', balance: 300, limit: 2000 }),
          ],
        },
      },
    ),
    customer: { ageYears: 34, annualIncomeEstimate: 30_000, heldSubtypes: ['checking', 'credit card'] },
  },
  variable_income_budgeter: {
    snapshot: snapshotWith(
      {
        'income.payFrequency': 'irregular',
        'income.medianPayGapDays': 52,
        'income.cashFlowBufferMonths': 0.6,
        'history.averageMonthlyExpenses': 1850,
      },
      {
        details: {
          payroll: [
            { date: '2025-09-22', amount: 900, accountMask: '7788' },
            { date: '2025-08-01', amount: 2400, accountMask: '7788' },
            { date: '2025-11-12', amount: 1650.5, accountMask: '7788' },
          ],
        },
        window: 'D180',
      },
    ),
    customer: { ageYears: 29, annualIncomeEstimate: 28_000, heldSubtypes: ['checking'] },
  },
  subscription_heavy: {
    snapshot: snapshotWith(
      {
        'subscriptions.recurringMerchantCount': 5,
        'subscriptions.monthlyRecurringSpend': 88.45,
        'subscriptions.subscriptionSharePct': 12.4,
      },
      {
        details: {
          recurringMerchants: [
            ['Netflix', 15.49],
            ['Spotify', 11.99],
            ['Hulu', 17.99],
            ['FitLife Gym', 40],
            ['iCloud', 2.99],
          ].map(([merchant, amount]) => ({
            merchant: merchant as string,
            cadence: 'monthly' as const,
            chargeCount: 3,
            averageAmount: amount as number,
            monthlyEquivalent: amount as number,
            lastChargeDate: '2025-11-01',
          })),
        },
      },
    ),
    customer: {
      ageYears: 41,
      annualIncomeEstimate: 65_000,
      heldSubtypes: ['checking', 'savings', 'credit card'],
    },
  },
  savings_builder: {
    snapshot: snapshotWith({
      'savings.growthRatePct': 3.2,
      'savings.netInflowMonthly': 250,
      'savings.emergencyFundMonths': 2.5,
      'savings.balance': 4625,
      'history.averageMonthlyExpenses': 1850,
      'credit.maxUtilizationPct': 12,
    }),
    customer: {
      ageYears: 31,
      annualIncomeEstimate: 52_000,
      heldSubtypes: ['checking', 'savings', 'credit card'],
    },
  },
  cash_flow_optimizer: {
    snapshot: snapshotWith({
      'savings.emergencyFundMonths': 8.5,
      'savings.balance': 15_725,
      'history.averageMonthlyExpenses': 1850,
      'credit.maxUtilizationPct': 4,
    }),
    customer: {
      ageYears: 45,
      annualIncomeEstimate: 95_000,
      heldSubtypes: ['checking', 'savings', 'credit card'],
    },
  },
  young_professional: {
    snapshot: snapshotWith(
      { 'history.transactionHistoryDays': 120, 'credit.totalCreditLimit': 1500, 'credit.cardCount': 1 },
      { details: { cards: [card({ mask: '3141', balance: 300, limit: 1500 })] } },
    ),
    customer: { ageYears: 23, annualIncomeEstimate: 42_000, heldSubtypes: ['checking', 'credit card'] },
  },
  unclassified: {
    snapshot: snapshotWith(),
    customer: { ageYears: 38, annualIncomeEstimate: 48_000, heldSubtypes: ['checking', 'savings'] },
  },
};
