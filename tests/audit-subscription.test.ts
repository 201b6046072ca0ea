import type { Database } from '@spendsense/server/db/client';
import { runAudited } from '@spendsense/server/services/audit/record-audit';
import { createClient } from 'graphql-sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import { openTestDatabase } from './support/database.js';

const SUBSCRIPTION = `
  subscription Live($filter: AuditLogFilter, $afterSeq: String) {
    auditEntryAdded(filter: $filter, afterSeq: $afterSeq) { sequence eventType eventData }
  }`;

interface Received {
  sequence: string;
  eventType: string;
  eventData: Record<string, unknown>;
}

/** Subscribes with the real graphql-sse client over yoga.fetch and collects entries until `count` arrived. */
function subscribe(
  app: ReturnType<typeof createTestApp>,
  token: string | null,
  variables: Record<string, unknown>,
) {
  const client = createClient({
    url: 'http://yoga/graphql/stream',
    fetchFn: app.yoga.fetch,
    retryAttempts: 0,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const received: Received[] = [];
  const errors: unknown[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const dispose = client.subscribe<{ auditEntryAdded: Received }>(
    { query: SUBSCRIPTION, variables },
    {
      next: (message) => {
        if (message.errors) errors.push(...message.errors);
        if (message.data) received.push(message.data.auditEntryAdded);
        for (const w of waiters.filter((w) => received.length >= w.count)) w.resolve();
      },
      error: (error) => {
        errors.push(error);
        for (const w of waiters) w.resolve();
      },
      complete: () => {
        for (const w of waiters) w.resolve();
      },
    },
  );
  return {
    received,
    errors,
    until: (count: number) =>
      received.length >= count || errors.length > 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ count, resolve })),
    close: () => {
      dispose();
      client.dispose();
    },
  };
}

async function writeLogins(app: ReturnType<typeof createTestApp>, usernames: string[]) {
  for (const username of usernames) {
    await runAudited(app.services, (_tx, audit) =>
      audit.record({
        eventType: 'login_attempt',
        eventData: { status: 'failure', username, failure_reason: 'wrong_password' },
      }),
    );
  }
}

async function writeConsent(app: ReturnType<typeof createTestApp>, userId: string) {
  await runAudited(app.services, (_tx, audit) =>
    audit.record({
      eventType: 'consent_changed',
      userId,
      eventData: { old_status: null, new_status: 'opted_in', consent_version: '1.0', changed_via: 'web' },
    }),
  );
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('auditEntryAdded subscription', () => {
  let db: Database;
  let app: ReturnType<typeof createTestApp>;
  let compliance: string;

  beforeAll(async () => {
    db = await openTestDatabase();
    app = createTestApp(db);
    compliance = await app.tokenFor('COMPLIANCE');
  });
  afterAll(async () => db?.close());

  it('streams committed entries that match the filter, in order', async () => {
    const live = subscribe(app, compliance, { filter: { eventTypes: ['LOGIN_ATTEMPT'] } });
    await tick();
    await writeConsent(app, 'usr_1');
    await writeLogins(app, ['mallory', 'trudy']);
    await writeConsent(app, 'usr_2');
    await writeLogins(app, ['eve']);
    await live.until(3);
    live.close();
    expect(live.errors).toEqual([]);
    expect(live.received.map((e) => e.eventData.username)).toEqual(['mallory', 'trudy', 'eve']);
    const seqs = live.received.map((e) => Number(e.sequence));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(live.received.every((e) => e.eventType === 'LOGIN_ATTEMPT')).toBe(true);
  });

  it('replays stored entries after afterSeq, then continues live, without gaps or repeats', async () => {
    await writeLogins(app, ['a1', 'a2', 'a3']);
    const stored = await db.prisma.auditEntry.findMany({ orderBy: { seq: 'asc' } });
    const resumeAfter = stored[stored.length - 3]!.seq; // the client saw everything up to a1
    const live = subscribe(app, compliance, { afterSeq: resumeAfter.toString() });
    await live.until(2);
    await writeLogins(app, ['b1']);
    await writeConsent(app, 'usr_3');
    await live.until(4);
    live.close();
    expect(live.errors).toEqual([]);
    const expected = [
      ...stored.slice(-2).map((e) => e.seq),
      ...(
        await db.prisma.auditEntry.findMany({
          where: { seq: { gt: stored.at(-1)!.seq } },
          orderBy: { seq: 'asc' },
        })
      ).map((e) => e.seq),
    ].map(String);
    expect(live.received.map((e) => e.sequence)).toEqual(expected);
  });

  it('also works over yoga SSE on /graphql', async () => {
    const response = await app.yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        authorization: `Bearer ${compliance}`,
      },
      body: JSON.stringify({ query: SUBSCRIPTION, variables: { afterSeq: '0' } }),
    });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes('auditEntryAdded')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value); // the first chunk may be a keep-alive comment
    }
    await reader.cancel();
    expect(text).toContain('"auditEntryAdded"');
    expect(text).toContain('"sequence":"1"');
  });

  it('refuses viewers and anonymous callers at subscribe time, and records the denial', async () => {
    const viewer = await app.tokenFor('VIEWER');
    const denied = subscribe(app, viewer, {});
    await denied.until(1);
    denied.close();
    expect(JSON.stringify(denied.errors)).toContain('FORBIDDEN');
    const anonymous = subscribe(app, null, {});
    await anonymous.until(1);
    anonymous.close();
    expect(JSON.stringify(anonymous.errors)).toContain('UNAUTHENTICATED');
    const denial = await db.prisma.auditEntry.findFirst({
      where: { eventType: 'unauthorized_access', operatorId: { not: null } },
      orderBy: { seq: 'desc' },
    });
    expect(denial?.eventData).toMatchObject({
      field_path: 'Subscription.auditEntryAdded',
      operator_role: 'VIEWER',
    });
  });

  it('rejects a malformed afterSeq as BAD_USER_INPUT', async () => {
    const bad = subscribe(app, compliance, { afterSeq: 'yesterday' });
    await bad.until(1);
    bad.close();
    expect(JSON.stringify(bad.errors)).toContain('BAD_USER_INPUT');
  });
});
