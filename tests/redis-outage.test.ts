import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startServerProcess } from './support/server-process.js';

/** A port on which nothing listens: a Redis that is down. */
async function deadPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('Redis unreachable (a real process)', () => {
  it('keeps serving: audited writes commit, the live feed warns once, rate limits fall back, /readyz says not ready', async () => {
    const server = await startServerProcess({
      DEMO: '0',
      REDIS_URL: `redis://127.0.0.1:${await deadPort()}`,
      RATE_LIMIT_LOGINS_PER_MINUTE: '2',
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: '4',
    });
    try {
      const login = () =>
        fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-graphql-yoga-csrf': '1' },
          body: JSON.stringify({
            query: 'mutation { login(input: { username: "nobody", password: "wrong-password" }) { token } }',
          }),
        }).then(async (response) => ({ status: response.status, body: await response.json() }));
      // Each refused login is an audited write whose announcement cannot be published.
      const codes = [];
      for (let i = 0; i < 3; i++) codes.push((await login()).body.errors?.[0]?.extensions?.code);
      // The rate limit still holds, counted in this instance's memory.
      expect(codes).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED']);
      // So does the limit on requests without signing in (the logins were three of its four).
      const anonymous = () =>
        fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ viewer { username } }' }),
        });
      expect((await anonymous()).status).toBe(200);
      const limited = await anonymous();
      expect(limited.status).toBe(429);
      expect((await limited.json()).errors[0].extensions.code).toBe('RATE_LIMITED');
      await server.waitForLine(
        (line) =>
          line['level'] === 'warn' &&
          String(line['msg']).startsWith('Redis unreachable: live audit events are not published'),
        60_000,
      );
      await server.waitForLine(
        (line) =>
          line['level'] === 'warn' && String(line['msg']).startsWith('Redis unreachable: rate limits'),
        60_000,
      );
      // Still serving after the failed publishes have been given up on.
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'not ready', checks: { database: 'ok' } });
      expect((await fetch(`${server.url}/livez`)).status).toBe(200);
      expect(server.child.exitCode).toBeNull();
      const warnings = server.lines.filter(
        (line) =>
          line['level'] === 'warn' &&
          String(line['msg']).startsWith('Redis unreachable: live audit events are not published'),
      );
      expect(warnings).toHaveLength(1);
    } finally {
      server.cleanup();
    }
  });
});
