import { randomUUID } from 'node:crypto';
import {
  decidePersona,
  type PersonaDecisionRecord,
  type PersonaEvaluation,
} from '../domain/personas/index.js';
import { computeSignals } from '../domain/signals/index.js';
import type { SignalSnapshot, SignalWindow } from '../domain/signals/types.js';
import { DomainError, notFound } from '../errors.js';
import type { ConsentStatus, PersonaAssignment } from '../generated/prisma/client.js';
import { type AuditWriter, runAudited } from './audit/record-audit.js';
import type { RequestOrigin, ServiceContext } from './context.js';
import type { Db } from './db-types.js';
import { type LoadedCustomer, loadCustomer, loadCustomers } from './ledger.js';

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
  return runAudited(ctx, async (tx, audit) => {
    const customer = await measured(timing, () => loadCustomer(tx, input.userId, input.referenceDate));
    if (!customer) throw notFound('Customer', input.userId);
    requireConsent({ id: input.userId, consentStatus: customer.consentStatus });
    const decided = decide([customer], input, ctx.now(), timing);
    return measured(timing, async () => {
      // Every window's assignment in one statement, then their entries in window order.
      await insertAssignments(tx, decided);
      await recordDecisions(audit, decided, input);
      const rows = await tx.personaAssignment.findMany({
        where: { id: { in: decided.map(({ data }) => data.id) } },
      });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return decided.map(({ data }) => byId.get(data.id)!);
    });
  });
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

/**
 * {@link assignPersonas} for many customers in one transaction, as the engine's batch run does it: one
 * ledger read for all of them, one insert for all their assignments, one append for all their entries.
 * Customers who withdrew consent since the run picked them, or no longer exist, are skipped, not
 * failed. The chunk commits whole or not at all, so no customer is ever left half-assigned. Returns the
 * ids of the customers assigned, in the order given.
 */
export async function assignPersonasToMany(
  ctx: ServiceContext,
  input: Omit<AssignPersonasInput, 'userId' | 'origin' | 'operatorId'> & { userIds: readonly string[] },
  timing?: AssignmentTiming,
): Promise<string[]> {
  return runAudited(ctx, async (tx, audit) => {
    const loaded = await measured(timing, () => loadCustomers(tx, input.userIds, input.referenceDate));
    const consenting = input.userIds.flatMap((id) => {
      const customer = loaded.get(id);
      return customer?.consentStatus === 'OPTED_IN' ? [customer] : [];
    });
    const decided = decide(consenting, input, ctx.now(), timing);
    await measured(timing, async () => {
      await insertAssignments(tx, decided);
      await recordDecisions(audit, decided, {});
    });
    return consenting.map(({ ledger }) => ledger.user.id);
  });
}

interface Decided {
  data: {
    id: string;
    userId: string;
    window: SignalWindow;
    personaId: string;
    status: PersonaDecisionRecord['status'];
    priority: number | null;
    confidence: number;
    assignedAt: Date;
    referenceDate: string;
    qualifyingPersonas: readonly string[];
    evaluations: readonly PersonaEvaluation[];
    prioritizationReason: string;
    registryVersion: string;
    signalSnapshot: SignalSnapshot;
  };
  decision: PersonaDecisionRecord;
}

/**
 * The engine's assignments in one `INSERT … SELECT FROM json_to_recordset($1)`: one bind parameter for
 * the whole chunk. Prisma's `createMany` spent more time building its query from the large decision
 * traces (evaluations, signal snapshot) than the database spent storing them.
 */
async function insertAssignments(tx: Db, decided: readonly Decided[]): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO persona_assignments (id, user_id, "window", persona_id, status, source, priority, confidence,
      assigned_at, reference_date, qualifying_personas, evaluations, prioritization_reason, registry_version,
      signal_snapshot)
    SELECT id, "userId", "window"::"TimeWindow", "personaId", status::"AssignmentStatus", 'ENGINE', priority,
      confidence, "assignedAt", "referenceDate", "qualifyingPersonas", evaluations, "prioritizationReason",
      "registryVersion", "signalSnapshot"
    FROM json_to_recordset(${JSON.stringify(decided.map(({ data }) => data))}::json)
      AS r(id uuid, "userId" text, "window" text, "personaId" text, status text, priority int,
        confidence float8, "assignedAt" timestamptz, "referenceDate" date, "qualifyingPersonas" text[],
        evaluations jsonb, "prioritizationReason" text, "registryVersion" text, "signalSnapshot" jsonb)`;
}

/** The pure part: signals and a decision per customer and window, as the rows to store. */
function decide(
  customers: readonly LoadedCustomer[],
  input: { windows: readonly SignalWindow[]; referenceDate: string },
  assignedAt: Date,
  timing: AssignmentTiming | undefined,
): Decided[] {
  const started = performance.now();
  const decided = customers.flatMap(({ ledger }) =>
    input.windows.map((window): Decided => {
      const snapshot = computeSignals(ledger, window, input.referenceDate);
      const decision = decidePersona(snapshot);
      return {
        decision,
        data: {
          id: randomUUID(),
          userId: ledger.user.id,
          window,
          personaId: decision.personaId,
          status: decision.status,
          priority: decision.priority,
          confidence: decision.confidence,
          assignedAt,
          referenceDate: input.referenceDate,
          qualifyingPersonas: decision.qualifyingPersonas,
          evaluations: decision.evaluations,
          prioritizationReason: decision.reason,
          registryVersion: decision.registryVersion,
          signalSnapshot: snapshot,
        },
      };
    }),
  );
  if (timing) timing.computeMs += performance.now() - started;
  return decided;
}

/** One `persona_assigned` entry per stored assignment, in the order decided. */
async function recordDecisions(
  audit: AuditWriter,
  decided: readonly Decided[],
  by: { operatorId?: string | null; origin?: RequestOrigin | null },
): Promise<void> {
  for (const { data, decision } of decided) {
    await audit.record({
      eventType: 'persona_assigned',
      userId: data.userId,
      operatorId: by.operatorId ?? null,
      origin: by.origin ?? null,
      occurredAt: data.assignedAt,
      eventData: {
        window: data.window,
        persona_id: decision.personaId,
        qualifying_personas: decision.qualifyingPersonas,
        evidence_summary: evidenceSummary(decision.evaluations, decision.qualifyingPersonas),
        reason: decision.reason,
        confidence: decision.confidence,
        registry_version: decision.registryVersion,
        assignment_id: data.id,
      },
    });
  }
}

/** Runs `work`, adding its time to the database share of `timing`. */
async function measured<T>(timing: AssignmentTiming | undefined, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    if (timing) timing.databaseMs += performance.now() - started;
  }
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
