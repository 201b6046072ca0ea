import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '@spendsense/server/db/paths';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresTestDatabase } from '../support/database.js';
import { offlinePage, screenshot, wcagViolations } from './support/browser.js';
import { type ConsoleServer, DEMO_LOGINS, graphqlAs, startConsoleServer } from './support/console-server.js';
import { consoleUnderTest, signIn } from './support/console-under-test.js';

/**
 * The audit log screen in Chromium against the real server process: filtering, paging both ways, the
 * details drawer, an export that verifies offline, the live tail across a server restart, and a row
 * tampered with in the database marked by the browser's own re-hashing.
 */

/** On disk (not memory://), so the server can be stopped and started again on the same data. */
const dataDir = mkdtempSync(path.join(tmpdir(), 'ss-audit-browser-'));
// Registered first, so it runs after the server has stopped (after-hooks run in reverse order).
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const running = consoleUnderTest(serverEnv);

/** The test signs in many times a minute from one address: the login rate limit is off for its servers. */
function serverEnv(): Record<string, string> {
  // Two months of demo history: enough entries of the busiest event types for several pages.
  return {
    DATA_DIR: path.join(dataDir, 'pglite'),
    RATE_LIMIT_LOGINS_PER_MINUTE: '0',
    DEMO_HISTORY_MONTHS: '2',
  };
}

async function signedInAuditLog(page: Page, search = '') {
  await page.goto(`/audit${search}`);
  await signIn(page, DEMO_LOGINS.compliance);
  await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
  await page.getByTestId('audit-row').first().waitFor();
}

const rowSequences = (page: Page) =>
  page
    .getByTestId('audit-row')
    .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset['sequence']!));

/** Waits until every row on screen has been re-hashed by the browser, and returns the verdicts. */
async function verdicts(page: Page): Promise<Record<string, string>> {
  await page.waitForFunction(
    () => !document.querySelector('[data-testid=audit-row][data-verified=pending]'),
    undefined,
    { timeout: 30_000 },
  );
  const pairs = await page
    .getByTestId('audit-row')
    .evaluateAll((rows) =>
      rows.map((row) => [
        (row as HTMLElement).dataset['sequence']!,
        (row as HTMLElement).dataset['verified']!,
      ]),
    );
  return Object.fromEntries(pairs);
}

/** The two event types with the most entries in the demo data, so the filtered log has several pages. */
async function twoLargestEventTypes(): Promise<[string, string]> {
  const names = [
    'recommendation_generated',
    'consent_changed',
    'eligibility_checked',
    'tone_validated',
    'operator_action',
    'persona_assigned',
    'login_attempt',
  ];
  const fields = names
    .map(
      (name) => `${name}: auditLog(first: 1, filter: { eventTypes: [${name.toUpperCase()}] }) { totalCount }`,
    )
    .join('\n');
  const counts = await graphqlAs<Record<string, { totalCount: number }>>(
    running.server,
    DEMO_LOGINS.admin,
    `{ ${fields} }`,
  );
  const [a, b] = names.sort((x, y) => counts[y]!.totalCount - counts[x]!.totalCount);
  expect(counts[a!]!.totalCount + counts[b!]!.totalCount).toBeGreaterThan(100);
  return [a!, b!];
}

