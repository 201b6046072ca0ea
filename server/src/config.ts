import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { REPO_ROOT } from './db/paths.js';
import { DEFAULT_RETENTION, type RetentionPolicy } from './domain/audit/retention.js';
import { type AbuseLimits, DEFAULT_ABUSE_LIMITS } from './http/abuse-limits.js';

/**
 * Every setting the server reads from its environment, declared once: the variable, how its text is read and
 * checked (zod), its default, and the line the README's configuration table shows for it
 * (`tests/configuration.test.ts` keeps the README table equal to {@link configurationTable}; `pnpm
 * generate:config-table` rewrites it), the command-line tools' included. Nothing else reads the environment
 * but the schema builder's test switch (`POTHOS_UNUSED_QUERY`).
 */

/** An empty variable counts as unset, as shells and compose files often write `NAME=`. */
const unsetWhenEmpty = (value: unknown) => (value === '' ? undefined : value);

const FLAG_TEXT: Record<string, boolean> = {
  '1': true,
  true: true,
  yes: true,
  on: true,
  '0': false,
  false: false,
  no: false,
  off: false,
};

interface VariableSpec<T> {
  schema: z.ZodType<T>;
  /** The default as the README shows it. */
  defaultText: string;
  meaning: string;
}

function text(
  defaultValue: string | undefined,
  meaning: string,
  check?: z.ZodString,
): VariableSpec<string | undefined> {
  const base = check ?? z.string();
  return {
    schema: z.preprocess(
      unsetWhenEmpty,
      defaultValue === undefined ? base.optional() : base.default(defaultValue),
    ),
    defaultText: defaultValue === undefined ? 'unset' : `\`${defaultValue}\``,
    meaning,
  };
}

function wholeNumber(
  defaultValue: number,
  meaning: string,
  range: { min?: number; max?: number; powerOfTwo?: boolean } = {},
): VariableSpec<number> {
  const min = range.min ?? 0;
  const max = range.max ?? Number.MAX_SAFE_INTEGER;
  return {
    schema: z.preprocess(
      unsetWhenEmpty,
      z
        .string()
        .regex(/^\d+$/, { message: `must be a whole number from ${min} to ${max}` })
        .transform(Number)
        .pipe(
          z
            .number()
            .min(min, { message: `must be at least ${min}` })
            .max(max, { message: `must be at most ${max}` })
            .refine((n) => !range.powerOfTwo || (n & (n - 1)) === 0, { message: 'must be a power of two' }),
        )
        .default(defaultValue),
    ),
    defaultText: `\`${defaultValue}\``,
    meaning,
  };
}

function flag(
  defaultValue: boolean | undefined,
  defaultText: string,
  meaning: string,
): VariableSpec<boolean | undefined> {
  const parsed = z
    .string()
    .transform((value) => value.trim().toLowerCase())
    .refine((value) => value in FLAG_TEXT, { message: 'must be one of 1, 0, true, false, yes, no, on, off' })
    .transform((value) => FLAG_TEXT[value] as boolean);
  return {
    schema: z.preprocess(
      unsetWhenEmpty,
      defaultValue === undefined ? parsed.optional() : parsed.default(defaultValue),
    ),
    defaultText,
    meaning,
  };
}

function oneOf<const T extends readonly [string, ...string[]]>(
  values: T,
  defaultValue: T[number] | undefined,
  defaultText: string,
  meaning: string,
): VariableSpec<T[number] | undefined> {
  const parsed = z.enum(values, { message: `must be one of ${values.join(', ')}` });
  return {
    schema: z.preprocess(
      unsetWhenEmpty,
      defaultValue === undefined ? parsed.optional() : parsed.default(defaultValue),
    ),
    defaultText,
    meaning,
  };
}

