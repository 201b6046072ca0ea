import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { progressBar } from '@spendsense/server/cli/progress';
import { loadConfig } from '@spendsense/server/config';
import type { Database } from '@spendsense/server/db/client';
import {
  type AuditEntryContent,
  type AuditEventDataMap,
  type AuditEventType,
  auditTimestamp,
  contentHash,
  type JsonObject,
} from '@spendsense/server/domain/audit/index';
import { DEFAULT_RETENTION } from '@spendsense/server/domain/audit/retention';
import { createOversightPubSub } from '@spendsense/server/pubsub';
import { verifyAuditIntegrity } from '@spendsense/server/services/audit/verify';
import { createServices, type ServiceContext } from '@spendsense/server/services/context';
import { createOperator, login } from '@spendsense/server/services/operators';
import { hashPassword } from '@spendsense/server/services/passwords';
import { seededRandom } from '@spendsense/server/test-support/audit-chain';
import pg from 'pg';
import { POSTGRES_BASE_URL, PostgresScratch } from './databases.js';

/**
 * The audit benchmarks' shared data set: a million audit entries appended through the real `audit_append`
 * function (so seqs, links and the head are what production would hold), of mixed event types with realistic
 * event data, ~100k customers, ~50 operators and 36 months of history, newest last.
 *
 * Built once per `pnpm bench` process and shared by every audit benchmark of that run, then dropped when
 * the process ends. With `BENCH_AUDIT_KEEP=1` it is kept under a fixed name instead and reused by later
 * runs with the same fixture version and size (their own appends accumulate on top of it).
 */

/** Bump when the generated entries change shape, so a kept database from an older version is rebuilt. */
export const AUDIT_FIXTURE_VERSION = 1;

export interface AuditFixtureSpec {
  entries: number;
  customers: number;
  operators: number;
  seed: number;
  /** Exclusive end of the history; entries spread evenly over the 36 months before it. */
  endsAt: string;
  months: number;
}

export function auditFixtureSpec(quick: boolean): AuditFixtureSpec {
  return {
    // BENCH_AUDIT_ENTRIES sizes a run between the two when the full million does not fit the time at hand.
    entries: Number(process.env.BENCH_AUDIT_ENTRIES) || (quick ? 20_000 : 1_000_000),
    customers: quick ? 2_000 : 100_000,
    operators: 50,
    seed: 11,
    endsAt: '2026-11-01T00:00:00.000Z',
    months: 36,
  };
}

/**
 * How often each event type occurs. The ten types the services write; `audit_archived` and `audit_purged`
 * are left out because they declare rows removed from the table, which would make the intact fixture fail
 * integrity verification.
 */
const EVENT_MIX: ReadonlyArray<readonly [AuditEventType, number]> = [
  ['persona_assigned', 0.34],
  ['recommendation_generated', 0.32],
  ['eligibility_checked', 0.11],
  ['tone_validated', 0.11],
  ['consent_changed', 0.04],
  ['operator_action', 0.035],
  ['login_attempt', 0.03],
  ['unauthorized_access', 0.008],
  ['persona_overridden', 0.005],
  ['audit_exported', 0.002],
];

/** The compliance officer's page: two event types (66 % of entries) in a three-month window. */
export const PAGE_EVENT_TYPES: readonly AuditEventType[] = ['recommendation_generated', 'persona_assigned'];

export interface QuarterWindow {
  label: string;
  from: string;
  to: string;
}

/** The newest full quarter of the fixture, and the same quarter a year earlier (deep in the table). */
export const PAGE_WINDOWS: readonly QuarterWindow[] = [
  { label: 'latest quarter', from: '2026-08-01T00:00:00.000Z', to: '2026-10-31T23:59:59.999Z' },
  { label: 'quarter a year back', from: '2025-08-01T00:00:00.000Z', to: '2025-10-31T23:59:59.999Z' },
];

