import type { AuditEventType, AuditExportFormat, AuditFilter } from '../domain/audit/index.js';
import { exportAuditLog } from '../services/audit/export.js';
import { recordUnauthorizedAccess } from '../services/audit/record-denial.js';
import { findCurrentAssignment } from '../services/current-persona.js';
import { overridePersona } from '../services/override-persona.js';
import { approveRecommendations, MAX_BATCH_REVIEW, reviewRecommendation } from '../services/review.js';
import type { Activity } from './agenda.js';
import { addMonths, DAY, HOUR, MINUTE, midnightOf, weekdayOf } from './calendar.js';
import {
  approvalNote,
  PERSONA_OVERRIDE_REASONS,
  reviewerChoice,
  SPOT_CHECK_FLAGS,
  USUAL_OVERRIDE,
} from './decisions.js';
import { type DemoStaff, fromHome, OUTSIDE_ORIGIN } from './operators.js';
import { hashSeed, type SeededRandom } from './synthetic/random.js';
import { attemptLogin, type DemoWorld, isDomainError, later, mistyped, randomFor, signIn } from './world.js';

const MONDAY = 1;
const TUESDAY = 2;
const WEDNESDAY = 3;
const THURSDAY = 4;
const FRIDAY = 5;

/** Items one review session reads at most: keeps memory bounded when seeding tens of thousands of customers. */
const MAX_SESSION_REVIEWS = 2_000;

/** Working days from the history's first Monday-to-Friday day on, at `weekdays`. */
function* workingDays(world: DemoWorld, weekdays: readonly number[]): Generator<number> {
  for (let day = midnightOf(world.start) + DAY; day < world.end; day += DAY) {
    if (weekdays.includes(weekdayOf(day))) yield day;
  }
}

function staffOf(world: DemoWorld, ...usernames: string[]): DemoStaff[] {
  return usernames.flatMap((username) => world.staff.get(username) ?? []);
}

/** The desk most days, the VPN from home now and then. */
function originOf(staff: DemoStaff, rng: SeededRandom) {
  return rng.chance(0.15) ? fromHome(staff.desk, rng.int(0, 29)) : staff.desk;
}

/** A denied request, as scope-auth records it for a signed-in operator without the capability. */
async function deniedRequest(
  world: DemoWorld,
  staff: DemoStaff | null,
  fieldPath: string,
  capability: string,
): Promise<void> {
  await recordUnauthorizedAccess(world.ctx, staff?.operator ?? null, staff?.desk ?? OUTSIDE_ORIGIN, {
    fieldPath,
    requiredScopes: [`capability:${capability}`],
  });
}

/**
 * Review sessions on Tuesdays and Thursdays, the two reviewers taking turns: items held back by the
 * guardrails for at least a day are approved (in one batch at the end), flagged, or handed to an
 * administrator; now and then a delivered item is spot-checked. Of the items held back since `backlogFrom`
 * (the last month) the team gets to about half, so the console opens on a queue with work in it.
 */
export async function* reviewDesk(world: DemoWorld): Activity {
  const reviewers = staffOf(world, 'reviewer', 'maria.reviewer');
  if (reviewers.length === 0) return;
  const rng = randomFor(world, 'review-desk');
  const prisma = world.ctx.db.prisma;
  let turn = 0;
  for (const day of workingDays(world, [TUESDAY, THURSDAY])) {
    const reviewer = reviewers[turn++ % reviewers.length]!;
    yield day + 8 * HOUR + rng.int(15, 75) * MINUTE;
    if (!(yield* signIn(world, reviewer, rng))) continue;
    const origin = originOf(reviewer, rng);
    if (rng.chance(0.05)) {
      // Opens the compliance dashboard, which is for compliance officers and admins only.
      await deniedRequest(world, reviewer, 'Query.complianceMetrics', 'readAudit');
      yield later(world, rng, 1, 3);
    }
    const capacity = Math.min(MAX_SESSION_REVIEWS, Math.max(30, world.customers));
    const waiting = await prisma.recommendation.findMany({
      where: {
        status: 'PENDING_REVIEW',
        createdAt: { lte: new Date(world.clock.millis - DAY) },
        id: { notIn: world.escalated.map((e) => e.recommendationId) },
      },
      orderBy: [{ createdAt: 'asc' }, { userId: 'asc' }, { catalogItemId: 'asc' }],
      select: {
        id: true,
        userId: true,
        catalogItemId: true,
        createdAt: true,
        stoppedAt: true,
        guardrailResults: true,
      },
      take: capacity,
    });
    const held = waiting.filter(
      (item) =>
        item.createdAt.getTime() < world.backlogFrom ||
        hashSeed(world.seed, item.userId, item.catalogItemId, item.createdAt.getTime()) % 2 === 0,
    );
    // A session lasts about three hours however long the queue, so sessions never overlap.
    const pauseCeiling = Math.max(1, Math.floor((180 * 60) / Math.max(1, held.length)));
    const approvals: string[] = [];
    for (const item of held) {
      const choice = reviewerChoice(item, rng);
      if (choice.kind === 'approve') {
        approvals.push(item.id);
        continue;
      }
      yield world.clock.millis + rng.int(Math.min(30, pauseCeiling), Math.min(240, pauseCeiling)) * 1000;
      if (choice.kind === 'flag') {
        await reviewRecommendation(
          world.ctx,
          reviewer.operator,
          { recommendationId: item.id, action: 'FLAG', justification: choice.justification },
          origin,
        );
        continue;
      }
      if (rng.chance(0.3)) {
        // Tries the override button first; only administrators may, and the refusal is logged.
        await reviewRecommendation(
          world.ctx,
          reviewer.operator,
          { recommendationId: item.id, action: 'OVERRIDE', justification: choice.justification },
          origin,
        ).catch((error: unknown) => {
          if (!isDomainError(error, 'FORBIDDEN')) throw error;
        });
      }
      world.escalated.push({ recommendationId: item.id, justification: choice.justification });
    }
    for (let i = 0; i < approvals.length; i += MAX_BATCH_REVIEW) {
      yield later(world, rng, 2, 6);
      await approveRecommendations(
        world.ctx,
        reviewer.operator,
        { recommendationIds: approvals.slice(i, i + MAX_BATCH_REVIEW), justification: approvalNote(rng) },
        origin,
      );
    }
    if (rng.chance(0.15)) {
      const [delivered] = await prisma.recommendation.findMany({
        where: { status: 'PASSED', createdAt: { gte: new Date(world.clock.millis - 7 * DAY) } },
        orderBy: [{ createdAt: 'desc' }, { userId: 'asc' }, { catalogItemId: 'asc' }],
        select: { id: true },
        skip: rng.int(0, 9),
        take: 1,
      });
      if (delivered) {
        yield later(world, rng, 3, 10);
        await reviewRecommendation(
          world.ctx,
          reviewer.operator,
          { recommendationId: delivered.id, action: 'FLAG', justification: rng.pick(SPOT_CHECK_FLAGS) },
          origin,
        );
      }
    }
  }
}

