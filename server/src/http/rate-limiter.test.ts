import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import {
  DEFAULT_RATE_LIMITS,
  loginKeys,
  MemoryRateLimitStore,
  type RateLimitBucket,
  RateLimiter,
  type RateLimitSettings,
  type RateLimitStore,
  RedisRateLimitStore,
  requesterKeys,
} from './rate-limiter.js';

const T0 = Date.UTC(2026, 10, 22, 7, 0, 0);

const redisUrl = process.env['REDIS_URL'];
const redisClients: Redis[] = [];

/** The memory store always; the Redis store too when REDIS_URL is set (CI), under a prefix of its own. */
const STORES: Array<[string, () => RateLimitStore]> = [['memory', () => new MemoryRateLimitStore()]];
if (redisUrl) {
  STORES.push([
    'redis',
    () => {
      const client = new Redis(redisUrl);
      redisClients.push(client);
      return new RedisRateLimitStore(client, `spendsense-test:${randomUUID()}:`);
    },
  ]);
}

afterAll(() => {
  for (const client of redisClients) client.disconnect();
});

let makeStore: () => RateLimitStore = () => new MemoryRateLimitStore();

function limiterAt(settings: Partial<RateLimitSettings> = {}) {
  let now = T0;
  const limiter = new RateLimiter({ ...DEFAULT_RATE_LIMITS, ...settings }, () => new Date(now), {
    store: makeStore(),
  });
  return {
    limiter,
    advance(ms: number) {
      now += ms;
    },
    setTime(ms: number) {
      now = ms;
    },
  };
}

async function takeMany(limiter: RateLimiter, bucket: RateLimitBucket, keys: string[], times: number) {
  const allowed: boolean[] = [];
  for (let i = 0; i < times; i++) allowed.push((await limiter.take(bucket, keys)).allowed);
  return allowed;
}

