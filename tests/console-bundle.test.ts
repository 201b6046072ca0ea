import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '@spendsense/server/db/paths';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildConsoleIfStale } from './browser/support/console-server.js';

const DIST = path.join(REPO_ROOT, 'client', 'dist');
/** Gzipped JavaScript a browser may download to sign in and read the audit log. */
const SIGN_IN_AND_AUDIT_BUDGET_BYTES = 350 * 1024;

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
let manifest: Record<string, ManifestChunk>;

beforeAll(() => {
  buildConsoleIfStale();
  manifest = JSON.parse(readFileSync(path.join(DIST, '.vite', 'manifest.json'), 'utf8'));
});

/** The chunks a browser loads for these modules: each one and everything it imports statically. */
function chunksLoadedBy(keys: string[]): Set<string> {
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the build manifest`);
    if (files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const key of keys) visit(key);
  return files;
}

/** What goes over the wire: the precompressed `.gz` the server sends, or the file when too small to compress. */
function gzippedBytes(file: string): number {
  const full = path.join(DIST, file);
  return existsSync(`${full}.gz`) ? statSync(`${full}.gz`).size : statSync(full).size;
}

describe('the console bundle', () => {
  it('keeps sign-in plus the audit log route under 350 KB of gzipped JavaScript', () => {
    const files = chunksLoadedBy([
      'index.html',
      'src/pages/sign-in/sign-in-page.tsx',
      'src/pages/audit/audit-log-page.tsx',
    ]);
    const bytes = [...files].filter((f) => f.endsWith('.js')).reduce((sum, f) => sum + gzippedBytes(f), 0);
    console.log(
      `sign-in + audit log route: ${(bytes / 1024).toFixed(1)} KB gzipped JavaScript in ${files.size} chunks`,
    );
    expect(bytes).toBeLessThan(SIGN_IN_AND_AUDIT_BUDGET_BYTES);
  });

  it('loads each page as its own chunk, on first visit', () => {
    const entry = Object.values(manifest).find((chunk) => chunk.isEntry);
    const pages = Object.keys(manifest).filter((key) => /^src\/pages\/[^/]+\/[^/]+-page\.tsx$/.test(key));
    expect(pages.length).toBeGreaterThanOrEqual(6);
    for (const page of pages) {
      expect(entry?.dynamicImports, page).toContain(page);
      expect(entry?.imports ?? [], page).not.toContain(page);
    }
  });
});
