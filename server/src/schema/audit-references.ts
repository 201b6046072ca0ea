import DataLoader from 'dataloader';
import { isUuid } from '../domain/identifiers.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { GraphQLContext } from './context.js';

/**
 * Loaders for the entities audit entries (and the compliance metrics) point at, shared by the entry and its
 * typed details. Ids come from stored event data, so a malformed one means "nothing to load", not a
 * database error. A selection of scalar fields (Pothos's `query` is empty: the console's names and ids) is
 * one batched load per model and tick; one that reaches into relations is loaded with it, through Prisma's
 * own batching of `findUnique`.
 */
export const loadAuditReference = {
  user: (ctx: GraphQLContext, query: object, id: string | null | undefined) =>
    id
      ? load(
          query,
          ctx.references.user,
          () => ctx.services.db.prisma.user.findUnique({ ...query, where: { id } }),
          id,
        )
      : null,
  operator: (ctx: GraphQLContext, query: object, id: string | null | undefined) =>
    id && isUuid(id)
      ? load(
          query,
          ctx.references.operator,
          () => ctx.services.db.prisma.operator.findUnique({ ...query, where: { id } }),
          id,
        )
      : null,
  recommendation: (ctx: GraphQLContext, query: object, id: string | null | undefined) =>
    id && isUuid(id)
      ? load(
          query,
          ctx.references.recommendation,
          () => ctx.services.db.prisma.recommendation.findUnique({ ...query, where: { id } }),
          id,
        )
      : null,
  assignment: (ctx: GraphQLContext, query: object, id: string | null | undefined) =>
    id && isUuid(id)
      ? load(
          query,
          ctx.references.assignment,
          () => ctx.services.db.prisma.personaAssignment.findUnique({ ...query, where: { id } }),
          id,
        )
      : null,
};

function load<Row>(
  query: object,
  loader: DataLoader<string, Row | null>,
  withRelations: () => Promise<Row | null>,
  id: string,
): Promise<Row | null> {
  return Object.keys(query).length === 0 ? loader.load(id) : withRelations();
}

/**
 * One `findMany` for every id a resolver tick asks of a model: a page of 50 entries with their customers and
 * operators sends two statements. Prisma batches `findUnique` calls of one tick into one statement too, but
 * runs each call through its client first: on the dashboard's 50 operator names that was about a quarter of
 * the request's CPU (issue #9). Batching only, no cache: a live subscription's context lives for hours, and
 * must see a renamed operator as renamed.
 */
export function createReferenceLoaders(prisma: PrismaClient) {
  const byId = <Row extends { id: string }>(find: (ids: string[]) => Promise<Row[]>) =>
    new DataLoader<string, Row | null>(
      async (ids) => {
        const rows = new Map((await find([...new Set(ids)])).map((row) => [row.id, row]));
        return ids.map((id) => rows.get(id) ?? null);
      },
      { cache: false },
    );
  return {
    user: byId((ids) => prisma.user.findMany({ where: { id: { in: ids } } })),
    operator: byId((ids) => prisma.operator.findMany({ where: { id: { in: ids } } })),
    recommendation: byId((ids) => prisma.recommendation.findMany({ where: { id: { in: ids } } })),
    assignment: byId((ids) => prisma.personaAssignment.findMany({ where: { id: { in: ids } } })),
  };
}

export type ReferenceLoaders = ReturnType<typeof createReferenceLoaders>;
