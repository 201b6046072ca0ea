import { createServer } from 'node:http';
import { progressBar } from './cli/progress.js';
import { ConfigurationError, loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { ensureDemoData } from './demo/index.js';
import { withConsole } from './http/console.js';
import { ServerLifecycle } from './http/health.js';
import { PersistedDocuments } from './http/persisted-documents.js';
import { createLogger } from './observability/logger.js';
import { OversightMetrics } from './observability/metrics.js';
import { Checkpointer, checkpointingFromConfig } from './services/audit/checkpoints.js';
import { auditLiveFeed } from './services/audit/live-feed.js';
import { createServices } from './services/context.js';
import { createOversightYoga } from './yoga.js';

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigurationError)) throw error;
  // Before the logger exists (its settings may be among the invalid ones): every problem, then exit.
  process.stderr.write(`${error.message}\n`);
  process.exit(78); // EX_CONFIG
}

const logger = createLogger(config.log);
const lifecycle = new ServerLifecycle('starting');
const db = await openDatabase({
  databaseUrl: config.databaseUrl,
  migrationDatabaseUrl: config.migrationDatabaseUrl,
  dataDir: config.dataDir,
  logger,
});
const services = createServices(config, db, {
  logger,
  metrics: new OversightMetrics({ processMetrics: true }),
  checkpointing: checkpointingFromConfig(config, (message) => logger.warn(message)),
});
services.checkpointer = new Checkpointer(services, (error) =>
  logger.error({ err: error }, 'Could not write an audit checkpoint'),
);

const yoga = createOversightYoga({
  services,
  secureCookies: config.secureCookies,
  rateLimits: config.rateLimits,
  trustProxy: config.trustProxy,
  corsOrigins: config.corsOrigins,
  limits: config.limits,
  lifecycle,
  readinessChecks: config.redisUrl
    ? [
        { name: 'redis (live events)', check: () => services.pubsub.ping() },
        { name: 'redis (rate limits)', check: () => services.rateLimitStore.ping() },
      ]
    : [],
  metricsAccess: config.metrics,
  persistedDocuments: {
    documents: PersistedDocuments.fromFile(),
    allowArbitraryDocuments: config.allowArbitraryDocuments,
  },
});
const server = createServer(withConsole(yoga));

// Listen first, so /livez answers and /readyz says "starting" while demo data is generated.
await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
const address = server.address();
const port = typeof address === 'object' && address ? address.port : config.port;

const demoLogins = config.demoEnabled
  ? await ensureDemoData(services, config, (message) => logger.info(message), progressBar)
  : [];
lifecycle.phase = 'ready';

const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
logger.info(
  {
    port,
    url: `http://${host}:${port}/graphql`,
    database: db.kind === 'pglite' ? `embedded (${config.dataDir})` : 'PostgreSQL',
  },
  'SpendSense Oversight is ready',
);
// For the person at the terminal (stderr, apart from the log): where to go, and the published demo
// credentials (embedded demo only), which are never logged.
const banner = [`Console:  http://${host}:${port}/`, `GraphiQL: http://${host}:${port}/graphql`];
if (demoLogins.length > 0) {
  banner.push('Demo operator logins (embedded demo only):');
  for (const l of demoLogins) banner.push(`  ${l.role.padEnd(10)} ${l.username.padEnd(12)} ${l.password}`);
}
process.stderr.write(`\n${banner.join('\n')}\n\n`);

/**
 * SIGTERM/SIGINT: report not ready, stop accepting connections, end live streams with a clean `complete`,
 * let running requests and exports finish within the grace period, then close pub/sub and the database.
 */
let draining = false;
async function drain(signal: string): Promise<void> {
  if (draining) return;
  draining = true;
  lifecycle.phase = 'draining';
  const graceMs = config.shutdownGraceSeconds * 1000;
  logger.info({ signal, graceSeconds: config.shutdownGraceSeconds }, 'draining');
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  auditLiveFeed(services).close();
  // Keep-alive connections become idle as their last response ends; close them as they do.
  const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    closed.then(() => false),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), graceMs);
    }),
  ]);
  clearInterval(idleSweep);
  clearTimeout(timer);
  if (timedOut) {
    logger.warn(
      { graceSeconds: config.shutdownGraceSeconds },
      'grace period over: closing remaining connections',
    );
    server.closeAllConnections();
  }
  services.checkpointer?.stop();
  await services.pubsub.close();
  await services.rateLimitStore.close();
  await db.close();
  logger.info({ timedOut }, 'stopped');
  process.exit(0);
}
process.on('SIGINT', () => void drain('SIGINT'));
process.on('SIGTERM', () => void drain('SIGTERM'));
