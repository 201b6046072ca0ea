import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '@spendsense/server/db/client';
import type { AuditEntry } from '@spendsense/server/generated/prisma/client';
import { runRetention } from '@spendsense/server/services/retention/archive';
import { createClient } from 'graphql-sse';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { createTestApp } from './support/app.js';
import { openTestDatabase } from './support/database.js';
import { appWithAuditHistory, DUE_MONTHS } from './support/retention-history.js';

/** December 2026 with a three-month active window: January to August 2026 are due for the archive. */

let db: Database;
let app: ReturnType<typeof createTestApp>;
let before: AuditEntry[];
let token: string;
/** Every page of each query below, walked both ways, before anything was archived. */
let pagesBefore: unknown[];
/** The same export, before archiving. */
let exportBefore: string;

/** An NDJSON export through the real endpoint: its entry lines and its manifest (without its timestamp). */
async function exportLines(query: string): Promise<{ entries: string[]; manifest: Record<string, unknown> }> {
  const response = await app.yoga.fetch(`http://yoga/exports/audit?format=ndjson&${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  const lines = (await response.text()).trim().split('\n');
  // The manifest without what differs between two exports of the same entries: when, and the head then.
  const {
    generated_at: _generated,
    chain_head: _head,
    ...manifest
  } = (JSON.parse(lines.pop()!) as { manifest: Record<string, unknown> }).manifest;
  return { entries: lines, manifest };
}
const EXPORT_QUERY = `to=${encodeURIComponent('2026-11-30T00:00:00.000Z')}&eventTypes=consent_changed,operator_action`;

const PAGE = /* GraphQL */ `
  query Page($filter: AuditLogFilter, $orderBy: AuditLogOrder, $first: Int, $after: String, $last: Int, $before: String) {
    auditLog(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { sequence eventType occurredAt customerId operator { username } eventData hash prevHash } }
    }
  }
`;

/** The fixtures are stamped January to October; the archival run's own entries come later. */
const UNTIL = '2026-11-30T00:00:00.000Z';
const QUERIES: Array<{ filter: Record<string, unknown>; orderBy?: string }> = [
  { filter: { to: UNTIL } },
  { filter: { to: UNTIL }, orderBy: 'SEQ_ASC' },
  { filter: { to: UNTIL, eventTypes: ['PERSONA_ASSIGNED', 'OPERATOR_ACTION', 'LOGIN_ATTEMPT'] } },
  // A window across the boundary between archived and active months.
  { filter: { from: '2026-08-20T00:00:00.000Z', to: '2026-09-10T00:00:00.000Z' } },
  { filter: { from: '2026-08-20T00:00:00.000Z', to: '2026-09-10T00:00:00.000Z' }, orderBy: 'SEQ_ASC' },
  // Only archived months.
  {
    filter: {
      from: '2026-02-01T00:00:00.000Z',
      to: '2026-03-01T00:00:00.000Z',
      eventTypes: ['CONSENT_CHANGED'],
    },
  },
];

/** Walks every page of `query` forward (first/after) and backward (last/before), 97 at a time. */
async function allPages(
  query: { filter: Record<string, unknown>; orderBy?: string },
  includeArchived: boolean,
) {
  const filter = includeArchived ? { ...query.filter, includeArchived: true } : query.filter;
  const pages: unknown[] = [];
  for (const forward of [true, false]) {
    let cursor: string | null = null;
    for (let page = 0; page < 100; page++) {
      const variables = forward
        ? { filter, orderBy: query.orderBy, first: 97, after: cursor }
        : { filter, orderBy: query.orderBy, last: 97, before: cursor };
      const result = await app.graphql<{ auditLog: { pageInfo: Record<string, unknown>; edges: unknown[] } }>(
        PAGE,
        variables,
        { token },
      );
      expect(result.errors).toBeUndefined();
      const connection = result.data!.auditLog;
      pages.push(connection);
      const more = forward ? connection.pageInfo.hasNextPage : connection.pageInfo.hasPreviousPage;
      if (!more) break;
      cursor = (forward ? connection.pageInfo.endCursor : connection.pageInfo.startCursor) as string;
    }
  }
  return pages;
}

beforeAll(async () => {
  db = await openTestDatabase();
  // 600 entries, twelve hours apart from 1 January: January to mid-October.
  app = await appWithAuditHistory(db, { count: 600, stepHours: 12, purgeAfterMonths: 12 });
  token = await app.tokenFor('COMPLIANCE');
  pagesBefore = [];
  for (const query of QUERIES) pagesBefore.push(await allPages(query, false));
  exportBefore = JSON.stringify(await exportLines(EXPORT_QUERY));
  before = await db.prisma.auditEntry.findMany({ orderBy: { seq: 'asc' } });
}, 240_000);

afterAll(async () => {
  await db?.close();
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true }).catch(() => []);
  return entries
    .map(String)
    .filter((name) => name.endsWith('.parquet'))
    .sort();
}

describe('archival', () => {
  it('a dry run says which months are due and changes nothing', async () => {
    const report = await runRetention(app.services, { dryRun: true });
    expect(report.firstActiveMonth).toBe('2026-09');
    expect(report.archived.map((m) => m.month)).toEqual(DUE_MONTHS);
    expect(await db.prisma.auditEntry.count()).toBe(before.length);
    expect(await db.prisma.auditArchive.count()).toBe(0);
    expect(await filesUnder(app.services.retention.archiveDir)).toEqual([]);
  });

  it('moves each due month into its own Parquet file that an independent reader reads back unchanged', async () => {
    const report = await runRetention(app.services, { dryRun: false });
    const months = report.archived;
    expect(months).toHaveLength(8);
    const archivedCount = months.reduce((sum, m) => sum + m.rowCount, 0);
    const remaining = await db.prisma.auditEntry.findMany({ orderBy: { seq: 'asc' } });
    // The archived rows left; each month left one audit_archived entry behind.
    expect(remaining.length).toBe(before.length - archivedCount + months.length);
    expect(remaining[0]!.seq).toBe(months[7]!.lastSeq + 1n);
    expect(remaining.filter((e) => e.eventType === 'audit_archived')).toHaveLength(8);

    const files = await filesUnder(app.services.retention.archiveDir);
    expect(files).toEqual(months.map((m) => m.file.split('/').join(path.sep)));
    for (const month of months) {
      const file = await asyncBufferFromFile(path.join(app.services.retention.archiveDir, month.file));
      const metadata = await parquetMetadataAsync(file);
      const types = Object.fromEntries(
        parquetSchema(metadata).children.map((c) => [
          c.element.name,
          [c.element.type, c.element.logical_type?.type ?? c.element.converted_type],
        ]),
      );
      expect(types).toMatchObject({
        seq: ['INT64', 'INT_64'],
        occurred_at: ['INT64', 'TIMESTAMP'],
        event_data: ['BYTE_ARRAY', 'JSON'],
        hash: ['BYTE_ARRAY', 'UTF8'],
      });
      const rows = (await parquetReadObjects({ file, compressors })) as Array<Record<string, unknown>>;
      const expected = before.filter((e) => e.seq >= month.firstSeq && e.seq <= month.lastSeq);
      expect(rows).toHaveLength(expected.length);
      expect(
        rows.map((r) => ({
          seq: r.seq,
          logId: r.log_id,
          eventType: r.event_type,
          userId: r.user_id ?? null,
          operatorId: r.operator_id ?? null,
          recommendationId: r.recommendation_id ?? null,
          occurredAt: r.occurred_at,
          eventData: r.event_data,
          ipAddress: r.ip_address ?? null,
          userAgent: r.user_agent ?? null,
          contentHash: r.content_hash,
          prevHash: r.prev_hash,
          hash: r.hash,
        })),
      ).toEqual(expected);
    }
  });

  it('refuses a run while another is in progress (CONFLICT), changing nothing', async () => {
    const runs = await Promise.allSettled([
      runRetention(app.services, { dryRun: false }),
      runRetention(app.services, { dryRun: false }),
    ]);
    expect(runs[0]!.status).toBe('fulfilled');
    expect(runs[1]).toMatchObject({ status: 'rejected', reason: { code: 'CONFLICT' } });
  });

  it('a second run finds nothing more to do', async () => {
    const report = await runRetention(app.services, { dryRun: false });
    expect(report.archived).toEqual([]);
    expect(report.purged).toEqual([]);
  });
});

const INTEGRITY = /* GraphQL */ `
  query {
    auditIntegrity {
      valid checked firstInvalidSeq reason message headSeq
      ranges { kind firstSeq lastSeq rowCount file verified }
    }
  }
`;

interface Integrity {
  valid: boolean;
  checked: number;
  firstInvalidSeq: string | null;
  reason: string | null;
  message: string | null;
  headSeq: string;
  ranges: Array<{
    kind: string;
    firstSeq: string;
    lastSeq: string;
    rowCount: number;
    file: string | null;
    verified: boolean;
  }>;
}

async function integrity(): Promise<Integrity> {
  const result = await app.graphql<{ auditIntegrity: Integrity }>(INTEGRITY, {}, { token });
  expect(result.errors).toBeUndefined();
  return result.data!.auditIntegrity;
}

describe('includeArchived', () => {
  it('returns exactly what the same queries returned before archiving, page by page, both ways', async () => {
    const pagesAfter: unknown[] = [];
    for (const query of QUERIES) pagesAfter.push(await allPages(query, true));
    expect(pagesAfter).toEqual(pagesBefore);
  }, 240_000);

  it('the export endpoint with includeArchived=true writes the same file as before archiving', async () => {
    const after = await exportLines(`${EXPORT_QUERY}&includeArchived=true`);
    // Every consent change and operator action of the fixtures (all stamped before the export's `to`).
    const matching = before.filter((e) => ['consent_changed', 'operator_action'].includes(e.eventType));
    expect(matching.length).toBeGreaterThan(50);
    expect(after.entries.length).toBe(matching.length);
    expect(JSON.stringify(after)).toBe(exportBefore);
    const without = await exportLines(EXPORT_QUERY);
    const stillActive = matching.filter((e) => e.occurredAt >= new Date('2026-09-01T00:00:00.000Z'));
    expect(without.entries.length).toBe(stillActive.length);
    expect(without.entries.length).toBeLessThan(after.entries.length / 2);
    const bad = await app.yoga.fetch('http://yoga/exports/audit?format=csv&includeArchived=yes', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'BAD_USER_INPUT', field: 'includeArchived' } });
  });

  it('node(id) and nodes(ids) find archived entries; purged or unknown ones are null', async () => {
    const archived = before[10]!;
    const active = before[before.length - 1]!;
    const idOf = (seq: bigint | number) => Buffer.from(`AuditEntry:${seq}`).toString('base64');
    const NODES = /* GraphQL */ `
      query ($id: ID!, $ids: [ID!]!) {
        node(id: $id) { id ... on AuditEntry { sequence hash eventData occurredAt } }
        nodes(ids: $ids) { ... on AuditEntry { sequence hash } }
      }
    `;
    const result = await app.graphql<{
      node: { sequence: string; hash: string; eventData: unknown; occurredAt: string } | null;
      nodes: Array<{ sequence: string; hash: string } | null>;
    }>(
      NODES,
      { id: idOf(archived.seq), ids: [idOf(active.seq), idOf(archived.seq), idOf(9_999_999)] },
      { token },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.node).toEqual({
      id: idOf(archived.seq),
      sequence: String(archived.seq),
      hash: archived.hash,
      eventData: archived.eventData,
      occurredAt: archived.occurredAt.toISOString(),
    });
    expect(result.data!.nodes).toEqual([
      { sequence: String(active.seq), hash: active.hash },
      { sequence: String(archived.seq), hash: archived.hash },
      null,
    ]);
  });

  it('auditEntryAdded replays archived entries after afterSeq with includeArchived, and only active ones without', async () => {
    const replayed = async (includeArchived: boolean) => {
      const client = createClient({
        url: 'http://yoga/graphql/stream',
        fetchFn: app.yoga.fetch,
        retryAttempts: 0,
        headers: { authorization: `Bearer ${token}` },
      });
      const sequences: string[] = [];
      const live = client.iterate<{ auditEntryAdded: { sequence: string } }>({
        query: `subscription ($filter: AuditLogFilter) { auditEntryAdded(filter: $filter, afterSeq: "0") { sequence } }`,
        variables: { filter: { includeArchived } },
      });
      for await (const message of live) {
        expect(message.errors).toBeUndefined();
        sequences.push(message.data!.auditEntryAdded.sequence);
        if (sequences.length === 20) break;
      }
      client.dispose();
      return sequences;
    };
    const oldestActive = (await db.prisma.auditEntry.findFirstOrThrow({ orderBy: { seq: 'asc' } })).seq;
    expect(await replayed(true)).toEqual(before.slice(0, 20).map((e) => String(e.seq)));
    expect((await replayed(false))[0]).toBe(String(oldestActive));
  });

  it('without it, archived entries are not searched', async () => {
    const result = await app.graphql<{ auditLog: { totalCount: number } }>(
      PAGE,
      { filter: { to: '2026-08-01T00:00:00.000Z' }, first: 5 },
      { token },
    );
    expect(result.data!.auditLog.totalCount).toBe(0);
  });
});

describe('verification across archives', () => {
  it('verifies the archived months and the active table as one chain', async () => {
    const report = await integrity();
    expect(report).toMatchObject({ valid: true, reason: null });
    const head = await db.prisma.auditChainHead.findUniqueOrThrow({ where: { id: 1 } });
    // Every entry ever written is checked: archived ones from their files, the rest from the table.
    expect(report.checked).toBe(Number(head.seq));
    expect(report.ranges.map((r) => r.kind)).toEqual([...Array(8).fill('ARCHIVED'), 'ACTIVE']);
    expect(report.ranges.every((r) => r.verified)).toBe(true);
  });

  it('a DELETE that is not the archive function is refused, even of archived-looking ranges', async () => {
    const first = (await db.prisma.auditEntry.findFirstOrThrow({ orderBy: { seq: 'asc' } })).seq;
    await expect(db.prisma.$executeRawUnsafe(`DELETE FROM audit_log WHERE seq = ${first}`)).rejects.toThrow(
      'audit_log is append-only: DELETE is not allowed',
    );
    await expect(
      db.prisma.$executeRawUnsafe(`SELECT set_config('spendsense.audit_retention', 'on', false);
        DELETE FROM audit_log WHERE seq <= ${first + 5n}`),
    ).rejects.toThrow();
    await expect(db.prisma.$queryRawUnsafe(`SELECT audit_archive_delete(${first})`)).rejects.toThrow(
      'no audit archive manifest starts at seq',
    );
    expect((await integrity()).valid).toBe(true);
  });
});
