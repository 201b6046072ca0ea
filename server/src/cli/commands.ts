import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { DEFAULT_HISTORY_MONTHS, seedDemo } from '../demo/index.js';
import { parseLedgerCsv, parseLedgerJson } from '../domain/ingestion/index.js';
import { OPERATOR_ROLES, type OperatorRole } from '../domain/operators/index.js';
import { assignAllCustomers } from '../services/assign-all.js';
import type { ServiceContext } from '../services/context.js';
import { ingestLedger } from '../services/ingest-ledger.js';
import { createOperator } from '../services/operators.js';
import { type RetentionMonth, runRetention } from '../services/retention/archive.js';
import { print, printError } from './output.js';
import { progressBar } from './progress.js';

type Options = Record<string, string | boolean | undefined>;

const today = () => new Date().toISOString().slice(0, 10);

function option(options: Options, name: string): string | undefined {
  const value = options[name];
  return typeof value === 'string' ? value : undefined;
}

function required(options: Options, name: string): string {
  const value = option(options, name);
  if (!value) throw new Error(`--${name} is required`);
  return value;
}

function isoDate(options: Options): string {
  const value = option(options, 'as-of') ?? today();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new Error(`--as-of must be a date like 2026-11-22, got "${value}"`);
  }
  return value;
}

async function askHidden(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, callback) {
      if (!muted) process.stdout.write(chunk);
      callback();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  const answer = rl.question(question);
  muted = true;
  const password = await answer;
  rl.close();
  process.stdout.write('\n');
  return password;
}

export async function createOperatorCommand(
  ctx: ServiceContext,
  options: Options,
  password: string | undefined,
): Promise<void> {
  const username = required(options, 'username');
  const role = required(options, 'role').toUpperCase() as OperatorRole;
  if (!OPERATOR_ROLES.includes(role)) throw new Error(`--role must be one of ${OPERATOR_ROLES.join(', ')}`);
  const operator = await createOperator(ctx, {
    username,
    displayName: option(options, 'display-name') ?? username,
    role,
    password: password ?? (await askHidden(`Password for ${username}: `)),
  });
  print(`Created ${operator.role} operator "${operator.username}".`);
}

export async function seedCommand(ctx: ServiceContext, options: Options): Promise<void> {
  const customers = Number(option(options, 'customers') ?? 100);
  const seed = Number(option(options, 'seed') ?? 42);
  const months = Number(option(options, 'months') ?? DEFAULT_HISTORY_MONTHS);
  if (!Number.isInteger(customers) || customers < 1)
    throw new Error('--customers must be a positive whole number');
  if (!Number.isInteger(seed)) throw new Error('--seed must be a whole number');
  if (!Number.isInteger(months) || months < 0 || months > 120)
    throw new Error('--months must be a whole number from 0 to 120');
  const logins = await seedDemo(ctx, {
    customers,
    seed,
    asOf: isoDate(options),
    months,
    log: print,
    progress: progressBar,
  });
  for (const l of logins) print(`  ${l.role.padEnd(10)} ${l.username.padEnd(12)} ${l.password}`);
}

export async function ingestCommand(ctx: ServiceContext, options: Options): Promise<void> {
  const json = option(options, 'json');
  const csvDir = option(options, 'csv-dir');
  if (!json === !csvDir) throw new Error('Give exactly one of --json FILE or --csv-dir DIR');
  let parsed: unknown;
  if (json) {
    parsed = parseLedgerJson(await readFile(json, 'utf8'));
  } else {
    const files: Record<string, string> = {};
    for (const name of await readdir(csvDir!)) {
      const kind = path.basename(name, '.csv');
      if (name.endsWith('.csv')) files[kind] = await readFile(path.join(csvDir!, name), 'utf8');
    }
    parsed = parseLedgerCsv(files);
  }
  const result = await ingestLedger(ctx, parsed, { asOf: isoDate(options) });
  if (!result.ok) {
    printError(`Rejected: ${result.errors.length} problem(s); nothing was stored.`);
    for (const e of result.errors.slice(0, 200)) {
      printError(`  ${e.kind} row ${e.row}, ${e.field}: ${e.message} [${e.code}]`);
    }
    process.exitCode = 1;
    return;
  }
  print(
    `Stored ${result.users} customers, ${result.accounts} accounts, ${result.transactions} transactions, ${result.liabilities} liabilities.`,
  );
}

export async function assignCommand(ctx: ServiceContext, options: Options): Promise<void> {
  const bar = progressBar('Assigning personas');
  const result = await assignAllCustomers(ctx, {
    referenceDate: isoDate(options),
    onProgress: bar.onProgress,
  });
  bar.stop();
  print(`Assigned ${result.assignments} personas to ${result.customers} customers.`);
}

export async function archiveCommand(ctx: ServiceContext, options: Options): Promise<void> {
  const dryRun = options['dry-run'] === true;
  const progress = progressBar(dryRun ? 'Entries due for archiving' : 'Archiving audit entries');
  const report = await runRetention(ctx, { dryRun, onProgress: progress.onProgress }).finally(() =>
    progress.stop(),
  );
  const line = (m: RetentionMonth) =>
    `  ${m.month}  seq ${m.firstSeq}..${m.lastSeq}  ${m.rowCount} entries  ${m.file}${m.fileBytes === null ? '' : `  ${m.fileBytes} bytes`}`;
  const verb = dryRun ? 'would be' : 'were';
  print(
    `Policy: entries before ${report.firstActiveMonth} are archived (${ctx.retention.archiveDir}); archives before ${report.firstKeptArchiveMonth} are purged.`,
  );
  print(`${report.archived.length} month(s) ${verb} archived${report.archived.length ? ':' : '.'}`);
  for (const month of report.archived) print(line(month));
  print(`${report.purged.length} archived month(s) ${verb} purged${report.purged.length ? ':' : '.'}`);
  for (const month of report.purged) print(line(month));
}
