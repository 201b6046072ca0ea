import type { Plugin } from 'graphql-yoga';
import { pendingMigrations } from '../db/migrate.js';
import { MIGRATIONS_DIR } from '../db/paths.js';
import type { ServiceContext } from '../services/context.js';

/** Where a server process is in its life: not ready while starting (migrations, demo data) or draining. */
export class ServerLifecycle {
  phase: 'starting' | 'ready' | 'draining';

  constructor(phase: ServerLifecycle['phase'] = 'starting') {
    this.phase = phase;
  }
}

/** A dependency the readiness check pings (Redis clients of the pub/sub and of the rate limiter). */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });

/**
 * `GET /livez`: the process is up and serving (200). `GET /readyz`: 200 only when the instance should get
 * traffic: started and not draining, the database answers with every migration applied, and each configured
 * Redis answers; otherwise 503 with what failed.
 */
export function useHealthRoutes(options: {
  services: ServiceContext;
  lifecycle: ServerLifecycle;
  checks?: readonly ReadinessCheck[];
}): Plugin {
  const { services, lifecycle } = options;
  return {
    async onRequest({ url, request, endResponse }) {
      if (url.pathname === '/livez') {
        endResponse(json(200, { status: 'live' }));
        return;
      }
      if (url.pathname !== '/readyz') return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(new Response(null, { status: 405, headers: { Allow: 'GET, HEAD' } }));
        return;
      }
      const checks: Record<string, string> = {};
      const run = async (name: string, check: () => Promise<void>) => {
        try {
          await check();
          checks[name] = 'ok';
        } catch (error) {
          checks[name] = error instanceof Error ? error.message : String(error);
        }
      };
      await Promise.all([
        run('database', async () => {
          const pending = await pendingMigrations(services.db.sql, MIGRATIONS_DIR);
          if (pending.length > 0) throw new Error(`migrations not applied: ${pending.join(', ')}`);
        }),
        ...(options.checks ?? []).map((check) => run(check.name, () => check.check())),
      ]);
      const healthy = Object.values(checks).every((result) => result === 'ok');
      const ready = lifecycle.phase === 'ready' && healthy;
      endResponse(
        json(ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', phase: lifecycle.phase, checks }),
      );
    },
  };
}
