import { Redis } from 'ioredis';
import { DomainError } from '../errors.js';
import { type OutageLog, watchRedis } from '../redis-outage.js';

/**
 * Request rate limits: logins per client IP and per username, audit queries and exports per operator,
 * refused requests per client IP and operator, and every request made without a session per client IP.
 *
 * Token buckets: each key starts with `limit` tokens and regains them evenly over a minute, so a burst of
 * `limit` is allowed and then one request every `60 / limit` seconds. The buckets live in this process's
 * memory, or with `REDIS_URL` in Redis, where every API instance takes from the same buckets: a client
 * gets `limit` requests a minute however many instances serve it.
 *
 * Why not rate-limiter-flexible: its limiters count fixed windows per key against the wall clock. These
 * limits need one decision over several keys that takes from all of them or from none (a login refused
 * for its address must not use up its username's allowance), the service clock (tests and the simulated
 * demo history move time), and an even refill. That decision is one small Lua script, atomic in Redis.
 */

/** What a request is counted against. */
export type RateLimitBucket = 'login' | 'auditQuery' | 'export' | 'refusal' | 'anonymous';

/** Requests per minute for each bucket; 0 turns a bucket's limit off. Read from the environment by config.ts. */
export interface RateLimitSettings {
  loginPerMinute: number;
  auditQueriesPerMinute: number;
  exportsPerMinute: number;
  /** Refused requests (each writes an `unauthorized_access` entry) per client address and operator; absent: none. */
  refusalsPerMinute?: number;
  /** GraphQL operations run without a signed-in operator, per client address; absent: none. */
  anonymousRequestsPerMinute?: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  loginPerMinute: 10,
  auditQueriesPerMinute: 120,
  exportsPerMinute: 10,
  refusalsPerMinute: 30,
  anonymousRequestsPerMinute: 300,
};

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Tokens are counted in 1/60,000ths, so that one request costs {@link WINDOW_MS} and a bucket of `limit`
 * per minute regains exactly `limit` units per millisecond: integer arithmetic, exact boundaries.
 */
const WINDOW_MS = 60_000;
const REQUEST_COST = WINDOW_MS;

/** Where buckets are kept. `take` refills every bucket to `nowMs`, then takes one request from all or none. */
export interface RateLimitStore {
  take(ids: readonly string[], limit: number, nowMs: number): Promise<{ waitMs: number }>;
  /** Buckets currently held (memory store) or null when the store cannot tell cheaply. */
  readonly trackedKeys: number | null;
  /** Resolves when the store answers (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

interface Bucket {
  credit: number;
  updatedAtMs: number;
}

/** Buckets in this process's memory (one instance, or no Redis configured). */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #buckets = new Map<string, Bucket & { limit: number }>();
  #lastSweepMs = Number.NEGATIVE_INFINITY;

  async take(ids: readonly string[], limit: number, nowMs: number): Promise<{ waitMs: number }> {
    this.#sweep(nowMs);
    const capacity = limit * WINDOW_MS;
    const states = ids.map((id) => {
      const stored = this.#buckets.get(id);
      const credit = stored
        ? Math.min(capacity, stored.credit + Math.max(0, nowMs - stored.updatedAtMs) * limit)
        : capacity;
      return { id, credit };
    });
    const lowest = Math.min(...states.map((state) => state.credit));
    if (lowest < REQUEST_COST) return { waitMs: Math.ceil((REQUEST_COST - lowest) / limit) };
    for (const { id, credit } of states) {
      this.#buckets.set(id, { credit: credit - REQUEST_COST, updatedAtMs: nowMs, limit });
    }
    return { waitMs: 0 };
  }

  get trackedKeys(): number {
    return this.#buckets.size;
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}

  /**
   * Forgets buckets that have refilled completely, at most once a minute: they behave exactly like new
   * ones, and otherwise every IP and username ever seen would stay in memory.
   */
  #sweep(nowMs: number): void {
    if (nowMs - this.#lastSweepMs < WINDOW_MS) return;
    this.#lastSweepMs = nowMs;
    for (const [id, stored] of this.#buckets) {
      if (stored.credit + (nowMs - stored.updatedAtMs) * stored.limit >= stored.limit * WINDOW_MS) {
        this.#buckets.delete(id);
      }
    }
  }
}

