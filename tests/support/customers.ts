import type { CustomerLedger } from '@spendsense/server/domain/ledger/types';
import { setConsent } from '@spendsense/server/services/consent';
import type { ServiceContext } from '@spendsense/server/services/context';
import { flattenLedgers, storeLedgerBatch } from '@spendsense/server/services/store-ledger';
import { daysBefore, everyNDays, ledgerBuilder } from '@spendsense/server/test-support/ledger-builder';

/** The reference date the crafted customers below are built around. */
export const REFERENCE_DATE = '2025-06-30';

/** Prefixes account and transaction ids with the customer id, so crafted ledgers can share a database. */
export function namespaced(ledger: CustomerLedger): CustomerLedger {
  const id = (raw: string) => `${ledger.user.id}-${raw}`;
  return {
    user: ledger.user,
    accounts: ledger.accounts.map((a) => ({ ...a, id: id(a.id) })),
    transactions: ledger.transactions.map((t) => ({ ...t, id: id(t.id), accountId: id(t.accountId) })),
    liabilities: ledger.liabilities.map((l) => ({ ...l, accountId: id(l.accountId) })),
  };
}

/** Stores crafted customers through the real ingestion service and, unless told otherwise, opts them in. */
export async function storeCustomers(
  services: ServiceContext,
  ledgers: CustomerLedger[],
  options: { consent?: boolean } = {},
): Promise<void> {
  await storeLedgerBatch(services, flattenLedgers(ledgers.map(namespaced)));
  if (options.consent ?? true) {
    for (const ledger of ledgers) {
      await setConsent(services, { userId: ledger.user.id, status: 'OPTED_IN', channel: 'web' });
    }
  }
}

/**
 * A customer who qualifies as High Utilization (a card at 62.5 %, interest charged) and also as
 * Subscription-Heavy (three monthly subscriptions), with steady biweekly pay.
 */
export function highUtilizationCustomer(userId = 'usr_high'): CustomerLedger {
  const start = daysBefore(REFERENCE_DATE, 200);
  return ledgerBuilder(userId)
    .checking({ balance: 3_200, mask: '0042' })
    .creditCard({ id: 'card', balance: 2_500, limit: 4_000, minimumPayment: 75, apr: 24.99, mask: '4523' })
    .payroll('checking', everyNDays(start, 14, 15), 2_100)
    .charges('card', 'Netflix', everyNDays(daysBefore(REFERENCE_DATE, 88), 30, 3), 15.99)
    .charges('card', 'Spotify', everyNDays(daysBefore(REFERENCE_DATE, 85), 30, 3), 11.99)
    .charges('card', 'Iron Gym', everyNDays(daysBefore(REFERENCE_DATE, 80), 30, 3), 45)
    .interestCharge('card', daysBefore(REFERENCE_DATE, 20), 48.12)
    .spend('checking', daysBefore(REFERENCE_DATE, 10), 320, 'Grocer')
    .build();
}

/** A customer whom no persona fits: modest card use, no interest, steady pay, flat savings. */
export function unclassifiedCustomer(userId = 'usr_plain'): CustomerLedger {
  const start = daysBefore(REFERENCE_DATE, 200);
  return ledgerBuilder(userId)
    .checking({ balance: 2_000, mask: '0077' })
    .savings({ balance: 1_500, mask: '0078' })
    .creditCard({ id: 'card', balance: 1_400, limit: 4_000, minimumPayment: 35, mask: '9911' })
    .payroll('checking', everyNDays(start, 14, 15), 1_900)
    .spend('checking', daysBefore(REFERENCE_DATE, 25), 1_450, 'Landlord')
    .spend('checking', daysBefore(REFERENCE_DATE, 12), 300, 'Grocer')
    .cardPayment('card', daysBefore(REFERENCE_DATE, 15), 400, 'checking')
    .build();
}
