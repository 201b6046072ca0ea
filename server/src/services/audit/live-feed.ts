import { type AuditFilter, matchesAuditFilter } from '../../domain/audit/index.js';
import type { AuditEntry } from '../../generated/prisma/client.js';
import type { ServiceContext } from '../context.js';
import { AUDIT_PAGE_MAX_SIZE, encodeAuditCursor, readAuditPage } from './query.js';

type Listener = (entry: AuditEntry) => void;

const REPLAY_BATCH = AUDIT_PAGE_MAX_SIZE;

/**
 * Fans committed audit entries out to live subscribers. One feed per server process listens to the
 * `auditEntry:added` topic, loads each new range of entries from the database once, in sequence order, and
 * hands every entry to every listener, which filter in memory. Announcements may arrive out of order or not
 * at all (another instance's publish, a dropped Redis message): the feed always loads the whole range from
 * the last entry it delivered up to the announced one, so listeners see every entry exactly once, in order.
 */
export class AuditLiveFeed {
  private readonly listeners = new Set<Listener>();
  private lastDeliveredSeq: bigint | null = null;
  private pump: Promise<void> = Promise.resolve();
  private stop: (() => void) | null = null;
  private started: Promise<void> | null = null;
  private closing = false;
  /** Wakes every waiting subscriber, so each sees `closing` and ends its stream. */
  private readonly wakers = new Set<() => void>();

  constructor(private readonly ctx: ServiceContext) {}

  /**
   * Entries matching `filter`: first the stored ones after `afterSeq` (so a reconnecting client misses
   * nothing), then live ones as they commit. Without `afterSeq`, only entries committed from now on. With
   * `includeArchived`, the replay also reads entries that moved to Parquet archives (as `auditLog` does).
   */
  async *entries(
    filter: AuditFilter,
    afterSeq: bigint | null,
    signal?: AbortSignal,
    options: { includeArchived?: boolean } = {},
  ): AsyncGenerator<AuditEntry> {
    const buffered: AuditEntry[] = [];
    let wake: (() => void) | null = null;
    const listener: Listener = (entry) => {
      buffered.push(entry);
      wake?.();
    };
    // Listen before replaying: whatever commits after this point is buffered, everything before it is
    // found by the replay query, so nothing falls between the two.
    await this.start();
    this.listeners.add(listener);
    const abort = () => wake?.();
    signal?.addEventListener('abort', abort);
    this.wakers.add(abort);
    try {
      let last = afterSeq ?? (await this.headSeq());
      if (afterSeq !== null) {
        for (;;) {
          // The audit log query itself, oldest first after the last entry sent: one filter, one meaning.
          const page = await readAuditPage(this.ctx, {
            filter,
            includeArchived: options.includeArchived ?? false,
            order: 'SEQ_ASC',
            first: REPLAY_BATCH,
            after: last > 0n ? encodeAuditCursor(last) : null,
          });
          for (const entry of page.entries) {
            yield entry;
            last = entry.seq;
          }
          if (!page.hasNextPage) break;
        }
      }
      while (!signal?.aborted && !this.closing) {
        const entry = buffered.shift();
        if (!entry) {
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = null;
          continue;
        }
        if (entry.seq <= last) continue;
        last = entry.seq;
        if (matchesAuditFilter(entry, filter)) yield entry;
      }
    } finally {
      signal?.removeEventListener('abort', abort);
      this.wakers.delete(abort);
      this.listeners.delete(listener);
    }
  }

  /** Live subscriptions open on this feed. */
  get subscriberCount(): number {
    return this.listeners.size;
  }

  /**
   * Server shutdown: ends every subscriber's stream (their SSE responses then close with a `complete`
   * event) and stops listening to announcements.
   */
  close(): void {
    this.closing = true;
    for (const wake of this.wakers) wake();
    this.stop?.();
    this.stop = null;
    this.started = null;
  }

  private async headSeq(): Promise<bigint> {
    const head = await this.ctx.db.prisma.auditChainHead.findUnique({ where: { id: 1 } });
    return head?.seq ?? 0n;
  }

  private start(): Promise<void> {
    // Every subscriber awaits the same start, so the feed holds exactly one pubsub subscription.
    this.started ??= this.listen();
    return this.started;
  }

  private async listen(): Promise<void> {
    this.lastDeliveredSeq ??= await this.headSeq();
    const iterator = this.ctx.pubsub.subscribe('auditEntry:added')[Symbol.asyncIterator]();
    let running = true;
    this.stop = () => {
      running = false;
      void iterator.return?.();
    };
    void (async () => {
      while (running) {
        const next = await iterator.next();
        if (next.done) break;
        const announced = BigInt(next.value.seq);
        // Serialise loads so ranges never overlap and entries are delivered in order.
        this.pump = this.pump
          .then(() => this.deliverUpTo(announced))
          .catch((error) => {
            if (running) this.ctx.logger.error({ err: error }, 'Audit live feed could not load entries');
          });
      }
    })();
  }

  private async deliverUpTo(announced: bigint): Promise<void> {
    while (this.lastDeliveredSeq !== null && announced > this.lastDeliveredSeq) {
      const batch = await this.ctx.db.prisma.auditEntry.findMany({
        where: { seq: { gt: this.lastDeliveredSeq, lte: announced } },
        orderBy: { seq: 'asc' },
        take: REPLAY_BATCH,
      });
      if (batch.length === 0) return;
      for (const entry of batch) {
        this.lastDeliveredSeq = entry.seq;
        for (const listener of this.listeners) listener(entry);
      }
    }
  }
}

const feeds = new WeakMap<ServiceContext, AuditLiveFeed>();

/** The live feed of this server process (one per service context). */
export function auditLiveFeed(ctx: ServiceContext): AuditLiveFeed {
  let feed = feeds.get(ctx);
  if (!feed) {
    feed = new AuditLiveFeed(ctx);
    feeds.set(ctx, feed);
  }
  return feed;
}
