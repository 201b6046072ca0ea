import { type Plugin, shouldRenderGraphiQL } from 'graphql-yoga';
import { CSRF_HEADER } from './csrf-header.js';
import { noteErrorCode } from './request-log.js';

/**
 * Headers that show a request was not forged by a page on another origin: a browser sends none of them
 * across origins without a CORS preflight (see csrf-header.ts).
 * `Authorization` is also what API clients authenticate with, so bearer-token requests need nothing more;
 * graphql-sse's single-connection mode sends its stream token in its own header.
 */
const PREFLIGHTED_HEADERS = [CSRF_HEADER, 'authorization', 'x-graphql-event-stream-token'];

/** The request content types a page may send across origins without a preflight (the Fetch standard's list). */
const SIMPLE_CONTENT_TYPES = new Set([
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'text/plain',
]);

export const CSRF_CODE = 'CSRF_HEADER_REQUIRED';
export const CSRF_MESSAGE = `Send the request as JSON, or with an ${CSRF_HEADER} header (any value)`;

/**
 * Whether a web page on another origin could have made this request with an operator's browser, and its
 * session cookie, without the browser asking the server first: a GET, HEAD or POST with no content type or
 * a form or text content type, and none of {@link PREFLIGHTED_HEADERS}. Such requests must not run
 * GraphQL operations or download exports (cross-site request forgery); a JSON POST, as the console,
 * GraphiQL and graphql-sse send, is never one.
 */
export function isForgeable(request: Request): boolean {
  if (!['GET', 'HEAD', 'POST'].includes(request.method)) return false;
  if (PREFLIGHTED_HEADERS.some((name) => request.headers.has(name))) return false;
  const contentType = request.headers.get('content-type');
  if (contentType === null) return true;
  return SIMPLE_CONTENT_TYPES.has(contentType.split(';')[0]!.trim().toLowerCase());
}

/**
 * CSRF prevention on the GraphQL endpoints (`/graphql`, yoga's own, and the graphql-sse one): a forgeable
 * request is answered 403 `CSRF_HEADER_REQUIRED` before it is parsed, so no mutation or query runs and no
 * audit entry is written. GraphiQL's page itself (a GET asking for HTML) runs nothing and stays reachable.
 *
 * Not `@graphql-yoga/plugin-csrf-prevention`: it checks only requests yoga parses itself, while the
 * graphql-sse endpoint is answered before that (and graphql-sse reads any POST whose content type merely
 * contains `application/json`, such as `text/plain; x=application/json`, as JSON).
 */
export function useCsrfPrevention(endpoints: readonly string[]): Plugin {
  const paths = new Set(endpoints.flatMap((endpoint) => [endpoint, `${endpoint}/`]));
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (!paths.has(url.pathname) || shouldRenderGraphiQL(request) || !isForgeable(request)) return;
      noteErrorCode(request, CSRF_CODE);
      endResponse(
        new fetchAPI.Response(
          JSON.stringify({ errors: [{ message: CSRF_MESSAGE, extensions: { code: CSRF_CODE } }] }),
          { status: 403, headers: { 'content-type': 'application/json; charset=utf-8' } },
        ),
      );
    },
  };
}
