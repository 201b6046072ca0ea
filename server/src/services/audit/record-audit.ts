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
 * Appends audit entries inside the caller's transaction, and remembers them so they are announced to
 * live subscribers only after that transaction has committed.
 */
export class AuditWriter {
  readonly appended: AppendedAudit[] = [];

  constructor(
    private readonly tx: Db,
    private readonly ctx: ServiceContext,
  ) {}

  async record<K extends AuditEventType>(record: AuditRecord<K>): Promise<AppendedAudit> {
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
    const rows = await this.tx.$queryRaw<Array<{ seq: bigint; hash: string }>>`
      SELECT seq, hash FROM audit_append(
        ${content.logId}::uuid, ${content.eventType}::"AuditEventType", ${content.userId},
        ${content.operatorId}::uuid, ${content.recommendationId}::uuid, ${content.occurredAt}::timestamptz,
        ${JSON.stringify(content.eventData)}::jsonb, ${content.ipAddress}, ${content.userAgent},
        ${contentHash(content)})`;
    const row = rows[0]!;
    const appended = {
      seq: BigInt(row.seq),
      eventType: record.eventType,
      logId: content.logId,
      hash: row.hash,
    };
    this.appended.push(appended);
    return appended;
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
  let writer: AuditWriter | undefined;
  const result = await ctx.db.prisma.$transaction(
    async (tx) => {
      writer = new AuditWriter(tx, ctx);
      return work(tx, writer);
    },
    { timeout: options.timeout ?? 30_000, maxWait: 30_000 },
  );
  for (const entry of writer?.appended ?? []) {
    ctx.metrics.auditEntriesAppended.inc({ event_type: entry.eventType });
    ctx.pubsub.publish('auditEntry:added', { seq: entry.seq.toString() });
  }
  if (writer?.appended.length) ctx.checkpointer?.noteAppended(writer.appended.length);
  return result;
}
