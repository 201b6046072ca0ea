import type { CORSOptions } from 'graphql-yoga';
import { CSRF_HEADER } from './csrf-header.js';

/** Request headers a page on an allowed origin may send (what GraphQL clients and the export route use). */
const ALLOWED_HEADERS = ['content-type', 'accept', 'authorization', 'x-request-id', CSRF_HEADER];

/**
 * Cross-origin access (CORS), off unless origins are configured (`CORS_ORIGINS`). Yoga's default reflects
 * whatever `Origin` a request names, `null` included, and allows credentials, so any web page could read
 * an operator's data with their session cookie. Here an origin gets CORS headers only when it is on the
 * allow-list, and is then named exactly (never `*`, never `null`); every other origin gets none, and the
 * browser keeps the response from the page.
 */
export function corsPolicy(allowedOrigins: readonly string[]): false | ((request: Request) => CORSOptions) {
  if (allowedOrigins.length === 0) return false;
  const allowed = new Set(allowedOrigins);
  return (request) => {
    const origin = request.headers.get('origin');
    if (origin === null || !allowed.has(origin)) return false;
    return {
      origin: [origin],
      credentials: true,
      methods: ['GET', 'POST'],
      allowedHeaders: ALLOWED_HEADERS,
      exposedHeaders: ['retry-after', 'x-request-id', 'content-disposition'],
      maxAge: 600,
    };
  };
}
