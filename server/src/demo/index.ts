/**
 * The embedded demo: demo operators, synthetic customers and, by default, 26 months of history played
 * through the real services (consent, persona engine, recommendations and guardrails, review queue,
 * persona overrides, logins, denials, exports), so every audit filter and chart has data on first start.
 *
 * - `seedDemo(ctx, options)` seeds an empty database and does nothing on one that has customers.
 * - `ensureDemoData(ctx, config, log)` is what the server runs at start-up.
 * - `DEMO_LOGINS` are the published demo operator credentials printed at start-up.
 */

import { progressBar } from '../cli/progress.js';
import type { ServerConfig } from '../config.js';
import type { ServiceContext } from '../services/context.js';
import { runRetention } from '../services/retention/archive.js';
import { dayStart, isoDayOf } from './calendar.js';
import { seedHistory } from './history.js';
import { createDemoOperators, DEMO_LOGINS, type DemoLogin } from './operators.js';
import { seedToday } from './today.js';

export { ASSESSED_MONTHS_PER_CYCLE, ASSESSMENT_CYCLE_MONTHS } from './customer-life.js';
export { DEMO_COLLEAGUES, DEMO_LOGINS, type DemoLogin } from './operators.js';

/** Default length of the seeded history (DEMO_HISTORY_MONTHS). */
export const DEFAULT_HISTORY_MONTHS = 26;

export interface DemoOptions {
  customers: number;
  seed: number;
  /** The demo's "today": last day of generated transactions; not after the context's today. */
  asOf: string;
  /** Months of history before today; 0 seeds only today's state (consents and one assignment each). */
  months: number;
  log?: (message: string) => void;
  /** Makes a progress display for a long step (the CLI and the server pass a terminal progress bar). */
  progress?: ProgressDisplay;
}

/** Starts a progress display labelled `label`; `onProgress(done, total)` as work advances, `stop()` at the end. */
export type ProgressDisplay = (label: string) => {
  onProgress: (done: number, total: number) => void;
  stop: () => void;
};

const silentProgress = () => ({ onProgress: () => {}, stop: () => {} });

/**
 * Creates the demo operators (when there are no operators at all) and the demo customers with their
 * history (when there are no customers), all audited entries through the services. Idempotent: a
 * database with customers is left as it is. Returns the demo logins that exist.
 */
export async function seedDemo(ctx: ServiceContext, options: DemoOptions): Promise<DemoLogin[]> {
  const log = options.log ?? (() => {});
  const progress = options.progress ?? silentProgress;
  const prisma = ctx.db.prisma;
  if ((await prisma.operator.count()) === 0) await createDemoOperators(ctx);
  if ((await prisma.user.count()) === 0) {
    const started = performance.now();
    if (!Number.isInteger(options.months) || options.months < 0) {
      throw new RangeError(`months must be a whole number, got ${options.months}`);
    }
    if (options.months === 0) {
      log(
        `Generating ${options.customers} synthetic customers (seed ${options.seed}, as of ${options.asOf})…`,
      );
      await seedToday(ctx, { ...options, progress });
    } else {
      const today = isoDayOf(ctx.now().getTime());
      if (options.asOf > today) {
        throw new RangeError(
          `asOf (${options.asOf}) is after today (${today}): history cannot be in the future`,
        );
      }
      // The history ends now on today, so entries written later never sort before it.
      const end = options.asOf === today ? ctx.now().getTime() : dayStart(options.asOf) + 86_399_999;
      log(
        `Seeding ${options.months} months of demo history for ${options.customers} customers (seed ${options.seed}, as of ${options.asOf})…`,
      );
      const result = await seedHistory(ctx, { ...options, end, progress });
      log(
        `Customers: ${options.customers} with ${result.transactions} transactions, stored in ${result.storingSeconds.toFixed(1)} s; ` +
          `history played in ${result.playingSeconds.toFixed(1)} s: ${result.assessments} assessments, ` +
          `${result.loginFailures} failed logins (${result.lockedAttempts} while locked).`,
      );
    }
    await logAuditSummary(ctx, log, options.months, (performance.now() - started) / 1000);
  }
  const demo = await prisma.operator.findMany({ where: { isDemo: true }, select: { username: true } });
  const present = new Set(demo.map((o) => o.username));
  return DEMO_LOGINS.filter((l) => present.has(l.username));
}

async function logAuditSummary(
  ctx: ServiceContext,
  log: (message: string) => void,
  months: number,
  seconds: number,
): Promise<void> {
  const counts = await ctx.db.prisma.auditEntry.groupBy({
    by: ['eventType'],
    _count: { _all: true },
    orderBy: { eventType: 'asc' },
  });
  const total = counts.reduce((sum, row) => sum + row._count._all, 0);
  log(
    `Audit entries: ${total} over ${months} month(s), seeded in ${seconds.toFixed(1)} s (${Math.round(total / Math.max(seconds, 0.001))} entries/s):`,
  );
  for (const row of counts) log(`  ${row.eventType.padEnd(26)} ${String(row._count._all).padStart(9)}`);
}

export async function ensureDemoData(
  ctx: ServiceContext,
  config: ServerConfig,
  log: (message: string) => void,
  progress?: ProgressDisplay,
): Promise<DemoLogin[]> {
  const firstStart = (await ctx.db.prisma.user.count()) === 0;
  const logins = await seedDemo(ctx, {
    customers: config.demoCustomers,
    seed: config.demoSeed,
    asOf: ctx.now().toISOString().slice(0, 10),
    months: config.demoHistoryMonths,
    log,
    progress,
  });
  if (firstStart && config.demoHistoryMonths > config.demoActiveMonths) {
    await archiveDemoHistory(ctx, config.demoActiveMonths, log);
  }
  return logins;
}

/**
 * Archives the demo history's oldest months with the demo's shorter active window (DEMO_ACTIVE_MONTHS), so
 * archived entries, their receipts and whole-history verification can be seen from the first minute.
 */
async function archiveDemoHistory(
  ctx: ServiceContext,
  activeMonths: number,
  log: (message: string) => void,
): Promise<void> {
  const started = performance.now();
  const progress = progressBar('Archiving the oldest months');
  const report = await runRetention(
    { ...ctx, retention: { ...ctx.retention, activeMonths } },
    { dryRun: false, onProgress: progress.onProgress },
  ).finally(() => progress.stop());
  const entries = report.archived.reduce((sum, month) => sum + month.rowCount, 0);
  const bytes = report.archived.reduce((sum, month) => sum + (month.fileBytes ?? 0), 0);
  const months = report.archived.map((month) => month.month);
  log(
    `Archived ${entries} audit entries of ${months.length} months (${months[0] ?? '-'} to ${months.at(-1) ?? '-'}) to ` +
      `${ctx.retention.archiveDir} (${(bytes / 1024).toFixed(0)} KiB of Parquet) in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
      `search them with auditLog(filter: { includeArchived: true }).`,
  );
}
