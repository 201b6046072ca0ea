/**
 * Runs benchmarks: `pnpm bench [name...] [--quick]` (default: all of them).
 *
 * A full run writes `bench/results/<name>.json` and regenerates the table section of bench/README.md from
 * every full result there. A `--quick` smoke run writes `bench/results/<name>.quick.json` instead and
 * leaves the README alone, so a smoke run never replaces the published numbers.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assignPersonasBenchmark } from './assign-personas.js';
import { auditAppendBenchmark } from './audit-append.js';
import { auditExportBenchmark } from './audit-export.js';
import { auditLiveBenchmark } from './audit-live.js';
import { auditLogQueryBenchmark } from './audit-log-query.js';
import { auditRetentionBenchmark } from './audit-retention.js';
import { auditVerifyBenchmark } from './audit-verify.js';
import { complianceMetricsBenchmark } from './compliance-metrics.js';
import { exportReadersBenchmark } from './export-readers.js';
import {
  type Benchmark,
  type BenchmarkRecord,
  currentLoadAverage,
  machineSummary,
  renderRecord,
  replaceBetweenMarkers,
} from './framework.js';

const BENCHMARKS: readonly Benchmark[] = [
  assignPersonasBenchmark,
  auditLogQueryBenchmark,
  auditExportBenchmark,
  auditAppendBenchmark,
  auditLiveBenchmark,
  auditRetentionBenchmark,
  auditVerifyBenchmark,
  complianceMetricsBenchmark,
  exportReadersBenchmark,
];

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = path.join(BENCH_DIR, 'results');
const README = path.join(BENCH_DIR, 'README.md');

const log = (message: string) => process.stderr.write(`${message}\n`);

function parseArguments(argv: readonly string[]): { selected: Benchmark[]; quick: boolean } {
  const quick = argv.includes('--quick');
  const unknownFlags = argv.filter((a) => a.startsWith('-') && a !== '--quick');
  if (unknownFlags.length > 0)
    throw new UsageError(`Unknown option ${unknownFlags.join(', ')} (only --quick)`);
  const names = argv.filter((a) => !a.startsWith('-'));
  const known = new Map(BENCHMARKS.map((b) => [b.name, b]));
  const missing = names.filter((n) => !known.has(n));
  if (missing.length > 0) {
    throw new UsageError(`Unknown benchmark ${missing.join(', ')}; known: ${[...known.keys()].join(', ')}`);
  }
  return { selected: names.length > 0 ? names.map((n) => known.get(n)!) : [...BENCHMARKS], quick };
}

async function readFullRecords(): Promise<BenchmarkRecord[]> {
  const files = (await readdir(RESULTS_DIR)).filter((f) => f.endsWith('.json') && !f.endsWith('.quick.json'));
  const records = await Promise.all(
    files.map(async (f) => JSON.parse(await readFile(path.join(RESULTS_DIR, f), 'utf8')) as BenchmarkRecord),
  );
  return records.sort((a, b) => a.name.localeCompare(b.name));
}

async function regenerateReadme(): Promise<void> {
  const records = await readFullRecords();
  const generated =
    records.length === 0
      ? '_No full results yet: run `pnpm bench`._'
      : records.map((record) => renderRecord(record)).join('\n\n');
  const readme = await readFile(README, 'utf8');
  await writeFile(README, replaceBetweenMarkers(readme, generated));
}

/** A mistake on the command line: reported as one line, without a stack trace. */
class UsageError extends Error {}

async function main(): Promise<void> {
  const { selected, quick } = parseArguments(process.argv.slice(2));
  await mkdir(RESULTS_DIR, { recursive: true });
  for (const benchmark of selected) {
    log(`\n== ${benchmark.name}${quick ? ' (quick)' : ''} ==`);
    const machine = machineSummary();
    const startedAt = new Date();
    const started = performance.now();
    const result = await benchmark.run({ quick, log });
    const record: BenchmarkRecord = {
      name: benchmark.name,
      title: benchmark.title,
      quick,
      startedAt: startedAt.toISOString(),
      durationMs: performance.now() - started,
      machine,
      loadAverageAtEnd: currentLoadAverage(),
      result,
    };
    const file = path.join(RESULTS_DIR, `${benchmark.name}${quick ? '.quick' : ''}.json`);
    await writeFile(file, `${JSON.stringify(record, null, 2)}\n`);
    process.stdout.write(`${renderRecord(record)}\n\n`);
    log(`Wrote ${path.relative(process.cwd(), file)}`);
  }
  if (!quick) {
    await regenerateReadme();
    log('Updated bench/README.md');
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    log(error.message);
    process.exitCode = 2;
    return;
  }
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
