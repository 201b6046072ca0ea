import { randomUUID } from 'node:crypto';
import {
  AUDIT_EVENT_TYPES,
  type AuditEventDataMap,
  type AuditEventType,
  GENESIS_HASH,
} from '@spendsense/server/domain/audit/index';
import type { Operator } from '@spendsense/server/generated/prisma/client';
import { runAuditedWithEntries } from '@spendsense/server/services/audit/record-audit';
import type { ServiceContext } from '@spendsense/server/services/context';
import { createOperator } from '@spendsense/server/services/operators';

/**
 * Audit-log fixtures written through the real AuditWriter (`runAudited`), so every entry is sealed and
 * chained exactly as production writes it. Fast: one transaction per batch of entries.
 */

/** Who and what fixture entries point at. Customers, operators and recommendations exist as rows. */
export interface AuditFixtureWorld {
  customerIds: string[];
  /** A customer id that appears in entries but has no `users` row (customers can be deleted). */
  missingCustomerId: string;
  operators: Operator[];
  recommendationIds: string[];
}

/** What the generator wrote: enough to compute expected filter results independently of SQL. */
export interface AuditFixtureEntry {
  seq: bigint;
  eventType: AuditEventType;
  userId: string | null;
  operatorId: string | null;
  recommendationId: string | null;
  occurredAt: Date;
}

export interface AuditFixtureOptions {
  count: number;
  /** occurredAt of the first entry. Default 2026-01-01T00:00:00.000Z. */
  start?: Date;
  /** Milliseconds between entries; every 10th entry repeats its predecessor's instant. Default one hour. */
  stepMs?: number;
  /** Event types to cycle through. Default: every type except audit_archived and audit_purged. */
  types?: readonly AuditEventType[];
  /** Entries per transaction. Default 100. */
  batchSize?: number;
}

const NON_ARCHIVAL_TYPES = (Object.keys(AUDIT_EVENT_TYPES) as AuditEventType[]).filter(
  (type) => type !== 'audit_archived' && type !== 'audit_purged',
);

/** Three customers, a missing one, two operators (compliance, admin) and two recommendations. */
export async function createAuditFixtureWorld(
  services: ServiceContext,
  prefix = 'fx',
): Promise<AuditFixtureWorld> {
  const prisma = services.db.prisma;
  const customerIds = [1, 2, 3].map((n) => `usr_${prefix}_${n}`);
  for (const [index, id] of customerIds.entries()) {
    await prisma.user.create({
      data: {
        id,
        name: `Fixture Customer ${index + 1}`,
        email: `${id}@example.com`,
        dateOfBirth: new Date('1990-05-17'),
      },
    });
  }
  const operators: Operator[] = [];
  for (const role of ['COMPLIANCE', 'ADMIN'] as const) {
    const username = `${prefix}-${role.toLowerCase()}-operator`;
    operators.push(
      await createOperator(services, {
        username,
        displayName: `Fixture ${role}`,
        role,
        password: 'Fixture-pass-word-42!',
      }),
    );
  }
  const recommendationIds: string[] = [];
  for (const [index, userId] of customerIds.slice(0, 2).entries()) {
    const recommendation = await prisma.recommendation.create({
      data: {
        userId,
        window: 'D30',
        personaId: 'high_utilization',
        kind: 'EDUCATION',
        catalogItemId: `edu-fixture-${index}`,
        title: `Fixture item ${index}`,
        body: 'Fixture body.',
        rationale: 'Because of fixture numbers.',
        status: 'PENDING_REVIEW',
        guardrailResults: [],
        generationId: randomUUID(),
        createdAt: new Date('2026-01-01T00:00:00.000Z'),
      },
    });
    recommendationIds.push(recommendation.id);
  }
  return { customerIds, missingCustomerId: `usr_${prefix}_missing`, operators, recommendationIds };
}

/**
 * Appends `count` entries cycling through event types, customers, operators and recommendations, with
 * occurredAt rising by `stepMs` (and a tie every 10th entry, to test inclusive bounds).
 */
export async function appendAuditFixtures(
  services: ServiceContext,
  world: AuditFixtureWorld,
  options: AuditFixtureOptions,
): Promise<AuditFixtureEntry[]> {
  const types = options.types ?? NON_ARCHIVAL_TYPES;
  const start = (options.start ?? new Date('2026-01-01T00:00:00.000Z')).getTime();
  const stepMs = options.stepMs ?? 3_600_000;
  const batchSize = options.batchSize ?? 100;
  const customers = [...world.customerIds, world.missingCustomerId];
  const written: AuditFixtureEntry[] = [];
  let instant = start;
  for (let offset = 0; offset < options.count; offset += batchSize) {
    const batch = Array.from({ length: Math.min(batchSize, options.count - offset) }, (_, i) => {
      const index = offset + i;
      if (index > 0 && index % 10 !== 0) instant += stepMs;
      const eventType = types[index % types.length]!;
      return fixtureRecord(eventType, index, new Date(instant), {
        userId: customers[Math.floor(index / 2) % customers.length]!,
        operatorId: world.operators[Math.floor(index / 3) % world.operators.length]!.id,
        recommendationId: world.recommendationIds[Math.floor(index / 7) % world.recommendationIds.length]!,
      });
    });
    const { appended } = await runAuditedWithEntries(services, async (_tx, audit) => {
      for (const record of batch) await audit.record(record);
    });
    batch.forEach((record, i) => {
      written.push({
        seq: appended[i]!.seq,
        eventType: record.eventType,
        userId: record.userId,
        operatorId: record.operatorId,
        recommendationId: record.recommendationId,
        occurredAt: record.occurredAt,
      });
    });
  }
  return written;
}

