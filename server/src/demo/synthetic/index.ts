/**
 * Deterministic synthetic customers for demos, tests and benchmarks.
 *
 * - `generateCustomers({ asOf, count?, seed?, historyDays? })` streams `CustomerLedger`s, index 1..count.
 * - `generateCustomer(index, { asOf, seed?, historyDays? })` builds one customer alone, identical to
 *   the same index of the stream.
 * - `archetypeOf(index)` names the persona the customer was designed for (kept out of the ledger, so
 *   tests can compare it with what the persona engine decides).
 */

export {
  ARCHETYPE_WEIGHTS,
  ARCHETYPES,
  type Archetype,
  archetypeOf,
} from './archetypes.js';
export {
  generateCustomer,
  generateCustomers,
  MIN_HISTORY_DAYS,
  SYNTHETIC_DEFAULTS,
  type SyntheticBatchOptions,
  type SyntheticOptions,
} from './generator.js';