/**
 * The same buckets in Redis, shared by every instance. One script run per decision, so concurrent requests
 * on several instances never both take the last token. Each bucket expires once it would have refilled
 * (Redis then forgets it, as the memory store's sweep does).
 */
const TAKE_SCRIPT = `
local limit = tonumber(ARGV[1])
local now = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local capacity = limit * cost
local credits = {}
local lowest = capacity
for i, key in ipairs(KEYS) do
  local stored = redis.call('HMGET', key, 'credit', 'updated')
  local credit = capacity
  if stored[1] then
    local elapsed = math.max(0, now - tonumber(stored[2]))
    credit = math.min(capacity, tonumber(stored[1]) + elapsed * limit)
  end
  credits[i] = credit
  if credit < lowest then lowest = credit end
end
if lowest < cost then
  return math.ceil((cost - lowest) / limit)
end
for i, key in ipairs(KEYS) do
  redis.call('HSET', key, 'credit', credits[i] - cost, 'updated', now)
  redis.call('PEXPIRE', key, math.ceil((capacity - credits[i] + cost) / limit) + 1000)
end
return 0
`;

export class RedisRateLimitStore implements RateLimitStore {
  readonly #redis: Redis;
  readonly #prefix: string;

  /** `prefix` keeps several deployments (or test runs) on one Redis apart. */
  constructor(redis: Redis, prefix = 'spendsense:rate:') {
    this.#redis = redis;
    this.#prefix = prefix;
    redis.defineCommand('spendsenseTakeTokens', { lua: TAKE_SCRIPT });
  }

  async take(ids: readonly string[], limit: number, nowMs: number): Promise<{ waitMs: number }> {
    const redis = this.#redis as Redis & {
      spendsenseTakeTokens(count: number, ...args: Array<string | number>): Promise<number>;
    };
    const keys = ids.map((id) => this.#prefix + id);
    const waitMs = await redis.spendsenseTakeTokens(
      keys.length,
      ...keys,
      limit,
      Math.floor(nowMs),
      REQUEST_COST,
    );
    return { waitMs: Number(waitMs) };
  }

  get trackedKeys(): null {
    return null;
  }

  async ping(): Promise<void> {
    await this.#redis.ping();
  }

  async close(): Promise<void> {
    this.#redis.disconnect();
  }
}

/**
 * The Redis store, and this process's memory while Redis is unreachable: limits stay enforced (per
 * instance rather than shared) instead of failing open or failing every request, with one warning per
 * outage. Commands fail at once while disconnected, so no request waits for reconnection attempts.
 */
export class RedisWithMemoryFallbackStore implements RateLimitStore {
  readonly #redis: RedisRateLimitStore;
  readonly #memory = new MemoryRateLimitStore();
  readonly #outage: { failed(error: unknown): void };

  constructor(redis: Redis, prefix: string | undefined, log?: OutageLog) {
    this.#redis = new RedisRateLimitStore(redis, prefix);
    this.#outage = watchRedis(redis, 'rate limits are counted in this instance only until it is back', log);
  }

  async take(ids: readonly string[], limit: number, nowMs: number): Promise<{ waitMs: number }> {
    try {
      return await this.#redis.take(ids, limit, nowMs);
    } catch (error) {
      this.#outage.failed(error);
      return this.#memory.take(ids, limit, nowMs);
    }
  }

  get trackedKeys(): null {
    return null;
  }

  ping(): Promise<void> {
    return this.#redis.ping();
  }

  close(): Promise<void> {
    return this.#redis.close();
  }
}

/** The store for a configuration: Redis (shared by every instance) when a URL is given, else memory. */
export function createRateLimitStore(
  redisUrl: string | undefined,
  prefix?: string,
  log?: OutageLog,
): RateLimitStore {
  if (!redisUrl) return new MemoryRateLimitStore();
  return new RedisWithMemoryFallbackStore(
    new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }),
    prefix,
    log,
  );
}

export class RateLimiter {
  readonly #perMinute: Record<RateLimitBucket, number>;
  readonly #clock: () => Date;
  readonly #store: RateLimitStore;
  readonly #onRefusal: ((bucket: RateLimitBucket) => void) | undefined;

