import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, type TestBrowser } from './browser.js';
import { buildConsoleIfStale, type ConsoleServer, startConsoleServer } from './console-server.js';

/** The server process and the browser one test file drives; `server` may be replaced (a restart). */
export interface ConsoleUnderTest {
  server: ConsoleServer;
  chromium: TestBrowser;
}

/**
 * Starts the console's server (built first when stale) and Chromium before the file's tests, both at once,
 * and closes them after. Call it at the top of a test file; `env` is read when the server starts.
 */
export function consoleUnderTest(env: () => Record<string, string> = () => ({})): ConsoleUnderTest {
  const running = {} as ConsoleUnderTest;
  beforeAll(async () => {
    buildConsoleIfStale();
    [running.server, running.chromium] = await Promise.all([startConsoleServer(env()), launchChromium()]);
  });
  afterAll(async () => {
    await running.chromium?.close();
    await running.server?.stop();
  });
  return running;
}

/** Fills the sign-in form the console shows and submits it. */
export async function signIn(page: Page, login: { username: string; password: string }): Promise<void> {
  await page.getByLabel('Username').fill(login.username);
  await page.getByLabel('Password').fill(login.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
