import { describe, expect, it } from 'vitest';
import { offlinePage, screenshot, wcagViolations } from './support/browser.js';
import { DEMO_LOGINS, graphqlAs } from './support/console-server.js';
import { consoleUnderTest, signIn } from './support/console-under-test.js';

const running = consoleUnderTest();

describe('the console in Chromium, against the real server', () => {
  it('refuses a wrong password with a clear message, then signs in and out', async () => {
    const { page, foreignRequests } = await offlinePage(running.chromium.browser, running.server.url);
    await page.goto('/');
    await expect.poll(() => page.url()).toContain('/sign-in');
    await page.getByRole('heading', { name: 'SpendSense Oversight' }).waitFor();
    expect(await wcagViolations(page)).toEqual([]);
    await screenshot(page, '01-sign-in');

    await signIn(page, { username: 'compliance', password: 'not-the-password' });
    await expect
      .poll(() => page.getByTestId('sign-in-error').textContent())
      .toContain('Wrong username or password');
    await screenshot(page, '02-sign-in-wrong-password');

    await signIn(page, DEMO_LOGINS.compliance);
    await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
    expect(page.url()).toMatch(/\/customers$/);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You have signed out.').waitFor();
    expect(foreignRequests).toEqual([]);
    await page.context().close();
  });

  it('shows each role only the pages it may use; every main screen passes WCAG AA', async () => {
    const { page, foreignRequests } = await offlinePage(running.chromium.browser, running.server.url);
    await page.goto('/sign-in');
    await signIn(page, DEMO_LOGINS.admin);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Audit log' }).waitFor();
    const screens = [
      { link: 'Customers', heading: 'Customers', shot: '03-customers' },
      { link: 'Review queue', heading: 'Review queue', shot: '05-review-queue' },
      { link: 'Audit log', heading: 'Audit log', shot: '06-audit-log' },
      { link: 'Compliance dashboard', heading: 'Compliance dashboard', shot: '07-dashboard' },
    ];
    for (const screen of screens) {
      await nav.getByRole('link', { name: screen.link }).click();
      await page.getByRole('heading', { name: screen.heading, level: 1 }).waitFor();
      await page.getByTestId('page-skeleton').waitFor({ state: 'detached' });
      expect(await wcagViolations(page), screen.link).toEqual([]);
      await screenshot(page, screen.shot);
    }
    await nav.getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('main').getByRole('link').first().click();
    await page.getByText(/^Customer /).waitFor();
    expect(await wcagViolations(page)).toEqual([]);
    await screenshot(page, '04-customer-profile');
    expect(foreignRequests).toEqual([]);
    await page.context().close();
  });

  it('never shows a viewer the audit log: no link, and a deep link says "Not allowed"', async () => {
    const { page } = await offlinePage(running.chromium.browser, running.server.url);
    await page.goto('/audit');
    await expect.poll(() => page.url()).toContain('/sign-in');
    await signIn(page, DEMO_LOGINS.viewer);
    // Back on the page that was asked for, which the server refuses for this role.
    await page.getByTestId('not-allowed').waitFor();
    expect(page.url()).toMatch(/\/audit$/);
    const nav = page.getByRole('navigation', { name: 'Main' });
    // A viewer reads customers and the review queue (server/src/policy.ts), and no audit data.
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Customers', 'Review queue']);
    expect(await wcagViolations(page)).toEqual([]);
    await screenshot(page, '08-viewer-not-allowed');
    await page.context().close();

    // The server refused the viewer's audit log query and recorded it, as for any other client. The page's
    // filter bar asks for the operator list at the same time (refused too), so the two entries may land in
    // either order: look at the viewer's recent refusals, not only the newest.
    const data = await graphqlAs<{
      auditLog: {
        edges: { node: { operator: { username: string } | null; details: { fieldPath: string } } }[];
      };
    }>(
      running.server,
      DEMO_LOGINS.compliance,
      `{ auditLog(first: 5, filter: { eventTypes: [UNAUTHORIZED_ACCESS] }) { edges { node {
          operator { username } details { ... on UnauthorizedAccessDetails { fieldPath } } } } } }`,
    );
    const viewerRefusals = data.auditLog.edges
      .map((edge) => edge.node)
      .filter((node) => node.operator?.username === 'viewer')
      .map((node) => node.details.fieldPath);
    expect(viewerRefusals).toContain('Query.auditLog');
  });

  it('serves GraphiQL with no internet', async () => {
    const { page, foreignRequests } = await offlinePage(running.chromium.browser, running.server.url);
    await page.goto('/graphql');
    // The README tour is preloaded, one tab per example; the schema loads (the docs explorer can open).
    await page
      .getByRole('tab', { name: /Customers/ })
      .first()
      .waitFor();
    await page.locator('.graphiql-container').first().waitFor();
    await screenshot(page, '09-graphiql');
    expect(foreignRequests).toEqual([]);
    await page.context().close();
  });
});
