import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  describeVerdict,
  type ExportFileVerdict,
  verifyExportFile,
} from '@spendsense/server/cli/verify-export';
import type { Database } from '@spendsense/server/db/client';
import {
  type AuditExportFormat,
  type AuditFilter,
  auditTimestamp,
  contentHash,
  type LoginAttemptData,
  matchesAuditFilter,
} from '@spendsense/server/domain/audit/index';
import type { Operator } from '@spendsense/server/generated/prisma/client';
import { CSRF_HEADER } from '@spendsense/server/http/csrf-header';
import {
  AUDIT_EXPORT_BATCH_SIZE,
  type AuditExportBatchQuery,
  exportAuditLog,
  fetchAuditExportBatch,
} from '@spendsense/server/services/audit/export';
import type { ServiceContext } from '@spendsense/server/services/context';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import { appendAuditFixtures, createAuditFixtureWorld } from './support/audit-fixtures.js';
import { openTestDatabase } from './support/database.js';

const run = promisify(execFile);
const REPO_ROOT = path.resolve(import.meta.dirname, '..');

let db: Database;
let app: ReturnType<typeof createTestApp>;
let world: Awaited<ReturnType<typeof createAuditFixtureWorld>>;
let workDir: string;
const tokens: Record<'VIEWER' | 'REVIEWER' | 'COMPLIANCE' | 'ADMIN', string> = {
  VIEWER: '',
  REVIEWER: '',
  COMPLIANCE: '',
  ADMIN: '',
};
const operators: Partial<Record<keyof typeof tokens, Operator>> = {};

beforeAll(async () => {
  db = await openTestDatabase();
  app = createTestApp(db);
  world = await createAuditFixtureWorld(app.services, 'exp');
  await appendAuditFixtures(app.services, world, { count: 240, batchSize: 120 });
  for (const role of Object.keys(tokens) as (keyof typeof tokens)[]) {
    tokens[role] = await app.tokenFor(role);
    operators[role] = (await db.prisma.operator.findUnique({ where: { username: role.toLowerCase() } }))!;
  }
  workDir = await mkdtemp(path.join(tmpdir(), 'audit-export-'));
});

