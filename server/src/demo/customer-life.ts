import { SIGNAL_WINDOWS } from '../domain/signals/types.js';
import { ASSIGN_CHUNK } from '../services/assign-all.js';
import { assignPersonasToMany } from '../services/assign-persona.js';
import { setConsent } from '../services/consent.js';
import type { Activity } from './agenda.js';
import { DAY, HOUR, isoDayOf, MINUTE, midnightOf, nextMonthStart } from './calendar.js';
import type { DemoCustomer } from './customers.js';
import { hashSeed, type SeededRandom } from './synthetic/random.js';
import { assessCustomer, type DemoWorld, later, randomFor, recommendFor } from './world.js';

/** Share of customers who never answer the consent request. */
const NEVER_CONSENT = 0.07;
/** Share of consenting customers who later withdraw, and of those who come back. */
const WITHDRAW = 0.12;
const COME_BACK = 0.35;

const WITHDRAWAL_REASONS = [
  'Customer withdrew consent in the app',
  'Customer no longer wants spending insights',
  'Customer is closing the linked bank account',
  'Privacy concern raised in the app feedback form',
];

/**
 * The monthly run assesses each consenting customer in {@link ASSESSED_MONTHS_PER_CYCLE} months out of every
 * {@link ASSESSMENT_CYCLE_MONTHS}, staggered so every month has its share. Assessments are most of the seeding
 * time: with 100 customers over 26 months, two of three gives ~19,000 entries and 29–35 s of seeding on the
 * quiet 2-core machine (server/src/demo/README.md, "The time budget").
 */
export const ASSESSMENT_CYCLE_MONTHS = 3;
export const ASSESSED_MONTHS_PER_CYCLE = 2;

/** A monthly run's step: the batch job works through its customers' recommendations a couple of seconds apart. */
const ENGINE_STEP_MS = 2_000;
const ENGINE_PAGE = 500;

/** How long after signing up a customer answers the consent request: most at once, some weeks later. */
function consentDelay(rng: SeededRandom): number {
  const roll = rng.next();
  if (roll < 0.65) return rng.int(10, 36 * 60) * MINUTE;
  if (roll < 0.9) return rng.int(2, 21) * DAY + rng.int(0, 23) * HOUR;
  return rng.int(30, 120) * DAY + rng.int(0, 23) * HOUR;
}

/** A moment in the customer's waking hours (07:00–22:59 UTC) `days` after today. */
function dayTime(now: number, days: number, rng: SeededRandom): number {
  return midnightOf(now) + days * DAY + rng.int(7 * 60, 22 * 60 + 59) * MINUTE;
}

/** The onboarding assessment the engine runs shortly after a customer opts in. */
async function* onboarding(world: DemoWorld, userId: string, rng: SeededRandom): Activity {
  yield later(world, rng, 20, 240);
  await assessCustomer(world, userId, isoDayOf(world.clock.millis - DAY));
}

/**
 * One customer's consent over time, through the consent service: most opt in soon after signing up (on
 * the web or in the app), a few never do, some withdraw later (now and then by calling the support desk,
 * where a reviewer records it), and some of those come back.
 */
export async function* customerLife(world: DemoWorld, customer: DemoCustomer): Activity {
  const rng = randomFor(world, 'customer', customer.index);
  if (rng.chance(NEVER_CONSENT)) return;
  yield customer.joinedAt + consentDelay(rng);
  await setConsent(world.ctx, {
    userId: customer.userId,
    status: 'OPTED_IN',
    channel: rng.chance(0.35) ? 'api' : 'web',
  });
  yield* onboarding(world, customer.userId, rng);

  if (!rng.chance(WITHDRAW)) return;
  yield dayTime(world.clock.millis, rng.int(14, 240), rng);
  const desk = world.staff.get(rng.chance(0.5) ? 'reviewer' : 'maria.reviewer');
  if (desk && rng.chance(0.3)) {
    await setConsent(
      world.ctx,
      {
        userId: customer.userId,
        status: 'OPTED_OUT',
        channel: 'operator_action',
        operatorId: desk.operator.id,
        reason: 'Customer asked the support line to stop processing their data',
      },
      desk.desk,
    );
  } else {
    await setConsent(world.ctx, {
      userId: customer.userId,
      status: 'OPTED_OUT',
      channel: 'web',
      reason: rng.pick(WITHDRAWAL_REASONS),
    });
  }

  if (!rng.chance(COME_BACK)) return;
  yield dayTime(world.clock.millis, rng.int(20, 120), rng);
  await setConsent(world.ctx, { userId: customer.userId, status: 'OPTED_IN', channel: 'web' });
  yield* onboarding(world, customer.userId, rng);
}

/**
 * The engine's monthly batch at 02:00 UTC on the 1st: personas and recommendations as of the last day of the
 * month before, for the consenting customers whose turn it is ({@link ASSESSED_MONTHS_PER_CYCLE} months of every
 * {@link ASSESSMENT_CYCLE_MONTHS}, staggered, so the charts show no steps); customers assessed in the past
 * week (just onboarded) are left out. Like the real batch run, it assigns personas a chunk of customers per
 * transaction (`assignPersonasToMany`), then generates each customer's recommendations a step apart.
 */
export async function* monthlyEngine(world: DemoWorld): Activity {
  const prisma = world.ctx.db.prisma;
  for (let month = nextMonthStart(world.start); month <= world.end; month = nextMonthStart(month)) {
    const runAt = month + 2 * HOUR;
    yield runAt;
    const referenceDate = isoDayOf(month - DAY);
    const cycle = new Date(month).getUTCFullYear() * 12 + new Date(month).getUTCMonth();
    let position = 0;
    let after: string | undefined;
    for (;;) {
      const page = await prisma.user.findMany({
        where: {
          consentStatus: 'OPTED_IN',
          ...(after === undefined ? {} : { id: { gt: after } }),
          assignments: { none: { assignedAt: { gte: new Date(runAt - 7 * DAY) } } },
        },
        select: { id: true },
        orderBy: { id: 'asc' },
        take: ENGINE_PAGE,
      });
      if (page.length === 0) break;
      after = page.at(-1)!.id;
      const due = page
        .map(({ id }) => id)
        .filter((id) => (hashSeed(id) + cycle) % ASSESSMENT_CYCLE_MONTHS < ASSESSED_MONTHS_PER_CYCLE);
      for (let i = 0; i < due.length; i += ASSIGN_CHUNK) {
        yield runAt + position * ENGINE_STEP_MS;
        const assigned = await assignPersonasToMany(world.ctx, {
          userIds: due.slice(i, i + ASSIGN_CHUNK),
          windows: SIGNAL_WINDOWS,
          referenceDate,
        });
        for (const userId of assigned) {
          yield runAt + position++ * ENGINE_STEP_MS;
          await recommendFor(world, userId);
        }
      }
    }
  }
}
