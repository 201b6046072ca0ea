import type { AuditFilter } from '../../domain/audit/index.js';
import type { Prisma } from '../../generated/prisma/client.js';

/** The audit filter as a Prisma where clause (the same semantics as matchesAuditFilter). */
export function auditFilterWhere(filter: AuditFilter): Prisma.AuditEntryWhereInput {
  const where: Prisma.AuditEntryWhereInput = {};
  if (filter.eventTypes) where.eventType = { in: [...filter.eventTypes] };
  if (filter.userId) where.userId = filter.userId;
  if (filter.operatorId) where.operatorId = filter.operatorId;
  if (filter.recommendationId) where.recommendationId = filter.recommendationId;
  if (filter.from || filter.to) {
    where.occurredAt = {
      ...(filter.from ? { gte: filter.from } : {}),
      ...(filter.to ? { lte: filter.to } : {}),
    };
  }
  return where;
}
