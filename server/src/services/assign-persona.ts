import { decidePersona } from '../domain/personas/index.js';
import { computeSignals } from '../domain/signals/index.js';
import type { SignalWindow } from '../domain/signals/types.js';
import { notFound } from '../errors.js';
import type { PersonaAssignment, Prisma } from '../generated/prisma/client.js';
import type { ServiceContext } from './context.js';
import type { Db } from './db-types.js';
import { loadCustomerLedger } from './ledger.js';

export interface AssignPersonaInput {
  userId: string;
  window: SignalWindow;
  /** The last day of the window (YYYY-MM-DD). */
  referenceDate: string;
}

export interface AssignmentTiming {
  /** Milliseconds spent computing signals and deciding (pure domain). */
  computeMs: number;
  /** Milliseconds spent reading the ledger and writing the assignment. */
  databaseMs: number;
}

/**
 * Signals → match → prioritize → store for one customer and one or more windows, in one transaction.
 * Assignments are appended, never updated, so the history of decisions stays intact.
 */
export async function assignPersonas(
  ctx: ServiceContext,
  input: { userId: string; windows: readonly SignalWindow[]; referenceDate: string },
  timing?: AssignmentTiming,
): Promise<PersonaAssignment[]> {
  return ctx.db.prisma.$transaction(async (tx) => assignWithin(tx, ctx, input, timing));
}

export async function assignPersona(
  ctx: ServiceContext,
  input: AssignPersonaInput,
): Promise<PersonaAssignment> {
  const [assignment] = await assignPersonas(ctx, { ...input, windows: [input.window] });
  return assignment!;
}

async function assignWithin(
  tx: Db,
  ctx: ServiceContext,
  input: { userId: string; windows: readonly SignalWindow[]; referenceDate: string },
  timing?: AssignmentTiming,
): Promise<PersonaAssignment[]> {
  let started = performance.now();
  const ledger = await loadCustomerLedger(tx, input.userId, input.referenceDate);
  if (!ledger) throw notFound('Customer', input.userId);
  if (timing) timing.databaseMs += performance.now() - started;

  const assignedAt = ctx.now();
  const results: PersonaAssignment[] = [];
  for (const window of input.windows) {
    started = performance.now();
    const snapshot = computeSignals(ledger, window, input.referenceDate);
    const decision = decidePersona(snapshot);
    if (timing) timing.computeMs += performance.now() - started;

    started = performance.now();
    const assignment = await tx.personaAssignment.create({
      data: {
        userId: input.userId,
        window,
        personaId: decision.personaId,
        status: decision.status,
        source: 'ENGINE',
        priority: decision.priority,
        confidence: decision.confidence,
        assignedAt,
        referenceDate: new Date(`${input.referenceDate}T00:00:00Z`),
        qualifyingPersonas: decision.qualifyingPersonas,
        evaluations: decision.evaluations as unknown as Prisma.InputJsonValue,
        prioritizationReason: decision.reason,
        registryVersion: decision.registryVersion,
        signalSnapshot: snapshot as unknown as Prisma.InputJsonValue,
      },
    });
    if (timing) timing.databaseMs += performance.now() - started;
    results.push(assignment);
  }
  return results;
}
