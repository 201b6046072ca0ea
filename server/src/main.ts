import { createServer } from 'node:http';
import { progressBar } from './cli/progress.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { ensureDemoData } from './demo/index.js';
import { withConsole } from './http/console.js';
import { PersistedDocuments } from './http/persisted-documents.js';
import { createOversightPubSub } from './pubsub.js';
import { Checkpointer, checkpointingFromConfig } from './services/audit/checkpoints.js';
import { auditLiveFeed } from './services/audit/live-feed.js';
import type { ServiceContext } from './services/context.js';
import { createOversightYoga } from './yoga.js';

const config = loadConfig();
const log = (message: string) => console.log(message);

const db = await openDatabase({
  databaseUrl: config.databaseUrl,
  migrationDatabaseUrl: config.migrationDatabaseUrl,
  dataDir: config.dataDir,
  log,
});
const pubsub = createOversightPubSub(config.redisUrl);
const services: ServiceContext = {
  db,
  now: () => new Date(),
  scryptCost: config.scryptCost,
  sessionTtlHours: config.sessionTtlHours,
  pubsub,
  checkpointing: checkpointingFromConfig(config, (message) => console.warn(message)),
};
services.checkpointer = new Checkpointer(services, (error) =>
  console.error('Could not write an audit checkpoint', error),
);

const demoLogins = config.demoEnabled ? await ensureDemoData(services, config, log, progressBar) : [];

const yoga = createOversightYoga({
  services,
  secureCookies: config.secureCookies,
  rateLimits: config.rateLimits,
  trustProxy: config.trustProxy,
  persistedDocuments: {
    documents: PersistedDocuments.fromFile(),
    allowArbitraryDocuments: config.allowArbitraryDocuments,
  },
});
const server = createServer(withConsole(yoga));

server.listen(config.port, config.host, () => {
  // The port actually bound: PORT=0 picks a free one (the browser tests start the server that way).
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  log(
    `\nSpendSense Oversight is running on ${db.kind === 'pglite' ? `the embedded database (${config.dataDir})` : 'PostgreSQL'}.`,
  );
  log(`Console:  ${url}/`);
  log(`GraphiQL: ${url}/graphql`);
  if (demoLogins.length > 0) {
    log('\nDemo operator logins (embedded demo only):');
    for (const l of demoLogins) log(`  ${l.role.padEnd(10)} ${l.username.padEnd(12)} ${l.password}`);
  }
});

async function shutdown(signal: string) {
  log(`\n${signal}: shutting down`);
  server.close();
  auditLiveFeed(services).close();
  services.checkpointer?.stop();
  await services.checkpointer?.checkpoint();
  await pubsub.close();
  await db.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