/**
 * The administrator's Friday afternoon: overrides the items reviewers escalated (with their reason), and
 * now and then puts a customer under a different persona after talking to them.
 */
export async function* adminDesk(world: DemoWorld): Activity {
  const [admin] = staffOf(world, 'admin');
  if (!admin) return;
  const rng = randomFor(world, 'admin-desk');
  for (const day of workingDays(world, [FRIDAY])) {
    yield day + 13 * HOUR + rng.int(0, 120) * MINUTE;
    if (!(yield* signIn(world, admin, rng))) continue;
    const origin = originOf(admin, rng);
    for (const { recommendationId, justification } of world.escalated.splice(0)) {
      yield later(world, rng, 2, 8);
      await reviewRecommendation(
        world.ctx,
        admin.operator,
        { recommendationId, action: 'OVERRIDE', justification },
        origin,
      );
    }
    const overrides = rng.chance(0.25) ? (rng.chance(0.2) ? 2 : 1) : 0;
    for (let i = 0; i < overrides; i++) {
      yield later(world, rng, 5, 20);
      await overrideSomePersona(world, admin, rng, origin);
    }
  }
}

async function overrideSomePersona(
  world: DemoWorld,
  admin: DemoStaff,
  rng: SeededRandom,
  origin: DemoStaff['desk'],
): Promise<void> {
  const prisma = world.ctx.db.prisma;
  const window = rng.chance(0.75) ? ('D30' as const) : ('D180' as const);
  const where = { consentStatus: 'OPTED_IN' as const, assignments: { some: { window } } };
  const candidates = await prisma.user.count({ where });
  if (candidates === 0) return;
  const [customer] = await prisma.user.findMany({
    where,
    orderBy: { id: 'asc' },
    skip: rng.int(0, candidates - 1),
    take: 1,
    select: { id: true },
  });
  const current = await findCurrentAssignment(prisma, customer!.id, window);
  if (!current || current.source === 'OVERRIDE') return;
  const alsoQualifying = current.qualifyingPersonas.filter(
    (persona) => persona !== current.personaId && persona in PERSONA_OVERRIDE_REASONS,
  );
  const personaId =
    alsoQualifying.length > 0
      ? rng.pick(alsoQualifying)
      : (USUAL_OVERRIDE[current.personaId] ?? 'savings_builder');
  await overridePersona(
    world.ctx,
    {
      userId: customer!.id,
      window,
      personaId,
      justification: rng.pick(PERSONA_OVERRIDE_REASONS[personaId]!),
      operatorId: admin.operator.id,
    },
    origin,
  );
}

const QUARTERLY_EXPORTS: ReadonlyArray<{ format: AuditExportFormat; eventTypes: AuditEventType[] }> = [
  { format: 'csv', eventTypes: ['operator_action', 'persona_overridden'] },
  { format: 'ndjson', eventTypes: ['consent_changed'] },
];

/**
 * Compliance officers sign in on Monday mornings, taking turns, to read the log and the metrics (reads are
 * not audited). On the first Monday of a quarter they export the last quarter's operator decisions and
 * consent changes for the quarterly report, through the export service (which records audit_exported).
 */