const PERSONAS = [
  'high_utilization',
  'variable_income_budgeter',
  'subscription_heavy',
  'savings_builder',
  'cash_flow_optimizer',
  'young_professional',
] as const;
const EDUCATION = [
  ['edu-credit-utilization', 'Understanding credit utilization'],
  ['edu-debt-avalanche-snowball', 'Avalanche or snowball: paying down several cards'],
  ['edu-minimum-payment-calculator', 'What paying only the minimum really costs'],
  ['edu-emergency-fund', 'Building a three-month emergency fund'],
  ['edu-subscription-audit', 'A 15-minute subscription audit'],
  ['edu-reading-card-statement', 'Reading your card statement line by line'],
] as const;
const OFFERS = [
  ['offer-balance-transfer-0apr', 'Balance transfer card with 0% APR for 18 months'],
  ['offer-high-yield-savings', 'High-yield savings account at 4.1% APY'],
  ['offer-budgeting-app', 'Budgeting app with automatic categories'],
] as const;
const ELIGIBILITY_FAILURES = [
  'income_below_threshold',
  'credit_score_below_minimum',
  'existing_product_held',
  'age_below_18',
] as const;
const TONE_FAILURES = [
  ['shame_based', "You're overspending again and it's hurting you."],
  ['pressure', 'Act now before it is too late to fix your finances!'],
  ['misleading', 'This card will guarantee a better credit score.'],
] as const;
const DENIED_FIELDS = ['Query.auditLog', 'Query.complianceMetrics', 'Mutation.overridePersona'] as const;
const BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0',
] as const;
const ENGINE_AGENT = 'SpendSense/engine';

interface RecentRecommendation {
  id: string;
  userId: string;
  personaId: string;
}

/**
 * Audit entry contents in chain order, reproducible from the seed (apart from log, recommendation and
 * assignment UUIDs, which are random as in production). Recommendations are followed by their guardrail
 * checks and reviews, which name a recently generated recommendation and its customer.
 */
export class AuditEntryFactory {
  private readonly random: () => number;
  private readonly startMs: number;
  private readonly gapMs: number;
  private readonly recent: RecentRecommendation[] = [];
  private produced = 0;

  constructor(
    private readonly spec: AuditFixtureSpec,
    private readonly operatorIds: readonly string[],
    options: { seedOffset?: number; startsAt?: string; gapMs?: number } = {},
  ) {
    this.random = seededRandom(spec.seed + (options.seedOffset ?? 0));
    const endMs = Date.parse(spec.endsAt);
    const start = new Date(endMs);
    start.setUTCMonth(start.getUTCMonth() - spec.months);
    this.startMs = options.startsAt ? Date.parse(options.startsAt) : start.getTime();
    this.gapMs = options.gapMs ?? (endMs - start.getTime()) / spec.entries;
  }

