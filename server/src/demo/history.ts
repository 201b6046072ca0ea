import type { ServiceContext } from '../services/context.js';
import { Agenda, SimulatedClock } from './agenda.js';
import { addMonths, DAY } from './calendar.js';
import { customerLife, monthlyEngine } from './customer-life.js';
import { storeDemoCustomers } from './customers.js';
import { adminDesk, complianceDesk, reviewDesk, securityIncidents, viewerDesk } from './operator-desks.js';
import { loadDemoStaff } from './operators.js';
import type { DemoWorld, HistoryTally } from './world.js';

/**
 * The last days of the history, when the review team falls behind: about the last monthly run's worth,
 * so the console opens on a review queue with work in it.
 */
const BACKLOG_DAYS = 30;

export interface HistoryOptions {
  customers: number;
  seed: number;
  /** The demo's today (YYYY-MM-DD): last day of transactions. */
  asOf: string;
  months: number;
  /** The instant the history ends at (at most now). */
  end: number;
  progress: (label: string) => { onProgress: (done: number, total: number) => void; stop: () => void };
}

export interface HistoryResult extends HistoryTally {
  start: number;
  end: number;
  transactions: number;
  /** Wall-clock seconds spent storing the customers, and playing the history. */
  storingSeconds: number;
  playingSeconds: number;
}

/**
 * Plays `months` of history up to `end` through the real services, on a context whose clock is simulated:
 * customers join over the whole period and consent (or not), the engine assesses them on opt-in and
 * monthly, operators sign in, review, override and export on working days, and a few security incidents
 * happen. Everything lands in the audit trail in time order, so sequence order is time order.
 */
export async function seedHistory(realCtx: ServiceContext, options: HistoryOptions): Promise<HistoryResult> {
  const start = addMonths(options.end, -options.months);
  const clock = new SimulatedClock(start);
  const ctx: ServiceContext = { ...realCtx, now: () => clock.now() };
  const agenda = new Agenda(clock);
  const world: DemoWorld = {
    ctx,
    clock,
    agenda,
    seed: options.seed,
    customers: options.customers,
    start,
    end: options.end,
    backlogFrom: options.end - BACKLOG_DAYS * DAY,
    staff: await loadDemoStaff(ctx),
    escalated: [],
    tally: { assessments: 0, loginFailures: 0, lockedAttempts: 0 },
  };

  let started = performance.now();
  const storing = options.progress('Storing customers');
  const { transactions } = await storeDemoCustomers(ctx, {
    count: options.customers,
    seed: options.seed,
    asOf: options.asOf,
    joinFrom: start,
    joinUntil: Math.max(start, options.end - 2 * DAY),
    onCustomer: (customer) => agenda.schedule(customer.joinedAt, customerLife(world, customer)),
    onProgress: storing.onProgress,
  });
  storing.stop();
  const storingSeconds = (performance.now() - started) / 1000;
  started = performance.now();

  for (const activity of [
    monthlyEngine(world),
    reviewDesk(world),
    adminDesk(world),
    complianceDesk(world),
    viewerDesk(world),
    securityIncidents(world),
  ]) {
    agenda.schedule(start, activity);
  }
  const days = Math.max(1, Math.ceil((options.end - start) / DAY));
  const playing = options.progress(`Playing ${options.months} months`);
  let shownDay = -1;
  await agenda.run(options.end, (now) => {
    const day = Math.floor((now - start) / DAY);
    if (day !== shownDay) {
      shownDay = day;
      playing.onProgress(Math.min(day, days), days);
    }
  });
  playing.onProgress(days, days);
  playing.stop();
  const playingSeconds = (performance.now() - started) / 1000;
  return { ...world.tally, start, end: options.end, transactions, storingSeconds, playingSeconds };
}
