import { randomUUID } from 'node:crypto';
import {
  type AuditEntryContent,
  type AuditEventDataMap,
  type AuditEventType,
  auditEntryProblems,
  auditTimestamp,
  contentHash,
  type JsonObject,
} from '../../domain/audit/index.js';
import type { RequestOrigin, ServiceContext } from '../context.js';
import type { Db } from '../db-types.js';

/** One event to append to the audit trail. */
export interface AuditRecord<K extends AuditEventType = AuditEventType> {
  eventType: K;
  eventData: AuditEventDataMap[K];
  userId?: string | null;
  operatorId?: string | null;
  recommendationId?: string | null;
  origin?: RequestOrigin | null;
  /** Defaults to the service clock. */
  occurredAt?: Date;
}

export interface AppendedAudit {
  seq: bigint;
  eventType: AuditEventType;
  logId: string;
  hash: string;
}

/**
 * Collects the audit entries of the caller's transaction and appends them, in the order recorded, when the
 * transaction's work is done (`runAudited` calls `flush` right before committing): the chain head's lock is
 * then held only from the append to the commit, not while the business writes run, and a transaction that
 * records many entries appends them in one statement. They are announced to live subscribers only after
 * that transaction has committed.
 */
export class AuditWriter {
  readonly appended: AppendedAudit[] = [];
  private readonly pending: Array<{ content: AuditEntryContent; hash: string }> = [];

  constructor(
    private readonly tx: Db,
    private readonly ctx: ServiceContext,
  ) {}

  /** Seals the entry (checked, hashed, dated by the service clock) for appending at commit. */
  async record<K extends AuditEventType>(record: AuditRecord<K>): Promise<void> {
    const content: AuditEntryContent = {
      logId: randomUUID(),
      eventType: record.eventType,
      userId: record.userId ?? null,
      operatorId: record.operatorId ?? null,
      recommendationId: record.recommendationId ?? null,
      occurredAt: auditTimestamp(record.occurredAt ?? this.ctx.now()),
      eventData: withoutNul(record.eventData) as JsonObject,
      ipAddress: withoutNul(record.origin?.ipAddress ?? null),
      userAgent: withoutNul(record.origin?.userAgent ?? null),
    };
    const problems = auditEntryProblems(content);
    if (problems.length > 0) {
      // A programming error, not bad user input: the caller built an entry of the wrong shape.
      throw new Error(`Invalid ${record.eventType} audit entry: ${problems.join('; ')}`);
    }
    this.pending.push({ content, hash: contentHash(content) });
  }

  /** Appends the entries recorded since the last flush: one `audit_append`, or one `audit_append_batch`. */
  async flush(): Promise<void> {
    const entries = this.pending.splice(0);
    if (entries.length === 0) return;
    let rows: Array<{ seq: bigint; hash: string }>;
    if (entries.length === 1) {
      const { content, hash } = entries[0]!;
      rows = await this.tx.$queryRaw`
        SELECT seq, hash FROM audit_append(
          ${content.logId}::uuid, ${content.eventType}::"AuditEventType", ${content.userId},
          ${content.operatorId}::uuid, ${content.recommendationId}::uuid, ${content.occurredAt}::timestamptz,
          ${JSON.stringify(content.eventData)}::jsonb, ${content.ipAddress}, ${content.userAgent}, ${hash})`;
    } else {
      const batch = entries.map(({ content, hash }) => ({
        log_id: content.logId,
        event_type: content.eventType,
        user_id: content.userId,
        operator_id: content.operatorId,
        recommendation_id: content.recommendationId,
        occurred_at: content.occurredAt,
        event_data: content.eventData,
        ip_address: content.ipAddress,
        user_agent: content.userAgent,
        content_hash: hash,
      }));
      rows = await this.tx.$queryRaw`
        SELECT seq, hash FROM audit_append_batch(${JSON.stringify(batch)}::jsonb)`;
    }
    entries.forEach(({ content }, index) => {
      const row = rows[index]!;
      this.appended.push({
        seq: BigInt(row.seq),
        eventType: content.eventType,
        logId: content.logId,
        hash: row.hash,
      });
    });
  }
}

/**
 * PostgreSQL text and jsonb cannot hold U+0000, which user-supplied text (a justification, a user agent) may
 * carry; it is replaced before hashing so the stored entry and its hash always agree.
 */
function withoutNul<T>(value: T): T {
  if (typeof value === 'string') return value.replaceAll('\u0000', '\uFFFD') as T;
  if (Array.isArray(value)) return value.map(withoutNul) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [withoutNul(k), withoutNul(v)])) as T;
  }
  return value;
}

/**
 * Runs `work` in one transaction with an audit writer: the business writes and their audit entries commit
 * together or not at all. Committed entries are then published to live subscribers.
 */
export async function runAudited<T>(
  ctx: ServiceContext,
  work: (tx: Db, audit: AuditWriter) => Promise<T>,
  options: { timeout?: number } = {},
): Promise<T> {
  return (await runAuditedWithEntries(ctx, work, options)).result;
}

/** `runAudited`, also returning the entries it appended (their sequence numbers and hashes), in order. */
export async function runAuditedWithEntries<T>(
  ctx: ServiceContext,
  work: (tx: Db, audit: AuditWriter) => Promise<T>,
  options: { timeout?: number } = {},
): Promise<{ result: T; appended: readonly AppendedAudit[] }> {
  let writer: AuditWriter | undefined;
  const result = await ctx.db.prisma.$transaction(
    async (tx) => {
      writer = new AuditWriter(tx, ctx);
      const result = await work(tx, writer);
      await writer.flush();
      return result;
    },
    { timeout: options.timeout ?? 30_000, maxWait: 30_000 },
  );
  const appended = writer?.appended ?? [];
  announce(ctx, appended);
  return { result, appended };
}

/**
 * Appends one entry that has no business write to commit with (a denial, a checkpoint, an export's
 * receipt): a single `audit_append` statement in its own transaction, without an interactive transaction's
 * round trips. Then announces it like `runAudited`.
 */
export async function appendAuditEntry<K extends AuditEventType>(
  ctx: ServiceContext,
  record: AuditRecord<K>,
): Promise<AppendedAudit> {
  const writer = new AuditWriter(ctx.db.prisma, ctx);
  await writer.record(record);
  await writer.flush();
  announce(ctx, writer.appended);
  return writer.appended[0]!;
}

/** Committed entries: counted, published to live subscribers, noted for the next checkpoint. */
function announce(ctx: ServiceContext, appended: readonly AppendedAudit[]): void {
  for (const entry of appended) {
    ctx.metrics.auditEntriesAppended.inc({ event_type: entry.eventType });
    ctx.pubsub.publish('auditEntry:added', { seq: entry.seq.toString() });
  }
  if (appended.length) ctx.checkpointer?.noteAppended(appended.length);
}
