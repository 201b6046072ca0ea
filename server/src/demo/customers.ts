import type { CustomerLedger } from '../domain/ledger/types.js';
import type { ServiceContext } from '../services/context.js';
import { flattenLedgers, storeLedgerBatch } from '../services/store-ledger.js';
import { DAY, dayStart, HOUR } from './calendar.js';
import { generateCustomer, MIN_HISTORY_DAYS } from './synthetic/index.js';
import { hashSeed, SeededRandom } from './synthetic/random.js';

/** A stored demo customer and the moment they signed up. */
export interface DemoCustomer {
  index: number;
  userId: string;
  joinedAt: number;
}

export interface StoreDemoCustomersOptions {
  count: number;
  seed: number;
  /** Last day of the generated transactions (YYYY-MM-DD). */
  asOf: string;
  /** Sign-ups are spread evenly from `joinFrom` to `joinUntil` (epoch ms). */
  joinFrom: number;
  joinUntil: number;
  onCustomer: (customer: DemoCustomer) => void;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

/** Customers per storage transaction: one chunk's ledgers are all that is ever held in memory. */
const STORE_CHUNK = 20;

/** A linked bank account brings at least this much history, so the first 180-day window is full. */
const HISTORY_BEFORE_JOINING_DAYS = MIN_HISTORY_DAYS;

/**
 * Generates and stores the demo customers, streaming: each customer's transactions reach from a little
 * before they joined (the history their bank shares when the account is linked) to `asOf`, so the persona
 * engine finds data at every point of the history without storing years nobody looks at.
 *
 * Customers whose designed history is short (young professionals) join only once they have a month of it.
 */
export async function storeDemoCustomers(
  ctx: ServiceContext,
  options: StoreDemoCustomersOptions,
): Promise<{ transactions: number }> {
  const asOfDay = dayStart(options.asOf);
  const span = Math.max(0, options.joinUntil - options.joinFrom);
  let chunk: CustomerLedger[] = [];
  let transactions = 0;
  let stored = 0;
  const flush = async () => {
    if (chunk.length === 0) return;
    await storeLedgerBatch(ctx, flattenLedgers(chunk));
    stored += chunk.length;
    options.onProgress?.(stored, options.count);
    chunk = [];
  };
  options.onProgress?.(0, options.count);
  for (let index = 1; index <= options.count; index++) {
    const rng = new SeededRandom(hashSeed('demo-join', options.seed, index));
    const planned = options.joinFrom + Math.floor(((index - 1 + rng.next()) / options.count) * span);
    const daysBeforeAsOf = Math.max(0, Math.ceil((asOfDay - planned) / DAY));
    const historyDays = Math.min(3_650, daysBeforeAsOf + HISTORY_BEFORE_JOINING_DAYS);
    const ledger = generateCustomer(index, { asOf: options.asOf, seed: options.seed, historyDays });
    const firstDay = ledger.transactions.reduce<string | null>(
      (first, t) => (first === null || t.date < first ? t.date : first),
      null,
    );
    const earliestJoin = firstDay === null ? planned : dayStart(firstDay) + 30 * DAY + rng.int(8, 20) * HOUR;
    const joinedAt = Math.min(Math.max(planned, earliestJoin), options.joinUntil);
    ledger.user.createdAt = new Date(joinedAt).toISOString();
    options.onCustomer({ index, userId: ledger.user.id, joinedAt });
    transactions += ledger.transactions.length;
    chunk.push(ledger);
    if (chunk.length === STORE_CHUNK) await flush();
  }
  await flush();
  return { transactions };
}
