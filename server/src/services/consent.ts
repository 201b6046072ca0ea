import type { ConsentChannel } from '../domain/audit/index.js';
import { badInput, notFound } from '../errors.js';
import type { ConsentRecord, ConsentStatus } from '../generated/prisma/client.js';
import { runAudited } from './audit/record-audit.js';
import type { RequestOrigin, ServiceContext } from './context.js';

/** The consent text version customers currently agree to. */
export const CURRENT_CONSENT_VERSION = '1.0';

export interface SetConsentInput {
  userId: string;
  status: ConsentStatus;
  consentVersion?: string;
  channel: ConsentChannel;
  /** The operator recording the change on the customer's behalf, if any. */
  operatorId?: string | null;
  reason?: string | null;
  occurredAt?: Date;
}

const AUDIT_STATUS = { OPTED_IN: 'opted_in', OPTED_OUT: 'opted_out' } as const;

/**
 * Records a consent change: the consent history row, the customer's current status and the
 * consent_changed audit entry, in one transaction. Repeating the current status and version changes nothing.
 */
export async function setConsent(
  ctx: ServiceContext,
  input: SetConsentInput,
  origin: RequestOrigin | null = null,
): Promise<{ record: ConsentRecord | null; changed: boolean }> {
  const version = input.consentVersion ?? CURRENT_CONSENT_VERSION;
  if (!/^\d+(\.\d+){0,2}$/.test(version)) {
    throw badInput('consentVersion must look like 1.0', { field: 'consentVersion' });
  }
  if (input.reason && input.reason.length > 1000)
    throw badInput('reason is too long (1000 characters at most)');
  // SYSTEM marks consent that came with seeded or imported data; an operator recording a change is not that.
  if (input.operatorId && input.channel === 'system') {
    throw badInput('channel SYSTEM is reserved for seeded data', { field: 'input.channel' });
  }
  return runAudited(ctx, async (tx, audit) => {
    const user = await tx.user.findUnique({ where: { id: input.userId } });
    if (!user) throw notFound('Customer', input.userId);
    const latest = await tx.consentRecord.findFirst({
      where: { userId: user.id },
      orderBy: { changedAt: 'desc' },
    });
    if (latest && latest.status === input.status && latest.consentVersion === version) {
      return { record: latest, changed: false };
    }
    const changedAt = input.occurredAt ?? ctx.now();
    const record = await tx.consentRecord.create({
      data: {
        userId: user.id,
        status: input.status,
        previousStatus: latest?.status ?? null,
        consentVersion: version,
        channel: input.channel,
        changedByOperatorId: input.operatorId ?? null,
        reason: input.reason ?? null,
        changedAt,
      },
    });
    await tx.user.update({
      where: { id: user.id },
      data: { consentStatus: input.status, consentUpdatedAt: changedAt },
    });
    await audit.record({
      eventType: 'consent_changed',
      userId: user.id,
      operatorId: input.operatorId ?? null,
      origin,
      occurredAt: changedAt,
      eventData: {
        old_status: latest ? AUDIT_STATUS[latest.status] : null,
        new_status: AUDIT_STATUS[input.status],
        consent_version: version,
        changed_via: input.channel,
        reason: input.reason ?? null,
      },
    });
    return { record, changed: true };
  });
}
