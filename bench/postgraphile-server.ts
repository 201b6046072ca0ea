/**
 * The peer of the audit page benchmark (`audit-log-query.ts`): PostGraphile 5 with the connection-filter
 * plugin (dependencies of bench/package.json only), served by grafserv on node:http in its own process
 * (started with `startBenchServer` in audit-support.ts), over the same database with a pool of 10 like the
 * project's server. Its stock production setup: Amber preset, no GraphiQL, no watch mode, no auth.
 *
 * IPC: `{ type: 'listening', port }` once serving; ends when the parent disconnects.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

// PostGraphile 5 declares Node >= 22 and relies on Promise.withResolvers, which Node 20 (this project's
// runtime) lacks: without it every query fails inside grafast with "Cannot read properties of undefined".
// The polyfill is the spec's own definition; it has to exist before PostGraphile's modules load.
const promiseStatics = Promise as PromiseConstructor & { withResolvers?: () => unknown };
promiseStatics.withResolvers ??= () => {
  let resolve!: (value: unknown) => void;
  let reject!: (reason?: unknown) => void;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};
const { postgraphile } = await import('postgraphile');
const { makePgService } = await import('postgraphile/adaptors/pg');
const { grafserv } = await import('postgraphile/grafserv/node');
const { PostGraphileAmberPreset } = await import('postgraphile/presets/amber');
const { PostGraphileConnectionFilterPreset } = await import('postgraphile-plugin-connection-filter');

const databaseUrl = process.env.BENCH_SERVER_DATABASE_URL;
if (!databaseUrl) throw new Error('BENCH_SERVER_DATABASE_URL is not set');

const pgl = postgraphile({
  extends: [PostGraphileAmberPreset, PostGraphileConnectionFilterPreset],
  pgServices: [
    makePgService({ connectionString: databaseUrl, poolConfig: { max: 10 }, schemas: ['public'] }),
  ],
  grafserv: { graphiql: false, watch: false },
});
const serv = pgl.createServ(grafserv);
const server = createServer();
await serv.addTo(server);

process.on('disconnect', () => {
  server.closeAllConnections();
  server.close();
  void Promise.resolve(pgl.release()).finally(() => process.exit(0));
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ type: 'listening', port });
  // Started by hand (e.g. under --cpu-prof) rather than forked: say where it listens.
  if (!process.send) console.error(`Listening on http://127.0.0.1:${port}`);
});
