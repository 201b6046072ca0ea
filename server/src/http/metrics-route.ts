import { timingSafeEqual } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { ServiceContext } from '../services/context.js';
import { type NodeServerContext, requestOriginOf } from './request-origin.js';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * `GET /metrics` in Prometheus text format, for scrapers on an allowed address (`METRICS_ALLOW`, loopback by
 * default) or sending `Authorization: Bearer <METRICS_TOKEN>`; everyone else gets 403.
 */
export function useMetricsRoute(options: {
  services: ServiceContext;
  allow: readonly string[];
  token: string | undefined;
  trustProxy: boolean;
}): Plugin<Record<string, unknown>, NodeServerContext> {
  const allowed = new Set(options.allow.map((address) => address.trim()));
  return {
    async onRequest({ url, request, serverContext, endResponse }) {
      if (url.pathname !== '/metrics') return;
      const { ipAddress } = requestOriginOf(request, serverContext, options.trustProxy);
      const bearer = request.headers.get('authorization')?.match(/^Bearer (.+)$/i)?.[1];
      // IPv4 clients of a dual-stack socket appear as ::ffff:a.b.c.d.
      const address = ipAddress?.replace(/^::ffff:/, '') ?? null;
      const permitted =
        (address !== null && (allowed.has(address) || allowed.has(ipAddress ?? ''))) ||
        (options.token !== undefined && bearer !== undefined && sameSecret(bearer, options.token));
      if (!permitted) {
        endResponse(new Response('Forbidden\n', { status: 403, headers: { 'Content-Type': 'text/plain' } }));
        return;
      }
      const { contentType, body } = await options.services.metrics.render();
      endResponse(
        new Response(body, {
          status: 200,
          headers: { 'Content-Type': contentType, 'Cache-Control': 'no-store' },
        }),
      );
    },
  };
}
