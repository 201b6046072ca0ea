import type { SignalWindow } from '../domain/signals/types.js';
import { type AssignmentTiming, assignPersonas } from './assign-persona.js';
import type { ServiceContext } from './context.js';

export interface AssignAllOptions {
  referenceDate: string;
  windows?: readonly SignalWindow[];
  /** Customers processed at once; PGlite has one connection, so more only helps on PostgreSQL. */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Assigns personas to every consenting customer for both windows. Each customer is its own transaction
 * (assignPersonas), so a failure for one customer never leaves another half-assigned.
 */
export async function assignAllCustomers(
  ctx: ServiceContext,
  options: AssignAllOptions,
): Promise<{ customers: number; assignments: number; timing: AssignmentTiming }> {
  const windows = options.windows ?? (['D30', 'D180'] as const);
  const concurrency = options.concurrency ?? (ctx.db.kind === 'postgres' ? 4 : 1);
  // Customers who have not consented are not processed at all (assignPersona would refuse them).
  const consenting = await ctx.db.prisma.user.findMany({
    where: { consentStatus: 'OPTED_IN' },
    select: { id: true },
    orderBy: { id: 'asc' },
  });
  const ids = consenting.map((u) => u.id);
  const timing: AssignmentTiming = { computeMs: 0, databaseMs: 0 };
  let next = 0;
  let done = 0;
  options.onProgress?.(0, ids.length);
  const worker = async () => {
    while (next < ids.length) {
      const userId = ids[next++]!;
      await assignPersonas(ctx, { userId, windows, referenceDate: options.referenceDate }, timing);
      options.onProgress?.(++done, ids.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, worker));
  return { customers: ids.length, assignments: ids.length * windows.length, timing };
}