  /** The next entry; each occurs within its own slot of the timeline, so time never goes backwards. */
  next(): AuditEntryContent {
    const slot = this.produced++;
    const occurredAt = new Date(Math.floor(this.startMs + (slot + this.random() * 0.999) * this.gapMs));
    const eventType = this.eventType();
    return this.content(eventType, auditTimestamp(occurredAt));
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  private chance(p: number): boolean {
    return this.random() < p;
  }

  private round(value: number, decimals: number): number {
    const factor = 10 ** decimals;
    return Math.round(value * factor) / factor;
  }

  private eventType(): AuditEventType {
    let roll = this.random();
    for (const [type, weight] of EVENT_MIX) {
      roll -= weight;
      if (roll < 0) return type;
    }
    return EVENT_MIX[0]![0];
  }

  private customer(): string {
    return `usr_${String(1 + Math.floor(this.random() * this.spec.customers)).padStart(6, '0')}`;
  }

  private operator(): string {
    return this.pick(this.operatorIds);
  }

  private ipAddress(): string {
    return `10.${20 + Math.floor(this.random() * 4)}.${Math.floor(this.random() * 256)}.${1 + Math.floor(this.random() * 254)}`;
  }

  /** A recommendation generated recently, or a new one when none is waiting. */
  private recentRecommendation(): RecentRecommendation {
    if (this.recent.length === 0) return this.newRecommendation();
    return this.recent[Math.floor(this.random() * this.recent.length)]!;
  }

  private newRecommendation(): RecentRecommendation {
    const recommendation = { id: randomUUID(), userId: this.customer(), personaId: this.pick(PERSONAS) };
    this.recent.push(recommendation);
    if (this.recent.length > 2_000) this.recent.shift();
    return recommendation;
  }

  private content(eventType: AuditEventType, occurredAt: string): AuditEntryContent {
    const base = {
      logId: randomUUID(),
      eventType,
      occurredAt,
      userId: null as string | null,
      operatorId: null as string | null,
      recommendationId: null as string | null,
      ipAddress: null as string | null,
      userAgent: ENGINE_AGENT as string | null,
    };
    const operatorRequest = () => {
      base.ipAddress = this.ipAddress();
      base.userAgent = this.pick(BROWSERS);
    };
    let data: AuditEventDataMap[AuditEventType];
    switch (eventType) {
      case 'persona_assigned': {
        base.userId = this.customer();
        const unclassified = this.chance(0.06);
        const persona = this.pick(PERSONAS);
        const also = this.pick(PERSONAS);
        const assigned: AuditEventDataMap['persona_assigned'] = {
          window: this.chance(0.5) ? 'D30' : 'D180',
          persona_id: unclassified ? 'unclassified' : persona,
          qualifying_personas: unclassified ? [] : also === persona ? [persona] : [persona, also],
          evidence_summary: {
            'credit.maxUtilizationPct': this.round(this.random() * 110, 1),
            'credit.minimumPaymentOnly': this.chance(0.2),
            'credit.interestCharges': this.round(this.random() * 180, 2),
            'income.medianPayGapDays': 7 + Math.floor(this.random() * 60),
            'subscriptions.recurringMerchantCount': Math.floor(this.random() * 9),
            'savings.emergencyFundMonths': this.round(this.random() * 7, 2),
          },
          reason: unclassified
            ? 'No persona criteria matched the signals of this window'
            : `Highest-priority qualifying persona: ${persona}`,
          confidence: this.round(0.5 + this.random() * 0.5, 2),
          registry_version: '2026.11-7f3a9c',
          assignment_id: randomUUID(),
        };
        data = assigned;
        break;
      }
      case 'recommendation_generated': {
        const recommendation = this.newRecommendation();
        base.userId = recommendation.userId;
        base.recommendationId = recommendation.id;
        const offer = this.chance(0.3);
        const [contentId, title] = offer ? this.pick(OFFERS) : this.pick(EDUCATION);
        const passed = this.chance(0.85);
        const generated: AuditEventDataMap['recommendation_generated'] = {
          persona_id: recommendation.personaId,
          window: this.chance(0.5) ? 'D30' : 'D180',
          content_id: contentId,
          content_type: offer ? 'partner_offer' : 'education',
          title,
          rationale: `We noticed your Visa ending in ${1000 + Math.floor(this.random() * 9000)} is at ${Math.floor(this.random() * 100)}% utilization, which brings your score down; keeping it under 30% would save about $${Math.floor(this.random() * 90) + 10}/month in interest.`,
          passed_guardrails: passed,
          guardrail_results: [
            { stage: 'consent', pass: true, reason: null },
            { stage: 'eligibility', pass: true, reason: null },
            { stage: 'tone', pass: passed, reason: passed ? null : 'pressure' },
            ...(passed ? [{ stage: 'disclaimer' as const, pass: true, reason: null }] : []),
          ],
        };
        data = generated;
        break;
      }
      case 'eligibility_checked': {
        const recommendation = this.recentRecommendation();
        base.userId = recommendation.userId;
        base.recommendationId = recommendation.id;
        const pass = this.chance(0.8);
        const checked: AuditEventDataMap['eligibility_checked'] = {
          recommendation_id: recommendation.id,
          pass,
          failure_reasons: pass ? [] : [this.pick(ELIGIBILITY_FAILURES)],
          thresholds: { min_age: 18, min_annual_income: 25_000, min_credit_score: 640 },
          user_values: {
            age: 18 + Math.floor(this.random() * 60),
            annual_income: 12_000 + Math.floor(this.random() * 140_000),
            credit_score: 520 + Math.floor(this.random() * 300),
          },
        };
        data = checked;
        break;
      }
      case 'tone_validated': {
        const recommendation = this.recentRecommendation();
        base.userId = recommendation.userId;
        base.recommendationId = recommendation.id;
        const pass = this.chance(0.9);
        const [category, text] = this.pick(TONE_FAILURES);
        const validated: AuditEventDataMap['tone_validated'] = {
          recommendation_id: recommendation.id,
          pass,
          detected_violations: pass ? [] : [text.split(' ').slice(0, 3).join(' ').toLowerCase()],
          category: pass ? null : category,
          severity: pass ? null : this.chance(0.3) ? 'critical' : 'warning',
          original_text: pass
            ? 'Small, regular transfers add up: even $25 a week builds a cushion for surprises.'
            : text,
        };
        data = validated;
        break;
      }
      case 'consent_changed': {
        base.userId = this.customer();
        const optIn = this.chance(0.8);
        const byOperator = this.chance(0.1);
        if (byOperator) {
          base.operatorId = this.operator();
          operatorRequest();
        }
        const changed: AuditEventDataMap['consent_changed'] = {
          old_status: this.chance(0.5) ? null : optIn ? 'opted_out' : 'opted_in',
          new_status: optIn ? 'opted_in' : 'opted_out',
          consent_version: '2026-03',
          changed_via: byOperator ? 'operator_action' : this.chance(0.7) ? 'web' : 'api',
          reason: byOperator ? 'Customer asked by phone' : null,
        };
        data = changed;
        break;
      }
      case 'operator_action': {
        const recommendation = this.recentRecommendation();
        base.userId = recommendation.userId;
        base.recommendationId = recommendation.id;
        base.operatorId = this.operator();
        operatorRequest();
        const roll = this.random();
        const action = roll < 0.75 ? 'approved' : roll < 0.9 ? 'flagged' : 'overridden';
        const reviewed: AuditEventDataMap['operator_action'] = {
          recommendation_id: recommendation.id,
          action,
          justification: action === 'approved' ? null : 'Offer does not fit the customer’s stated goals',
          review_time_seconds: this.round(20 + this.random() * 600, 1),
          original_status: 'PENDING_REVIEW',
          new_status: action === 'approved' ? 'APPROVED' : action === 'flagged' ? 'FLAGGED' : 'OVERRIDDEN',
        };
        data = reviewed;
        break;
      }
      case 'login_attempt': {
        const success = this.chance(0.9);
        base.operatorId = success || this.chance(0.5) ? this.operator() : null;
        operatorRequest();
        const attempt: AuditEventDataMap['login_attempt'] = {
          status: success ? 'success' : 'failure',
          username: base.operatorId ? `operator.${base.operatorId.slice(0, 8)}` : 'admn',
          failure_reason: success ? null : base.operatorId ? 'wrong_password' : 'unknown_username',
        };
        data = attempt;
        break;
      }
      case 'unauthorized_access': {
        base.operatorId = this.chance(0.8) ? this.operator() : null;
        operatorRequest();
        const denied: AuditEventDataMap['unauthorized_access'] = {
          field_path: this.pick(DENIED_FIELDS),
          required_scopes: ['capability:readAudit'],
          operator_role: base.operatorId ? 'VIEWER' : null,
        };
        data = denied;
        break;
      }
      case 'persona_overridden': {
        base.userId = this.customer();
        base.operatorId = this.operator();
        operatorRequest();
        const overridden: AuditEventDataMap['persona_overridden'] = {
          window: this.chance(0.5) ? 'D30' : 'D180',
          old_persona: this.pick(PERSONAS),
          new_persona: this.pick(PERSONAS),
          justification: 'Utilization spike was a one-off balance transfer; customer pays in full monthly.',
          assignment_id: randomUUID(),
        };
        data = overridden;
        break;
      }
      default: {
        base.operatorId = this.operator();
        operatorRequest();
        const exported: AuditEventDataMap['audit_exported'] = {
          format: this.pick(['csv', 'json', 'ndjson'] as const),
          filters: { event_types: ['operator_action'], from: '2026-01-01T00:00:00.000Z' },
          row_count: 1_000 + Math.floor(this.random() * 50_000),
          first_seq: 1,
          last_seq: 1 + this.produced,
          head_hash: null,
        };
        data = exported;
      }
    }
    return { ...base, eventData: data as JsonObject };
  }
}

/** A hashed entry as the batch append function takes it. */
export interface HashedContent {
  content: AuditEntryContent;
  contentHash: string;
}

export function hashed(content: AuditEntryContent): HashedContent {
  return { content, contentHash: contentHash(content) };
}

const BATCH_APPEND_FUNCTION = `
CREATE OR REPLACE FUNCTION bench_audit_append_batch(
  p_log_ids uuid[], p_event_types text[], p_user_ids text[], p_operator_ids uuid[], p_recommendation_ids uuid[],
  p_occurred_at timestamptz[], p_event_data text[], p_ip_addresses text[], p_user_agents text[],
  p_content_hashes text[]
) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  entry record;
  last_seq bigint;
BEGIN
  -- A FOR loop over a query visits rows in the query's ORDER BY, so entries join the chain in array order.
  FOR entry IN
    SELECT * FROM unnest(p_log_ids, p_event_types, p_user_ids, p_operator_ids, p_recommendation_ids,
      p_occurred_at, p_event_data, p_ip_addresses, p_user_agents, p_content_hashes)
      WITH ORDINALITY AS t(log_id, event_type, user_id, operator_id, recommendation_id, occurred_at,
        event_data, ip_address, user_agent, content_hash, position)
    ORDER BY position
  LOOP
    SELECT a.seq INTO last_seq FROM audit_append(entry.log_id, entry.event_type::"AuditEventType",
      entry.user_id, entry.operator_id, entry.recommendation_id, entry.occurred_at, entry.event_data::jsonb,
      entry.ip_address, entry.user_agent, entry.content_hash) a;
  END LOOP;
  RETURN last_seq;
END;
$$`;

/**
 * Installs `bench_audit_append_batch(...)`: many `audit_append` calls in one statement, in array order. A
 * benchmark helper in the benchmark's own database, not part of the schema.
 */
/** What the batch append needs of a connection: a pg client or the project's SqlExecutor (PGlite too). */
export interface QueryRunner {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

export async function installBatchAppend(client: QueryRunner): Promise<void> {
  await client.query(BATCH_APPEND_FUNCTION);
}

/** Appends `entries` through `audit_append`, in order, in one statement (one transaction). */
export async function appendBatch(client: QueryRunner, entries: readonly HashedContent[]): Promise<bigint> {
  const column = <T>(get: (c: AuditEntryContent) => T) => entries.map((e) => get(e.content));
  const result = await client.query(
    `SELECT bench_audit_append_batch($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::uuid[],
       $6::timestamptz[], $7::text[], $8::text[], $9::text[], $10::text[]) AS last`,
    [
      column((c) => c.logId),
      column((c) => c.eventType),
      column((c) => c.userId),
      column((c) => c.operatorId),
      column((c) => c.recommendationId),
      column((c) => c.occurredAt),
      column((c) => JSON.stringify(c.eventData)),
      column((c) => c.ipAddress),
      column((c) => c.userAgent),
      entries.map((e) => e.contentHash),
    ],
  );
  return BigInt((result.rows[0] as { last: string | bigint }).last);
}

/** Rows per `bench_audit_append_batch` call while loading: every call updates the head row once per entry
 * in one transaction, and the versions that piles up make larger batches slower, not faster. */
const LOAD_BATCH = 1_000;

export interface AuditFixture {
  databaseName: string;
  databaseUrl: string;
  spec: AuditFixtureSpec;
  /** Rows in audit_log when the fixture was handed out (the fixture plus earlier benchmarks' appends). */
  rowsAtStart: number;
  reused: boolean;
  /** Loading through audit_append, when this run built the fixture. */
  load: { ms: number; rowsPerSecond: number; vacuumMs: number } | null;
  operatorIds: string[];
  /** Bearer token of a COMPLIANCE operator. */
  complianceToken: string;
  /** Sanity checks on the data, for the notes. */
  checks: string[];
}

export function databaseUrlOf(name: string, baseUrl = POSTGRES_BASE_URL): string {
  const parsed = new URL(baseUrl);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export function benchServices(db: Database, redisUrl?: string): ServiceContext {
  // Cheap password hashes (bench operators only); warnings and errors only in the log; in-process pub/sub
  // unless a Redis URL is given (several bench servers sharing live events).
  const config = loadConfig({ SCRYPT_COST: '1024', LOG_LEVEL: 'warn', LOG_FORMAT: 'json' });
  return createServices(config, db, {
    pubsub: createOversightPubSub(redisUrl),
    retention: { ...DEFAULT_RETENTION, archiveDir: mkdtempSync(path.join(tmpdir(), 'ss-bench-archives-')) },
  });
}

const KEEP = process.env.BENCH_AUDIT_KEEP === '1';
const COMPLIANCE_USERNAME = 'bench.compliance';
const COMPLIANCE_PASSWORD = 'Bench-compliance-2026!';

async function adminQuery(sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: POSTGRES_BASE_URL });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

async function createOperators(ctx: ServiceContext, count: number): Promise<string[]> {
  const passwordHash = await hashPassword('Bench-operator-2026!', ctx.scryptCost);
  const roles = ['REVIEWER', 'REVIEWER', 'REVIEWER', 'ADMIN', 'COMPLIANCE'] as const;
  await ctx.db.prisma.operator.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      username: `bench.op.${String(i + 1).padStart(2, '0')}`,
      displayName: `Bench operator ${i + 1}`,
      role: roles[i % roles.length]!,
      passwordHash,
    })),
  });
  return benchOperatorIds(ctx);
}

