/**
 * Customer archetypes: each is built so that its signals clearly meet the criteria of one persona
 * of DESIGN.md and of no persona with a higher priority. Lower-priority personas may qualify as
 * well (a subscription-heavy customer who also saves, a saver with a large cushion), so the
 * prioritizer has real choices to make.
 */

import { PERSONA_IDS, type PersonaId } from '../../domain/personas/index.js';
import { EVERYDAY_SUBSCRIPTIONS, SUBSCRIPTION_PLANS, type SubscriptionPlan } from './merchants.js';
import type { SeededRandom } from './random.js';

/** In the persona registry's priority order, then `unclassified`; the round-robin below breaks ties by it. */
export const ARCHETYPES = PERSONA_IDS;

/** The persona a synthetic customer is designed to receive (`unclassified`: none). */
export type Archetype = PersonaId;

/** How many of every 100 consecutive customers get each archetype. */
export const ARCHETYPE_WEIGHTS: Readonly<Record<Archetype, number>> = {
  high_utilization: 20,
  variable_income_budgeter: 14,
  subscription_heavy: 14,
  savings_builder: 14,
  cash_flow_optimizer: 14,
  young_professional: 14,
  unclassified: 10,
};

/**
 * Smooth weighted round-robin over one cycle of 100: the exact weights hold for every block of
 * 100 customers, and already the first seven customers cover all seven archetypes.
 */
const ARCHETYPE_CYCLE: readonly Archetype[] = (() => {
  const total = ARCHETYPES.reduce((sum, archetype) => sum + ARCHETYPE_WEIGHTS[archetype], 0);
  const credit = new Map<Archetype, number>(ARCHETYPES.map((archetype) => [archetype, 0]));
  const cycle: Archetype[] = [];
  for (let slot = 0; slot < total; slot++) {
    let best: Archetype = ARCHETYPES[0];
    for (const archetype of ARCHETYPES) {
      const next = (credit.get(archetype) ?? 0) + ARCHETYPE_WEIGHTS[archetype];
      credit.set(archetype, next);
    }
    for (const archetype of ARCHETYPES) {
      if ((credit.get(archetype) ?? 0) > (credit.get(best) ?? 0)) best = archetype;
    }
    credit.set(best, (credit.get(best) ?? 0) - total);
    cycle.push(best);
  }
  return cycle;
})();

/**
 * The archetype of the customer at 1-based `index`. It depends on the index only, never on the
 * seed, so every seed keeps the guaranteed mix.
 */
export function archetypeOf(index: number): Archetype {
  assertCustomerIndex(index);
  return ARCHETYPE_CYCLE[(index - 1) % ARCHETYPE_CYCLE.length] as Archetype;
}

export function assertCustomerIndex(index: number): void {
  if (!Number.isSafeInteger(index) || index < 1) {
    throw new RangeError(`customer index must be a positive integer, got ${index}`);
  }
}

export type PaySchedule = 'biweekly' | 'semi_monthly' | 'monthly' | 'irregular';
export type SavingsSubtype = 'savings' | 'money market' | 'hsa';

export interface CardPlan {
  /** A revolver pays only the minimum and pays interest; a transactor pays each statement in full. */
  behaviour: 'revolver' | 'transactor';
  /** Utilization on `asOf` (approximately: a fixed-limit card may end a little below it). */
  targetUtilization: number;
  /** The last payment due before `asOf` was missed. */
  overdue: boolean;
  /** Relative share of card purchases this card receives. */
  weight: number;
  /**
   * A fixed limit: purchases beyond `targetUtilization` of it are declined (paid by debit instead).
   * `null`: the limit is derived after the simulation from the balance and `targetUtilization`.
   */
  limitCents: number | null;
}

/** The concrete, randomized plan of one customer's finances. Money in cents. */
export interface CustomerProfile {
  archetype: Archetype;
  /** Days from the first transaction to `asOf`. */
  historyDays: number;
  age: number;
  monthlyIncomeCents: number;
  paySchedule: PaySchedule;
  /** Bills and everyday spending as a share of income; savings transfers come on top. */
  spendRate: number;
  subscriptions: SubscriptionPlan[];
  /** Moved from checking to savings every 14 days (0: none). */
  savingsTransferCents: number;
  savingsAccounts: SavingsSubtype[];
  /** Savings balance on `asOf`, in months of spending. */
  savingsMonths: number;
  /** Checking balance on `asOf`, in months of spending. */
  checkingMonths: number;
  cards: CardPlan[];
  /** Share of restaurant, gas and shopping purchases made by card (the rest by debit). */
  cardShare: number;
  housing: 'rent' | 'mortgage';
  loans: Array<'student' | 'auto'>;
}

