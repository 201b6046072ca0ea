import path from 'node:path';
import { REPO_ROOT } from './db/paths.js';

/** Every setting the server reads from its environment, in one place (the README lists them). */
export interface ServerConfig {
  /** A PostgreSQL URL; unset means the embedded PGlite database in `dataDir`. */
  databaseUrl: string | undefined;
  /** The schema owner's PostgreSQL URL, used only for migrations when `databaseUrl` is the application role. */
  migrationDatabaseUrl: string | undefined;
  /** Folder of the embedded database. `memory://` keeps it in memory (tests). */
  dataDir: string;
  /** Redis URL for sharing live events between several API instances. */
  redisUrl: string | undefined;
  host: string;
  port: number;
  /** Hours a login session stays valid. */
  sessionTtlHours: number;
  /** Customers generated on the first start of the embedded demo. */
  demoCustomers: number;
  /** Seed for the deterministic demo data. */
  demoSeed: number;
  /** Months of audited history the embedded demo plays on first start (0: only today's state). */
  demoHistoryMonths: number;
  /** Whether the embedded demo creates demo operators and data on first start. */
  demoEnabled: boolean;
  /** scrypt cost (N); lower only in tests. */
  scryptCost: number;
  /** Marks the session cookie `Secure` (set it when served over HTTPS). */
  secureCookies: boolean;
  /** Run GraphQL documents other than the console's persisted ones (GraphiQL, third parties); off to lock down. */
  allowArbitraryDocuments: boolean;
  /** Trust X-Forwarded-For for the client address (only behind a reverse proxy you control). */
  trustProxy: boolean;
  /** Ed25519 private key (PKCS#8 PEM) signing chain checkpoints and export manifests: inline, or a file. */
  auditSigningKey: { pem: string } | { file: string };
  /** The append-only checkpoint log kept outside the database. */
  auditCheckpointFile: string;
  /** A checkpoint after this many entries, or after this many seconds with new entries (0 turns either off). */
  auditCheckpointEveryEntries: number;
  auditCheckpointEverySeconds: number;
  /** Requests per minute (0 = no limit): logins per client IP and per username, audit queries and exports per operator. */
  rateLimits: { loginPerMinute: number; auditQueriesPerMinute: number; exportsPerMinute: number };
}

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${name} must be a non-negative whole number, got "${raw}"`);
  }
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const databaseUrl = env.DATABASE_URL || undefined;
  return {
    databaseUrl,
    migrationDatabaseUrl: env.MIGRATION_DATABASE_URL || undefined,
    dataDir: env.DATA_DIR || path.join(REPO_ROOT, '.data', 'pglite'),
    redisUrl: env.REDIS_URL || undefined,
    host: env.HOST || '127.0.0.1',
    port: intFromEnv(env, 'PORT', 4000),
    sessionTtlHours: intFromEnv(env, 'SESSION_TTL_HOURS', 12),
    demoCustomers: intFromEnv(env, 'DEMO_CUSTOMERS', 100),
    demoSeed: intFromEnv(env, 'DEMO_SEED', 42),
    demoHistoryMonths: intFromEnv(env, 'DEMO_HISTORY_MONTHS', 26),
    demoEnabled: env.DEMO === undefined ? !databaseUrl : env.DEMO !== '0' && env.DEMO !== 'false',
    scryptCost: intFromEnv(env, 'SCRYPT_COST', 2 ** 15),
    secureCookies: env.SECURE_COOKIES === '1' || env.SECURE_COOKIES === 'true',
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    allowArbitraryDocuments:
      env.ALLOW_ARBITRARY_DOCUMENTS !== '0' && env.ALLOW_ARBITRARY_DOCUMENTS !== 'false',
    auditSigningKey: env.AUDIT_SIGNING_KEY
      ? { pem: env.AUDIT_SIGNING_KEY }
      : { file: env.AUDIT_SIGNING_KEY_FILE || path.join(REPO_ROOT, '.data', 'audit-signing-key.pem') },
    auditCheckpointFile:
      env.AUDIT_CHECKPOINT_FILE || path.join(REPO_ROOT, '.data', 'audit-checkpoints.jsonl'),
    auditCheckpointEveryEntries: intFromEnv(env, 'AUDIT_CHECKPOINT_EVERY_ENTRIES', 1000),
    auditCheckpointEverySeconds: intFromEnv(env, 'AUDIT_CHECKPOINT_EVERY_SECONDS', 60),
    rateLimits: {
      loginPerMinute: intFromEnv(env, 'RATE_LIMIT_LOGINS_PER_MINUTE', 10),
      auditQueriesPerMinute: intFromEnv(env, 'RATE_LIMIT_AUDIT_QUERIES_PER_MINUTE', 120),
      exportsPerMinute: intFromEnv(env, 'RATE_LIMIT_EXPORTS_PER_MINUTE', 10),
    },
  };
}
