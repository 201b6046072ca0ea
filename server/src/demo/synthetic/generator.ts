/**
 * Deterministic synthetic customers: Plaid-style users, accounts, transactions and liabilities whose
 * signals clearly match one persona each (see archetypes.ts). Output depends only on
 * (seed, asOf, historyDays, index): ids are derived from the index, and every customer has its own
 * random stream, so customer 7 is the same whether 10 or 10,000 customers are generated.
 */

import { base, en, Faker } from '@faker-js/faker';
import type { CustomerLedger } from '../../domain/ledger/types.js';
import { archetypeOf, assertCustomerIndex, planCustomer } from './archetypes.js';
import { parseIsoDay } from './calendar.js';
import { CustomerBuilder } from './customer-builder.js';
import { hashSeed, SeededRandom } from './random.js';

export interface SyntheticOptions {
  /** The last day of history (`YYYY-MM-DD`); no transaction is dated after it. */
  asOf: string;
  seed?: number;
  /** Days of history before `asOf` for all but young professionals (at least 200). */
  historyDays?: number;
}

export interface SyntheticBatchOptions extends SyntheticOptions {
  count?: number;
}

export const SYNTHETIC_DEFAULTS = { count: 100, seed: 42, historyDays: 210 } as const;
export const MIN_HISTORY_DAYS = 200;
const MAX_HISTORY_DAYS = 3_650;

interface ResolvedOptions {
  seed: number;
  asOf: string;
  asOfDay: number;
  historyDays: number;
}

function resolveOptions(options: SyntheticOptions): ResolvedOptions {
  const asOfDay = parseIsoDay(options.asOf);
  if (asOfDay === null) {
    throw new RangeError(`asOf must be a YYYY-MM-DD date, got ${JSON.stringify(options.asOf)}`);
  }
  const seed = options.seed ?? SYNTHETIC_DEFAULTS.seed;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const historyDays = options.historyDays ?? SYNTHETIC_DEFAULTS.historyDays;
  if (!Number.isInteger(historyDays) || historyDays < MIN_HISTORY_DAYS || historyDays > MAX_HISTORY_DAYS) {
    throw new RangeError(
      `historyDays must be an integer from ${MIN_HISTORY_DAYS} to ${MAX_HISTORY_DAYS}, got ${historyDays}`,
    );
  }
  return { seed, asOf: options.asOf, asOfDay, historyDays };
}

/**
 * Streams `count` customers (index 1..count). A generator, so 10,000+ customers never sit in
 * memory together.
 */
export function* generateCustomers(options: SyntheticBatchOptions): Generator<CustomerLedger> {
  const count = options.count ?? SYNTHETIC_DEFAULTS.count;
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`count must be a whole number, got ${count}`);
  }
  const resolved = resolveOptions(options);
  for (let index = 1; index <= count; index++) yield buildCustomer(index, resolved);
}

/** The customer at 1-based `index` (`usr_000001` is index 1). */
export function generateCustomer(index: number, options: SyntheticOptions): CustomerLedger {
  assertCustomerIndex(index);
  return buildCustomer(index, resolveOptions(options));
}

// One instance, reseeded per customer: constructing Faker per customer would dominate the run time.
let sharedFaker: Faker | undefined;
function seededFaker(seed: number): Faker {
  sharedFaker ??= new Faker({ locale: [en, base] });
  sharedFaker.seed(seed);
  return sharedFaker;
}

function buildCustomer(index: number, options: ResolvedOptions): CustomerLedger {
  const rng = new SeededRandom(hashSeed('customer', options.seed, options.asOf, index));
  const profile = planCustomer(archetypeOf(index), rng, options.historyDays);
  const faker = seededFaker(rng.int(0, 0x7fffffff));
  return new CustomerBuilder(profile, {
    index,
    asOf: options.asOf,
    asOfDay: options.asOfDay,
    rng,
    faker,
  }).build();
}
