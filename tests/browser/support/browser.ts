import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import axe from 'axe-core';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`; `.ci/run` installs it when missing). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where every run saves a screenshot of each main screen (git-ignored), to be looked at. */
export const SCREENSHOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');

export interface TestBrowser {
  browser: Browser;
  close: () => Promise<void>;
}

export async function launchChromium(): Promise<TestBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // No --user-data-dir: playwright gives each launch a fresh temporary profile and removes it on close.
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

/**
 * A page that may only talk to the server under test: any request elsewhere (a CDN, a font host) fails the
 * request and is recorded, so a test can prove the console and GraphiQL need no internet.
 */
export async function offlinePage(
  browser: Browser,
  baseUrl: string,
): Promise<{ page: Page; foreignRequests: string[] }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 860 } });
  const foreignRequests: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(baseUrl) || url.startsWith('data:') || url.startsWith('blob:'))
      return route.continue();
    foreignRequests.push(url);
    return route.abort('internetdisconnected');
  });
  return { page: await context.newPage(), foreignRequests };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core's WCAG 2.1 A and AA rules (contrast, labels, landmarks, names…) on the page as it is now. */
export async function wcagViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axe.source });
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      // The element and why it fails (e.g. the measured contrast ratio), so a failure says what to fix.
      nodes: v.nodes.map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)} -- ${n.failureSummary ?? ''}`),
    }));
  });
}
