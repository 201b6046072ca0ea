import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { offlinePage, screenshot, wcagViolations } from './support/browser.js';
import { DEMO_LOGINS, graphqlAs } from './support/console-server.js';
import { consoleUnderTest, signIn } from './support/console-under-test.js';

// Two months of played history, so the queue has held items and the dashboard's charts have reviews to draw.
const running = consoleUnderTest(() => ({ DEMO_HISTORY_MONTHS: '2' }));

async function signedIn(login: { username: string; password: string }) {
  const { page, foreignRequests } = await offlinePage(running.chromium.browser, running.server.url);
  await page.goto('/sign-in');
  await signIn(page, login);
  await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
  return { page, foreignRequests };
}

async function loaded(page: Page) {
  await page.getByTestId('page-skeleton').waitFor({ state: 'detached' });
}

/** Waits for running CSS transitions (a button changing colour) so a screenshot shows the settled screen. */
async function settled(page: Page) {
  // allSettled: a transition cancelled on the way (its element re-rendered) rejects, and that is settled too.
  await page.evaluate(() =>
    Promise.allSettled(document.getAnimations().map((animation) => animation.finished)),
  );
}

/** Set before an action and read after it: still there means the page was not reloaded. */
async function markDocument(page: Page) {
  await page.evaluate(() => {
    (window as unknown as { sameDocument: boolean }).sameDocument = true;
  });
}
const sameDocument = (page: Page) =>
  page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument === true);