const dollars = (rng: SeededRandom, min: number, max: number): number => rng.int(min, max) * 100;

function steadySchedule(rng: SeededRandom): PaySchedule {
  const roll = rng.next();
  if (roll < 0.5) return 'biweekly';
  if (roll < 0.8) return 'semi_monthly';
  return 'monthly';
}

function adultAge(rng: SeededRandom): number {
  // Some customers are 18–25 in every archetype, as the product targets young adults too.
  return rng.chance(0.15) ? rng.int(18, 25) : rng.int(26, 68);
}

/** `count` cheap everyday subscriptions (never enough to look subscription-heavy on their own). */
function everydaySubscriptions(rng: SeededRandom, count: number): SubscriptionPlan[] {
  return rng.sample(EVERYDAY_SUBSCRIPTIONS, count);
}

/** Three to six subscriptions worth at least $50 a month. */
function heavySubscriptions(rng: SeededRandom): SubscriptionPlan[] {
  const plans = rng.sample(SUBSCRIPTION_PLANS, rng.int(3, 6));
  const monthly = plans.reduce((sum, plan) => sum + monthlyCents(plan), 0);
  if (monthly < 5_000) {
    const gym = SUBSCRIPTION_PLANS.find((plan) => plan.merchant === 'Anytime Fitness');
    if (gym && !plans.includes(gym)) plans.push(gym);
  }
  return plans;
}

export function monthlyCents(plan: SubscriptionPlan): number {
  return plan.cadence === 'weekly' ? Math.round((plan.priceCents * 52) / 12) : plan.priceCents;
}

function transactor(targetUtilization: number, weight = 1): CardPlan {
  return { behaviour: 'transactor', targetUtilization, overdue: false, weight, limitCents: null };
}

function revolver(rng: SeededRandom, targetUtilization: number, overdue: boolean, weight: number): CardPlan {
  return { behaviour: 'revolver', targetUtilization, overdue, weight, limitCents: rng.int(15, 120) * 10_000 };
}

