import { DomainError } from '../errors.js';

/**
 * Request rate limits: logins per client IP and per username, audit queries and exports per operator.
 *
 * Token buckets held in this process's memory: each key starts with `limit` tokens and regains them
 * evenly over a minute, so a burst of `limit` is allowed and then one request every `60 / limit` seconds.
 * With several API instances behind a load balancer each instance limits on its own, so a client can make
 * up to `limit × instances` requests a minute; put the limit in the load balancer (or a shared store) when
 * that matters.
 */

/** What a request is counted against. */
export type RateLimitBucket = 'login' | 'auditQuery' | 'export';

/** Requests per minute for each bucket; 0 turns a bucket's limit off. Read from the environment by config.ts. */
export interface RateLimitSettings {
  loginPerMinute: number;
  auditQueriesPerMinute: number;
  exportsPerMinute: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  loginPerMinute: 10,
  auditQueriesPerMinute: 120,
  exportsPerMinute: 10,
};

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Tokens are counted in 1/60,000ths, so that one request costs {@link WINDOW_MS} and a bucket of `limit`
 * per minute regains exactly `limit` units per millisecond: integer arithmetic, exact boundaries.
 */
interface Bucket {
  credit: number;
  updatedAtMs: number;
}

const WINDOW_MS = 60_000;
const REQUEST_COST = WINDOW_MS;

export class RateLimiter {
  readonly #perMinute: Record<RateLimitBucket, number>;
  readonly #clock: () => Date;
  readonly #buckets = new Map<string, Bucket>();
  #lastSweepMs = Number.NEGATIVE_INFINITY;

  constructor(settings: RateLimitSettings, clock: () => Date) {
    for (const [name, value] of Object.entries(settings)) {
      if (!Number.isSafeInteger(value) || value < 0) {
        throw new RangeError(`RateLimiter: ${name} must be a whole number >= 0, got ${value}`);
      }
    }
    this.#perMinute = {
      login: settings.loginPerMinute,
      auditQuery: settings.auditQueriesPerMinute,
      export: settings.exportsPerMinute,
    };
    this.#clock = clock;
  }

  /**
   * Takes one token for the request from the bucket of every key, or from none when any key is out of
   * tokens: a login refused for its IP does not also use up its username's allowance. Keys name who is
   * asking (`ip:…`, `username:…`, `operator:…`); a repeated key counts once.
   */
  take(bucket: RateLimitBucket, keys: readonly string[]): RateLimitDecision {
    const limit = this.#perMinute[bucket];
    if (limit === 0 || keys.length === 0) return { allowed: true };
    const nowMs = this.#clock().getTime();
    this.#sweep(nowMs);
    const capacity = limit * WINDOW_MS;
    const states = [...new Set(keys)].map((key) => {
      const id = `${bucket}\u0000${key}`;
      const stored = this.#buckets.get(id);
      const credit = stored
        ? Math.min(capacity, stored.credit + Math.max(0, nowMs - stored.updatedAtMs) * limit)
        : capacity;
      return { id, credit };
    });
    const lowest = Math.min(...states.map((state) => state.credit));
    if (lowest < REQUEST_COST) {
      const waitMs = Math.ceil((REQUEST_COST - lowest) / limit);
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    }
    for (const { id, credit } of states) {
      this.#buckets.set(id, { credit: credit - REQUEST_COST, updatedAtMs: nowMs });
    }
    return { allowed: true };
  }

  /** {@link take}, throwing a `RATE_LIMITED` error (with `retryAfterSeconds`) when the request is refused. */
  enforce(bucket: RateLimitBucket, keys: readonly string[]): void {
    const decision = this.take(bucket, keys);
    if (!decision.allowed) throw rateLimitedError(bucket, decision.retryAfterSeconds);
  }

  /** How many buckets are held in memory. */
  get trackedKeys(): number {
    return this.#buckets.size;
  }

  /**
   * Forgets buckets that have refilled completely, at most once a minute: they behave exactly like new
   * ones, and otherwise every IP and username ever seen would stay in memory.
   */
  #sweep(nowMs: number): void {
    if (nowMs - this.#lastSweepMs < WINDOW_MS) return;
    this.#lastSweepMs = nowMs;
    for (const [id, stored] of this.#buckets) {
      const limit = this.#perMinute[id.slice(0, id.indexOf('\u0000')) as RateLimitBucket];
      if (stored.credit + (nowMs - stored.updatedAtMs) * limit >= limit * WINDOW_MS) this.#buckets.delete(id);
    }
  }
}

const BUCKET_NAMES: Record<RateLimitBucket, string> = {
  login: 'login attempts',
  auditQuery: 'audit queries',
  export: 'audit exports',
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
