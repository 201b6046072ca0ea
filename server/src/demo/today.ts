import type { CustomerLedger } from '../domain/ledger/types.js';
import { assignAllCustomers } from '../services/assign-all.js';
import { type SetConsentInput, setConsent } from '../services/consent.js';
import type { ServiceContext } from '../services/context.js';
import { flattenLedgers, storeLedgerBatch } from '../services/store-ledger.js';
import { generateCustomers } from './synthetic/index.js';

export interface TodayOptions {
  customers: number;
  seed: number;
  asOf: string;
  progress: (label: string) => { onProgress: (done: number, total: number) => void; stop: () => void };
}

/**
 * The demo without history (DEMO_HISTORY_MONTHS=0): customers who joined in the last two months, their
 * consent, and one persona assignment each as of today.
 */
export async function seedToday(ctx: ServiceContext, options: TodayOptions): Promise<void> {
  const store = options.progress('Storing customers');
  let chunk: CustomerLedger[] = [];
  let stored = 0;
  for (const ledger of generateCustomers({
    count: options.customers,
    seed: options.seed,
    asOf: options.asOf,
  })) {
    chunk.push(ledger);
    if (chunk.length === 100) {
      await storeLedgerBatch(ctx, flattenLedgers(chunk));
      stored += chunk.length;
      store.onProgress(stored, options.customers);
      chunk = [];
    }
  }
  if (chunk.length > 0) await storeLedgerBatch(ctx, flattenLedgers(chunk));
  store.onProgress(options.customers, options.customers);
  store.stop();
  await recordConsents(ctx, options.progress('Recording consent'));
  const assign = options.progress('Assigning personas');
  await assignAllCustomers(ctx, { referenceDate: options.asOf, onProgress: assign.onProgress });
  assign.stop();
}

/**
 * Consent as customers gave it: most opt in within hours of joining, a few never answer, and a few opt in
 * and later revoke. Recorded through the consent service in the order it happened (and not after now), so
 * the audit trail's sequence order stays its time order.
 */
async function recordConsents(
  ctx: ServiceContext,
  bar: { onProgress: (done: number, total: number) => void; stop: () => void },
): Promise<void> {
  const customers = await ctx.db.prisma.user.findMany({
    select: { id: true, createdAt: true },
    orderBy: { id: 'asc' },
  });
  const changes: Array<SetConsentInput & { occurredAt: Date }> = [];
  for (const [index, customer] of customers.entries()) {
    const joined = customer.createdAt.getTime();
    if (index % 13 !== 12) {
      changes.push({
        userId: customer.id,
        status: 'OPTED_IN',
        channel: index % 3 === 0 ? 'api' : 'web',
        occurredAt: new Date(joined + (1 + (index % 9)) * 3_600_000),
      });
    }
    if (index % 17 === 16) {
      changes.push({
        userId: customer.id,
        status: 'OPTED_OUT',
        channel: 'web',
        reason: 'Customer withdrew consent in the app',
        occurredAt: new Date(joined + (5 + (index % 20)) * 86_400_000),
      });
    }
  }
  const now = ctx.now().getTime();
  const due = changes
    .filter((change) => change.occurredAt.getTime() <= now)
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  let done = 0;
  for (const change of due) {
    await setConsent(ctx, change);
    bar.onProgress(++done, due.length);
  }
  bar.stop();
}
