import type { Database } from '@spendsense/server/db/client';
import { createOperator } from '@spendsense/server/services/operators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import { openTestDatabase } from './support/database.js';

const LOGIN =
  'mutation($input: LoginInput!) { login(input: $input) { token expiresAt operator { username role } } }';
const PASSWORD = 'Correct-Horse-42!';

describe('operator sessions', () => {
  let db: Database;
  let app: ReturnType<typeof createTestApp>;
  let clock = new Date('2026-03-01T09:00:00Z');

  beforeAll(async () => {
    db = await openTestDatabase();
    app = createTestApp(db, { now: () => clock });
    await createOperator(app.services, {
      username: 'alice',
      displayName: 'Alice',
      role: 'COMPLIANCE',
      password: PASSWORD,
    });
    await createOperator(app.services, {
      username: 'bob',
      displayName: 'Bob',
      role: 'REVIEWER',
      password: PASSWORD,
    });
  });
  afterAll(async () => db?.close());

  it('sets an httpOnly, SameSite session cookie that authenticates later requests, until logout', async () => {
    const login = await app.graphql<any>(LOGIN, { input: { username: 'Alice', password: PASSWORD } });
    expect(login.errors).toBeUndefined();
    expect(login.data.login.operator).toEqual({ username: 'alice', role: 'COMPLIANCE' });
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^ss_session=[A-Za-z0-9_-]{43}/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const sessionCookie = cookie.split(';')[0]!;

    const viewer = await app.graphql<any>(
      '{ viewer { username } }',
      {},
      { headers: { cookie: sessionCookie } },
    );
    expect(viewer.data.viewer).toEqual({ username: 'alice' });

    const logout = await app.graphql<any>('mutation { logout }', {}, { headers: { cookie: sessionCookie } });
    expect(logout.data.logout).toBe(true);
    const after = await app.graphql<any>(
      '{ viewer { username } }',
      {},
      { headers: { cookie: sessionCookie } },
    );
    expect(after.data.viewer).toBeNull();
  });

  it('stores only a hash of the token, and the bearer token expires after 12 hours', async () => {
    const loggedInAt = clock.getTime();
    const login = await app.graphql<any>(LOGIN, { input: { username: 'bob', password: PASSWORD } });
    const token = login.data.login.token as string;
    // SESSION_TTL_HOURS defaults to 12: the session ends exactly 12 hours after the login.
    expect(login.data.login.expiresAt).toBe(new Date(loggedInAt + 12 * 3_600_000).toISOString());
    const stored = await db.prisma.operatorSession.findMany();
    expect(stored.some((s) => s.tokenHash === token)).toBe(false);
    expect((await app.graphql<any>('{ viewer { username } }', {}, { token })).data.viewer).toEqual({
      username: 'bob',
    });
    clock = new Date(loggedInAt + 12 * 3_600_000 - 60_000);
    expect((await app.graphql<any>('{ viewer { username } }', {}, { token })).data.viewer).toEqual({
      username: 'bob',
    });
    clock = new Date(loggedInAt + 12 * 3_600_000 + 60_000);
    expect((await app.graphql<any>('{ viewer { username } }', {}, { token })).data.viewer).toBeNull();
  });

  it('answers a wrong password and an unknown user alike, and audits both', async () => {
    const wrong = await app.graphql(LOGIN, { input: { username: 'bob', password: 'nope-nope-nope' } });
    const unknown = await app.graphql(LOGIN, { input: { username: 'nobody', password: 'nope-nope-nope' } });
    expect(wrong.errors?.[0]).toMatchObject({
      message: 'Invalid username or password',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(unknown.errors?.[0]).toMatchObject({
      message: 'Invalid username or password',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const entries = await db.prisma.auditEntry.findMany({
      where: { eventType: 'login_attempt' },
      orderBy: { seq: 'desc' },
      take: 2,
    });
    expect(entries.map((e) => e.eventData)).toEqual([
      { status: 'failure', username: 'nobody', failure_reason: 'unknown_username' },
      { status: 'failure', username: 'bob', failure_reason: 'wrong_password' },
    ]);
    expect(entries[0]!.operatorId).toBeNull();
  });

  it('locks a username after 5 failures in 15 minutes, even for the right password, then lets it in again', async () => {
    await createOperator(app.services, {
      username: 'carol',
      displayName: 'Carol',
      role: 'VIEWER',
      password: PASSWORD,
    });
    for (let i = 0; i < 5; i++) {
      const failed = await app.graphql(LOGIN, { input: { username: 'carol', password: `wrong-${i}` } });
      expect(failed.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const locked = await app.graphql(LOGIN, { input: { username: 'carol', password: PASSWORD } });
    expect(locked.errors?.[0]?.extensions).toMatchObject({ code: 'ACCOUNT_LOCKED', retryAfterSeconds: 900 });
    clock = new Date(clock.getTime() + 15 * 60_000 + 1_000);
    const again = await app.graphql<any>(LOGIN, { input: { username: 'carol', password: PASSWORD } });
    expect(again.errors).toBeUndefined();
    expect(again.data.login.operator.username).toBe('carol');
  });

  it('enforces the password policy when creating operators', async () => {
    await expect(
      createOperator(app.services, {
        username: 'dave',
        displayName: 'Dave',
        role: 'VIEWER',
        password: 'short1A!',
      }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: { problems: ['too_short'] } });
    await expect(
      createOperator(app.services, {
        username: 'dave',
        displayName: 'Dave',
        role: 'VIEWER',
        password: 'alllowercaseletters',
      }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: { problems: ['too_few_character_classes'] } });
    await expect(
      createOperator(app.services, {
        username: 'alice',
        displayName: 'Alice',
        role: 'VIEWER',
        password: PASSWORD,
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await db.prisma.operator.count({ where: { username: 'dave' } })).toBe(0);
  });

  it('stores passwords as salted scrypt hashes', async () => {
    const alice = await db.prisma.operator.findUniqueOrThrow({ where: { username: 'alice' } });
    expect(alice.passwordHash).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(alice.passwordHash).not.toContain(PASSWORD);
  });
});
