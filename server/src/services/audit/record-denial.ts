import type { Operator } from '../../generated/prisma/client.js';
import type { RequestOrigin, ServiceContext } from '../context.js';
import { appendAuditEntry } from './record-audit.js';

export interface Denial {
  /** e.g. `Query.auditLog` */
  fieldPath: string;
  requiredScopes: string[];
}

/**
 * Records an authorization denial as `unauthorized_access`. It commits on its own, because the request
 * that was denied fails and writes nothing else.
 */
export async function recordUnauthorizedAccess(
  ctx: ServiceContext,
  operator: Operator | null,
  origin: RequestOrigin,
  denial: Denial,
): Promise<void> {
  await appendAuditEntry(ctx, {
    eventType: 'unauthorized_access',
    operatorId: operator?.id ?? null,
    origin,
    eventData: {
      field_path: denial.fieldPath,
      required_scopes: denial.requiredScopes,
      operator_role: operator?.role ?? null,
    },
  });
}