describe('the audit log in Chromium, against the real server', () => {
  it('a compliance officer filters, pages forward and back, opens an entry and downloads an export that verifies', async () => {
    const { page, foreignRequests } = await offlinePage(running.chromium.browser, running.server.url);
    await signedInAuditLog(page);
    expect(Object.values(await verdicts(page)).every((verdict) => verdict === 'true')).toBe(true);
    await page.getByTestId('integrity-badge').getByText('Chain verified').waitFor();
    expect(await wcagViolations(page)).toEqual([]);
    await screenshot(page, '10-audit-log');

    // Filter to the two most frequent event types: the URL says so, and every row is one of them.
    const [typeA, typeB] = await twoLargestEventTypes();
    const filters = page.getByRole('form', { name: 'Filters' });
    await filters.getByText(typeA, { exact: true }).click();
    await page.waitForURL(new RegExp(`types=${typeA}`));
    await filters.getByText(typeB, { exact: true }).click();
    await page.waitForURL(/types=[a-z_]+(%2C|,)[a-z_]+/);
    await page.getByTestId('audit-row').first().waitFor();
    const types = await page
      .getByTestId('audit-row')
      .evaluateAll((rows) =>
        rows.map((row) => row.querySelector('[data-event-type]')!.getAttribute('data-event-type')),
      );
    expect(new Set(types)).toEqual(new Set([typeA, typeB]));
    const first = await rowSequences(page);
    expect(first).toHaveLength(50);

    // Forward: the next 50, all older; the cursor is in the URL, and a reload shows the same page.
    await page.getByRole('button', { name: 'Next page →' }).click();
    await expect.poll(async () => (await rowSequences(page))[0]).not.toBe(first[0]);
    const second = await rowSequences(page);
    expect(Number(second[0])).toBeLessThan(Number(first.at(-1)));
    await page.waitForURL(/after=/);
    await page.reload();
    await page.getByTestId('audit-row').first().waitFor();
    expect(await rowSequences(page)).toEqual(second);
    expect(Object.values(await verdicts(page)).every((verdict) => verdict === 'true')).toBe(true);

    // Back: the newer page again, read backward from the reloaded page's cursor.
    await page.getByRole('button', { name: '← Previous page' }).click();
    await expect.poll(() => rowSequences(page)).toEqual(first);
    await expect.poll(() => page.getByRole('button', { name: '← Previous page' }).isDisabled()).toBe(true);

    // Open an entry: its event data and hashes, with the entry in the URL.
    await page.getByRole('button', { name: `Details of entry ${first[0]}` }).click();
    const drawer = page.getByTestId('entry-drawer');
    await drawer.getByText(`#${first[0]} ·`, { exact: false }).waitFor();
    expect(await drawer.getByTestId('entry-event-data').textContent()).toMatch(/^\{\n {2}"/);
    await drawer.getByText('Content hash').waitFor();
    await page.waitForURL(/entry=/);
    expect(await wcagViolations(page)).toEqual([]);
    await screenshot(page, '11-audit-entry-drawer');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });

    // Export the filtered slice as CSV: an estimate, a progress bar, a download, a file that verifies.
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByTestId('export-dialog');
    const estimate = await dialog.getByTestId('export-estimate').textContent();
    const total = Number(/^([\d,]+) entries/.exec(estimate ?? '')?.[1]?.replaceAll(',', ''));
    expect(total).toBeGreaterThan(100);
    expect(await wcagViolations(page)).toEqual([]);
    await screenshot(page, '12-audit-export');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Download' }).click(),
    ]);
    await dialog.getByText('saved by your browser', { exact: false }).waitFor();
    const file = path.join(dataDir, download.suggestedFilename());
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/^audit-.*\.csv$/);
    const verified = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(REPO_ROOT, 'server', 'src', 'cli', 'verify-export.ts'), file],
      { cwd: path.join(REPO_ROOT, 'server'), encoding: 'utf8' },
    );
    expect(verified.stdout + verified.stderr).toContain(`OK: ${total} entries`);
    expect(verified.status).toBe(0);

    // The export itself is in the audit trail, by this officer, with the filter it used.
    const exported = await graphqlAs<{
      auditLog: { edges: { node: { operator: { username: string }; eventData: Record<string, unknown> } }[] };
    }>(
      running.server,
      DEMO_LOGINS.admin,
      '{ auditLog(first: 1, filter: { eventTypes: [AUDIT_EXPORTED] }) { edges { node { operator { username } eventData } } } }',
    );
    expect(exported.auditLog.edges[0]?.node).toMatchObject({
      operator: { username: 'compliance' },
      eventData: { format: 'csv', row_count: total, completed: true },
    });
    expect(foreignRequests).toEqual([]);
    await page.context().close();
  });

  it('shows entries another client writes as they happen, and misses none across a server restart', async () => {
    const { page } = await offlinePage(running.chromium.browser, running.server.url);
    await signedInAuditLog(page);
    const top = Number((await rowSequences(page))[0]);
    await page.getByText('Live tail').click();
    const connection = page.getByTestId('tail-connection');
    await page.locator('[data-testid=tail-connection][data-state=live]').waitFor();

    // Another client signs in: its login_attempt entry appears at the top, marked new.
    await graphqlAs(running.server, DEMO_LOGINS.admin, '{ viewer { username } }');
    await expect
      .poll(async () => Number((await rowSequences(page))[0]), { timeout: 30_000 })
      .toBeGreaterThan(top);
    await expect.poll(() => page.getByTestId('new-count').textContent()).not.toBe('0 new');
    expect(await wcagViolations(page)).toEqual([]);
    await screenshot(page, '13-audit-live-tail');

    // The server goes away: the page says it is reconnecting after the last entry it saw.
    const port = new URL(running.server.url).port;
    await running.server.stop();
    await page.locator('[data-testid=tail-connection][data-state=reconnecting]').waitFor({ timeout: 30_000 });
    expect(await connection.textContent()).toMatch(/Reconnecting… \(resumes after #\d+\)/);
    await screenshot(page, '14-audit-live-reconnecting');

    // It comes back on the same data; entries written before the page reconnects are replayed, in order.
    running.server = await startConsoleServer({ ...serverEnv(), PORT: port });
    for (let login = 0; login < 3; login++)
      await graphqlAs(running.server, DEMO_LOGINS.admin, '{ viewer { username } }');
    const head = await graphqlAs<{ auditIntegrity: { headSeq: string } }>(
      running.server,
      DEMO_LOGINS.admin,
      '{ auditIntegrity { headSeq } }',
    );
    const headSeq = Number(head.auditIntegrity.headSeq);
    await page.locator('[data-testid=tail-connection][data-state=live]').waitFor({ timeout: 60_000 });
    await expect.poll(async () => Number((await rowSequences(page))[0]), { timeout: 30_000 }).toBe(headSeq);
    // Every entry since the page opened, once each, newest first: nothing missed, nothing repeated.
    const shown = (await rowSequences(page)).map(Number).filter((seq) => seq > top);
    expect(shown).toEqual(Array.from({ length: headSeq - top }, (_, index) => headSeq - index));
    expect(Object.values(await verdicts(page)).every((verdict) => verdict === 'true')).toBe(true);
    await page.context().close();
  });
});

