import { statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import sirv from 'sirv';
import { REPO_ROOT } from '../db/paths.js';

/** Where `pnpm build:client` writes the console. */
export const CONSOLE_DIST_DIR = path.join(REPO_ROOT, 'client', 'dist');

/** Paths the API answers; everything else a browser GETs belongs to the console. */
const API_PATHS = ['/graphql', '/exports', '/metrics', '/livez', '/readyz'];

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

function isApiPath(pathname: string): boolean {
  return API_PATHS.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/**
 * The built console at `/` in front of the API handler. Vite names every asset after its content hash, so
 * `/assets/*` is cached for a year; `index.html` (also the answer for every client-side route, so deep links
 * and reloads work) is revalidated on each visit, so a new build reaches browsers at once. The precompressed
 * `.br`/`.gz` copies the build writes are sent to browsers that accept them.
 *
 * `pnpm start` builds the console while the server starts, so the build may appear, or be replaced, after
 * this handler is made. The file server is therefore made again whenever the build's mark changes: the
 * stamp `build-if-stale` writes once the build is complete (`.source-hash`), or the index page's time for a
 * build made without it. That costs one `stat` per console request, and the API paths none.
 */
export function withConsole(api: NodeHandler, distDir: string = CONSOLE_DIST_DIR): NodeHandler {
  let current: { mark: string; assets: NodeHandler | null } | null = null;
  const assetsNow = (): NodeHandler | null => {
    const mark = buildMark(distDir);
    if (current?.mark !== mark) current = { mark, assets: mark === '' ? null : fileServer(distDir) };
    return current.assets;
  };

  return (req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(pathname)) return api(req, res);
    const assets = assetsNow();
    if (!assets) {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(
        'The console is not built. Run `pnpm build:client` (or `pnpm start`, which builds it), then reload.\n',
      );
      return;
    }
    assets(req, res);
  };
}

/** Which build is in `distDir`: its completion stamp, else its index page's time; '' when there is none. */
function buildMark(distDir: string): string {
  const stamp = statSync(path.join(distDir, '.source-hash'), { throwIfNoEntry: false });
  if (stamp) return `stamp:${stamp.mtimeMs}:${stamp.size}`;
  const index = statSync(path.join(distDir, 'index.html'), { throwIfNoEntry: false });
  return index ? `index:${index.mtimeMs}` : '';
}

/** sirv lists the folder's files once, when it is made: one per build. */
function fileServer(distDir: string): NodeHandler {
  const serve = sirv(distDir, {
    single: true,
    // A missing hashed asset is a 404, never index.html (a browser would try to run HTML as a script).
    ignores: ['^/assets/'],
    etag: true,
    gzip: true,
    brotli: true,
    setHeaders: (res, pathname) => {
      res.setHeader(
        'Cache-Control',
        pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  return (req, res) =>
    serve(req, res, () => {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not found\n');
    });
}
