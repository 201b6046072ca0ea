import { SIGNAL_WINDOWS, type SignalWindow } from '../domain/signals/types.js';
import { type AssignmentTiming, assignPersonasToMany } from './assign-persona.js';
import type { ServiceContext } from './context.js';

export interface AssignAllOptions {
  referenceDate: string;
  windows?: readonly SignalWindow[];
  /** Chunks processed at once; PGlite has one connection, so more only helps on PostgreSQL. */
  concurrency?: number;
  /** Customers per transaction (default {@link ASSIGN_CHUNK}). */
  chunk?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Customers per transaction in a batch run. Measured on 300 synthetic customers: 25 a transaction ran at
 * 121 customers/s on PostgreSQL and 50 at 152 (PGlite: 132 and 127–170, 100 no better). Larger chunks hold
 * the chain head longer for every other writer, for no gain.
 */
export const ASSIGN_CHUNK = 50;

/**
 * Assigns personas to every consenting customer for both windows, a chunk of customers per transaction
 * (assignPersonasToMany): a chunk commits whole or not at all, so a failure never leaves a customer
 * half-assigned, and customers who withdraw consent while the run goes are skipped.
 */
export async function assignAllCustomers(
  ctx: ServiceContext,
  options: AssignAllOptions,
): Promise<{ customers: number; assignments: number; timing: AssignmentTiming }> {
  const windows = options.windows ?? SIGNAL_WINDOWS;
  const concurrency = options.concurrency ?? (ctx.db.kind === 'postgres' ? 4 : 1);
  const chunk = options.chunk ?? ASSIGN_CHUNK;
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
  let assigned = 0;
  options.onProgress?.(0, ids.length);
  const worker = async () => {
    while (next < ids.length) {
      const userIds = ids.slice(next, next + chunk);
      next += userIds.length;
      // Awaited first, then added: `assigned += await …` would read `assigned` before other workers add.
      const chunkAssigned = await assignPersonasToMany(
        ctx,
        { userIds, windows, referenceDate: options.referenceDate },
        timing,
      );
      assigned += chunkAssigned.length;
      done += userIds.length;
      options.onProgress?.(done, ids.length);
    }
  };
  const workers = Math.min(concurrency, Math.ceil(ids.length / chunk));
  await Promise.all(Array.from({ length: workers }, worker));
  return { customers: assigned, assignments: assigned * windows.length, timing };
}