  constructor(
    settings: RateLimitSettings,
    clock: () => Date,
    options: { store?: RateLimitStore; onRefusal?: (bucket: RateLimitBucket) => void } = {},
  ) {
    for (const [name, value] of Object.entries(settings)) {
      if (value === undefined) continue;
      if (!Number.isSafeInteger(value) || value < 0) {
        throw new RangeError(`RateLimiter: ${name} must be a whole number >= 0, got ${value}`);
      }
    }
    this.#perMinute = {
      login: settings.loginPerMinute,
      auditQuery: settings.auditQueriesPerMinute,
      export: settings.exportsPerMinute,
      refusal: settings.refusalsPerMinute ?? 0,
      anonymous: settings.anonymousRequestsPerMinute ?? 0,
    };
    this.#clock = clock;
    this.#store = options.store ?? new MemoryRateLimitStore();
    this.#onRefusal = options.onRefusal;
  }

  /**
   * Takes one token for the request from the bucket of every key, or from none when any key is out of
   * tokens: a login refused for its IP does not also use up its username's allowance. Keys name who is
   * asking (`ip:…`, `username:…`, `operator:…`); a repeated key counts once.
   */
  async take(bucket: RateLimitBucket, keys: readonly string[]): Promise<RateLimitDecision> {
    const limit = this.#perMinute[bucket];
    if (limit === 0 || keys.length === 0) return { allowed: true };
    const ids = [...new Set(keys)].map((key) => `${bucket}:${key}`);
    const { waitMs } = await this.#store.take(ids, limit, this.#clock().getTime());
    if (waitMs <= 0) return { allowed: true };
    this.#onRefusal?.(bucket);
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  /** {@link take}, throwing a `RATE_LIMITED` error (with `retryAfterSeconds`) when the request is refused. */
  async enforce(bucket: RateLimitBucket, keys: readonly string[]): Promise<void> {
    const decision = await this.take(bucket, keys);
    if (!decision.allowed) throw rateLimitedError(bucket, decision.retryAfterSeconds);
  }

  /** How many buckets are held (memory store), or null (Redis). */
  get trackedKeys(): number | null {
    return this.#store.trackedKeys;
  }
}

const BUCKET_NAMES: Record<RateLimitBucket, string> = {
  login: 'login attempts',
  auditQuery: 'audit queries',
  export: 'audit exports',
  refusal: 'refused requests',
  anonymous: 'requests without signing in',
};

export function rateLimitedError(bucket: RateLimitBucket, retryAfterSeconds: number): DomainError {
  return new DomainError(
    'RATE_LIMITED',
    `Too many ${BUCKET_NAMES[bucket]}. Try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}.`,
    { retryAfterSeconds },
  );
}

/**
 * Who an audit query or export is counted against: its operator when signed in (so colleagues behind one
 * office address do not share an allowance), otherwise its client address. Empty when neither is known
 * (an in-process call), which is not limited.
 */
export function requesterKeys(requester: {
  operatorId?: string | null;
  ipAddress?: string | null;
}): string[] {
  if (requester.operatorId) return [`operator:${requester.operatorId}`];
  return requester.ipAddress ? [`ip:${requester.ipAddress}`] : [];
}

/** A login is counted against its client address and against the username it tries. */
export function loginKeys(attempt: { username?: string | null; ipAddress?: string | null }): string[] {
  const keys: string[] = [];
  if (attempt.ipAddress) keys.push(`ip:${attempt.ipAddress}`);
  const username = attempt.username?.trim().toLowerCase();
  if (username) keys.push(`username:${username}`);
  return keys;
}

/**
 * A refusal is counted against the client address and, when signed in, the operator: a flood of refused
 * requests cannot write audit entries without bound from one address, nor from one account on many.
 */
export function refusalKeys(refused: { operatorId?: string | null; ipAddress?: string | null }): string[] {
  return [
    ...(refused.ipAddress ? [`ip:${refused.ipAddress}`] : []),
    ...(refused.operatorId ? [`operator:${refused.operatorId}`] : []),
  ];
}
