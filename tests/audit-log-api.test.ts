import { createHash } from 'node:crypto';
import type { Database } from '@spendsense/server/db/client';
import { canonicalAuditContent, chainLinkText } from '@spendsense/server/domain/audit/canonical-entry';
import {
  AUDIT_EVENT_TYPE_NAMES,
  type AuditEventType,
  type AuditFilter,
  type JsonObject,
  matchesAuditFilter,
} from '@spendsense/server/domain/audit/index';
import type { OperatorRole } from '@spendsense/server/domain/operators/index';
import { AuditEventType as PrismaAuditEventType } from '@spendsense/server/generated/prisma/enums';
import { assignPersona } from '@spendsense/server/services/assign-persona';
import { setConsent } from '@spendsense/server/services/consent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import {
  type AuditFixtureWorld,
  appendAuditFixtures,
  createAuditFixtureWorld,
} from './support/audit-fixtures.js';
import { openTestDatabase } from './support/database.js';

const globalId = (type: string, id: string | bigint) => Buffer.from(`${type}:${id}`).toString('base64');
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const cursorOf = (text: string) => Buffer.from(text).toString('base64');

const PAGE = /* GraphQL */ `
  query Page($filter: AuditLogFilter, $orderBy: AuditLogOrder, $first: Int, $after: String, $last: Int, $before: String) {
    auditLog(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { sequence } }
    }
  }
`;

interface PageResult {
  auditLog: {
    totalCount: number;
    pageInfo: {
      hasNextPage: boolean;
      hasPreviousPage: boolean;
      startCursor: string | null;
      endCursor: string | null;
    };
    edges: Array<{ cursor: string; node: { sequence: string } }>;
  };
}

let db: Database;
let app: ReturnType<typeof createTestApp>;
let world: AuditFixtureWorld;
const tokens = {} as Record<OperatorRole, string>;

beforeAll(async () => {
  db = await openTestDatabase();
  app = createTestApp(db);
  for (const role of ['VIEWER', 'REVIEWER', 'COMPLIANCE', 'ADMIN'] as const)
    tokens[role] = await app.tokenFor(role);
  world = await createAuditFixtureWorld(app.services);
  await appendAuditFixtures(app.services, world, { count: 300 });
});

afterAll(async () => {
  await db.close();
});

async function query<T>(
  text: string,
  variables: Record<string, unknown> = {},
  role: OperatorRole = 'COMPLIANCE',
) {
  return app.graphql<T>(text, variables, { token: tokens[role] });
}

/** Every stored entry matching `filter`, newest first: the expectation, computed apart from the SQL. */
async function expectedSeqs(filter: AuditFilter): Promise<string[]> {
  const rows = await db.prisma.auditEntry.findMany({ orderBy: { seq: 'desc' } });
  return rows.filter((row) => matchesAuditFilter(row, filter)).map((row) => row.seq.toString());
}

/** Every entry matching `filter` by event type name (A→Z or Z→A), newest first within a type. */
async function expectedByType(filter: AuditFilter, direction: 'asc' | 'desc'): Promise<string[]> {
  const rows = await db.prisma.auditEntry.findMany({ orderBy: { seq: 'desc' } });
  const matching = rows.filter((row) => matchesAuditFilter(row, filter));
  const sign = direction === 'asc' ? 1 : -1;
  // A stable sort keeps newest first within each type.
  matching.sort((a, b) => (a.eventType === b.eventType ? 0 : a.eventType < b.eventType ? -sign : sign));
  return matching.map((row) => row.seq.toString());
}

async function page(variables: Record<string, unknown>) {
  const result = await query<PageResult>(PAGE, variables);
  expect(result.errors).toBeUndefined();
  return result.data!.auditLog;
}

/** Reads every page forward (first/after) or backward (last/before), checking pageInfo on each. */
async function readAll(variables: Record<string, unknown>, size: number, direction: 'forward' | 'backward') {
  const pages: string[][] = [];
  let cursor: string | null = null;
  for (;;) {
    const current = await page(
      direction === 'forward'
        ? { ...variables, first: size, after: cursor }
        : { ...variables, last: size, before: cursor },
    );
    const seqs = current.edges.map((edge) => edge.node.sequence);
    pages.push(seqs);
    expect(current.pageInfo.startCursor).toBe(current.edges[0]?.cursor ?? null);
    expect(current.pageInfo.endCursor).toBe(current.edges.at(-1)?.cursor ?? null);
    const more = direction === 'forward' ? current.pageInfo.hasNextPage : current.pageInfo.hasPreviousPage;
    const came = direction === 'forward' ? current.pageInfo.hasPreviousPage : current.pageInfo.hasNextPage;
    expect(came).toBe(cursor !== null);
    if (!more) break;
    expect(seqs).toHaveLength(size);
    cursor = direction === 'forward' ? current.pageInfo.endCursor : current.pageInfo.startCursor;
  }
  return direction === 'forward' ? pages : pages.reverse();
}

