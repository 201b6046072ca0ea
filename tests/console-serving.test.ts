import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { withConsole } from '@spendsense/server/http/console';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A stand-in console build (the real one is exercised by the browser tests); the API behind it is a stub that
// says which requests reached it: this test is about routing and caching, not GraphQL.
const dist = mkdtempSync(path.join(tmpdir(), 'ss-console-'));
let server: Server;
let unbuilt: Server;
let base: string;
let unbuiltBase: string;

const listen = (s: Server) =>
  new Promise<string>((resolve) =>
    s.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)),
  );

beforeAll(async () => {
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  const api = (_req: unknown, res: import('node:http').ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('api');
  };
  server = createServer(withConsole(api, dist));
  unbuilt = createServer(withConsole(api, path.join(dist, 'missing')));
  [base, unbuiltBase] = await Promise.all([listen(server), listen(unbuilt)]);
});

afterAll(() => {
  server?.close();
  unbuilt?.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('the server serves the built console', () => {
  it('answers every client-side route with index.html, revalidated on each visit', async () => {
    for (const route of ['/', '/audit', '/customers/VXNlcjox?tab=trace']) {
      const response = await fetch(base + route, { headers: { accept: 'text/html' } });
      expect(response.status, route).toBe(200);
      expect(await response.text()).toContain('<title>console</title>');
      expect(response.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('caches hashed assets for a year and never answers a missing one with HTML', async () => {
    const asset = await fetch(`${base}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    const missing = await fetch(`${base}/assets/gone-123.js`);
    expect(missing.status).toBe(404);
  });

  it('leaves the API paths to the API, whatever the method', async () => {
    for (const [method, route] of [
      ['GET', '/graphql'],
      ['POST', '/graphql'],
      ['GET', '/graphql/stream'],
      ['GET', '/exports/audit?format=csv'],
      ['POST', '/audit'],
    ] as const) {
      const response = await fetch(base + route, { method, headers: { accept: 'text/html' } });
      expect(await response.text(), `${method} ${route}`).toBe('api');
    }
  });

  it('says how to build the console when it is missing, and still serves the API', async () => {
    const page = await fetch(`${unbuiltBase}/audit`);
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('pnpm build:client');
    expect(await (await fetch(`${unbuiltBase}/graphql`)).text()).toBe('api');
  });
});

describe('a console built while the server runs (pnpm start builds it while the server starts)', () => {
  it('is served once its build completes, and the next build replaces it without a restart', async () => {
    const later = mkdtempSync(path.join(tmpdir(), 'ss-console-later-'));
    const api = (_req: unknown, res: import('node:http').ServerResponse) => res.end('api');
    const running = createServer(withConsole(api, later));
    const url = await listen(running);
    try {
      expect((await fetch(`${url}/audit`)).status).toBe(503);

      // The first build: its files, then the stamp that marks it complete.
      mkdirSync(path.join(later, 'assets'));
      writeFileSync(path.join(later, 'index.html'), '<!doctype html><title>first</title>');
      writeFileSync(path.join(later, 'assets', 'app-111.js'), 'first()');
      writeFileSync(path.join(later, '.source-hash'), 'first\n');
      expect(await (await fetch(`${url}/audit`)).text()).toContain('first');
      expect((await fetch(`${url}/assets/app-111.js`)).status).toBe(200);

      // A rebuild empties the folder and writes new hashed assets, then a new stamp.
      rmSync(later, { recursive: true, force: true });
      mkdirSync(path.join(later, 'assets'), { recursive: true });
      writeFileSync(path.join(later, 'index.html'), '<!doctype html><title>second</title>');
      writeFileSync(path.join(later, 'assets', 'app-222.js'), 'second()');
      writeFileSync(path.join(later, '.source-hash'), 'second build\n');
      expect(await (await fetch(`${url}/`)).text()).toContain('second');
      const asset = await fetch(`${url}/assets/app-222.js`);
      expect([asset.status, await asset.text()]).toEqual([200, 'second()']);
      expect((await fetch(`${url}/assets/app-111.js`)).status).toBe(404);
    } finally {
      running.close();
      rmSync(later, { recursive: true, force: true });
    }
  });
});
