/**
 * Fixtures for tests elsewhere in the project: deterministic, valid audit chains and the tools to damage
 * them. Test code only.
 */

import { SeededRandom } from '../src/demo/synthetic/random.js';
import { type ChainHead, GENESIS_HEAD, headOf, sealAuditEntry } from '../src/domain/audit/chain.js';
import type { AuditEntryContent, StoredAuditEntry } from '../src/domain/audit/entry.js';
import {
  AUDIT_EVENT_TYPE_NAMES,
  AUDIT_EVENT_TYPES,
  type AuditEvent,
  type AuditEventType,
  type SubjectPresence,
} from '../src/domain/audit/event-types.js';

/** A seeded stream of numbers in [0, 1): the same seed always gives the same sequence. */
export function seededRandom(seed: number): () => number {
  const random = new SeededRandom(seed);
  return () => random.next();
}

const CHAIN_START_MS = Date.UTC(2026, 0, 1, 8, 0, 0, 0);
const PERSONAS = ['high_utilization', 'variable_income', 'subscription_heavy', 'savings_builder'] as const;

/**
 * `n` sealed entries with seqs 1..n, every event type represented in turn of the PRNG, and event data that
 * passes `validateEventData`. Equal `(n, seed)` give identical chains.
 */
export function buildChain(n: number, seed = 1): StoredAuditEntry[] {
  const random = seededRandom(seed);
  const entries: StoredAuditEntry[] = [];
  let head: ChainHead = GENESIS_HEAD;
  let clock = CHAIN_START_MS;
  for (let seq = 1; seq <= n; seq++) {
    clock += 1 + Math.floor(random() * 60_000);
    const entry = sealAuditEntry(sampleAuditContent(seq, new Date(clock).toISOString(), random, seed), head);
    entries.push(entry);
    head = headOf(entry);
  }
  return entries;
}

/** Yields `entries` one at a time asynchronously, like a database cursor or a file stream. */
export async function* streamOf<T>(entries: Iterable<T>): AsyncGenerator<T> {
  for (const entry of entries) {
    await Promise.resolve();
    yield entry;
  }
}

/**
 * Re-seals `entries[fromIndex..]` with seqs continuing from `entries[fromIndex - 1]`, as an attacker who
 * knows the formula would after changing or inserting something. Content is kept; entries are copies.
 */
export function resealFrom(entries: readonly StoredAuditEntry[], fromIndex: number): StoredAuditEntry[] {
  const sealed = entries.slice(0, fromIndex);
  let head: ChainHead = fromIndex === 0 ? GENESIS_HEAD : headOf(sealed[fromIndex - 1]!);
  for (const entry of entries.slice(fromIndex)) {
    const next = sealAuditEntry(entry, head);
    sealed.push(next);
    head = headOf(next);
  }
  return sealed;
}

function sampleAuditContent(
  seq: number,
  occurredAt: string,
  random: () => number,
  seed: number,
): AuditEntryContent {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const eventType = pick(AUDIT_EVENT_TYPE_NAMES);
  const user = `user_${String(1 + Math.floor(random() * 100)).padStart(3, '0')}`;
  const operator = pick(['op_admin_001', 'op_reviewer_002', 'op_compliance_003']);
  const recommendation = `rec_${seed}_${seq}`;
  const event = sampleEvent(eventType, { recommendation, random, pick, seq });
  const carries = AUDIT_EVENT_TYPES[eventType].carries;
  const names = (presence: SubjectPresence) =>
    presence === 'required' || (presence === 'optional' && random() < 0.5);
  const operatorId = names(carries.operator) ? operator : null;
  const security = operatorId !== null;
  return {
    logId: `log_${seed}_${seq}`,
    eventType,
    userId: names(carries.user) ? user : null,
    operatorId,
    recommendationId: names(carries.recommendation) ? recommendation : null,
    occurredAt,
    eventData: event.eventData,
    ipAddress: security ? `10.0.${seq % 256}.${1 + (seq % 250)}` : null,
    userAgent: security ? 'Mozilla/5.0 (X11; Linux x86_64)' : 'SpendSense/engine',
  };
}

interface SampleTools {
  recommendation: string;
  random: () => number;
  pick: <T>(items: readonly T[]) => T;
  seq: number;
}

const SAMPLE_HASH = 'ab'.repeat(32);