describe('auditLog filters', () => {
  const cases: Array<[string, () => { input: Record<string, unknown>; filter: AuditFilter }]> = [
    ['no filter', () => ({ input: {}, filter: {} })],
    [
      'one event type',
      () => ({ input: { eventTypes: ['CONSENT_CHANGED'] }, filter: { eventTypes: ['consent_changed'] } }),
    ],
    [
      'several event types',
      () => ({
        input: { eventTypes: ['LOGIN_ATTEMPT', 'OPERATOR_ACTION', 'AUDIT_EXPORTED'] },
        filter: { eventTypes: ['login_attempt', 'operator_action', 'audit_exported'] },
      }),
    ],
    [
      'customer',
      () => ({
        input: { userId: globalId('User', world.customerIds[1]!) },
        filter: { userId: world.customerIds[1]! },
      }),
    ],
    [
      'customer without a users row',
      () => ({
        input: { userId: globalId('User', world.missingCustomerId) },
        filter: { userId: world.missingCustomerId },
      }),
    ],
    [
      'operator',
      () => ({
        input: { operatorId: globalId('Operator', world.operators[0]!.id) },
        filter: { operatorId: world.operators[0]!.id },
      }),
    ],
    [
      'recommendation',
      () => ({
        input: { recommendationId: globalId('Recommendation', world.recommendationIds[1]!) },
        filter: { recommendationId: world.recommendationIds[1]! },
      }),
    ],
    [
      'from (inclusive, on a tied instant)',
      () => ({
        input: { from: '2026-01-05T10:00:00.000Z' },
        filter: { from: new Date('2026-01-05T10:00:00.000Z') },
      }),
    ],
    [
      'to (inclusive)',
      () => ({
        input: { to: '2026-01-03T05:00:00.000Z' },
        filter: { to: new Date('2026-01-03T05:00:00.000Z') },
      }),
    ],
    [
      'from and to equal',
      () => ({
        input: { from: '2026-01-05T10:00:00.000Z', to: '2026-01-05T10:00:00.000Z' },
        filter: { from: new Date('2026-01-05T10:00:00.000Z'), to: new Date('2026-01-05T10:00:00.000Z') },
      }),
    ],
    [
      'event types, customer and a date range combined',
      () => ({
        input: {
          eventTypes: ['PERSONA_ASSIGNED', 'CONSENT_CHANGED', 'RECOMMENDATION_GENERATED'],
          userId: globalId('User', world.customerIds[0]!),
          from: '2026-01-02T00:00:00.000Z',
          to: '2026-01-10T00:00:00.000Z',
        },
        filter: {
          eventTypes: ['persona_assigned', 'consent_changed', 'recommendation_generated'],
          userId: world.customerIds[0]!,
          from: new Date('2026-01-02T00:00:00.000Z'),
          to: new Date('2026-01-10T00:00:00.000Z'),
        },
      }),
    ],
    [
      'operator, recommendation and event type combined',
      () => ({
        input: {
          eventTypes: ['OPERATOR_ACTION'],
          operatorId: globalId('Operator', world.operators[1]!.id),
          recommendationId: globalId('Recommendation', world.recommendationIds[0]!),
        },
        filter: {
          eventTypes: ['operator_action'],
          operatorId: world.operators[1]!.id,
          recommendationId: world.recommendationIds[0]!,
        },
      }),
    ],
  ];

  it.each(cases)(
    '%s: returns exactly the matching entries, newest first, with their totalCount',
    async (_, make) => {
      const { input, filter } = make();
      const expected = await expectedSeqs(filter);
      expect(expected.length).toBeGreaterThan(0);
      const result = await page({ filter: input, first: 200 });
      expect(result.edges.map((edge) => edge.node.sequence)).toEqual(expected.slice(0, 200));
      expect(result.totalCount).toBe(expected.length);
      expect(result.pageInfo.hasNextPage).toBe(expected.length > 200);
    },
  );

  it('a filter matching nothing gives an empty page and a zero count', async () => {
    const result = await page({ filter: { eventTypes: ['AUDIT_PURGED'] } });
    expect(result).toEqual({
      totalCount: 0,
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
      edges: [],
    });
  });

  it('the filter bounds are inclusive: an entry exactly at from/to is in, one millisecond off is out', async () => {
    const tied = await expectedSeqs({
      from: new Date('2026-01-05T10:00:00.000Z'),
      to: new Date('2026-01-05T10:00:00.000Z'),
    });
    expect(tied.length).toBeGreaterThanOrEqual(1);
    const justAfter = await page({
      filter: { from: '2026-01-05T10:00:00.001Z', to: '2026-01-05T10:59:59.999Z' },
    });
    expect(justAfter.totalCount).toBe(0);
  });
});

