import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import {
  DEFAULT_RATE_LIMITS,
  loginKeys,
  type RateLimitBucket,
  RateLimiter,
  type RateLimitSettings,
  requesterKeys,
} from './rate-limiter.js';

const T0 = Date.UTC(2026, 10, 22, 7, 0, 0);

function limiterAt(settings: Partial<RateLimitSettings> = {}) {
  let now = T0;
  const limiter = new RateLimiter({ ...DEFAULT_RATE_LIMITS, ...settings }, () => new Date(now));
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

function takeMany(limiter: RateLimiter, bucket: RateLimitBucket, keys: string[], times: number) {
  return Array.from({ length: times }, () => limiter.take(bucket, keys).allowed);
}

describe('RateLimiter', () => {
  it('allows a burst of the limit, then refuses with the wait until the next token', () => {
    const { limiter } = limiterAt();
    expect(takeMany(limiter, 'login', ['ip:10.0.0.1'], 10)).toEqual(Array(10).fill(true));
    expect(limiter.take('login', ['ip:10.0.0.1'])).toEqual({ allowed: false, retryAfterSeconds: 6 });
  });

  it('regains one token every 60/limit seconds, exactly at the boundary', () => {
    const { limiter, advance } = limiterAt();
    takeMany(limiter, 'login', ['ip:a'], 10);
    advance(5_999);
    expect(limiter.take('login', ['ip:a'])).toEqual({ allowed: false, retryAfterSeconds: 1 });
    advance(1);
    expect(limiter.take('login', ['ip:a'])).toEqual({ allowed: true });
    expect(limiter.take('login', ['ip:a'])).toEqual({ allowed: false, retryAfterSeconds: 6 });
  });

  it('refills to the limit and no further', () => {
    const { limiter, advance } = limiterAt({ exportsPerMinute: 3 });
    takeMany(limiter, 'export', ['operator:x'], 3);
    advance(10 * 60_000);
    expect(takeMany(limiter, 'export', ['operator:x'], 4)).toEqual([true, true, true, false]);
  });

  it('uses the limit of each bucket: 120 audit queries and 10 exports a minute by default', () => {
    const { limiter } = limiterAt();
    expect(takeMany(limiter, 'auditQuery', ['operator:x'], 121).filter(Boolean)).toHaveLength(120);
    expect(limiter.take('auditQuery', ['operator:x'])).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(takeMany(limiter, 'export', ['operator:x'], 11).filter(Boolean)).toHaveLength(10);
  });

  it('keeps keys and buckets apart', () => {
    const { limiter } = limiterAt({ exportsPerMinute: 1 });
    expect(limiter.take('export', ['operator:a']).allowed).toBe(true);
    expect(limiter.take('export', ['operator:a']).allowed).toBe(false);
    expect(limiter.take('export', ['operator:b']).allowed).toBe(true);
    expect(limiter.take('auditQuery', ['operator:a']).allowed).toBe(true);
  });

  it('takes from every key or from none', () => {
    const { limiter } = limiterAt({ loginPerMinute: 2 });
    takeMany(limiter, 'login', ['ip:1.1.1.1', 'username:ann'], 2);
    // The address is spent, so this attempt for bob is refused and bob keeps both his tokens.
    expect(limiter.take('login', ['ip:1.1.1.1', 'username:bob']).allowed).toBe(false);
    expect(takeMany(limiter, 'login', ['ip:2.2.2.2', 'username:bob'], 3)).toEqual([true, true, false]);
    // ann is spent too, from any address.
    expect(limiter.take('login', ['ip:3.3.3.3', 'username:ann'])).toEqual({
      allowed: false,
      retryAfterSeconds: 30,
    });
  });

  it('counts a repeated key once', () => {
    const { limiter } = limiterAt({ exportsPerMinute: 2 });
    expect(limiter.take('export', ['operator:a', 'operator:a']).allowed).toBe(true);
    expect(limiter.take('export', ['operator:a']).allowed).toBe(true);
    expect(limiter.take('export', ['operator:a']).allowed).toBe(false);
  });

  it('does not limit a bucket set to 0, or a request with no keys', () => {
    const { limiter } = limiterAt({ loginPerMinute: 0, exportsPerMinute: 1 });
    expect(takeMany(limiter, 'login', ['ip:a'], 50).every(Boolean)).toBe(true);
    expect(takeMany(limiter, 'export', [], 5).every(Boolean)).toBe(true);
    expect(limiter.trackedKeys).toBe(0);
  });

  it('does not hand out tokens when the clock goes backwards', () => {
    const { limiter, setTime } = limiterAt({ exportsPerMinute: 1 });
    limiter.take('export', ['operator:a']);
    setTime(T0 - 3_600_000);
    expect(limiter.take('export', ['operator:a']).allowed).toBe(false);
  });

  it('forgets buckets that have refilled, so memory follows recent activity only', () => {
    const { limiter, advance } = limiterAt({ loginPerMinute: 10 });
    for (let i = 0; i < 100; i++) limiter.take('login', [`ip:10.0.0.${i}`]);
    expect(limiter.trackedKeys).toBe(100);
    advance(59_999);
    takeMany(limiter, 'login', ['ip:busy'], 10);
    expect(limiter.trackedKeys).toBe(101);
    advance(1);
    // A minute after the last sweep: the hundred one-request buckets have refilled, busy has not.
    limiter.take('login', ['ip:late']);
    expect(limiter.trackedKeys).toBe(2);
    expect(limiter.take('login', ['ip:busy'])).toEqual({ allowed: false, retryAfterSeconds: 6 });
  });

  it('enforce throws a typed RATE_LIMITED error with retryAfterSeconds', () => {
    const { limiter } = limiterAt({ exportsPerMinute: 1 });
    limiter.enforce('export', ['operator:a']);
    let thrown: unknown;
    try {
      limiter.enforce('export', ['operator:a']);
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

  it('rejects settings that are not whole numbers >= 0', () => {
    expect(() => new RateLimiter({ ...DEFAULT_RATE_LIMITS, loginPerMinute: -1 }, () => new Date())).toThrow(
      /loginPerMinute/,
    );
    expect(
      () => new RateLimiter({ ...DEFAULT_RATE_LIMITS, exportsPerMinute: 1.5 }, () => new Date()),
    ).toThrow(/exportsPerMinute/);
  });
});

describe('keys', () => {
  it('limits audit requests by operator when signed in, else by address', () => {
    expect(requesterKeys({ operatorId: 'op-1', ipAddress: '10.0.0.1' })).toEqual(['operator:op-1']);
    expect(requesterKeys({ operatorId: null, ipAddress: '10.0.0.1' })).toEqual(['ip:10.0.0.1']);
    expect(requesterKeys({})).toEqual([]);
  });

  it('limits logins by address and by normalised username', () => {
    expect(loginKeys({ username: ' Admin ', ipAddress: '10.0.0.1' })).toEqual([
      'ip:10.0.0.1',
      'username:admin',
    ]);
    expect(loginKeys({ username: '', ipAddress: null })).toEqual([]);
  });
});
