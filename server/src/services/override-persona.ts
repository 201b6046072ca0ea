import type { PersonaOverriddenData } from '../domain/audit/index.js';
import { PERSONA_REGISTRY, PERSONA_REGISTRY_VERSION } from '../domain/personas/index.js';
import type { SignalWindow } from '../domain/signals/types.js';
import { badInput, notFound } from '../errors.js';
import type { PersonaAssignment, Prisma } from '../generated/prisma/client.js';
import { requireConsent } from './assign-persona.js';
import { runAudited } from './audit/record-audit.js';
import type { RequestOrigin, ServiceContext } from './context.js';
import { findCurrentAssignment } from './current-persona.js';

/** Long enough for a real explanation, short enough to stay readable in the audit log and exports. */
export const MAX_JUSTIFICATION_LENGTH = 2000;

export interface OverridePersonaInput {
  userId: string;
  window: SignalWindow;
  /** A persona of the registry (`unclassified` is not one: an override always names a persona). */
  personaId: string;
  justification: string;
  /** The administrator making the override. */
  operatorId: string;
}

/**
 * A justification an operator must give: trimmed, non-blank, at most {@link MAX_JUSTIFICATION_LENGTH}
 * characters. Shared with the review queue so both explain themselves under the same rules.
 */
export function requiredJustification(value: string | null | undefined, field = 'justification'): string {
  const text = value?.trim() ?? '';
  if (text === '') throw badInput(`${field} is required`, { field });
  if (text.length > MAX_JUSTIFICATION_LENGTH) {
    throw badInput(`${field} is too long (${MAX_JUSTIFICATION_LENGTH} characters at most)`, { field });
  }
  return text;
}

/**
 * Replaces a customer's persona for one window by hand. The override is a new assignment (source OVERRIDE)
 * that becomes the current one; the engine's assignment stays in the history. It carries the evaluations and
 * signal snapshot of the assignment it replaces, because an override changes the decision, not the evidence,
 * and the persona_overridden entry commits with it. Overriding needs the customer's consent, like assigning.
 */
export async function overridePersona(
  ctx: ServiceContext,
  input: OverridePersonaInput,
  origin: RequestOrigin | null = null,
): Promise<PersonaAssignment> {
  const justification = requiredJustification(input.justification);
  const persona = PERSONA_REGISTRY.find((candidate) => candidate.id === input.personaId);
  if (!persona) {
    throw badInput(`"${input.personaId}" is not a persona of the registry`, {
      field: 'personaId',
      personaIds: PERSONA_REGISTRY.map((candidate) => candidate.id),
    });
  }
  return runAudited(ctx, async (tx, audit) => {
    const user = await tx.user.findUnique({
      where: { id: input.userId },
      select: { id: true, consentStatus: true },
    });
    if (!user) throw notFound('Customer', input.userId);
    requireConsent(user);
    const operator = await tx.operator.findUnique({ where: { id: input.operatorId } });
    if (!operator) throw notFound('Operator', input.operatorId);
    const current = await findCurrentAssignment(tx, user.id, input.window);
    if (!current) {
      throw badInput(
        `Customer "${user.id}" has no ${input.window} persona assignment to override: assign a persona first`,
        { field: 'window' },
      );
    }
    const override = await tx.personaAssignment.create({
      data: {
        userId: user.id,
        window: input.window,
        personaId: persona.id,
        status: 'ASSIGNED',
        source: 'OVERRIDE',
        priority: persona.priority,
        confidence: 1,
        assignedAt: newestAfter(ctx.now(), current.assignedAt),
        referenceDate: current.referenceDate,
        qualifyingPersonas: current.qualifyingPersonas,
        evaluations: current.evaluations as Prisma.InputJsonValue,
        prioritizationReason: `Overridden by ${operator.displayName}: ${justification}`,
        registryVersion: PERSONA_REGISTRY_VERSION,
        signalSnapshot: current.signalSnapshot as Prisma.InputJsonValue,
        assignedByOperatorId: operator.id,
      },
    });
    // The replaced assignment's id is extra context, so the entry links both sides of the change.
    const eventData: PersonaOverriddenData & { replaced_assignment_id: string } = {
      window: input.window,
      old_persona: current.personaId,
      new_persona: persona.id,
      justification,
      assignment_id: override.id,
      replaced_assignment_id: current.id,
    };
    await audit.record({
      eventType: 'persona_overridden',
      userId: user.id,
      operatorId: operator.id,
      origin,
      occurredAt: override.assignedAt,
      eventData,
    });
    return override;
  });
}

/**
 * The newest assignment is the current one, so an override must sort after the assignment it replaces even
 * when the clock has not moved since (a fixed test clock, or instances whose clocks differ slightly).
 */
function newestAfter(now: Date, previous: Date): Date {
  return now.getTime() > previous.getTime() ? now : new Date(previous.getTime() + 1);
}