/** Draws the plan of one customer of the given archetype. */
export function planCustomer(archetype: Archetype, rng: SeededRandom, historyDays: number): CustomerProfile {
  const base = {
    archetype,
    historyDays,
    age: adultAge(rng),
    savingsTransferCents: 0,
    housing: 'rent' as const,
  };
  switch (archetype) {
    case 'high_utilization': {
      const cards = [revolver(rng, rng.float(0.6, 0.9), rng.chance(0.3), 3)];
      if (rng.chance(0.4)) cards.push(revolver(rng, rng.float(0.35, 0.75), false, 1));
      return {
        ...base,
        monthlyIncomeCents: dollars(rng, 2_800, 6_000),
        paySchedule: steadySchedule(rng),
        spendRate: rng.float(0.97, 1.02),
        subscriptions: rng.chance(0.35) ? heavySubscriptions(rng) : everydaySubscriptions(rng, rng.int(1, 2)),
        savingsAccounts: rng.chance(0.5) ? ['savings'] : [],
        savingsMonths: rng.float(0.05, 0.5),
        checkingMonths: rng.float(0.2, 1),
        cards,
        cardShare: 0.75,
        loans: [
          ...(rng.chance(0.4) ? (['student'] as const) : []),
          ...(rng.chance(0.3) ? (['auto'] as const) : []),
        ],
      };
    }
    case 'variable_income_budgeter':
      return {
        ...base,
        monthlyIncomeCents: dollars(rng, 2_500, 5_000),
        paySchedule: 'irregular',
        spendRate: rng.float(1.02, 1.08),
        subscriptions: rng.chance(0.3) ? heavySubscriptions(rng) : everydaySubscriptions(rng, rng.int(1, 2)),
        savingsAccounts: rng.chance(0.5) ? ['savings'] : [],
        savingsMonths: rng.float(0, 0.1),
        checkingMonths: rng.float(0.1, 0.45),
        cards: [transactor(rng.float(0.1, 0.35))],
        cardShare: 0.5,
        loans: rng.chance(0.3) ? ['auto'] : [],
      };
    case 'subscription_heavy': {
      const saves = rng.chance(0.4);
      return {
        ...base,
        monthlyIncomeCents: dollars(rng, 3_500, 7_000),
        paySchedule: steadySchedule(rng),
        spendRate: rng.float(0.86, 0.95),
        subscriptions: heavySubscriptions(rng),
        savingsTransferCents: saves ? dollars(rng, 125, 300) : 0,
        savingsAccounts: ['savings'],
        savingsMonths: rng.float(1, 4),
        checkingMonths: rng.float(0.8, 2.5),
        cards: rng.chance(0.5)
          ? [transactor(rng.float(0.08, 0.27))]
          : [transactor(rng.float(0.08, 0.27), 3), transactor(rng.float(0.05, 0.2))],
        cardShare: 0.65,
        loans: [
          ...(rng.chance(0.3) ? (['student'] as const) : []),
          ...(rng.chance(0.3) ? (['auto'] as const) : []),
        ],
      };
    }
    case 'savings_builder':
      return {
        ...base,
        monthlyIncomeCents: dollars(rng, 4_000, 8_000),
        paySchedule: steadySchedule(rng),
        spendRate: rng.float(0.72, 0.85),
        subscriptions: everydaySubscriptions(rng, rng.int(0, 2)),
        savingsTransferCents: dollars(rng, 150, 450),
        savingsAccounts: [
          'savings',
          ...(rng.chance(0.3) ? (['money market'] as const) : []),
          ...(rng.chance(0.3) ? (['hsa'] as const) : []),
        ],
        savingsMonths: rng.float(1, 8),
        checkingMonths: rng.float(0.8, 2.5),
        cards: rng.chance(0.5)
          ? [transactor(rng.float(0.03, 0.25))]
          : [transactor(rng.float(0.03, 0.25), 3), transactor(rng.float(0.03, 0.2))],
        cardShare: 0.6,
        loans: [
          ...(rng.chance(0.4) ? (['student'] as const) : []),
          ...(rng.chance(0.25) ? (['auto'] as const) : []),
        ],
      };
    case 'cash_flow_optimizer':
      return {
        ...base,
        monthlyIncomeCents: dollars(rng, 6_000, 12_000),
        paySchedule: steadySchedule(rng),
        spendRate: rng.float(0.8, 0.9),
        subscriptions: everydaySubscriptions(rng, rng.int(0, 2)),
        savingsAccounts: [
          'savings',
          ...(rng.chance(0.7) ? (['money market'] as const) : []),
          ...(rng.chance(0.4) ? (['hsa'] as const) : []),
        ],
        savingsMonths: rng.float(12, 30),
        checkingMonths: rng.float(2, 6),
        cards: rng.chance(0.4)
          ? [transactor(rng.float(0.02, 0.07))]
          : [transactor(rng.float(0.02, 0.07), 2), transactor(rng.float(0.01, 0.05))],
        cardShare: 0.4,
        housing: rng.chance(0.5) ? 'mortgage' : 'rent',
        loans: rng.chance(0.2) ? ['auto'] : [],
        age: rng.int(30, 68),
      };
    case 'young_professional':
      return {
        ...base,
        historyDays: rng.int(75, 118),
        age: rng.int(21, 25),
        monthlyIncomeCents: dollars(rng, 2_800, 4_500),
        paySchedule: rng.chance(0.6) ? 'biweekly' : 'semi_monthly',
        spendRate: rng.float(0.88, 0.97),
        subscriptions: everydaySubscriptions(rng, rng.int(1, 2)),
        savingsAccounts: rng.chance(0.5) ? ['savings'] : [],
        savingsMonths: rng.float(0.05, 0.6),
        checkingMonths: rng.float(0.3, 1.5),
        // A first card with a small fixed limit keeps the total under $3,000.
        cards: [{ ...transactor(rng.float(0.15, 0.35)), limitCents: rng.int(10, 29) * 10_000 }],
        cardShare: 0.25,
        loans: rng.chance(0.6) ? ['student'] : [],
      };
    case 'unclassified':
      return {
        ...base,
        monthlyIncomeCents: dollars(rng, 3_500, 6_500),
        paySchedule: steadySchedule(rng),
        spendRate: rng.float(0.9, 0.97),
        subscriptions: everydaySubscriptions(rng, 2),
        savingsAccounts: ['savings'],
        savingsMonths: rng.float(1, 3),
        checkingMonths: rng.float(0.5, 2),
        cards: rng.chance(0.5)
          ? [transactor(rng.float(0.34, 0.45))]
          : [transactor(rng.float(0.34, 0.45), 4), transactor(rng.float(0.1, 0.25))],
        cardShare: 0.7,
        loans: rng.chance(0.3) ? ['auto'] : [],
      };
  }
}