describe('customer profile, review queue and compliance dashboard in Chromium, against the real server', () => {
  it('an administrator finds a customer, reads the decision trace, overrides a persona, and the audit log shows it', async () => {
    const { page, foreignRequests } = await signedIn(DEMO_LOGINS.admin);
    await loaded(page);
    const first = page.getByRole('main').getByRole('row').nth(1);
    const customerId = (await first.getByRole('cell').nth(1).textContent())!.trim();
    await page.getByLabel('Name or customer id').fill(customerId);
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.url()).toContain(`q=${customerId}`);
    await page.getByText(`1 customer match "${customerId}"`).waitFor();
    await page.getByRole('main').getByRole('link').first().click();
    await loaded(page);
    const d30 = page.getByRole('region', { name: '30-day window' });
    await d30.waitFor();
    await page.getByRole('region', { name: '180-day window' }).waitFor();
    // The decision trace: every persona of the registry evaluated, the deciding one open with its tree.
    expect(
      await d30
        .getByRole('button', {
          name: /High Utilization|Variable Income|Subscription|Savings|Cash Flow|Young/,
        })
        .count(),
    ).toBe(6);
    await settled(page);
    expect(await wcagViolations(page)).toEqual([]);
    await settled(page);
    await screenshot(page, '10-customer-profile');

    const before = (await d30.getByTestId('persona-D30').textContent())!.trim();
    const override = page.getByRole('region', { name: 'Override persona' });
    const choice = before === 'Savings Builder' ? 'cash_flow_optimizer' : 'savings_builder';
    const expected = choice === 'savings_builder' ? 'Savings Builder' : 'Cash Flow Optimizer';
    await override.getByLabel('New persona').selectOption(choice);
    await markDocument(page);
    await override.getByRole('button', { name: 'Override persona' }).click();
    await override.getByText('A justification is required.').waitFor();
    const justification = `Browser test: customer showed paid-off statements (${Date.now()})`;
    await override.getByLabel(/Justification/).fill(justification);
    await override.getByRole('button', { name: 'Override persona' }).click();
    await override.getByText(`30-day window is now ${expected}`).waitFor();
    await expect.poll(() => d30.getByTestId('persona-D30').textContent()).toBe(expected);
    await d30.getByText('Override', { exact: true }).waitFor();
    await page
      .getByRole('region', { name: 'Assignment history' })
      .getByText(/Override by/)
      .first()
      .waitFor();
    expect(await sameDocument(page)).toBe(true);
    await settled(page);
    await screenshot(page, '11-customer-profile-overridden');

    const audit = await graphqlAs<{
      auditLog: {
        edges: Array<{ node: { user: { customerId: string }; details: Record<string, unknown> } }>;
      };
    }>(
      running.server,
      DEMO_LOGINS.compliance,
      `{ auditLog(first: 1, filter: { eventTypes: [PERSONA_OVERRIDDEN] }) { edges { node {
          user { customerId }
          details { ... on PersonaOverriddenDetails { window justification newPersona } }
      } } } }`,
    );
    const entry = audit.auditLog.edges[0]!.node;
    expect(entry.user.customerId).toBe(customerId);
    expect(entry.details).toMatchObject({ window: 'D30', justification, newPersona: choice });
    expect(foreignRequests).toEqual([]);
    await page.context().close();
  });

  it('a reviewer works the review queue: approves, flags with a justification, approves a batch', async () => {
    const { page, foreignRequests } = await signedIn(DEMO_LOGINS.reviewer);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Review queue' }).click();
    await page.getByRole('heading', { name: 'Review queue', level: 1 }).waitFor();
    await loaded(page);
    const items = page.getByTestId('review-item');
    await items.first().waitFor();
    await settled(page);
    expect(await wcagViolations(page)).toEqual([]);
    await settled(page);
    await screenshot(page, '12-review-queue');
    await markDocument(page);

    // A predatory offer can only be flagged (the server refuses to deliver it), so approvals pick others.
    const approvable = items.filter({ hasNotText: 'predatory' });
    const titleOf = async (item: ReturnType<Page['getByTestId']>) =>
      (await item.getByRole('heading').textContent())!.trim();
    const approved = await titleOf(approvable.first());
    await approvable.first().getByRole('button', { name: 'Approve' }).click();
    await page.getByText(`Approved: ${approved}`).waitFor();

    const flagged = await titleOf(items.first());
    await items.first().getByRole('button', { name: 'Flag…' }).click();
    await items
      .first()
      .getByLabel(/Justification for flagging/)
      .fill('Wording pressures the customer');
    await items.first().getByRole('button', { name: 'Confirm flag' }).click();
    await page.getByText(`Flagged: ${flagged}`).waitFor();

    const batch = Math.min(2, await approvable.count());
    expect(batch).toBeGreaterThan(0);
    // By keyboard: the visually hidden checkbox takes focus and Space ticks it.
    for (let i = 0; i < batch; i++) {
      const checkbox = approvable.nth(i).getByRole('checkbox');
      await checkbox.focus();
      await page.keyboard.press('Space');
      await expect.poll(() => checkbox.isChecked()).toBe(true);
    }
    await page.getByRole('button', { name: `Approve ${batch} selected` }).click();
    await page.getByText(`Approved ${batch} recommendation${batch === 1 ? '' : 's'}.`).waitFor();
    expect(await sameDocument(page)).toBe(true);
    await settled(page);
    await screenshot(page, '13-review-queue-after');

    const statuses = await graphqlAs<{
      reviewQueue: {
        edges: Array<{ node: { title: string; status: string; reviewJustification: string | null } }>;
      };
    }>(
      running.server,
      DEMO_LOGINS.compliance,
      `{ reviewQueue(first: 100, filter: { statuses: [APPROVED, FLAGGED] }) { edges { node { title status reviewJustification } } } }`,
    );
    const byTitle = statuses.reviewQueue.edges.map((edge) => edge.node);
    expect(byTitle.some((node) => node.title === approved && node.status === 'APPROVED')).toBe(true);
    expect(
      byTitle.some(
        (node) =>
          node.title === flagged &&
          node.status === 'FLAGGED' &&
          node.reviewJustification === 'Wording pressures the customer',
      ),
    ).toBe(true);
    expect(foreignRequests).toEqual([]);
    await page.context().close();
  });

  it('the compliance dashboard draws its charts, each with a table, for the chosen range', async () => {
    const { page, foreignRequests } = await signedIn(DEMO_LOGINS.compliance);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Compliance dashboard' })
      .click();
    await page.getByRole('heading', { name: 'Compliance dashboard', level: 1 }).waitFor();
    await loaded(page);
    await page.getByRole('button', { name: 'All time' }).click();
    await expect.poll(() => page.url()).toContain('range=all');
    await loaded(page);
    const drawings = page.getByTestId('chart-drawing').locator('svg');
    await expect.poll(() => drawings.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(4);
    await settled(page);
    expect(await wcagViolations(page)).toEqual([]);
    await settled(page);
    await screenshot(page, '14-compliance-dashboard');
    const consent = page.getByRole('region', { name: 'Consent: opted in vs opted out' });
    await consent.getByRole('button', { name: 'Show table' }).click();
    await consent.getByRole('columnheader', { name: 'Customers' }).waitFor();
    expect(await consent.getByRole('row').count()).toBe(3);
    expect(foreignRequests).toEqual([]);
    await page.context().close();
  });
});
