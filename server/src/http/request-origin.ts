import type { RequestOrigin } from '../services/context.js';

/** What node:http passes as server context; absent when the server is called in-process (`yoga.fetch`). */
export interface NodeServerContext {
  req?: { socket?: { remoteAddress?: string | undefined } };
}

/**
 * Where a request came from, as recorded with security events and used for rate limits. The client
 * address comes from X-Forwarded-For only behind a trusted proxy (`trustProxy`), since anyone can send it.
 */
export function requestOriginOf(
  request: Request,
  serverContext: NodeServerContext | undefined,
  trustProxy: boolean,
): RequestOrigin {
  const forwarded = trustProxy ? request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() : null;
  return {
    ipAddress: forwarded || serverContext?.req?.socket?.remoteAddress || null,
    userAgent: request.headers.get('user-agent'),
  };
}
