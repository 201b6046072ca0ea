import { randomUUID } from 'node:crypto';
import {
  decidePersona,
  type PersonaDecisionRecord,
  type PersonaEvaluation,
} from '../domain/personas/index.js';
import { computeSignals } from '../domain/signals/index.js';
import type { SignalWindow } from '../domain/signals/types.js';
import { DomainError, notFound } from '../errors.js';
import type { ConsentStatus, PersonaAssignment, Prisma } from '../generated/prisma/client.js';
import { type AuditWriter, runAudited } from './audit/record-audit.js';
import type { RequestOrigin, ServiceContext } from './context.js';
import type { Db } from './db-types.js';
import { loadCustomer } from './ledger.js';

export interface AssignPersonaInput {
  userId: string;
  window: SignalWindow;
  /** The last day of the window (YYYY-MM-DD). */
  referenceDate: string;
  /** The operator who asked for the decision; absent when the engine runs on its own (batch runs, demo). */
  operatorId?: string | null;
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
  input: AssignPersonasInput,
  timing?: AssignmentTiming,
): Promise<PersonaAssignment[]> {
  return runAudited(ctx, (tx, audit) => assignWithin(tx, audit, ctx, input, timing));
}

type AssignPersonasInput = Omit<AssignPersonaInput, 'window'> & {
  windows: readonly SignalWindow[];
  /** Where the operator's request came from, recorded with the audit entry. */
  origin?: RequestOrigin | null;
};

export async function assignPersona(
  ctx: ServiceContext,
  input: AssignPersonaInput,
  origin: RequestOrigin | null = null,
): Promise<PersonaAssignment> {
  const [assignment] = await assignPersonas(ctx, { ...input, windows: [input.window], origin });
  return assignment!;
}

async function assignWithin(
  tx: Db,
  audit: AuditWriter,
  ctx: ServiceContext,
  input: AssignPersonasInput,
  timing?: AssignmentTiming,
): Promise<PersonaAssignment[]> {
  let started = performance.now();
  const customer = await loadCustomer(tx, input.userId, input.referenceDate);
  if (!customer) throw notFound('Customer', input.userId);
  requireConsent({ id: input.userId, consentStatus: customer.consentStatus });
  const { ledger } = customer;
  if (timing) timing.databaseMs += performance.now() - started;

  const assignedAt = ctx.now();
  const decided: Array<{ data: Prisma.PersonaAssignmentCreateManyInput; decision: PersonaDecisionRecord }> =
    [];
  for (const window of input.windows) {
    started = performance.now();
    const snapshot = computeSignals(ledger, window, input.referenceDate);
    const decision = decidePersona(snapshot);
    if (timing) timing.computeMs += performance.now() - started;
    decided.push({
      decision,
      data: {
        id: randomUUID(),
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
  }

  started = performance.now();
  // Every window's assignment in one statement, then their entries in window order.
  const rows = await tx.personaAssignment.createManyAndReturn({ data: decided.map(({ data }) => data) });
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const { data, decision } of decided) {
    await audit.record({
      eventType: 'persona_assigned',
      userId: input.userId,
      operatorId: input.operatorId ?? null,
      origin: input.origin ?? null,
      occurredAt: assignedAt,
      eventData: {
        window: data.window,
        persona_id: decision.personaId,
        qualifying_personas: decision.qualifyingPersonas,
        evidence_summary: evidenceSummary(decision.evaluations, decision.qualifyingPersonas),
        reason: decision.reason,
        confidence: decision.confidence,
        registry_version: decision.registryVersion,
        assignment_id: data.id!,
      },
    });
  }
  if (timing) timing.databaseMs += performance.now() - started;
  return decided.map(({ data }) => byId.get(data.id!)!);
}

/**
 * Processing a customer's data needs their consent; an opted-out customer is a typed error. Callers pass
 * the customer row they already read inside their transaction.
 */
export function requireConsent(user: { id: string; consentStatus: ConsentStatus }): void {
  if (user.consentStatus !== 'OPTED_IN') {
    throw new DomainError('CONSENT_REQUIRED', `Customer "${user.id}" has not consented to data processing`, {
      userId: user.id,
    });
  }
}

/** The signal values behind every qualifying persona, keyed by persona: what the audit entry cites. */
function evidenceSummary(
  evaluations: readonly PersonaEvaluation[],
  qualifying: readonly string[],
): Record<string, Record<string, string | number | boolean>> {
  const summary: Record<string, Record<string, string | number | boolean>> = {};
  for (const evaluation of evaluations) {
    if (qualifying.includes(evaluation.personaId)) {
      summary[evaluation.personaId] = { ...evaluation.evidence } as Record<string, string | number | boolean>;
    }
  }
  return summary;
}
