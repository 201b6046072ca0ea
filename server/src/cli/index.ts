/**
 * The command-line interface: `pnpm cli <command> [options]`.
 *
 *   create-operator --username U --role VIEWER|REVIEWER|COMPLIANCE|ADMIN [--display-name N]
 *                   (reads the password from SPENDSENSE_PASSWORD or asks for it)
 *   seed            [--customers 100] [--months 26] [--seed 42] [--as-of YYYY-MM-DD]
 *                   demo operators, customers and months of audited history (0: today only)
 *   ingest          --json FILE | --csv-dir DIR [--as-of YYYY-MM-DD]      validated, all-or-nothing
 *   assign-all      [--as-of YYYY-MM-DD]                                   personas for every customer
 *   audit-public-key                 prints the public key that verifies checkpoints and export manifests
 *   audit-checkpoint                 signs the chain head now (checkpoint log + audit_checkpoint entry)
 *   archive         [--dry-run]       the audit retention policy (RETENTION.md): archive due months to
 *                   Parquet, purge archives past the limit; fit for cron, safe to re-run after a crash
 *
 * All commands use DATABASE_URL when set, otherwise the embedded database in DATA_DIR.
 */
import { parseArgs } from 'node:util';
import { ConfigurationError, loadConfig, type ServerConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { createLogger } from '../observability/logger.js';
import { checkpointingFromConfig, writeCheckpoint } from '../services/audit/checkpoints.js';
import { createServices, type ServiceContext } from '../services/context.js';
import {
  archiveCommand,
  assignCommand,
  createOperatorCommand,
  ingestCommand,
  seedCommand,
} from './commands.js';
import { print, printError } from './output.js';

const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({
  args: rest,
  options: {
    username: { type: 'string' },
    role: { type: 'string' },
    'display-name': { type: 'string' },
    customers: { type: 'string' },
    months: { type: 'string' },
    seed: { type: 'string' },
    'as-of': { type: 'string' },
    json: { type: 'string' },
    'csv-dir': { type: 'string' },
    'dry-run': { type: 'boolean' },
  },
  allowPositionals: false,
});

const commands: Record<string, (ctx: ServiceContext, options: typeof values) => Promise<void>> = {
  'create-operator': (ctx, options) => createOperatorCommand(ctx, options, config.newOperatorPassword),
  seed: seedCommand,
  ingest: ingestCommand,
  'assign-all': assignCommand,
  'audit-public-key': async (ctx) => {
    process.stdout.write(ctx.checkpointing!.key.publicKey.export({ type: 'spki', format: 'pem' }).toString());
  },
  'audit-checkpoint': async (ctx) => {
    const checkpoint = await writeCheckpoint(ctx);
    print(
      checkpoint
        ? `Checkpoint at seq ${checkpoint.seq}, head ${checkpoint.head_hash}`
        : 'Nothing new to sign',
    );
  },
  archive: archiveCommand,
};

const run = command ? commands[command] : undefined;
if (!run) {
  printError(`Usage: pnpm cli <${Object.keys(commands).join('|')}> [options] (see server/src/cli/index.ts)`);
  process.exit(2);
}

let config: ServerConfig;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigurationError)) throw error;
  printError(error.message);
  process.exit(78); // EX_CONFIG
}
const db = await openDatabase({
  databaseUrl: config.databaseUrl,
  migrationDatabaseUrl: config.migrationDatabaseUrl,
  dataDir: config.dataDir,
});
// The commands print their own results; the log gets warnings and errors only.
const logger = createLogger({ ...config.log, level: 'warn' });
const ctx = createServices(config, db, {
  logger,
  checkpointing: checkpointingFromConfig(config, (message) => logger.warn(message)),
});
try {
  await run(ctx, values);
} catch (error) {
  printError(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  await ctx.pubsub.close();
  await ctx.rateLimitStore.close();
  await db.close();
}
