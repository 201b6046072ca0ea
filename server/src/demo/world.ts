import { SIGNAL_WINDOWS } from '../domain/signals/types.js';
import { DomainError } from '../errors.js';
import { assignPersonas } from '../services/assign-persona.js';
import type { ServiceContext } from '../services/context.js';
import { login } from '../services/operators.js';
import { generateRecommendations } from '../services/recommendations.js';
import type { Activity, Agenda, SimulatedClock } from './agenda.js';
import { MINUTE } from './calendar.js';
import type { DemoStaff } from './operators.js';
import { hashSeed, SeededRandom } from './synthetic/random.js';

/** Counts of what the history did, beyond the audit entries themselves. */
export interface HistoryTally {
  assessments: number;
  loginFailures: number;
  /** Login attempts refused because the account was locked. */
  lockedAttempts: number;
}

/**
 * What every part of the demo history shares: the services' context (whose clock is simulated), the
 * agenda that orders everything in time, the seed, and the demo staff.
 */
export interface DemoWorld {
  /** The context the history calls services with: `now` is the simulated clock. */
  ctx: ServiceContext;
  clock: SimulatedClock;
  agenda: Agenda;
  seed: number;
  customers: number;
  /** First and last instant of the history. */
  start: number;
  end: number;
  /** From this instant on the review team falls behind: about half of the new held items wait in the queue. */
  backlogFrom: number;
  staff: Map<string, DemoStaff>;
  /** Recommendations a reviewer handed on to an administrator to override, oldest first, with the reason. */
  escalated: Array<{ recommendationId: string; justification: string }>;
  tally: HistoryTally;
}

/** A random stream of its own for each part of the history, so adding one part does not shift the others. */
export function randomFor(world: DemoWorld, ...key: Array<string | number>): SeededRandom {
  return new SeededRandom(hashSeed('demo-history', world.seed, ...key));
}

/** `now` plus a random pause, for activities that yield "a little later". */
export function later(world: DemoWorld, rng: SeededRandom, minMinutes: number, maxMinutes: number): number {
  return world.clock.millis + rng.int(minMinutes * 60, maxMinutes * 60) * 1000;
}

/** An expected outcome of a service call, told apart from a real failure by its code. */
export function isDomainError(error: unknown, ...codes: string[]): error is DomainError {
  return error instanceof DomainError && codes.includes(error.code);
}

/**
 * One assessment as the engine makes it: personas for both windows, then recommendations for the 30-day
 * window through the guardrails. A customer who withdrew consent since being scheduled is skipped, as
 * the real batch job does.
 */
export async function assessCustomer(world: DemoWorld, userId: string, referenceDate: string): Promise<void> {
  try {
    await assignPersonas(world.ctx, { userId, windows: SIGNAL_WINDOWS, referenceDate });
  } catch (error) {
    if (isDomainError(error, 'CONSENT_REQUIRED')) return;
    throw error;
  }
  await recommendFor(world, userId);
}

/**
 * The second half of an assessment: recommendations for the 30-day window from the persona just assigned,
 * counted as an assessment. Skipped when the customer withdrew consent in between.
 */
export async function recommendFor(world: DemoWorld, userId: string): Promise<void> {
  try {
    await generateRecommendations(world.ctx, { userId, window: 'D30' });
    world.tally.assessments++;
  } catch (error) {
    if (isDomainError(error, 'CONSENT_REQUIRED')) return;
    throw error;
  }
}

/** A slip of the fingers: the password with one character left out. */
export function mistyped(password: string, rng: SeededRandom): string {
  const at = rng.int(0, password.length - 1);
  return password.slice(0, at) + password.slice(at + 1);
}

/**
 * One login attempt through the login service; failures (wrong password, locked) are expected outcomes
 * and come back as `false`.
 */
export async function attemptLogin(
  world: DemoWorld,
  username: string,
  password: string,
  origin: DemoStaff['desk'],
): Promise<boolean> {
  try {
    await login(world.ctx, { username, password }, origin);
    return true;
  } catch (error) {
    if (!isDomainError(error, 'UNAUTHENTICATED', 'ACCOUNT_LOCKED')) throw error;
    world.tally.loginFailures++;
    if (error.code === 'ACCOUNT_LOCKED') world.tally.lockedAttempts++;
    return false;
  }
}

/** An operator starts their day: now and then a mistyped password first, then in. */
export async function* signIn(world: DemoWorld, staff: DemoStaff, rng: SeededRandom): Activity<boolean> {
  const { username } = staff.operator;
  if (rng.chance(0.05)) {
    await attemptLogin(world, username, mistyped(staff.password, rng), staff.desk);
    yield world.clock.millis + rng.int(8, 40) * 1000;
  }
  const signedIn = await attemptLogin(world, username, staff.password, staff.desk);
  yield world.clock.millis + rng.int(1, 3) * MINUTE;
  return signedIn;
}