export async function* complianceDesk(world: DemoWorld): Activity {
  const officers = staffOf(world, 'compliance', 'sam.compliance');
  if (officers.length === 0) return;
  const rng = randomFor(world, 'compliance-desk');
  let turn = 0;
  for (const day of workingDays(world, [MONDAY])) {
    const officer = officers[turn++ % officers.length]!;
    yield day + 9 * HOUR + rng.int(0, 90) * MINUTE;
    if (!(yield* signIn(world, officer, rng))) continue;
    const date = new Date(day);
    if (date.getUTCMonth() % 3 !== 0 || date.getUTCDate() > 7) continue;
    const quarterStart = addMonths(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1), -3);
    if (quarterStart < world.start) continue;
    for (const { format, eventTypes } of QUARTERLY_EXPORTS) {
      yield later(world, rng, 5, 25);
      const filter: AuditFilter = {
        eventTypes,
        from: new Date(quarterStart),
        to: new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) - 1),
      };
      await exportAll(world, officer, filter, format);
    }
  }
}

/** Runs an export to the end, as a download would, discarding the file. */
async function exportAll(
  world: DemoWorld,
  officer: DemoStaff,
  filter: AuditFilter,
  format: AuditExportFormat,
): Promise<void> {
  const file = await exportAuditLog(world.ctx, {
    format,
    filter,
    operatorId: officer.operator.id,
    origin: officer.desk,
  });
  const reader = file.body.getReader();
  while (!(await reader.read()).done) {
    // The bytes go nowhere: the history only needs the export to have happened.
  }
}

/**
 * Analysts with read-only access sign in every other Wednesday; now and then one of them opens the audit
 * log or tries to approve a recommendation, and is refused (logged as unauthorized_access).
 */
export async function* viewerDesk(world: DemoWorld): Activity {
  const viewers = staffOf(world, 'jordan.analyst', 'viewer');
  if (viewers.length === 0) return;
  const rng = randomFor(world, 'viewer-desk');
  let week = 0;
  let turn = 0;
  for (const day of workingDays(world, [WEDNESDAY])) {
    if (week++ % 2 === 1) continue;
    const viewer = viewers[turn++ % viewers.length]!;
    yield day + 10 * HOUR + rng.int(0, 300) * MINUTE;
    if (!(yield* signIn(world, viewer, rng))) continue;
    const roll = rng.next();
    if (roll < 0.25) {
      yield later(world, rng, 2, 30);
      await deniedRequest(world, viewer, 'Query.auditLog', 'readAudit');
    } else if (roll < 0.35) {
      yield later(world, rng, 2, 30);
      await deniedRequest(world, viewer, 'Mutation.reviewRecommendation', 'review');
    }
  }
}

const GUESSED_PASSWORDS = ['admin123', 'Password1!', 'Spendsense2025', 'Welcome1!', 'Admin@2025', 'letmein!'];

/**
 * Two security stories: a compliance officer back from leave who locks themselves out (and signs in after
 * the lock expires), and, later, someone outside trying passwords for `admin` at night until the account
 * locks, then probing for other usernames and the audit log without a session.
 */
export async function* securityIncidents(world: DemoWorld): Activity {
  const rng = randomFor(world, 'incidents');
  const span = world.end - world.start;
  const [officer] = staffOf(world, 'sam.compliance', 'compliance');
  if (officer) {
    let day = midnightOf(world.start + Math.floor(span * 0.55));
    while (weekdayOf(day) !== MONDAY) day += DAY;
    yield day + 8 * HOUR + rng.int(0, 20) * MINUTE;
    const stale = mistyped(officer.password, rng);
    for (let attempt = 0; attempt < 6; attempt++) {
      await attemptLogin(world, officer.operator.username, stale, officer.desk);
      yield later(world, rng, 0, 1) + rng.int(5, 40) * 1000;
    }
    yield world.clock.millis + 16 * MINUTE + rng.int(0, 10) * MINUTE;
    await attemptLogin(world, officer.operator.username, officer.password, officer.desk);
  }
  const [admin] = staffOf(world, 'admin');
  let night = midnightOf(world.start + Math.floor(span * 0.85));
  while (weekdayOf(night) !== 0) night += DAY;
  yield night + 3 * HOUR + rng.int(0, 40) * MINUTE;
  if (admin) {
    for (const guess of GUESSED_PASSWORDS) {
      await attemptLogin(world, 'admin', guess, OUTSIDE_ORIGIN);
      yield world.clock.millis + rng.int(2, 6) * 1000;
    }
  }
  for (const username of ['root', 'administrator']) {
    await attemptLogin(world, username, rng.pick(GUESSED_PASSWORDS), OUTSIDE_ORIGIN);
    yield world.clock.millis + rng.int(2, 6) * 1000;
  }
  await deniedRequest(world, null, 'Query.auditLog', 'readAudit');
  yield world.clock.millis + rng.int(1, 4) * 1000;
  await deniedRequest(world, null, 'Subscription.auditEntryAdded', 'readAudit');
}