describe('auditLog pagination', () => {
  it.each([
    ['SEQ_DESC', 'forward'],
    ['SEQ_DESC', 'backward'],
    ['SEQ_ASC', 'forward'],
    ['SEQ_ASC', 'backward'],
  ] as const)(
    '%s read %s visits every entry once, in order, with correct pageInfo',
    async (orderBy, direction) => {
      const newestFirst = await expectedSeqs({});
      const expected = orderBy === 'SEQ_DESC' ? newestFirst : [...newestFirst].reverse();
      const pages = await readAll({ orderBy }, 13, direction);
      expect(pages.flat()).toEqual(expected);
      expect(pages).toHaveLength(Math.ceil(expected.length / 13));
      // Forward pages are full except the last; backward pages except the first.
      const partial = direction === 'forward' ? pages.at(-1)! : pages[0]!;
      expect(partial).toHaveLength(expected.length % 13 || 13);
    },
  );

  it('pages a filtered log both ways without gaps or duplicates', async () => {
    const filter = { eventTypes: ['PERSONA_ASSIGNED', 'LOGIN_ATTEMPT'], userId: null };
    const expected = await expectedSeqs({ eventTypes: ['persona_assigned', 'login_attempt'] });
    expect((await readAll({ filter }, 4, 'forward')).flat()).toEqual(expected);
    expect((await readAll({ filter }, 4, 'backward')).flat()).toEqual(expected);
  });

  it('a cursor keeps its place when new entries arrive', async () => {
    const first = await page({ first: 5 });
    const second = await page({ first: 5, after: first.pageInfo.endCursor });
    await appendAuditFixtures(app.services, world, { count: 3, start: new Date('2026-06-01T00:00:00.000Z') });
    const again = await page({ first: 5, after: first.pageInfo.endCursor });
    expect(again.edges.map((edge) => edge.node.sequence)).toEqual(
      second.edges.map((edge) => edge.node.sequence),
    );
    expect(again.pageInfo.hasPreviousPage).toBe(true);
  });

  it('after and before together bound a window; first and last are then read from its two ends', async () => {
    const all = await expectedSeqs({});
    const after = cursorOf(`audit:${all[10]}`);
    const before = cursorOf(`audit:${all[30]}`);
    const front = await page({ after, before, first: 5 });
    expect(front.edges.map((edge) => edge.node.sequence)).toEqual(all.slice(11, 16));
    expect(front.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const back = await page({ after, before, last: 5 });
    expect(back.edges.map((edge) => edge.node.sequence)).toEqual(all.slice(25, 30));
    expect(back.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
  });

  it('reading backward with last and after, a window that fits on one page still has a previous page', async () => {
    const all = await expectedSeqs({});
    // The five oldest entries lie after this cursor (newest first); last: 10 reads all of them at once.
    const after = cursorOf(`audit:${all[all.length - 6]}`);
    const back = await page({ after, last: 10 });
    expect(back.edges.map((edge) => edge.node.sequence)).toEqual(all.slice(-5));
    expect(back.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
  });

  it('an empty page beyond the last entry still knows what lies before its cursor and after its bound', async () => {
    const all = await expectedSeqs({});
    // Newest first, nothing lies after the oldest entry: the page is empty, the entries before it are not.
    const past = await page({ after: cursorOf(`audit:${all.at(-1)}`), first: 5 });
    expect(past.edges).toEqual([]);
    expect(past.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    // A window between two neighbours is empty; both sides of it hold entries.
    const between = await page({
      after: cursorOf(`audit:${all[10]}`),
      before: cursorOf(`audit:${all[11]}`),
      first: 5,
    });
    expect(between.edges).toEqual([]);
    expect(between.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
  });

  it('orders newest first by default and oldest first with SEQ_ASC', async () => {
    const all = await expectedSeqs({});
    expect((await page({ first: 3 })).edges.map((edge) => edge.node.sequence)).toEqual(all.slice(0, 3));
    const ascending = await page({ first: 3, orderBy: 'SEQ_ASC' });
    expect(ascending.edges.map((edge) => edge.node.sequence)).toEqual(['1', '2', '3']);
  });

  it.each([
    ['EVENT_TYPE_ASC', 'forward'],
    ['EVENT_TYPE_ASC', 'backward'],
    ['EVENT_TYPE_DESC', 'forward'],
    ['EVENT_TYPE_DESC', 'backward'],
  ] as const)(
    '%s read %s groups by type name, newest first within each, every entry once',
    async (orderBy, direction) => {
      const expected = await expectedByType({}, orderBy === 'EVENT_TYPE_ASC' ? 'asc' : 'desc');
      const pages = await readAll({ orderBy }, 17, direction);
      expect(pages.flat()).toEqual(expected);
      expect(pages).toHaveLength(Math.ceil(expected.length / 17));
    },
  );

  it('orders a filtered log by event type both ways, pages crossing type boundaries', async () => {
    const filter = { eventTypes: ['PERSONA_ASSIGNED', 'LOGIN_ATTEMPT', 'CONSENT_CHANGED'] };
    const domainFilter: AuditFilter = {
      eventTypes: ['persona_assigned', 'login_attempt', 'consent_changed'],
    };
    const expected = await expectedByType(domainFilter, 'asc');
    expect((await readAll({ filter, orderBy: 'EVENT_TYPE_ASC' }, 6, 'forward')).flat()).toEqual(expected);
    expect((await readAll({ filter, orderBy: 'EVENT_TYPE_ASC' }, 6, 'backward')).flat()).toEqual(expected);
    const first = await page({ filter, orderBy: 'EVENT_TYPE_ASC', first: 3 });
    const types = (
      await query<{ auditLog: { edges: Array<{ node: { eventType: string } }> } }>(
        '{ auditLog(first: 1, orderBy: EVENT_TYPE_ASC, filter: { eventTypes: [PERSONA_ASSIGNED, CONSENT_CHANGED] }) { edges { node { eventType } } } }',
      )
    ).data!.auditLog.edges.map((edge) => edge.node.eventType);
    expect(types).toEqual(['CONSENT_CHANGED']);
    expect(first.pageInfo.hasPreviousPage).toBe(false);
  });

  it('after and before bound a window across event types', async () => {
    const all = await expectedByType({}, 'desc');
    const entries = await db.prisma.auditEntry.findMany({ select: { seq: true, eventType: true } });
    const typeOf = new Map(entries.map((entry) => [entry.seq.toString(), entry.eventType]));
    const cursorAt = (index: number) => cursorOf(`audit:${typeOf.get(all[index]!)}:${all[index]}`);
    const window = { orderBy: 'EVENT_TYPE_DESC', after: cursorAt(20), before: cursorAt(90) };
    const front = await page({ ...window, first: 30 });
    expect(front.edges.map((edge) => edge.node.sequence)).toEqual(all.slice(21, 51));
    expect(front.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const back = await page({ ...window, last: 30 });
    expect(back.edges.map((edge) => edge.node.sequence)).toEqual(all.slice(60, 90));
  });

  it('defaults to 50 entries and accepts up to 200', async () => {
    expect((await page({})).edges).toHaveLength(50);
    expect((await page({ first: 200 })).edges).toHaveLength(200);
    expect((await page({ last: 200 })).edges).toHaveLength(200);
    expect((await page({ first: 1 })).edges).toHaveLength(1);
  });
});

describe('auditLog bad input', () => {
  async function expectBadInput(text: string, variables: Record<string, unknown>, message?: RegExp) {
    const before = await db.prisma.auditEntry.count();
    const result = await query(text, variables);
    expect(result.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    if (message) expect(result.errors?.[0]?.message).toMatch(message);
    // A rejected request by an authorized reader writes nothing.
    expect(await db.prisma.auditEntry.count()).toBe(before);
    return result;
  }

  it.each([
    [{ first: 201 }, /^first must be between 1 and 200$/],
    [{ first: 0 }, /^first must be between 1 and 200$/],
    [{ first: -1 }, /^first must be between 1 and 200$/],
    [{ last: 201 }, /^last must be between 1 and 200$/],
    [{ last: 0 }, /^last must be between 1 and 200$/],
    [{ first: 5, last: 5 }, /either first or last/],
  ])('page size %j is refused', async (variables, message) => {
    await expectBadInput(PAGE, variables, message);
  });

  it.each([
    ['not base64 of anything we issue', 'garbage'],
    ['another prefix', cursorOf('User:12')],
    ['a non-numeric seq', cursorOf('audit:abc')],
    ['a zero seq', cursorOf('audit:0')],
    ['a seq beyond bigint', cursorOf('audit:99999999999999999999')],
    ['padding variations', `${cursorOf('audit:12')}==`],
  ])('a malformed cursor (%s) is refused as after and before', async (_, cursor) => {
    await expectBadInput(PAGE, { after: cursor }, /^after is not a valid audit log cursor$/);
    await expectBadInput(PAGE, { last: 3, before: cursor }, /^before is not a valid audit log cursor$/);
  });

  it('a cursor belongs to the order that issued it', async () => {
    const bySeq = await page({ first: 2 });
    const byType = await page({ first: 2, orderBy: 'EVENT_TYPE_ASC' });
    await expectBadInput(
      PAGE,
      { orderBy: 'EVENT_TYPE_ASC', after: bySeq.pageInfo.endCursor },
      /^after is a cursor of another orderBy than EVENT_TYPE_ASC$/,
    );
    await expectBadInput(PAGE, { after: byType.pageInfo.endCursor }, /another orderBy/);
    // A cursor of one event-type order serves the other one: both are keyed on (type, seq).
    const byTypeDesc = await expectedByType({}, 'desc');
    const at = byTypeDesc.indexOf(byType.edges[1]!.node.sequence);
    const other = await page({ orderBy: 'EVENT_TYPE_DESC', after: byType.pageInfo.endCursor });
    expect(other.edges.map((edge) => edge.node.sequence)).toEqual(byTypeDesc.slice(at + 1, at + 51));
  });

  it.each([
    ['an unknown event type', cursorOf('audit:no_such_type:12')],
    ['an upper-case type', cursorOf('audit:LOGIN_ATTEMPT:12')],
    ['a zero seq', cursorOf('audit:login_attempt:0')],
    ['no seq', cursorOf('audit:login_attempt:')],
  ])('a malformed event-type cursor (%s) is refused', async (_, cursor) => {
    await expectBadInput(
      PAGE,
      { orderBy: 'EVENT_TYPE_ASC', after: cursor },
      /^after is not a valid audit log cursor$/,
    );
  });

  it('refuses from after to', async () => {
    await expectBadInput(
      PAGE,
      { filter: { from: '2026-02-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' } },
      /from must not be after to/,
    );
  });

  it('refuses a filter ID of the wrong type or a malformed one', async () => {
    await expectBadInput(PAGE, { filter: { userId: globalId('Operator', world.operators[0]!.id) } }, /User/);
    await expectBadInput(PAGE, { filter: { operatorId: globalId('Operator', 'not-a-uuid') } }, /operatorId/);
  });

  it('refuses an unknown event type passed in a variable', async () => {
    const result = await expectBadInput(PAGE, { filter: { eventTypes: ['PERSONA_ASSIGNED', 'NOPE'] } });
    expect(result.errors?.[0]?.message).toMatch(/"NOPE" does not exist in "AuditEventType" enum/);
    expect(result.errors?.[0]?.message).toMatch(/^Variable "\$filter"/);
  });

  it('refuses an unknown event type written into the query, twice in a row (validation is cached)', async () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const result = await expectBadInput('{ auditLog(filter: { eventTypes: [NOPE] }) { totalCount } }', {});
      expect(result.errors?.[0]?.message).toMatch(/"NOPE" does not exist in "AuditEventType" enum/);
    }
    await expectBadInput('{ auditLog(filter: { eventTypes: ["persona_assigned"] }) { totalCount } }', {});
  });

  it('refuses a malformed DateTime as BAD_USER_INPUT whether written into the query or passed in a variable', async () => {
    await expectBadInput('{ auditLog(filter: { from: "not-a-date" }) { totalCount } }', {}, /DateTime/);
    await expectBadInput('{ auditLog(filter: { from: 20260101 }) { totalCount } }', {}, /DateTime/);
    await expectBadInput(
      'query($from: DateTime) { auditLog(filter: { from: $from }) { totalCount } }',
      { from: 'not-a-date' },
      /DateTime/,
    );
  });

  it('keeps GRAPHQL_VALIDATION_FAILED for a malformed query', async () => {
    const result = await query('{ auditLog { edges { node { noSuchField } } } }');
    expect(result.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

/** A customer who has opted in, so the persona engine may run for them. */
async function createConsentingCustomer(id: string): Promise<void> {
  await db.prisma.user.create({
    data: { id, name: `Customer ${id}`, email: `${id}@example.com`, dateOfBirth: new Date('1988-02-03') },
  });
  await setConsent(app.services, { userId: id, status: 'OPTED_IN', channel: 'web' });
}

describe('AuditEntry', () => {
  const ENTRY_FIELDS = /* GraphQL */ `
    id sequence logId eventType occurredAt customerId ipAddress userAgent eventData contentHash prevHash hash
    user { id customerId }
    operator { id username }
    recommendation { id title }
  `;

  it('exposes every stored column and resolves its links, null where the row is missing', async () => {
    const rows = await db.prisma.auditEntry.findMany({ orderBy: { seq: 'desc' }, take: 60 });
    const result = await query<{ auditLog: { edges: Array<{ node: Record<string, unknown> }> } }>(
      `{ auditLog(first: 60) { edges { node { ${ENTRY_FIELDS} } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const nodes = result.data!.auditLog.edges.map((edge) => edge.node);
    expect(nodes).toHaveLength(60);
    const operators = new Map(world.operators.map((operator) => [operator.id, operator.username]));
    const existing = new Set(world.customerIds);
    for (const [index, node] of nodes.entries()) {
      const row = rows[index]!;
      expect(node).toEqual({
        id: globalId('AuditEntry', row.seq),
        sequence: row.seq.toString(),
        logId: row.logId,
        eventType: row.eventType.toUpperCase(),
        occurredAt: row.occurredAt.toISOString(),
        customerId: row.userId,
        ipAddress: row.ipAddress,
        userAgent: row.userAgent,
        eventData: row.eventData,
        contentHash: row.contentHash,
        prevHash: row.prevHash,
        hash: row.hash,
        user:
          row.userId && existing.has(row.userId)
            ? { id: globalId('User', row.userId), customerId: row.userId }
            : null,
        operator: row.operatorId
          ? { id: globalId('Operator', row.operatorId), username: operators.get(row.operatorId) }
          : null,
        recommendation: row.recommendationId
          ? {
              id: globalId('Recommendation', row.recommendationId),
              title: expect.stringMatching(/^Fixture item/),
            }
          : null,
      });
    }
    expect(
      nodes.some((node) => node['customerId'] === world.missingCustomerId && node['user'] === null),
    ).toBe(true);
  });

  it('gives a client all it needs to re-hash each entry and its link, with the shared canonical form', async () => {
    const result = await query<{ auditLog: { edges: Array<{ node: Record<string, string | null> }> } }>(
      `{ auditLog(first: 80) { edges { node {
          sequence logId eventType occurredAt customerId operatorUuid recommendationUuid eventData ipAddress
          userAgent contentHash prevHash hash } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const nodes = result.data!.auditLog.edges.map((edge) => edge.node);
    expect(nodes.some((node) => node['operatorUuid'] !== null)).toBe(true);
    expect(nodes.some((node) => node['recommendationUuid'] !== null)).toBe(true);
    for (const node of nodes) {
      const content = {
        logId: node['logId']!,
        eventType: node['eventType']!.toLowerCase() as AuditEventType,
        userId: node['customerId']!,
        operatorId: node['operatorUuid']!,
        recommendationId: node['recommendationUuid']!,
        occurredAt: node['occurredAt']!,
        eventData: node['eventData'] as unknown as JsonObject,
        ipAddress: node['ipAddress']!,
        userAgent: node['userAgent']!,
      };
      const seq = Number(node['sequence']);
      expect(sha256(canonicalAuditContent(content))).toBe(node['contentHash']);
      expect(sha256(chainLinkText(node['prevHash']!, seq, node['contentHash']!))).toBe(node['hash']);
    }
  });

  it('is a Node: node(id) returns the entry, an unknown seq gives null, a malformed id BAD_USER_INPUT', async () => {
    const found = await query<{ node: { sequence: string; eventType: string } | null }>(
      'query($id: ID!) { node(id: $id) { ... on AuditEntry { sequence eventType } } }',
      { id: globalId('AuditEntry', 7n) },
    );
    expect(found.errors).toBeUndefined();
    const row = await db.prisma.auditEntry.findUniqueOrThrow({ where: { seq: 7n } });
    expect(found.data?.node).toEqual({ sequence: '7', eventType: row.eventType.toUpperCase() });
    const missing = await query<{ node: unknown }>('query($id: ID!) { node(id: $id) { id } }', {
      id: globalId('AuditEntry', 999_999n),
    });
    expect(missing.data?.node).toBeNull();
    const malformed = await query('query($id: ID!) { node(id: $id) { id } }', {
      id: globalId('AuditEntry', 'x1'),
    });
    expect(malformed.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('stores exactly the declared event types: the Prisma enum and the database enum list them all', async () => {
    const rows = await db.prisma.$queryRaw<Array<{ value: string }>>`
      SELECT unnest(enum_range(NULL::"AuditEventType"))::text AS value`;
    const declared = [...AUDIT_EVENT_TYPE_NAMES].sort();
    expect(rows.map((row) => row.value).sort()).toEqual(declared);
    expect(Object.values(PrismaAuditEventType).sort()).toEqual(declared);
  });

  it('resolves details to the type of each event with its fields', async () => {
    const result = await query<{
      auditLog: { edges: Array<{ node: { eventType: string; details: Record<string, unknown> } }> };
    }>(`{
      auditLog(first: 200, filter: { eventTypes: [LOGIN_ATTEMPT, LOGOUT, CONSENT_CHANGED, UNAUTHORIZED_ACCESS, AUDIT_EXPORTED, TONE_VALIDATED, ELIGIBILITY_CHECKED, OPERATOR_ACTION, RECOMMENDATION_GENERATED, PERSONA_OVERRIDDEN] }) {
        edges { node { eventType eventData details {
          __typename
          ... on LoginAttemptDetails { status username failureReason }
          ... on LogoutDetails { username sessionStartedAt }
          ... on ConsentChangedDetails { oldStatus newStatus consentVersion changedVia }
          ... on UnauthorizedAccessDetails { fieldPath requiredScopes operatorRole }
          ... on AuditExportedDetails { format rowCount firstSeq lastSeq }
          ... on ToneValidatedDetails { pass detectedViolations category severity recommendation { id } }
          ... on EligibilityCheckedDetails { pass failureReasons thresholds userValues recommendation { id } }
          ... on OperatorActionDetails { action justification reviewTimeSeconds recommendation { id } }
          ... on RecommendationGeneratedDetails { contentId passedGuardrails guardrailResults { stage pass reason } recommendation { id } }
          ... on PersonaOverriddenDetails { oldPersona newPersona justification assignment { id } }
        } } }
      }
    }`);
    expect(result.errors).toBeUndefined();
    const typename: Record<string, string> = {
      LOGIN_ATTEMPT: 'LoginAttemptDetails',
      LOGOUT: 'LogoutDetails',
      CONSENT_CHANGED: 'ConsentChangedDetails',
      UNAUTHORIZED_ACCESS: 'UnauthorizedAccessDetails',
      AUDIT_EXPORTED: 'AuditExportedDetails',
      TONE_VALIDATED: 'ToneValidatedDetails',
      ELIGIBILITY_CHECKED: 'EligibilityCheckedDetails',
      OPERATOR_ACTION: 'OperatorActionDetails',
      RECOMMENDATION_GENERATED: 'RecommendationGeneratedDetails',
      PERSONA_OVERRIDDEN: 'PersonaOverriddenDetails',
    };
    const seen = new Set<string>();
    for (const { node } of result.data!.auditLog.edges) {
      const data = (node as unknown as { eventData: Record<string, unknown> }).eventData;
      seen.add(node.eventType);
      expect(node.details['__typename']).toBe(typename[node.eventType]);
      if (node.eventType === 'LOGIN_ATTEMPT') {
        expect(node.details).toMatchObject({
          status: data['status'],
          username: data['username'],
          failureReason: data['failure_reason'],
        });
      }
      if (node.eventType === 'LOGOUT') {
        expect(node.details).toMatchObject({
          username: data['username'],
          sessionStartedAt: data['session_started_at'],
        });
      }
      if (node.eventType === 'AUDIT_EXPORTED') {
        expect(node.details).toMatchObject({
          format: 'csv',
          rowCount: data['row_count'],
          firstSeq: '1',
          lastSeq: String(data['last_seq']),
        });
      }
      if (node.eventType === 'PERSONA_OVERRIDDEN') {
        // Fixture overrides name assignments that do not exist.
        expect(node.details).toMatchObject({ newPersona: 'savings_builder', assignment: null });
      }
      if (
        ['TONE_VALIDATED', 'ELIGIBILITY_CHECKED', 'OPERATOR_ACTION', 'RECOMMENDATION_GENERATED'].includes(
          node.eventType,
        )
      ) {
        expect(world.recommendationIds.map((id) => globalId('Recommendation', id))).toContain(
          (node.details['recommendation'] as { id: string }).id,
        );
      }
    }
    expect([...seen].sort()).toEqual(Object.keys(typename).sort());
  });

  it('links a persona_assigned entry to the real PersonaAssignment with its evidence', async () => {
    await createConsentingCustomer('usr_assigned');
    await db.prisma.account.create({
      data: {
        id: 'acc_assigned_card',
        userId: 'usr_assigned',
        type: 'credit',
        subtype: 'credit card',
        name: 'Card',
        mask: '4242',
        isoCurrencyCode: 'USD',
        balanceCurrent: 800,
        creditLimit: 1000,
      },
    });
    const assignment = await assignPersona(app.services, {
      userId: 'usr_assigned',
      window: 'D30',
      referenceDate: '2026-11-01',
    });
    const result = await query<{
      auditLog: {
        totalCount: number;
        edges: Array<{
          node: { user: { customerId: string }; operator: null; details: Record<string, unknown> };
        }>;
      };
    }>(
      `query($user: ID!) {
        auditLog(filter: { userId: $user, eventTypes: [PERSONA_ASSIGNED] }) {
          totalCount
          edges { node { user { customerId } operator { username } details {
            __typename
            ... on PersonaAssignedDetails {
              window personaId persona { personaId } qualifyingPersonas evidenceSummary reason confidence registryVersion
              assignment { id personaId confidence registryVersion qualifyingPersonas user { customerId } }
            }
          } } }
        }
      }`,
      { user: globalId('User', 'usr_assigned') },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.auditLog.totalCount).toBe(1);
    const node = result.data!.auditLog.edges[0]!.node;
    expect(node.user).toEqual({ customerId: 'usr_assigned' });
    // The engine ran on its own: no operator asked for this decision.
    expect(node.operator).toBeNull();
    expect(node.details).toMatchObject({
      __typename: 'PersonaAssignedDetails',
      window: 'D30',
      personaId: assignment.personaId,
      persona: { personaId: assignment.personaId },
      qualifyingPersonas: assignment.qualifyingPersonas,
      confidence: assignment.confidence,
      registryVersion: assignment.registryVersion,
      assignment: {
        id: globalId('PersonaAssignment', assignment.id),
        personaId: assignment.personaId,
        confidence: assignment.confidence,
        registryVersion: assignment.registryVersion,
        qualifyingPersonas: assignment.qualifyingPersonas,
        user: { customerId: 'usr_assigned' },
      },
    });
    expect(assignment.personaId).toBe('high_utilization');
    expect(Object.keys(node.details['evidenceSummary'] as object)).toContain('high_utilization');
  });

  it('records the operator who asked for a persona through assignPersona, and where from', async () => {
    await createConsentingCustomer('usr_requested');
    const assigned = await app.graphql<{ assignPersona: { id: string } }>(
      'mutation($input: AssignPersonaInput!) { assignPersona(input: $input) { id } }',
      { input: { userId: globalId('User', 'usr_requested'), window: 'D180', referenceDate: '2026-11-01' } },
      { token: tokens.REVIEWER, headers: { 'user-agent': 'assign-test/1.0' } },
    );
    expect(assigned.errors).toBeUndefined();
    const result = await query<{
      auditLog: { edges: Array<{ node: Record<string, unknown> }> };
    }>(
      `query($user: ID!) {
        auditLog(filter: { userId: $user, eventTypes: [PERSONA_ASSIGNED] }) {
          edges { node {
            operator { username role }
            userAgent
            details { ... on PersonaAssignedDetails { window assignment { id } } }
          } }
        }
      }`,
      { user: globalId('User', 'usr_requested') },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.auditLog.edges.map((edge) => edge.node)).toEqual([
      {
        operator: { username: 'reviewer', role: 'REVIEWER' },
        userAgent: 'assign-test/1.0',
        details: { window: 'D180', assignment: { id: assigned.data!.assignPersona.id } },
      },
    ]);
  });

  it('records a logout with the operator and the session it ended, once', async () => {
    const token = await app.tokenFor('VIEWER', 'leaving');
    const operator = await db.prisma.operator.findUniqueOrThrow({ where: { username: 'leaving' } });
    const session = await db.prisma.operatorSession.findFirstOrThrow({ where: { operatorId: operator.id } });
    const logout = await app.graphql<{ logout: boolean }>('mutation { logout }', {}, { token });
    expect(logout.data?.logout).toBe(true);
    const again = await app.graphql('mutation { logout }', {}, { token });
    expect(again.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');

    const result = await query<{
      auditLog: { edges: Array<{ node: Record<string, unknown> }> };
    }>(
      `query($operator: ID!) {
        auditLog(filter: { operatorId: $operator, eventTypes: [LOGOUT] }) {
          edges { node {
            eventType
            operator { username }
            details { __typename ... on LogoutDetails { username sessionStartedAt } }
          } }
        }
      }`,
      { operator: globalId('Operator', operator.id) },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.auditLog.edges.map((edge) => edge.node)).toEqual([
      {
        eventType: 'LOGOUT',
        operator: { username: 'leaving' },
        details: {
          __typename: 'LogoutDetails',
          username: 'leaving',
          sessionStartedAt: session.createdAt.toISOString(),
        },
      },
    ]);
  });

  it('resolves archive details', async () => {
    await appendAuditFixtures(app.services, world, { count: 2, types: ['audit_archived', 'audit_purged'] });
    const result = await query<{
      auditLog: { edges: Array<{ node: { details: Record<string, unknown> } }> };
    }>(`{
      auditLog(first: 2, filter: { eventTypes: [AUDIT_ARCHIVED, AUDIT_PURGED] }) {
        edges { node { details {
          __typename
          ... on AuditArchivedDetails { firstSeq lastSeq rowCount archiveFile headHash }
          ... on AuditPurgedDetails { firstSeq lastSeq rowCount archiveFile headHash }
        } } }
      }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.auditLog.edges.map((edge) => edge.node.details)).toEqual([
      {
        __typename: 'AuditPurgedDetails',
        firstSeq: '1',
        lastSeq: '2',
        rowCount: 2,
        archiveFile: 'archive-1.parquet',
        headHash: 'b'.repeat(64),
      },
      {
        __typename: 'AuditArchivedDetails',
        firstSeq: '1',
        lastSeq: '1',
        rowCount: 1,
        archiveFile: 'archive-0.parquet',
        headHash: 'b'.repeat(64),
      },
    ]);
  });
});

describe('who may read the audit log', () => {
  const FIELDS = {
    'Query.auditLog': {
      text: '{ auditLog(first: 1) { totalCount edges { node { sequence } } } }',
      field: 'auditLog',
    },
    'Query.auditIntegrity': { text: '{ auditIntegrity { valid } }', field: 'auditIntegrity' },
    // Who can be filtered for in the audit log.
    'Query.operators': { text: '{ operators { id username } }', field: 'operators' },
    // The scope sits on the AuditEntry type, so the denial names the first field of it that was asked for.
    'AuditEntry.sequence': {
      text: `{ node(id: "${globalId('AuditEntry', 1n)}") { ... on AuditEntry { sequence } } }`,
      field: 'node',
    },
  } as const;

  async function denialsFor(fieldPath: string) {
    const rows = await db.prisma.auditEntry.findMany({
      where: { eventType: 'unauthorized_access' },
      orderBy: { seq: 'desc' },
    });
    return rows.filter((row) => (row.eventData as { field_path: string }).field_path === fieldPath);
  }

  for (const [path, { text, field }] of Object.entries(FIELDS)) {
    it(`${path}: anonymous → UNAUTHENTICATED, viewer/reviewer → FORBIDDEN (logged), compliance/admin → data`, async () => {
      const anonymous = await app.graphql<Record<string, unknown>>(text);
      expect(anonymous.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
      expect(anonymous.data?.[field] ?? null).toBeNull();

      for (const role of ['VIEWER', 'REVIEWER'] as const) {
        const before = (await denialsFor(path)).length;
        const denied = await query<Record<string, unknown>>(text, {}, role);
        expect(denied.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
        expect(denied.data?.[field] ?? null).toBeNull();
        const denials = await denialsFor(path);
        expect(denials).toHaveLength(before + 1);
        const operator = await db.prisma.operator.findUniqueOrThrow({
          where: { username: role.toLowerCase() },
        });
        expect(denials[0]).toMatchObject({
          operatorId: operator.id,
          eventData: { field_path: path, operator_role: role },
        });
      }

      for (const role of ['COMPLIANCE', 'ADMIN'] as const) {
        const allowed = await query<Record<string, unknown>>(text, {}, role);
        expect(allowed.errors).toBeUndefined();
        expect(allowed.data?.[field]).not.toBeNull();
      }
    });
  }
});