describe.each(STORES)('RateLimiter (%s store)', (storeName, store) => {
  beforeAll(() => {
    makeStore = store;
  });

  it('allows a burst of the limit, then refuses with the wait until the next token', async () => {
    const { limiter } = limiterAt();
    expect(await takeMany(limiter, 'login', ['ip:10.0.0.1'], 10)).toEqual(Array(10).fill(true));
    expect(await limiter.take('login', ['ip:10.0.0.1'])).toEqual({ allowed: false, retryAfterSeconds: 6 });
  });

  it('regains one token every 60/limit seconds, exactly at the boundary', async () => {
    const { limiter, advance } = limiterAt();
    await takeMany(limiter, 'login', ['ip:a'], 10);
    advance(5_999);
    expect(await limiter.take('login', ['ip:a'])).toEqual({ allowed: false, retryAfterSeconds: 1 });
    advance(1);
    expect(await limiter.take('login', ['ip:a'])).toEqual({ allowed: true });
    expect(await limiter.take('login', ['ip:a'])).toEqual({ allowed: false, retryAfterSeconds: 6 });
  });

  it('refills to the limit and no further', async () => {
    const { limiter, advance } = limiterAt({ exportsPerMinute: 3 });
    await takeMany(limiter, 'export', ['operator:x'], 3);
    advance(10 * 60_000);
    expect(await takeMany(limiter, 'export', ['operator:x'], 4)).toEqual([true, true, true, false]);
  });

  it('uses the limit of each bucket: 120 audit queries and 10 exports a minute by default', async () => {
    const { limiter } = limiterAt();
    expect((await takeMany(limiter, 'auditQuery', ['operator:x'], 121)).filter(Boolean)).toHaveLength(120);
    expect(await limiter.take('auditQuery', ['operator:x'])).toEqual({
      allowed: false,
      retryAfterSeconds: 1,
    });
    expect((await takeMany(limiter, 'export', ['operator:x'], 11)).filter(Boolean)).toHaveLength(10);
  });

  it('keeps keys and buckets apart', async () => {
    const { limiter } = limiterAt({ exportsPerMinute: 1 });
    expect((await limiter.take('export', ['operator:a'])).allowed).toBe(true);
    expect((await limiter.take('export', ['operator:a'])).allowed).toBe(false);
    expect((await limiter.take('export', ['operator:b'])).allowed).toBe(true);
    expect((await limiter.take('auditQuery', ['operator:a'])).allowed).toBe(true);
  });

  it('takes from every key or from none', async () => {
    const { limiter } = limiterAt({ loginPerMinute: 2 });
    await takeMany(limiter, 'login', ['ip:1.1.1.1', 'username:ann'], 2);
    // The address is spent, so this attempt for bob is refused and bob keeps both his tokens.
    expect((await limiter.take('login', ['ip:1.1.1.1', 'username:bob'])).allowed).toBe(false);
    expect(await takeMany(limiter, 'login', ['ip:2.2.2.2', 'username:bob'], 3)).toEqual([true, true, false]);
    // ann is spent too, from any address.
    expect(await limiter.take('login', ['ip:3.3.3.3', 'username:ann'])).toEqual({
      allowed: false,
      retryAfterSeconds: 30,
    });
  });

  it('counts a repeated key once', async () => {
    const { limiter } = limiterAt({ exportsPerMinute: 2 });
    expect((await limiter.take('export', ['operator:a', 'operator:a'])).allowed).toBe(true);
    expect((await limiter.take('export', ['operator:a'])).allowed).toBe(true);
    expect((await limiter.take('export', ['operator:a'])).allowed).toBe(false);
  });

  it('does not limit a bucket set to 0, or a request with no keys', async () => {
    const { limiter } = limiterAt({ loginPerMinute: 0, exportsPerMinute: 1 });
    expect((await takeMany(limiter, 'login', ['ip:a'], 50)).every(Boolean)).toBe(true);
    expect((await takeMany(limiter, 'export', [], 5)).every(Boolean)).toBe(true);
    if (storeName === 'memory') expect(limiter.trackedKeys).toBe(0);
  });

  it('does not hand out tokens when the clock goes backwards', async () => {
    const { limiter, setTime } = limiterAt({ exportsPerMinute: 1 });
    await limiter.take('export', ['operator:a']);
    setTime(T0 - 3_600_000);
    expect((await limiter.take('export', ['operator:a'])).allowed).toBe(false);
  });

  it.runIf(storeName === 'memory')(
    'forgets buckets that have refilled, so memory follows recent activity only',
    async () => {
      const { limiter, advance } = limiterAt({ loginPerMinute: 10 });
      for (let i = 0; i < 100; i++) await limiter.take('login', [`ip:10.0.0.${i}`]);
      expect(limiter.trackedKeys).toBe(100);
      advance(59_999);
      await takeMany(limiter, 'login', ['ip:busy'], 10);
      expect(limiter.trackedKeys).toBe(101);
      advance(1);
      // A minute after the last sweep: the hundred one-request buckets have refilled, busy has not.
      await limiter.take('login', ['ip:late']);
      expect(limiter.trackedKeys).toBe(2);
      expect(await limiter.take('login', ['ip:busy'])).toEqual({ allowed: false, retryAfterSeconds: 6 });
    },
  );

  it('enforce throws a typed RATE_LIMITED error with retryAfterSeconds', async () => {
    const { limiter } = limiterAt({ exportsPerMinute: 1 });
    await limiter.enforce('export', ['operator:a']);
    let thrown: unknown;
    try {
      await limiter.enforce('export', ['operator:a']);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({
      code: 'RATE_LIMITED',
      message: 'Too many audit exports. Try again in 60 seconds.',
      details: { retryAfterSeconds: 60 },
    });
  });

  it('shares buckets between limiters on one store, as instances share Redis', async () => {
    const shared = makeStore();
    const now = () => new Date(T0);
    const a = new RateLimiter({ ...DEFAULT_RATE_LIMITS, exportsPerMinute: 3 }, now, { store: shared });
    const b = new RateLimiter({ ...DEFAULT_RATE_LIMITS, exportsPerMinute: 3 }, now, { store: shared });
    expect([await a.take('export', ['operator:s']), await b.take('export', ['operator:s'])]).toEqual([
      { allowed: true },
      { allowed: true },
    ]);
    expect((await a.take('export', ['operator:s'])).allowed).toBe(true);
    expect(await b.take('export', ['operator:s'])).toEqual({ allowed: false, retryAfterSeconds: 20 });
  });

  it('rejects settings that are not whole numbers >= 0', async () => {
    expect(() => new RateLimiter({ ...DEFAULT_RATE_LIMITS, loginPerMinute: -1 }, () => new Date())).toThrow(
      /loginPerMinute/,
    );
    expect(
      () => new RateLimiter({ ...DEFAULT_RATE_LIMITS, exportsPerMinute: 1.5 }, () => new Date()),
    ).toThrow(/exportsPerMinute/);
  });
});

describe('keys', () => {
  it('limits audit requests by operator when signed in, else by address', async () => {
    expect(requesterKeys({ operatorId: 'op-1', ipAddress: '10.0.0.1' })).toEqual(['operator:op-1']);
    expect(requesterKeys({ operatorId: null, ipAddress: '10.0.0.1' })).toEqual(['ip:10.0.0.1']);
    expect(requesterKeys({})).toEqual([]);
  });

  it('limits logins by address and by normalised username', async () => {
    expect(loginKeys({ username: ' Admin ', ipAddress: '10.0.0.1' })).toEqual([
      'ip:10.0.0.1',
      'username:admin',
    ]);
    expect(loginKeys({ username: '', ipAddress: null })).toEqual([]);
  });
});