interface FixtureRecord<K extends AuditEventType = AuditEventType> {
  eventType: K;
  eventData: AuditEventDataMap[K];
  userId: string | null;
  operatorId: string | null;
  recommendationId: string | null;
  occurredAt: Date;
  origin: { ipAddress: string | null; userAgent: string | null };
}

/** A valid entry of `eventType`, naming exactly the subjects its type carries. */
export function fixtureRecord(
  eventType: AuditEventType,
  index: number,
  occurredAt: Date,
  subjects: { userId: string; operatorId: string; recommendationId: string },
): FixtureRecord {
  const carries = AUDIT_EVENT_TYPES[eventType].carries;
  // Optional subjects are named on every other entry, so both forms occur.
  const pick = <T>(presence: string, value: T): T | null =>
    presence === 'required' || (presence === 'optional' && index % 2 === 0) ? value : null;
  const userId = pick(carries.user, subjects.userId);
  const operatorId = pick(carries.operator, subjects.operatorId);
  const recommendationId = pick(carries.recommendation, subjects.recommendationId);
  const operatorEvent =
    operatorId !== null || eventType === 'login_attempt' || eventType === 'unauthorized_access';
  return {
    eventType,
    eventData: fixtureData(eventType, index, recommendationId),
    userId,
    operatorId,
    recommendationId,
    occurredAt,
    origin: operatorEvent
      ? { ipAddress: `10.0.${index % 256}.${(index * 7) % 256}`, userAgent: `fixture-agent/${index % 3}` }
      : { ipAddress: null, userAgent: null },
  };
}

function fixtureData(
  eventType: AuditEventType,
  index: number,
  recommendationId: string | null,
): AuditEventDataMap[AuditEventType] {
  const window = index % 2 === 0 ? 'D30' : 'D180';
  const pass = index % 3 !== 0;
  switch (eventType) {
    case 'recommendation_generated':
      return {
        persona_id: 'high_utilization',
        window,
        content_id: `edu-${index}`,
        content_type: index % 4 === 0 ? 'partner_offer' : 'education',
        title: `Item ${index}`,
        rationale: `Because your utilization is ${index % 100}%.`,
        passed_guardrails: pass,
        guardrail_results: [
          { stage: 'consent', pass: true, reason: null },
          { stage: 'eligibility', pass, reason: pass ? null : 'income_below_threshold' },
        ],
      };
    case 'consent_changed':
      return {
        old_status: index % 4 === 0 ? null : 'opted_out',
        new_status: 'opted_in',
        consent_version: '1.0',
        changed_via: 'web',
        reason: null,
      };
    case 'eligibility_checked':
      return {
        recommendation_id: recommendationId ?? 'none',
        pass,
        failure_reasons: pass ? [] : ['income_below_threshold'],
        thresholds: { min_income: 30000 },
        user_values: { income: 20000 + index * 100 },
      };
    case 'tone_validated':
      return {
        ...(recommendationId ? { recommendation_id: recommendationId } : {}),
        pass,
        detected_violations: pass ? [] : ['act now'],
        category: pass ? null : 'pressure',
        severity: pass ? null : 'warning',
        original_text: `Text ${index}`,
      };
    case 'operator_action':
      return {
        ...(recommendationId ? { recommendation_id: recommendationId } : {}),
        action: pass ? 'approved' : 'flagged',
        justification: pass ? null : 'Needs a closer look',
        review_time_seconds: 30 + index,
        original_status: 'PENDING_REVIEW',
        new_status: pass ? 'APPROVED' : 'FLAGGED',
      };
    case 'persona_assigned':
      return {
        window,
        persona_id: 'high_utilization',
        qualifying_personas: ['high_utilization', 'subscription_heavy'],
        evidence_summary: { 'credit.maxUtilizationPct': 50 + (index % 40) },
        reason: 'Highest-priority persona whose criteria matched',
        confidence: 0.75,
        registry_version: 'fixture-registry',
        assignment_id: randomUUID(),
      };
    case 'persona_overridden':
      return {
        window,
        old_persona: 'high_utilization',
        new_persona: 'savings_builder',
        justification: 'Customer paid off the card',
        assignment_id: randomUUID(),
      };
    case 'login_attempt':
      return {
        status: pass ? 'success' : 'failure',
        username: `fixture-user-${index % 5}`,
        failure_reason: pass ? null : 'invalid_password',
      };
    case 'logout':
      return { username: `fixture-user-${index % 5}`, session_started_at: '2026-01-01T00:00:00.000Z' };
    case 'unauthorized_access':
      return {
        field_path: 'Query.auditLog',
        required_scopes: ['capability:readAudit'],
        operator_role: 'VIEWER',
      };
    case 'audit_exported':
      return {
        format: 'csv',
        filters: {},
        row_count: index,
        first_seq: 1,
        last_seq: index + 1,
        head_hash: null,
      };
    case 'audit_archived':
    case 'audit_purged':
      return {
        range: { first_seq: 1, last_seq: 1 + index },
        row_count: 1 + index,
        archive_file: `archive-${index}.parquet`,
        archive_sha256: 'a'.repeat(64),
        prev_hash_before_first: GENESIS_HASH,
        head_hash: 'b'.repeat(64),
      };
    case 'audit_checkpoint':
      return {
        checkpoint_version: 1,
        seq: 1 + index,
        head_hash: 'b'.repeat(64),
        signed_at: '2026-01-01T00:00:00.000Z',
        signature: { algorithm: 'Ed25519', key_id: '0123456789abcdef', value: 'c2lnbmF0dXJl' },
      };
  }
}
