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
    id ? ctx.references.user(query, id) : null,
  operator: (ctx: GraphQLContext, query: object, id: string | null | undefined) =>
    id && isUuid(id) ? ctx.references.operator(query, id) : null,
  recommendation: (ctx: GraphQLContext, query: object, id: string | null | undefined) =>
    id && isUuid(id) ? ctx.references.recommendation(query, id) : null,
  assignment: (ctx: GraphQLContext, query: object, id: string | null | undefined) =>
    id && isUuid(id) ? ctx.references.assignment(query, id) : null,
};

/**
 * One `findMany` for every id a resolver tick asks of a model: a page of 50 entries with their customers and
 * operators sends two statements. Prisma batches `findUnique` calls of one tick into one statement too, but
 * runs each call through its client first: on the dashboard's 50 operator names that was about a quarter of
 * the request's CPU (issue #9). Batching only, no cache: a live subscription's context lives for hours, and
 * must see a renamed operator as renamed.
 */
export function createReferenceLoaders(prisma: PrismaClient) {
  /** By id: scalar fields from the batch, a selection reaching into relations through `findUnique` with it. */
  const byId = <Row extends { id: string }>(
    findMany: (ids: string[]) => Promise<Row[]>,
    findUnique: (query: object, id: string) => Promise<Row | null>,
  ) => {
    const batch = new DataLoader<string, Row | null>(
      async (ids) => {
        const rows = new Map((await findMany([...new Set(ids)])).map((row) => [row.id, row]));
        return ids.map((id) => rows.get(id) ?? null);
      },
      { cache: false },
    );
    return (query: object, id: string): Promise<Row | null> =>
      Object.keys(query).length === 0 ? batch.load(id) : findUnique(query, id);
  };
  return {
    user: byId(
      (ids) => prisma.user.findMany({ where: { id: { in: ids } } }),
      (query, id) => prisma.user.findUnique({ ...query, where: { id } }),
    ),
    operator: byId(
      (ids) => prisma.operator.findMany({ where: { id: { in: ids } } }),
      (query, id) => prisma.operator.findUnique({ ...query, where: { id } }),
    ),
    recommendation: byId(
      (ids) => prisma.recommendation.findMany({ where: { id: { in: ids } } }),
      (query, id) => prisma.recommendation.findUnique({ ...query, where: { id } }),
    ),
    assignment: byId(
      (ids) => prisma.personaAssignment.findMany({ where: { id: { in: ids } } }),
      (query, id) => prisma.personaAssignment.findUnique({ ...query, where: { id } }),
    ),
  };
}

export type ReferenceLoaders = ReturnType<typeof createReferenceLoaders>;