async function benchOperatorIds(ctx: ServiceContext): Promise<string[]> {
  const operators = await ctx.db.prisma.operator.findMany({
    where: { username: { startsWith: 'bench.op.' } },
    orderBy: { username: 'asc' },
    select: { id: true },
  });
  return operators.map((o) => o.id);
}

async function loadEntries(
  url: string,
  spec: AuditFixtureSpec,
  operatorIds: readonly string[],
  log: (m: string) => void,
) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await installBatchAppend(client);
    const factory = new AuditEntryFactory(spec, operatorIds);
    const bar = progressBar(`audit fixture: appending`);
    const nextBatch = (size: number) => Array.from({ length: size }, () => hashed(factory.next()));
    const started = performance.now();
    let done = 0;
    let batch = nextBatch(Math.min(LOAD_BATCH, spec.entries));
    // Hash the next batch in Node while the database appends the current one.
    while (batch.length > 0) {
      const appending = appendBatch(client, batch);
      done += batch.length;
      const upcoming = nextBatch(Math.min(LOAD_BATCH, spec.entries - done));
      await appending;
      bar.onProgress(done, spec.entries);
      batch = upcoming;
    }
    bar.stop();
    const ms = performance.now() - started;
    log(`Appended ${spec.entries} entries in ${(ms / 1000).toFixed(1)} s; VACUUM ANALYZE…`);
    const vacuumStarted = performance.now();
    await client.query('VACUUM (ANALYZE)');
    return { ms, rowsPerSecond: (spec.entries / ms) * 1000, vacuumMs: performance.now() - vacuumStarted };
  } finally {
    await client.end();
  }
}

