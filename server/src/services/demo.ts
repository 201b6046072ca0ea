import { progressBar } from '../cli/progress.js';
import type { ServerConfig } from '../config.js';
import type { CustomerLedger } from '../domain/ledger/types.js';
import type { OperatorRole } from '../domain/operators/index.js';
import { generateCustomers } from '../domain/synthetic/index.js';
import { assignAllCustomers } from './assign-all.js';
import { setConsent } from './consent.js';
import type { ServiceContext } from './context.js';
import { createOperator } from './operators.js';
import { flattenLedgers, storeLedgerBatch } from './store-ledger.js';

export interface DemoLogin {
  role: OperatorRole;
  username: string;
  password: string;
}

/** One demo operator per role. They exist only in the embedded demo database, never on a real server. */
export const DEMO_LOGINS: readonly DemoLogin[] = [
  { role: 'VIEWER', username: 'viewer', password: 'Glass-Harbor-2026!' },
  { role: 'REVIEWER', username: 'reviewer', password: 'Maple-Ledger-2026!' },
  { role: 'COMPLIANCE', username: 'compliance', password: 'Quiet-Audit-Trail-26' },
  { role: 'ADMIN', username: 'admin', password: 'Copper-Keystone-26!' },
];

export interface DemoOptions {
  customers: number;
  seed: number;
  /** The demo's "today": last day of generated history and reference date of the assignments. */
  asOf: string;
  log?: (message: string) => void;
  showProgress?: boolean;
}

/** Creates the demo operators and customers on an empty database; does nothing on one that has them. */
export async function seedDemo(ctx: ServiceContext, options: DemoOptions): Promise<DemoLogin[]> {
  const log = options.log ?? (() => {});
  const operators = await ctx.db.prisma.operator.count();
  if (operators === 0) {
    for (const login of DEMO_LOGINS) {
      await createOperator(ctx, {
        username: login.username,
        displayName: `Demo ${login.role.toLowerCase()}`,
        role: login.role,
        password: login.password,
        isDemo: true,
      });
    }
  }
  const customers = await ctx.db.prisma.user.count();
  if (customers === 0) {
    log(`Generating ${options.customers} synthetic customers (seed ${options.seed}, as of ${options.asOf})…`);
    const store = options.showProgress ? progressBar('Storing customers') : undefined;
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
        store?.onProgress(stored, options.customers);
        chunk = [];
      }
    }
    if (chunk.length > 0) await storeLedgerBatch(ctx, flattenLedgers(chunk));
    store?.onProgress(options.customers, options.customers);
    store?.stop();
    await recordDemoConsents(ctx, options.showProgress ?? false);
    const assign = options.showProgress ? progressBar('Assigning personas') : undefined;
    const result = await assignAllCustomers(ctx, {
      referenceDate: options.asOf,
      onProgress: assign?.onProgress,
    });
    assign?.stop();
    log(`Assigned ${result.assignments} personas to ${result.customers} customers.`);
  }
  const demo = await ctx.db.prisma.operator.findMany({ where: { isDemo: true }, select: { username: true } });
  const present = new Set(demo.map((o) => o.username));
  return DEMO_LOGINS.filter((l) => present.has(l.username));
}

export function ensureDemoData(
  ctx: ServiceContext,
  config: ServerConfig,
  log: (message: string) => void,
): Promise<DemoLogin[]> {
  return seedDemo(ctx, {
    customers: config.demoCustomers,
    seed: config.demoSeed,
    asOf: ctx.now().toISOString().slice(0, 10),
    log,
    showProgress: true,
  });
}

/**
 * Consent as customers gave it: most opt in within days of joining, a few never answer, and a few opt in
 * and later revoke. Recorded through the consent service, so each change is in the audit trail.
 */
async function recordDemoConsents(ctx: ServiceContext, showProgress: boolean): Promise<void> {
  const customers = await ctx.db.prisma.user.findMany({
    select: { id: true, createdAt: true },
    orderBy: { id: 'asc' },
  });
  const bar = showProgress ? progressBar('Recording consent') : undefined;
  let done = 0;
  for (const [index, customer] of customers.entries()) {
    const joined = customer.createdAt.getTime();
    if (index % 13 !== 12) {
      await setConsent(ctx, {
        userId: customer.id,
        status: 'OPTED_IN',
        channel: index % 3 === 0 ? 'api' : 'web',
        occurredAt: new Date(joined + (1 + (index % 9)) * 3_600_000),
      });
    }
    if (index % 17 === 16) {
      await setConsent(ctx, {
        userId: customer.id,
        status: 'OPTED_OUT',
        channel: 'web',
        reason: 'Customer withdrew consent in the app',
        occurredAt: new Date(joined + (5 + (index % 20)) * 86_400_000),
      });
    }
    bar?.onProgress(++done, customers.length);
  }
  bar?.stop();
}
