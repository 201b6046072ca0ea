import { isUuid } from '../domain/identifiers.js';
import type { GraphQLContext } from './context.js';

/**
 * Loaders for the entities audit entries point at, shared by the entry and its typed details. Ids come from
 * stored event data, so a malformed one means "nothing to load", not a database error. Prisma batches the
 * `findUnique` calls of one tick into one query.
 */

export const loadAuditReference = {
  user: (ctx: GraphQLContext, query: object, id: string | null | undefined) =>
    id ? ctx.services.db.prisma.user.findUnique({ ...query, where: { id } }) : null,
  operator: (ctx: GraphQLContext, query: object, id: string | null | undefined) =>
    id && isUuid(id) ? ctx.services.db.prisma.operator.findUnique({ ...query, where: { id } }) : null,
  recommendation: (ctx: GraphQLContext, query: object, id: string | null | undefined) =>
    id && isUuid(id) ? ctx.services.db.prisma.recommendation.findUnique({ ...query, where: { id } }) : null,
  assignment: (ctx: GraphQLContext, query: object, id: string | null | undefined) =>
    id && isUuid(id)
      ? ctx.services.db.prisma.personaAssignment.findUnique({ ...query, where: { id } })
      : null,
};
