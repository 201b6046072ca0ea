import type { ServerConfig } from '../config.js';
import type { Database } from '../db/client.js';
import type { RetentionPolicy } from '../domain/audit/retention.js';
import { createRateLimitStore, type RateLimitStore } from '../http/rate-limiter.js';
import { createLogger, type Logger } from '../observability/logger.js';
import { OversightMetrics } from '../observability/metrics.js';
import { createOversightPubSub, type OversightPubSub } from '../pubsub.js';
import type { AuditCheckpointing, Checkpointer } from './audit/checkpoints.js';
import { auditLiveFeed } from './audit/live-feed.js';

/** What every service needs: the database, a clock (injected so tests can move time), settings and telemetry. */
export interface ServiceContext {
  db: Database;
  now: () => Date;
  /** scrypt cost parameter N for new password hashes. */
  scryptCost: number;
  sessionTtlHours: number;
  /** How often a live subscription re-reads its session from the database (schema/session-bound.ts). */
  sessionRecheckSeconds: number;
  /** Where committed audit entries are announced to live subscribers. */
  pubsub: OversightPubSub;
  logger: Logger;
  metrics: OversightMetrics;
  /** Signed checkpoints of the chain head kept outside the database; verification compares against them. */
  checkpointing?: AuditCheckpointing;
  /** Writes those checkpoints every N entries or T seconds (main.ts starts it). */
  checkpointer?: Checkpointer;
  /** Where rate-limit buckets live: Redis when configured (shared by every instance), else memory. */
  rateLimitStore: RateLimitStore;
  /** The audit retention policy; its archive folder is also where archived entries are read from. */
  retention: RetentionPolicy;
}

/** Where an operator request came from, recorded with security events. */
export interface RequestOrigin {
  ipAddress: string | null;
  userAgent: string | null;
}

/** Parts a caller may bring instead of having them made from the configuration (tests move time, share a pub/sub). */
export interface ServiceParts {
  now?: () => Date;
  pubsub?: OversightPubSub;
  logger?: Logger;
  metrics?: OversightMetrics;
  /** Checkpoint signing (the server and CLI: `checkpointingFromConfig`); absent means none (tests). */
  checkpointing?: AuditCheckpointing;
  rateLimitStore?: RateLimitStore;
  /** Default: the configuration's policy (tests use a temporary archive folder). */
  retention?: RetentionPolicy;
}

/**
 * The one place a service context is assembled, for the server, the CLI, the tests and the benchmarks:
 * settings come from the configuration (whose module holds every default), the database is opened by the
 * caller (tests bring their own per-file database).
 */
export function createServices(config: ServerConfig, db: Database, parts: ServiceParts = {}): ServiceContext {
  const metrics = parts.metrics ?? new OversightMetrics();
  const logger = parts.logger ?? createLogger(config.log);
  // An expected condition: one line, the reason without a stack.
  const redisOutage = (message: string, error?: unknown) =>
    logger.warn({ reason: error instanceof Error ? error.message : undefined }, message);
  const services: ServiceContext = {
    db,
    now: parts.now ?? (() => new Date()),
    scryptCost: config.scryptCost,
    sessionTtlHours: config.sessionTtlHours,
    sessionRecheckSeconds: config.sessionRecheckSeconds,
    pubsub: parts.pubsub ?? createOversightPubSub(config.redisUrl, redisOutage),
    logger,
    metrics,
    checkpointing: parts.checkpointing,
    rateLimitStore: parts.rateLimitStore ?? createRateLimitStore(config.redisUrl, undefined, redisOutage),
    retention: parts.retention ?? config.retention,
  };
  metrics.readPoolWith(() => db.poolStats());
  metrics.readLiveSubscribersWith(() => auditLiveFeed(services).subscriberCount);
  metrics.readChainHeadWith(async () => {
    const head = await db.prisma.auditChainHead.findUnique({ where: { id: 1 }, select: { seq: true } });
    return Number(head?.seq ?? 0n);
  });
  return services;
}
