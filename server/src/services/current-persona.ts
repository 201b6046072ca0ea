import type { SignalWindow } from '../domain/signals/types.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { Db } from './db-types.js';

/**
 * A customer's current persona for a window is their newest assignment: latest `assignedAt`, and of two
 * made in the same millisecond the one with the greater id. Every reader of "current persona" (the
 * GraphQL fields, the profile, overrides, recommendations, the demo) orders by this, so they never disagree.
 */
export const NEWEST_ASSIGNMENT_FIRST = [
  { assignedAt: 'desc' },
  { id: 'desc' },
] as const satisfies Prisma.PersonaAssignmentOrderByWithRelationInput[];

/** The current assignment of `userId` for `window`, or null when none was made yet. */
export function findCurrentAssignment(db: Db, userId: string, window: SignalWindow) {
  return db.personaAssignment.findFirst({ where: { userId, window }, orderBy: [...NEWEST_ASSIGNMENT_FIRST] });
}