async function sanityChecks(ctx: ServiceContext, url: string, spec: AuditFixtureSpec): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ backwards: string; types: string; customers: string }>(
      `SELECT
         (SELECT count(*) FROM (SELECT occurred_at < lag(occurred_at) OVER (ORDER BY seq) AS back
            FROM audit_log WHERE seq <= $1) s WHERE back) AS backwards,
         (SELECT count(DISTINCT event_type) FROM audit_log WHERE seq <= $1) AS types,
         (SELECT count(DISTINCT user_id) FROM audit_log WHERE seq <= $1) AS customers`,
      [spec.entries],
    );
    const stats = rows[0]!;
    const edge = Math.min(5_000, spec.entries);
    const first = await verifyAuditIntegrity(ctx, { fromSeq: 1, toSeq: edge });
    const last = await verifyAuditIntegrity(ctx, { fromSeq: spec.entries - edge + 1, toSeq: spec.entries });
    return [
      `Fixture: ${spec.entries.toLocaleString('en-US')} entries of ${stats.types} event types about ` +
        `${Number(stats.customers).toLocaleString('en-US')} customers and ${spec.operators} operators, ` +
        `${spec.months} months up to ${spec.endsAt.slice(0, 10)}; ${stats.backwards} entries older than ` +
        `the one before them (0 = newest last). Chain verified by verifyAuditIntegrity over seqs ` +
        `1–${edge} (${first.valid ? 'valid' : `INVALID at ${first.firstInvalidSeq}`}) and the last ${edge} ` +
        `(${last.valid ? 'valid' : `INVALID at ${last.firstInvalidSeq}`}).`,
    ];
  } finally {
    await client.end();
  }
}

