import { randomUUID } from 'node:crypto';
import {
  type AuditEventDataMap,
  type AuditEventType,
  auditTimestamp,
  contentHash,
  type JsonObject,
  validateEventData,
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
    const validation = validateEventData(record.eventType, record.eventData);
    if (!validation.valid) {
      // A programming error, not bad user input: the writer built event data of the wrong shape.
      throw new Error(`Invalid ${record.eventType} audit data: ${validation.problems.join('; ')}`);
    }
    const content = {
      logId: randomUUID(),
      eventType: record.eventType,
      userId: record.userId ?? null,
      operatorId: record.operatorId ?? null,
      recommendationId: record.recommendationId ?? null,
      occurredAt: auditTimestamp(record.occurredAt ?? this.ctx.now()),
      eventData: record.eventData as unknown as JsonObject,
      ipAddress: record.origin?.ipAddress ?? null,
      userAgent: record.origin?.userAgent ?? null,
    };
    const rows = await this.tx.$queryRaw<Array<{ seq: bigint; hash: string }>>`
      SELECT seq, hash FROM audit_append(
        ${content.logId}::uuid, ${content.eventType}::"AuditEventType", ${content.userId},
        ${content.operatorId}::uuid, ${content.recommendationId}::uuid, ${content.occurredAt}::timestamptz,
        ${JSON.stringify(content.eventData)}::jsonb, ${content.ipAddress}, ${content.userAgent},
        ${contentHash(content)})`;
    const row = rows[0]!;
    const appended = { seq: BigInt(row.seq), logId: content.logId, hash: row.hash };
    this.appended.push(appended);
    return appended;
  }
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
    ctx.pubsub.publish('auditEntry:added', { seq: entry.seq.toString() });
  }
  return result;
}