function sampleEvent(eventType: AuditEventType, tools: SampleTools): AuditEvent {
  const { recommendation, random, pick, seq } = tools;
  const pass = random() < 0.8;
  switch (eventType) {
    case 'recommendation_generated':
      return {
        eventType,
        eventData: {
          persona_id: pick(PERSONAS),
          window: pick(['D30', 'D180'] as const),
          content_id: `edu_${Math.floor(random() * 40)}`,
          content_type: pick(['education', 'partner_offer'] as const),
          title: 'Understanding credit utilization',
          rationale: `We noticed your Visa ending in 4523 is at ${Math.floor(random() * 100)}% utilization.`,
          passed_guardrails: pass,
          guardrail_results: [
            { stage: 'consent', pass: true, reason: null },
            { stage: 'eligibility', pass, reason: pass ? null : 'income_below_threshold' },
          ],
        },
      };
    case 'consent_changed':
      return {
        eventType,
        eventData: {
          old_status: pick(['opted_in', 'opted_out', null] as const),
          new_status: pick(['opted_in', 'opted_out'] as const),
          consent_version: '1.0',
          changed_via: pick(['web', 'api', 'system'] as const),
        },
      };
    case 'eligibility_checked':
      return {
        eventType,
        eventData: {
          recommendation_id: recommendation,
          pass,
          failure_reasons: pass ? [] : ['income_below_threshold'],
          thresholds: { age: 18, income: 20000 },
          user_values: { age: 18 + Math.floor(random() * 50), income: Math.floor(random() * 90000) },
        },
      };
    case 'tone_validated':
      return {
        eventType,
        eventData: {
          recommendation_id: recommendation,
          pass,
          detected_violations: pass ? [] : ['irresponsible'],
          category: pass ? null : 'shame_based',
          severity: pass ? null : 'critical',
          original_text: pass ? 'Small steps add up.' : "You're irresponsible with money.",
        },
      };
    case 'operator_action': {
      const action = pick(['approved', 'overridden', 'flagged'] as const);
      return {
        eventType,
        eventData: {
          recommendation_id: recommendation,
          action,
          justification: action === 'approved' ? null : 'Not appropriate for this situation',
          review_time_seconds: Math.round(random() * 3000) / 10,
          original_status: 'pending',
          new_status: action,
        },
      };
    }
    case 'persona_assigned':
      return {
        eventType,
        eventData: {
          window: pick(['D30', 'D180'] as const),
          persona_id: PERSONAS[0],
          qualifying_personas: [PERSONAS[0], PERSONAS[2]],
          evidence_summary: { 'credit.maxUtilizationPct': Math.round(random() * 1000) / 10 },
          reason: 'Highest-priority qualifying persona',
          confidence: Math.round(random() * 100) / 100,
          registry_version: '2026.1',
          assignment_id: `pa_${seq}`,
        },
      };
    case 'persona_overridden':
      return {
        eventType,
        eventData: {
          window: 'D30',
          old_persona: PERSONAS[0],
          new_persona: PERSONAS[3],
          justification: 'Utilization spike was a one-off balance transfer',
          assignment_id: `pa_${seq}`,
        },
      };
    case 'login_attempt':
      return {
        eventType,
        eventData: {
          status: pass ? 'success' : 'failure',
          username: 'admin',
          failure_reason: pass ? null : 'invalid_password',
        },
      };
    case 'logout':
      return {
        eventType,
        eventData: { username: 'admin', session_started_at: '2026-11-22T07:02:49.123Z' },
      };
    case 'unauthorized_access':
      return {
        eventType,
        eventData: {
          field_path: 'Query.auditLog',
          required_scopes: ['compliance', 'admin'],
          operator_role: 'viewer',
        },
      };
    case 'audit_exported':
      return {
        eventType,
        eventData: {
          format: pick(['csv', 'json'] as const),
          filters: { event_type: 'operator_action' },
          row_count: 2,
          first_seq: 1,
          last_seq: Math.max(1, seq - 1),
        },
      };
    case 'audit_archived':
    case 'audit_purged':
      return {
        eventType,
        eventData: {
          range: { first_seq: 1, last_seq: Math.max(1, seq - 1) },
          row_count: Math.max(1, seq - 1),
          archive_file: 'audit_archives/2026-01/part-0001.parquet',
          archive_sha256: SAMPLE_HASH,
          prev_hash_before_first: '0'.repeat(64),
          head_hash: SAMPLE_HASH,
        },
      };
    case 'audit_checkpoint':
      return {
        eventType,
        eventData: {
          checkpoint_version: 1,
          seq: Math.max(1, seq - 1),
          head_hash: SAMPLE_HASH,
          signed_at: '2026-11-22T07:02:49.123Z',
          signature: { algorithm: 'Ed25519', key_id: '0123456789abcdef', value: 'c2lnbmF0dXJl' },
        },
      };
  }
}