async function complianceToken(ctx: ServiceContext): Promise<string> {
  const existing = await ctx.db.prisma.operator.findUnique({ where: { username: COMPLIANCE_USERNAME } });
  if (!existing) {
    await createOperator(ctx, {
      username: COMPLIANCE_USERNAME,
      displayName: 'Bench compliance officer',
      role: 'COMPLIANCE',
      password: COMPLIANCE_PASSWORD,
    });
  }
  const session = await login(
    ctx,
    { username: COMPLIANCE_USERNAME, password: COMPLIANCE_PASSWORD },
    { ipAddress: '127.0.0.1', userAgent: 'spendsense-bench' },
  );
  return session.token;
}

async function keptFixtureIsUsable(name: string, spec: AuditFixtureSpec): Promise<boolean> {
  const exists = await adminQuery('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (exists.rowCount === 0) return false;
  const client = new pg.Client({ connectionString: databaseUrlOf(name) });
  await client.connect();
  try {
    const { rows } = await client.query<{ version: number; entries: string }>(
      'SELECT version, entries FROM bench_audit_fixture',
    );
    const meta = rows[0];
    return meta?.version === AUDIT_FIXTURE_VERSION && Number(meta.entries) === spec.entries;
  } catch {
    return false;
  } finally {
    await client.end();
  }
}

async function buildFixture(
  name: string,
  scratch: PostgresScratch,
  spec: AuditFixtureSpec,
  log: (m: string) => void,
) {
  const db = await scratch.open(name);
  const ctx = benchServices(db);
  try {
    const operatorIds = await createOperators(ctx, spec.operators);
    const load = await loadEntries(databaseUrlOf(name), spec, operatorIds, log);
    await db.sql.exec(
      `CREATE TABLE bench_audit_fixture (version int NOT NULL, entries bigint NOT NULL, built_at timestamptz NOT NULL);
       INSERT INTO bench_audit_fixture VALUES (${AUDIT_FIXTURE_VERSION}, ${spec.entries}, now());`,
    );
    return load;
  } finally {
    await ctx.pubsub.close();
    await db.close();
  }
}

async function acquire(quick: boolean, log: (m: string) => void): Promise<AuditFixture> {
  const spec = auditFixtureSpec(quick);
  const scratch = new PostgresScratch();
  const version = await scratch.serverVersion();
  if (version === null) throw new Error(`PostgreSQL is not reachable at ${new URL(scratch.baseUrl).host}`);
  let name: string;
  let reused = false;
  let load: AuditFixture['load'] = null;
  if (KEEP) {
    name = `ss_bench_audit_v${AUDIT_FIXTURE_VERSION}_${spec.entries}`;
    reused = await keptFixtureIsUsable(name, spec);
    if (!reused) {
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await adminQuery(`CREATE DATABASE ${name}`);
    }
  } else {
    name = await scratch.create('audit');
    process.once('beforeExit', () => void scratch.dropAll());
  }
  log(`Audit fixture database: ${name}${reused ? ' (kept from an earlier run)' : ''}`);
  if (!reused) load = await buildFixture(name, scratch, spec, log);

  const db = await scratch.open(name);
  const ctx = benchServices(db);
  try {
    const operatorIds = await benchOperatorIds(ctx);
    const token = await complianceToken(ctx);
    const checks = load ? await sanityChecks(ctx, databaseUrlOf(name), spec) : [];
    const head = await db.prisma.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
    return {
      databaseName: name,
      databaseUrl: databaseUrlOf(name),
      spec,
      rowsAtStart: Number(head.seq),
      reused,
      load,
      operatorIds,
      complianceToken: token,
      checks,
    };
  } finally {
    await ctx.pubsub.close();
    await db.close();
  }
}

const fixtures = new Map<boolean, Promise<AuditFixture>>();

/**
 * The fixture for this process (built on first use, shared by the audit benchmarks of one run). Dropped
 * when the process is about to exit, unless BENCH_AUDIT_KEEP=1.
 */
export async function auditFixture(quick: boolean, log: (m: string) => void): Promise<AuditFixture> {
  let fixture = fixtures.get(quick);
  if (!fixture) {
    fixture = acquire(quick, log);
    fixtures.set(quick, fixture);
  }
  const acquired = await fixture;
  const db = new pg.Client({ connectionString: acquired.databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ seq: string }>('SELECT seq FROM audit_chain_head WHERE id = 1');
    return { ...acquired, rowsAtStart: Number(rows[0]!.seq) };
  } finally {
    await db.end();
  }
}