afterAll(async () => {
  await db?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const globalId = (typename: string, id: string) => Buffer.from(`${typename}:${id}`).toString('base64');

interface Download {
  status: number;
  headers: Headers;
  text: string;
}

async function download(
  query: string,
  options: { token?: string; cookie?: string; method?: string; yoga?: { fetch: typeof fetch } } = {},
): Promise<Download> {
  // The CSRF header, as the console sends it (tests/cross-origin.test.ts covers requests without it).
  const headers: Record<string, string> = { 'user-agent': 'export-test/1', [CSRF_HEADER]: '1' };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  if (options.cookie) headers['cookie'] = options.cookie;
  const server = options.yoga ?? app.yoga;
  const response = await server.fetch(`http://yoga/exports/audit${query ? `?${query}` : ''}`, {
    method: options.method ?? 'GET',
    headers,
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** Every stored entry, in seq order, as the filter sees it. */
async function storedEntries() {
  const rows = await db.prisma.auditEntry.findMany({
    orderBy: { seq: 'asc' },
    select: {
      seq: true,
      eventType: true,
      userId: true,
      operatorId: true,
      recommendationId: true,
      occurredAt: true,
    },
  });
  return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
}

async function expectedSeqs(filter: AuditFilter): Promise<number[]> {
  return (await storedEntries())
    .filter((entry) => matchesAuditFilter(entry, filter))
    .map((entry) => entry.seq);
}

/** Seqs of the rows of an export, in file order (each format puts one entry per line). */
function seqsOf(format: AuditExportFormat, text: string): number[] {
  const pattern = format === 'csv' ? /^(\d+),/ : /^\{"seq":(\d+),/;
  return text
    .split(/\r?\n/)
    .map((line) => pattern.exec(line)?.[1])
    .filter((seq): seq is string => seq !== undefined)
    .map(Number);
}

async function verifyText(text: string, name = `${randomUUID()}.export`): Promise<ExportFileVerdict> {
  const file = path.join(workDir, name);
  await writeFile(file, text);
  return verifyExportFile(file);
}

/** Changes one byte of the row with `seq`: the last digit of its timestamp's milliseconds. */
function tamperRow(format: AuditExportFormat, text: string, seq: number): string {
  const prefix = format === 'csv' ? `${seq},` : `{"seq":${seq},`;
  const lines = text.split('\n');
  const index = lines.findIndex((line) => line.startsWith(prefix));
  expect(index).toBeGreaterThan(-1);
  lines[index] = lines[index]!.replace(
    /(\.\d\d)(\d)Z/,
    (_all, head: string, digit: string) => `${head}${(Number(digit) + 1) % 10}Z`,
  );
  return lines.join('\n');
}

function removeRow(format: AuditExportFormat, text: string, seq: number): string {
  const prefix = format === 'csv' ? `${seq},` : `{"seq":${seq},`;
  return text
    .split('\n')
    .filter((line) => !line.startsWith(prefix))
    .join('\n');
}

const FORMATS: AuditExportFormat[] = ['csv', 'json', 'ndjson'];
const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8; header=present',
  json: 'application/json; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

async function latestExportEntry() {
  return db.prisma.auditEntry.findFirst({ where: { eventType: 'audit_exported' }, orderBy: { seq: 'desc' } });
}

async function countEntries(eventType: 'audit_exported' | 'unauthorized_access' | 'login_attempt') {
  return db.prisma.auditEntry.count({ where: { eventType } });
}

describe('GET /exports/audit: whole log', () => {
  it.each(FORMATS)(
    '%s: streams every entry up to the head, with a manifest that verifies',
    async (format) => {
      const expected = await expectedSeqs({});
      const response = await download(`format=${format}`, { token: tokens.COMPLIANCE });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(CONTENT_TYPES[format]);
      expect(response.headers.get('content-disposition')).toMatch(
        new RegExp(`^attachment; filename="audit-start-now-\\d{8}T\\d{6}Z\\.${format}"$`),
      );
      expect(seqsOf(format, response.text)).toEqual(expected);
      const verdict = await verifyText(response.text);
      expect(verdict).toMatchObject({
        valid: true,
        format,
        coverage: 'complete_range',
        checked: expected.length,
        rowCount: expected.length,
        firstSeq: 1,
        lastSeq: expected.at(-1),
      });
      expect(describeVerdict(verdict)).toBe(
        `OK: ${expected.length} entries, seq 1..${expected.at(-1)}, head ${verdict.headHash}`,
      );
    },
  );

  it('writes RFC 4180 CSV: CRLF records of 14 fields, the seed headers first', async () => {
    const { text } = await download('format=csv', { token: tokens.ADMIN });
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(
      'sequence,timestamp,event_type,user_id,operator_id,recommendation_id,action,details,ip_address,user_agent,log_id,content_hash,prev_hash,hash',
    );
    expect(lines.at(-1)).toBe('');
    expect(lines.at(-2)).toMatch(/^#manifest,,,,,,,"\{""chain_head"":\{/);
    expect(text.replaceAll('\r\n', '')).not.toContain('\n');
  });

  it('records audit_exported with who, what and the exported range once the file is complete', async () => {
    const expected = await expectedSeqs({});
    const before = await countEntries('audit_exported');
    const { text } = await download('format=ndjson', { token: tokens.COMPLIANCE });
    expect(await countEntries('audit_exported')).toBe(before + 1);
    const entry = await latestExportEntry();
    const manifest = JSON.parse(text.trim().split('\n').at(-1)!).manifest;
    expect(entry).toMatchObject({
      operatorId: operators.COMPLIANCE!.id,
      userAgent: 'export-test/1',
      eventData: {
        format: 'ndjson',
        filters: {},
        row_count: expected.length,
        first_seq: 1,
        last_seq: expected.at(-1),
        head_hash: manifest.head_hash,
        completed: true,
      },
    });
    // The export covers the chain as it stood when it began; its own entry comes after.
    expect(manifest.chain_head.seq).toBe(expected.at(-1));
    expect(Number(entry!.seq)).toBeGreaterThan(manifest.chain_head.seq);
  });
});

describe('GET /exports/audit: filters', () => {
  it.each(FORMATS)('%s: event types and a time range select exactly the matching entries', async (format) => {
    const filter: AuditFilter = {
      eventTypes: ['operator_action', 'consent_changed'],
      from: new Date('2026-01-02T00:00:00.000Z'),
      to: new Date('2026-01-06T12:00:00.000Z'),
    };
    const expected = await expectedSeqs(filter);
    expect(expected.length).toBeGreaterThan(5);
    const response = await download(
      `format=${format}&eventTypes=operator_action,consent_changed&from=2026-01-02T00:00:00Z&to=2026-01-06T12:00:00Z`,
      { token: tokens.COMPLIANCE },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(
      /filename="audit-20260102T000000Z-20260106T120000Z-\d{8}T\d{6}Z\./,
    );
    expect(seqsOf(format, response.text)).toEqual(expected);
    expect(await verifyText(response.text)).toMatchObject({
      valid: true,
      coverage: 'filtered',
      rowCount: expected.length,
      firstSeq: expected[0],
      lastSeq: expected.at(-1),
    });
    expect((await latestExportEntry())!.eventData).toMatchObject({
      format,
      filters: {
        event_types: ['operator_action', 'consent_changed'],
        from: '2026-01-02T00:00:00.000Z',
        to: '2026-01-06T12:00:00.000Z',
      },
      row_count: expected.length,
      first_seq: expected[0],
      last_seq: expected.at(-1),
    });
  });

  it.each([
    ['userId', () => globalId('User', world.customerIds[0]!), () => ({ userId: world.customerIds[0]! })],
    [
      'operatorId',
      () => globalId('Operator', world.operators[1]!.id),
      () => ({ operatorId: world.operators[1]!.id }),
    ],
    [
      'recommendationId',
      () => globalId('Recommendation', world.recommendationIds[0]!),
      () => ({ recommendationId: world.recommendationIds[0]! }),
    ],
  ])('%s selects the entries about it', async (parameter, id, filter) => {
    const expected = await expectedSeqs(filter());
    expect(expected.length).toBeGreaterThan(3);
    const response = await download(`format=ndjson&${parameter}=${encodeURIComponent(id())}`, {
      token: tokens.ADMIN,
    });
    expect(seqsOf('ndjson', response.text)).toEqual(expected);
    expect((await verifyText(response.text)).valid).toBe(true);
  });

  it('takes a calendar date as the whole UTC day, both ends inclusive', async () => {
    const expected = await expectedSeqs({
      from: new Date('2026-01-03T00:00:00.000Z'),
      to: new Date('2026-01-04T23:59:59.999Z'),
    });
    const response = await download('format=csv&from=2026-01-03&to=2026-01-04', { token: tokens.ADMIN });
    expect(seqsOf('csv', response.text)).toEqual(expected);
    expect(expected).toHaveLength(48 + 5);
  });

  it('exports nothing, verifiably, when nothing matches', async () => {
    const response = await download('format=json&from=2031-01-01&to=2031-12-31', { token: tokens.ADMIN });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toMatchObject({
      entries: [],
      manifest: { row_count: 0, first_seq: null },
    });
    const verdict = await verifyText(response.text);
    expect(verdict.valid).toBe(true);
    expect(describeVerdict(verdict)).toBe('OK: 0 entries (an empty export)');
    expect((await latestExportEntry())!.eventData).toMatchObject({
      row_count: 0,
      first_seq: null,
      last_seq: null,
    });
  });
});

describe('verifying a saved export', () => {
  const TARGET = 37;

  it.each(FORMATS)('%s: one byte changed in a row is INVALID at that seq', async (format) => {
    const { text } = await download(`format=${format}`, { token: tokens.COMPLIANCE });
    const verdict = await verifyText(tamperRow(format, text, TARGET));
    expect(verdict).toMatchObject({ valid: false, firstInvalidSeq: TARGET, reason: 'content_modified' });
    expect(describeVerdict(verdict)).toMatch(new RegExp(`^INVALID at seq ${TARGET}: `));
  });

  it.each(FORMATS)('%s: a row removed is INVALID at that seq', async (format) => {
    const { text } = await download(`format=${format}`, { token: tokens.COMPLIANCE });
    const verdict = await verifyText(removeRow(format, text, TARGET));
    expect(verdict).toMatchObject({ valid: false, firstInvalidSeq: TARGET, reason: 'sequence_gap' });
  });

  it.each(FORMATS)('%s: a row removed from a filtered export is INVALID', async (format) => {
    const { text } = await download(`format=${format}&eventTypes=persona_assigned`, { token: tokens.ADMIN });
    const seqs = seqsOf(format, text);
    const verdict = await verifyText(removeRow(format, text, seqs[2]!));
    expect(verdict).toMatchObject({ valid: false, coverage: 'filtered', reason: 'row_count_mismatch' });
  });

  it.each([
    ['csv', 'manifest_missing'],
    ['ndjson', 'manifest_missing'],
    ['json', 'format_error'],
  ] as const)('%s: a file cut short is INVALID (%s)', async (format, reason) => {
    const { text } = await download(`format=${format}`, { token: tokens.COMPLIANCE });
    const verdict = await verifyText(text.slice(0, Math.floor(text.length / 2)));
    expect(verdict).toMatchObject({ valid: false, reason });
  });

  it('a row appended after the manifest is INVALID', async () => {
    const { text } = await download('format=ndjson&eventTypes=login_attempt', { token: tokens.COMPLIANCE });
    const lines = text.trimEnd().split('\n');
    const forged = `${lines.join('\n')}\n${lines[0]}\n${lines.at(-1)}\n`;
    expect(await verifyText(forged)).toMatchObject({ valid: false, reason: 'format_error' });
  });

  it('the CLI prints the verdict and exits 0 or 1', async () => {
    const { text } = await download('format=csv&eventTypes=login_attempt', { token: tokens.COMPLIANCE });
    const good = path.join(workDir, 'good.csv');
    const bad = path.join(workDir, 'bad.csv');
    await writeFile(good, text);
    const seqs = seqsOf('csv', text);
    await writeFile(bad, tamperRow('csv', text, seqs[1]!));
    const ok = await run('npx', ['tsx', 'server/src/cli/verify-export.ts', good], { cwd: REPO_ROOT });
    expect(ok.stdout.split('\n')[0]).toMatch(
      new RegExp(`^OK: ${seqs.length} entries, seq ${seqs[0]}\\.\\.${seqs.at(-1)}, head [0-9a-f]{64}$`),
    );
    const failed = await run('npx', ['tsx', 'server/src/cli/verify-export.ts', bad], {
      cwd: REPO_ROOT,
    }).catch((error: { code: number; stdout: string }) => error);
    expect(failed).toMatchObject({ code: 1 });
    expect(failed.stdout).toMatch(new RegExp(`^INVALID at seq ${seqs[1]}: Entry ${seqs[1]}: content`));
  });
});

describe('GET /exports/audit: who may export', () => {
  async function deniedEntry() {
    return db.prisma.auditEntry.findFirst({
      where: { eventType: 'unauthorized_access' },
      orderBy: { seq: 'desc' },
    });
  }

  it('refuses an anonymous request with 401 and records the attempt', async () => {
    const before = await countEntries('unauthorized_access');
    const response = await download('format=csv');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(JSON.parse(response.text)).toEqual({
      error: { code: 'UNAUTHENTICATED', message: 'You must be logged in' },
    });
    expect(await countEntries('unauthorized_access')).toBe(before + 1);
    expect(await deniedEntry()).toMatchObject({
      operatorId: null,
      userAgent: 'export-test/1',
      eventData: {
        field_path: 'GET /exports/audit',
        required_scopes: ['capability:readAudit'],
        operator_role: null,
      },
    });
  });

  it('treats an unknown token as anonymous', async () => {
    const response = await download('format=csv', { token: 'not-a-session' });
    expect(response.status).toBe(401);
  });

  it.each(['VIEWER', 'REVIEWER'] as const)('refuses a %s with 403 and records the attempt', async (role) => {
    const exportsBefore = await countEntries('audit_exported');
    const response = await download('format=csv', { token: tokens[role] });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.text).error).toEqual({
      code: 'FORBIDDEN',
      message: 'Not authorized to access GET /exports/audit',
    });
    expect(await deniedEntry()).toMatchObject({
      operatorId: operators[role]!.id,
      eventData: { field_path: 'GET /exports/audit', operator_role: role },
    });
    expect(await countEntries('audit_exported')).toBe(exportsBefore);
  });

  it.each(['COMPLIANCE', 'ADMIN'] as const)(
    'serves a %s, by bearer token or session cookie',
    async (role) => {
      expect((await download('format=csv', { token: tokens[role] })).status).toBe(200);
      expect(
        (await download('format=csv', { cookie: `theme=dark; ss_session=${tokens[role]}` })).status,
      ).toBe(200);
    },
  );

  it('answers only GET', async () => {
    const response = await download('format=csv', { token: tokens.ADMIN, method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
  });
});

describe('GET /exports/audit: bad input', () => {
  it.each([
    ['no format', '', /format must be csv, json or ndjson/],
    ['an unknown format', 'format=xml', /format must be/],
    [
      'an unknown event type',
      'format=csv&eventTypes=persona_assigned,persona_stolen',
      /Unknown event type "persona_stolen"/,
    ],
    ['an empty event type list', 'format=csv&eventTypes=,', /at least one event type/],
    ['a malformed global ID', 'format=csv&userId=%%%', /userId must be the global ID of a User/],
    [
      'a global ID of another type',
      `format=csv&userId=${globalId('Operator', randomUUID())}`,
      /userId must be/,
    ],
    [
      'an operator ID that is no UUID',
      `format=csv&operatorId=${globalId('Operator', 'op-1')}`,
      /operatorId must be/,
    ],
    ['a malformed instant', 'format=csv&from=yesterday', /from must be an ISO 8601 instant/],
    ['a day that does not exist', 'format=csv&to=2026-02-30', /to must be/],
    ['an instant without a zone', 'format=csv&from=2026-01-01T10:00:00', /from must be/],
    ['from after to', 'format=csv&from=2026-02-01&to=2026-01-01', /from must not be after to/],
    ['an unknown parameter', 'format=csv&eventType=login_attempt', /Unknown parameter "eventType"/],
    ['a repeated parameter', 'format=csv&format=json', /more than once/],
  ])('%s → 400 BAD_USER_INPUT, nothing exported', async (_name, query, message) => {
    const before = await countEntries('audit_exported');
    const response = await download(query, { token: tokens.COMPLIANCE });
    expect(response.status).toBe(400);
    const body = JSON.parse(response.text);
    expect(body.error.code).toBe('BAD_USER_INPUT');
    expect(body.error.message).toMatch(message);
    expect(response.text).not.toMatch(/\bat .+\.ts:\d+/);
    expect(await countEntries('audit_exported')).toBe(before);
  });

  it('accepts an offset whose + arrived as a space', async () => {
    const response = await download(
      'format=csv&from=2026-01-02T02:00:00+02:00&to=2026-01-02T05:00:00%2B02:00',
      {
        token: tokens.COMPLIANCE,
      },
    );
    expect(response.status).toBe(200);
    expect(seqsOf('csv', response.text)).toEqual(
      await expectedSeqs({ from: new Date('2026-01-02T00:00:00Z'), to: new Date('2026-01-02T03:00:00Z') }),
    );
  });
});

describe('exportAuditLog streaming', () => {
  let bulkOperator: Operator;
  let services: ServiceContext;

  beforeAll(async () => {
    services = app.services;
    bulkOperator = operators.COMPLIANCE!;
    await appendLoginEntriesInBulk(services, 20_000);
  });

  /** A fetcher that records each batch it reads, around the real one. */
  function spyFetcher() {
    const calls: Array<AuditExportBatchQuery & { rows: number }> = [];
    return {
      calls,
      fetchBatch: async (
        client: Parameters<typeof fetchAuditExportBatch>[0],
        query: AuditExportBatchQuery,
      ) => {
        const rows = await fetchAuditExportBatch(client, query);
        calls.push({ ...query, rows: rows.length });
        return rows;
      },
    };
  }

  it('reads one batch per pull, only when the reader asks, so memory holds one batch', async () => {
    const total = (await storedEntries()).length;
    expect(total).toBeGreaterThan(20_000);
    const spy = spyFetcher();
    const file = await exportAuditLog(
      services,
      {
        format: 'ndjson',
        filter: {},
        operatorId: bulkOperator.id,
        origin: { ipAddress: null, userAgent: null },
      },
      { fetchBatch: spy.fetchBatch },
    );
    const reader = file.body.getReader();
    expect(spy.calls).toHaveLength(0);
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value, { stream: true });
    expect(spy.calls).toHaveLength(1);
    text += decoder.decode((await reader.read()).value, { stream: true });
    text += decoder.decode((await reader.read()).value, { stream: true });
    expect(spy.calls).toHaveLength(3);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    const fullBatches = Math.floor(total / AUDIT_EXPORT_BATCH_SIZE);
    expect(spy.calls).toHaveLength(fullBatches + 1);
    expect(spy.calls.map((call) => call.rows)).toEqual([
      ...Array(fullBatches).fill(AUDIT_EXPORT_BATCH_SIZE),
      total - fullBatches * AUDIT_EXPORT_BATCH_SIZE,
    ]);
    expect(spy.calls.map((call) => call.afterSeq)).toEqual(
      Array.from({ length: fullBatches + 1 }, (_, i) => i * AUDIT_EXPORT_BATCH_SIZE),
    );
    expect(seqsOf('ndjson', text)).toHaveLength(total);
    expect(await verifyText(text)).toMatchObject({
      valid: true,
      rowCount: total,
      coverage: 'complete_range',
    });
  });

  it('records an export the reader cancels, with the rows sent and completed: false', async () => {
    const file = await exportAuditLog(
      services,
      {
        format: 'csv',
        filter: {},
        operatorId: bulkOperator.id,
        origin: { ipAddress: '10.9.8.7', userAgent: 'x' },
      },
      { batchSize: 50 },
    );
    const reader = file.body.getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    expect(await latestExportEntry()).toMatchObject({
      operatorId: bulkOperator.id,
      ipAddress: '10.9.8.7',
      eventData: { format: 'csv', row_count: 100, first_seq: 1, last_seq: 100, completed: false },
    });
  });

  it('records an export whose client goes away mid-stream', async () => {
    const before = await countEntries('audit_exported');
    const controller = new AbortController();
    const response = await app.yoga.fetch('http://yoga/exports/audit?format=json', {
      headers: { authorization: `Bearer ${tokens.ADMIN}` },
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await reader.cancel().catch(() => {});
    for (let attempt = 0; attempt < 100 && (await countEntries('audit_exported')) === before; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await latestExportEntry()).toMatchObject({
      operatorId: operators.ADMIN!.id,
      eventData: { format: 'json', row_count: AUDIT_EXPORT_BATCH_SIZE, completed: false },
    });
  });
});

/**
 * 20,000 login entries in a few statements: each row goes through the real audit_append (which seals and
 * links it), with content hashes from the domain. AuditWriter appends one row per round trip, which is
 * too slow for this many on the embedded database.
 */
async function appendLoginEntriesInBulk(services: ServiceContext, count: number): Promise<void> {
  const start = Date.UTC(2025, 0, 1);
  for (let offset = 0; offset < count; offset += 5_000) {
    const entries = Array.from({ length: Math.min(5_000, count - offset) }, (_, i) => {
      const index = offset + i;
      const eventData: LoginAttemptData = {
        status: index % 7 === 0 ? 'failure' : 'success',
        username: `bulk-${index % 13}`,
        failure_reason: index % 7 === 0 ? 'wrong_password' : null,
      };
      const content = {
        logId: randomUUID(),
        eventType: 'login_attempt' as const,
        userId: null,
        operatorId: null,
        recommendationId: null,
        occurredAt: auditTimestamp(new Date(start + index * 1_000)),
        eventData,
        ipAddress: `10.20.${index % 256}.1`,
        userAgent: 'bulk-fixture/1',
      };
      return { ...content, contentHash: contentHash(content) };
    });
    await services.db.prisma.$transaction(
      (tx) => tx.$executeRaw`
        SELECT a.seq FROM jsonb_array_elements(${JSON.stringify(entries)}::jsonb) WITH ORDINALITY AS e(entry, position),
        LATERAL audit_append((entry->>'logId')::uuid, (entry->>'eventType')::"AuditEventType", NULL, NULL, NULL,
          (entry->>'occurredAt')::timestamptz, entry->'eventData', entry->>'ipAddress', entry->>'userAgent',
          entry->>'contentHash') AS a
        ORDER BY position`,
      { timeout: 120_000 },
    );
  }
}