describe('a row changed in the database, in Chromium', () => {
  let tamperServer: ConsoleServer | null = null;
  let database: { url: string; drop: () => Promise<void> } | null = null;
  // The embedded database lives inside the server process; a second connection needs PostgreSQL, which runs
  // on every machine the tests run on (see CONTRIBUTING.md).
  const baseUrl = process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';

  afterAll(async () => {
    await tamperServer?.stop();
    await database?.drop();
  });

  it('is marked by the browser, which re-hashes it, and the integrity badge names it', async () => {
    database = await createPostgresTestDatabase(baseUrl);
    tamperServer = await startConsoleServer({
      DATABASE_URL: database.url,
      DEMO: '1',
      RATE_LIMIT_LOGINS_PER_MINUTE: '0',
    });
    const head = await graphqlAs<{ auditIntegrity: { headSeq: string } }>(
      tamperServer,
      DEMO_LOGINS.admin,
      '{ auditIntegrity { headSeq } }',
    );
    const victim = Number(head.auditIntegrity.headSeq) - 3;

    // As the table owner, with the append-only triggers off for this one transaction: what a database user
    // with enough rights could do behind the application's back.
    const owner = new pg.Client({ connectionString: database.url });
    await owner.connect();
    try {
      await owner.query('BEGIN');
      await owner.query("SET LOCAL session_replication_role = 'replica'");
      const changed = await owner.query(
        `UPDATE audit_log SET event_data = event_data || '{"note": "edited later"}'::jsonb WHERE seq = $1`,
        [victim],
      );
      expect(changed.rowCount).toBe(1);
      await owner.query('COMMIT');
    } finally {
      await owner.end();
    }

    const { page } = await offlinePage(running.chromium.browser, tamperServer.url);
    await signedInAuditLog(page);
    const marks = await verdicts(page);
    expect(marks[String(victim)]).toBe('false');
    expect(Object.entries(marks).filter(([, verdict]) => verdict === 'false')).toEqual([
      [String(victim), 'false'],
    ]);
    await page.getByTestId('page-verification').getByText('1 of').waitFor();
    await page.getByTestId('integrity-badge').getByText(`Chain broken at #${victim}`).waitFor();
    expect(await wcagViolations(page)).toEqual([]);
    await screenshot(page, '15-audit-tampered-row');
    await page.context().close();
  });
});
