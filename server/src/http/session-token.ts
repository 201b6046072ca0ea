import { SESSION_COOKIE } from './session-cookie.js';

/**
 * The session token a request carries: `Authorization: Bearer <token>` (API clients) or the console's
 * httpOnly `ss_session` cookie. The bearer header wins when both are sent. Shared by the GraphQL server
 * and the plain HTTP endpoints, so every entry point authenticates alike.
 */
export function sessionTokenOf(request: Request): string | null {
  const authorization = request.headers.get('authorization');
  if (authorization?.toLowerCase().startsWith('bearer ')) return authorization.slice(7).trim() || null;
  const cookies = request.headers.get('cookie');
  if (!cookies) return null;
  for (const part of cookies.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) {
      try {
        return decodeURIComponent(value.join('=')) || null;
      } catch {
        // A malformed escape cannot be a token we issued; treat the request as anonymous.
        return null;
      }
    }
  }
  return null;
}