const url = (schemes: readonly string[]) =>
  z.string().refine(
    (value) => {
      try {
        return schemes.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${schemes.map((s) => `${s}//`).join(' or ')}` },
  );

const list = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== ''),
);

/** A browser origin as it sends it in `Origin`: scheme, host and port, nothing more (never `null` or `*`). */
const webOrigin = z.string().refine(
  (value) => {
    try {
      const parsed = new URL(value);
      return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.origin === value;
    } catch {
      return false;
    }
  },
  { message: 'must be origins such as https://siem.example.com (scheme, host, port; comma-separated)' },
);

/** The variables, in the order the README lists them. */
export const CONFIG_VARIABLES = {
  DATABASE_URL: text(
    undefined,
    'PostgreSQL URL. Unset: the embedded PGlite database.',
    url(['postgres:', 'postgresql:']),
  ),
  MIGRATION_DATABASE_URL: text(
    undefined,
    "the schema owner's PostgreSQL URL, used only for migrations when `DATABASE_URL` is the application role",
    url(['postgres:', 'postgresql:']),
  ),
  DATA_DIR: { ...text(undefined, 'folder of the embedded database'), defaultText: '`.data/pglite`' },
  REDIS_URL: text(
    undefined,
    'Redis URL: several API instances then share live audit events and rate limits',
    url(['redis:', 'rediss:']),
  ),
  HOST: text('127.0.0.1', 'address the server listens on'),
  PORT: wholeNumber(4000, 'port the server listens on (`0`: any free port)', { max: 65535 }),
  DEMO: flag(undefined, 'on for the embedded database', '`0` to start without demo operators and data'),
  DEMO_CUSTOMERS: wholeNumber(100, 'customers in the synthetic demo data', { min: 1 }),
  DEMO_SEED: wholeNumber(42, 'seed of the synthetic demo data'),
  DEMO_HISTORY_MONTHS: wholeNumber(
    26,
    'months of audited history the demo plays on first start (`0`: today only)',
    {
      max: 120,
    },
  ),
  DEMO_ACTIVE_MONTHS: wholeNumber(
    12,
    'months of the demo history kept active on first start; older months are archived',
    { min: 1 },
  ),
  SESSION_TTL_HOURS: wholeNumber(12, 'how long a login session lasts', { min: 1 }),
  SESSION_RECHECK_SECONDS: wholeNumber(
    30,
    'how often a live subscription re-reads its session from the database, so it ends within this long of a logout whose announcement Redis lost',
    { min: 1, max: 86_400 },
  ),
  SCRYPT_COST: wholeNumber(32768, 'scrypt N for password hashes', {
    min: 1024,
    max: 2 ** 20,
    powerOfTwo: true,
  }),
  SECURE_COOKIES: flag(false, 'off', 'mark the session cookie `Secure` (set it behind HTTPS)'),
  ALLOW_ARBITRARY_DOCUMENTS: flag(
    true,
    'on',
    "run GraphQL documents other than the console's persisted ones (GraphiQL, third parties); `0` locks down",
  ),
  CORS_ORIGINS: {
    schema: z.preprocess(unsetWhenEmpty, list.pipe(z.array(webOrigin)).default([])),
    defaultText: 'unset (no cross-origin access)',
    meaning:
      'browser origins (comma-separated, e.g. `https://siem.example.com`) whose pages may call the API with credentials; no other origin gets CORS headers',
  } satisfies VariableSpec<string[]>,
  TRUST_PROXY: flag(
    false,
    'off',
    'take the client address from `X-Forwarded-For` (only behind your own proxy)',
  ),
  RATE_LIMIT_LOGINS_PER_MINUTE: wholeNumber(
    10,
    'logins per client address and per username; `0` turns it off',
  ),
  RATE_LIMIT_AUDIT_QUERIES_PER_MINUTE: wholeNumber(
    120,
    'audit log, integrity and metrics queries per operator',
  ),
  RATE_LIMIT_EXPORTS_PER_MINUTE: wholeNumber(10, 'audit exports per operator'),
  RATE_LIMIT_REFUSALS_PER_MINUTE: wholeNumber(
    30,
    'refused requests (each an `unauthorized_access` entry) per client address and per operator; beyond it 429 and no entry',
  ),
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: wholeNumber(
    300,
    'GraphQL operations (live subscriptions included) without a signed-in operator, per client address',
  ),
  GRAPHQL_MAX_DEPTH: wholeNumber(
    DEFAULT_ABUSE_LIMITS.maxDepth,
    'deepest field nesting of a GraphQL document',
    {
      min: 1,
    },
  ),
  GRAPHQL_MAX_ALIASES: wholeNumber(
    DEFAULT_ABUSE_LIMITS.maxAliases,
    'aliases per GraphQL document (each runs its field again)',
  ),
  GRAPHQL_MAX_TOKENS: wholeNumber(
    DEFAULT_ABUSE_LIMITS.maxTokens,
    'lexical tokens per GraphQL document, counted while parsing',
    { min: 1 },
  ),
  GRAPHQL_MAX_COST: wholeNumber(
    DEFAULT_ABUSE_LIMITS.maxCost,
    'estimated cost per operation (page sizes times what each item selects; `auditIntegrity` 9,000, `complianceMetrics` 2,000)',
    { min: 1 },
  ),
  MAX_BODY_BYTES: wholeNumber(
    DEFAULT_ABUSE_LIMITS.maxBodyBytes,
    'request body bytes, chunked bodies included (413 `REQUEST_TOO_LARGE` beyond)',
    { min: 1024 },
  ),
  AUDIT_SIGNING_KEY: text(
    undefined,
    'Ed25519 private key (PKCS#8 PEM) signing chain checkpoints and export manifests',
  ),
  AUDIT_SIGNING_KEY_FILE: {
    ...text(undefined, 'file of that key when `AUDIT_SIGNING_KEY` is unset (created on first start)'),
    defaultText: '`.data/audit-signing-key.pem`',
  },
  AUDIT_CHECKPOINT_FILE: {
    ...text(undefined, 'the append-only checkpoint log kept outside the database'),
    defaultText:
      '`.data/pglite-audit-checkpoints.jsonl` (embedded), `.data/audit-checkpoints-<database>.jsonl` (PostgreSQL)',
  },
  AUDIT_CHECKPOINT_EVERY_ENTRIES: wholeNumber(1000, 'a signed checkpoint after this many entries (`0`: off)'),
  AUDIT_CHECKPOINT_EVERY_SECONDS: wholeNumber(3600, 'or after this many seconds with new entries (`0`: off)'),
  RETENTION_ACTIVE_MONTHS: wholeNumber(
    DEFAULT_RETENTION.activeMonths,
    'months audit entries stay in the database before `pnpm cli archive` moves them to Parquet ([RETENTION.md](RETENTION.md))',
    { min: 1, max: 1200 },
  ),
  RETENTION_PURGE_AFTER_MONTHS: wholeNumber(
    DEFAULT_RETENTION.purgeAfterMonths,
    'months after which archived entries are deleted (an `audit_purged` receipt remains); more than the active window',
    { min: 2, max: 1200 },
  ),
  ARCHIVE_DIR: {
    ...text(undefined, 'where the monthly Parquet archives live (`YYYY-MM/`)'),
    defaultText: '`data/audit_archives`',
  },
  LOG_LEVEL: oneOf(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    'info',
    '`info`',
    'least severe log level written (one line per request at `info`)',
  ),
  LOG_FORMAT: oneOf(['json', 'pretty'], undefined, '`pretty` in a terminal, else `json`', 'log line format'),
  LOG_FILE: text(undefined, 'append log lines to this file instead of standard output'),
  METRICS_TOKEN: text(undefined, '`/metrics` also answers requests with `Authorization: Bearer <token>`'),
  METRICS_ALLOW: {
    schema: z.preprocess(unsetWhenEmpty, list.default(['127.0.0.1', '::1'])),
    defaultText: '`127.0.0.1,::1`',
    meaning: 'client addresses (comma-separated) that may read `/metrics` without the token',
  } satisfies VariableSpec<string[]>,
  SPENDSENSE_PASSWORD: text(
    undefined,
    'password `pnpm cli create-operator` gives the new operator (asked for when unset; keep it out of shell history)',
  ),
  SHUTDOWN_GRACE_SECONDS: wholeNumber(
    30,
    'on SIGTERM, how long running requests and exports may take to finish before the process exits',
    { max: 3600 },
  ),
} as const;

export type ConfigVariable = keyof typeof CONFIG_VARIABLES;

const configSchema = z.object(
  Object.fromEntries(Object.entries(CONFIG_VARIABLES).map(([name, spec]) => [name, spec.schema])) as {
    [K in ConfigVariable]: (typeof CONFIG_VARIABLES)[K]['schema'];
  },
);

type RawConfig = z.infer<typeof configSchema>;

/** Every setting, typed, with defaults applied. */
export interface ServerConfig {
  /** A PostgreSQL URL; unset means the embedded PGlite database in `dataDir`. */
  databaseUrl: string | undefined;
  /** The schema owner's PostgreSQL URL, used only for migrations when `databaseUrl` is the application role. */
  migrationDatabaseUrl: string | undefined;
  /** Folder of the embedded database. `memory://` keeps it in memory (tests). */
  dataDir: string;
  /** Redis URL for sharing live events and rate limits between several API instances. */
  redisUrl: string | undefined;
  host: string;
  port: number;
  /** Hours a login session stays valid. */
  sessionTtlHours: number;
  /** Seconds between a live subscription's re-reads of its session (a lost logout announcement ends it then). */
  sessionRecheckSeconds: number;
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
  /** Browser origins allowed to call the API across origins (CORS); empty: none. */
  corsOrigins: string[];
  /** Ed25519 private key (PKCS#8 PEM) signing chain checkpoints and export manifests: inline, or a file. */
  auditSigningKey: { pem: string } | { file: string };
  /** The append-only checkpoint log kept outside the database. */
  auditCheckpointFile: string;
  /** A checkpoint after this many entries, or after this many seconds with new entries (0 turns either off). */
  auditCheckpointEveryEntries: number;
  auditCheckpointEverySeconds: number;
  /**
   * Requests per minute (0 = no limit): logins per client IP and per username, audit queries and exports per
   * operator, refusals per client IP and operator, operations without a session per client IP.
   */
  rateLimits: {
    loginPerMinute: number;
    auditQueriesPerMinute: number;
    exportsPerMinute: number;
    refusalsPerMinute: number;
    anonymousRequestsPerMinute: number;
  };
  /** GraphQL depth, alias, token and cost limits and the request body size limit. */
  limits: AbuseLimits;
  log: {
    level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
    format: 'json' | 'pretty';
    /** Append to this file instead of standard output. */
    file: string | undefined;
  };
  metrics: { token: string | undefined; allow: string[] };
  shutdownGraceSeconds: number;
  /** How long audit entries stay active, archived, and where the archives live (RETENTION.md). */
  retention: RetentionPolicy;
  /** The demo's shorter active window, so its first start already archives its oldest months. */
  demoActiveMonths: number;
  /** The password `pnpm cli create-operator` gives the new operator; asked for on the terminal when unset. */
  newOperatorPassword: string | undefined;
}

/** Every problem with the environment, one line per variable, so an operator fixes them all in one go. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.problems = problems;
  }
}

/**
 * Reads and checks the environment. Throws a {@link ConfigurationError} listing every invalid variable by
 * name (for example `SECURE_COOKIES: must be one of 1, 0, true, false, yes, no, on, off`).
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): ServerConfig {
  const input = Object.fromEntries(Object.keys(CONFIG_VARIABLES).map((name) => [name, env[name]]));
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigurationError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        return `${name}: ${issue.message} (got "${env[name]}")`;
      }),
    );
  }
  if (parsed.data.RETENTION_PURGE_AFTER_MONTHS <= parsed.data.RETENTION_ACTIVE_MONTHS) {
    throw new ConfigurationError([
      `RETENTION_PURGE_AFTER_MONTHS: must be more than RETENTION_ACTIVE_MONTHS (${parsed.data.RETENTION_ACTIVE_MONTHS}) (got "${env['RETENTION_PURGE_AFTER_MONTHS']}")`,
    ]);
  }
  return fromRaw(parsed.data, env);
}

function fromRaw(raw: RawConfig, env: Readonly<Record<string, string | undefined>>): ServerConfig {
  return {
    databaseUrl: raw.DATABASE_URL,
    migrationDatabaseUrl: raw.MIGRATION_DATABASE_URL,
    dataDir: raw.DATA_DIR ?? path.join(REPO_ROOT, '.data', 'pglite'),
    redisUrl: raw.REDIS_URL,
    host: raw.HOST ?? '127.0.0.1',
    port: raw.PORT,
    sessionTtlHours: raw.SESSION_TTL_HOURS,
    sessionRecheckSeconds: raw.SESSION_RECHECK_SECONDS,
    demoCustomers: raw.DEMO_CUSTOMERS,
    demoSeed: raw.DEMO_SEED,
    demoHistoryMonths: raw.DEMO_HISTORY_MONTHS,
    demoEnabled: raw.DEMO ?? raw.DATABASE_URL === undefined,
    scryptCost: raw.SCRYPT_COST,
    secureCookies: raw.SECURE_COOKIES ?? false,
    trustProxy: raw.TRUST_PROXY ?? false,
    corsOrigins: raw.CORS_ORIGINS,
    allowArbitraryDocuments: raw.ALLOW_ARBITRARY_DOCUMENTS ?? true,
    auditSigningKey: raw.AUDIT_SIGNING_KEY
      ? { pem: raw.AUDIT_SIGNING_KEY }
      : { file: raw.AUDIT_SIGNING_KEY_FILE ?? path.join(REPO_ROOT, '.data', 'audit-signing-key.pem') },
    auditCheckpointFile:
      raw.AUDIT_CHECKPOINT_FILE ??
      defaultCheckpointFile(raw.DATABASE_URL, raw.DATA_DIR ?? path.join(REPO_ROOT, '.data', 'pglite')),
    auditCheckpointEveryEntries: raw.AUDIT_CHECKPOINT_EVERY_ENTRIES,
    auditCheckpointEverySeconds: raw.AUDIT_CHECKPOINT_EVERY_SECONDS,
    rateLimits: {
      loginPerMinute: raw.RATE_LIMIT_LOGINS_PER_MINUTE,
      auditQueriesPerMinute: raw.RATE_LIMIT_AUDIT_QUERIES_PER_MINUTE,
      exportsPerMinute: raw.RATE_LIMIT_EXPORTS_PER_MINUTE,
      refusalsPerMinute: raw.RATE_LIMIT_REFUSALS_PER_MINUTE,
      anonymousRequestsPerMinute: raw.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
    },
    limits: {
      maxDepth: raw.GRAPHQL_MAX_DEPTH,
      maxAliases: raw.GRAPHQL_MAX_ALIASES,
      maxTokens: raw.GRAPHQL_MAX_TOKENS,
      maxCost: raw.GRAPHQL_MAX_COST,
      maxBodyBytes: raw.MAX_BODY_BYTES,
    },
    log: {
      level: raw.LOG_LEVEL ?? 'info',
      format: raw.LOG_FORMAT ?? (process.stdout.isTTY && env['LOG_FILE'] === undefined ? 'pretty' : 'json'),
      file: raw.LOG_FILE,
    },
    metrics: { token: raw.METRICS_TOKEN, allow: raw.METRICS_ALLOW },
    shutdownGraceSeconds: raw.SHUTDOWN_GRACE_SECONDS,
    retention: {
      activeMonths: raw.RETENTION_ACTIVE_MONTHS,
      purgeAfterMonths: raw.RETENTION_PURGE_AFTER_MONTHS,
      archiveDir: path.resolve(REPO_ROOT, raw.ARCHIVE_DIR ?? path.join('data', 'audit_archives')),
    },
    demoActiveMonths: raw.DEMO_ACTIVE_MONTHS,
    newOperatorPassword: raw.SPENDSENSE_PASSWORD,
  };
}

/** The README's configuration table, rendered from {@link CONFIG_VARIABLES}. */
export function configurationTable(): string {
  const rows = Object.entries(CONFIG_VARIABLES).map(
    ([name, spec]) => `| \`${name}\` | ${spec.defaultText} | ${spec.meaning} |`,
  );
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}

/**
 * One checkpoint log per database, never shared: checkpoints of one chain compared with another would
 * report it rewritten. Next to the embedded database's folder; per PostgreSQL database under .data/; and a
 * temporary file for an in-memory database, which does not outlive its process either.
 */
function defaultCheckpointFile(databaseUrl: string | undefined, dataDir: string): string {
  if (databaseUrl) {
    const url = new URL(databaseUrl);
    const id = createHash('sha256').update(`${url.host}${url.pathname}`).digest('hex').slice(0, 12);
    return path.join(REPO_ROOT, '.data', `audit-checkpoints-${id}.jsonl`);
  }
  if (dataDir.startsWith('memory://')) {
    return path.join(mkdtempSync(path.join(tmpdir(), 'spendsense-checkpoints-')), 'audit-checkpoints.jsonl');
  }
  return path.join(path.dirname(path.resolve(dataDir)), `${path.basename(dataDir)}-audit-checkpoints.jsonl`);
}
