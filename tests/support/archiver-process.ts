/**
 * A real archiver process for the crash tests: runs the retention job against DATABASE_URL and ARCHIVE_DIR
 * with the clock at NOW, and when it reaches STOP_AT (an ArchiveStep) prints `stopped at <step>` and waits
 * there, holding whatever it holds (an open transaction inside the delete), until the test kills it.
 */

import { loadConfig } from '@spendsense/server/config';
import { openDatabase } from '@spendsense/server/db/client';
import { createOversightPubSub } from '@spendsense/server/pubsub';
import { createServices } from '@spendsense/server/services/context';
import { type ArchiveStep, runRetention } from '@spendsense/server/services/retention/archive';

const { DATABASE_URL, ARCHIVE_DIR, NOW, STOP_AT } = process.env;
if (!DATABASE_URL || !ARCHIVE_DIR || !NOW) throw new Error('DATABASE_URL, ARCHIVE_DIR and NOW are required');

const db = await openDatabase({ databaseUrl: DATABASE_URL, migrate: false });
const config = loadConfig({ SCRYPT_COST: '1024', LOG_LEVEL: 'warn', LOG_FORMAT: 'json' });
const services = createServices(config, db, {
  now: () => new Date(NOW),
  pubsub: createOversightPubSub(),
  retention: {
    activeMonths: Number(process.env.ACTIVE_MONTHS ?? 3),
    purgeAfterMonths: Number(process.env.PURGE_AFTER_MONTHS ?? 12),
    archiveDir: ARCHIVE_DIR,
  },
});

await runRetention(services, {
  dryRun: false,
  onStep: async (step: ArchiveStep, month: string) => {
    if (step !== STOP_AT) return;
    process.stdout.write(`stopped at ${step} ${month}\n`);
    await new Promise(() => {});
  },
});
process.stdout.write('finished\n');
await db.close();
