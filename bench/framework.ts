import os from 'node:os';

/**
 * The contract between `run.ts` and each benchmark. Benchmarks run on shared, noisy machines, so they
 * report ratios against a baseline measured in the same run; absolute numbers are context, not verdicts.
 */

export interface BenchmarkOptions {
  /** Smoke-run size: proves the benchmark works, numbers are not representative. */
  quick: boolean;
  /** Progress and diagnostics; goes to stderr so stdout stays the result. */
  log: (message: string) => void;
}

/** A table as the README shows it: cells are already formatted (units in the column names). */
export interface ResultTable {
  caption?: string;
  columns: string[];
  rows: string[][];
}

export interface BenchmarkResult {
  /** What was measured with what, e.g. `{ customers: 1000, seed: 7 }`. */
  parameters: Record<string, string | number | boolean>;
  /** The in-run reference every ratio is taken against. */
  baseline: string;
  tables: ResultTable[];
  /** Observations a reader needs to interpret the tables (skipped targets, sanity checks). */
  notes: string[];
  /** The raw measurements, unrounded, for anyone comparing runs. */
  data: unknown;
}

export interface Benchmark {
  /** File-name-safe id: `bench/results/<name>.json`, and what `run.ts <name>` selects. */
  name: string;
  title: string;
  run(options: BenchmarkOptions): Promise<BenchmarkResult>;
}

export interface MachineSummary {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
  /** One-minute load average when the run started: a hint of how noisy the neighbours were. */
  loadAverage: number;
}

/** What `run.ts` writes to `bench/results/<name>.json`. */
export interface BenchmarkRecord {
  name: string;
  title: string;
  quick: boolean;
  startedAt: string;
  durationMs: number;
  machine: MachineSummary;
  /** One-minute load average when the run ended: with `machine.loadAverage`, how busy the run's neighbours were. */
  loadAverageAtEnd: number;
  result: BenchmarkResult;
}

export function machineSummary(): MachineSummary {
  return {
    cores: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverage: currentLoadAverage(),
  };
}

export function currentLoadAverage(): number {
  return Number(os.loadavg()[0]!.toFixed(2));
}

/** The middle value; the median resists the odd slow pass a shared machine produces. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The value below which `p` percent of the values fall (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('percentile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

/** Three significant digits at most, grouped thousands: `1,234`, `56.7`, `0.00123`. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.max(0, 2 - magnitude);
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

export function formatShare(part: number, whole: number): string {
  return whole > 0 ? `${((part / whole) * 100).toFixed(1)} %` : '–';
}

export function formatRatio(value: number): string {
  return `${formatNumber(value)}×`;
}

export const README_BEGIN = '<!-- bench:begin -->';
export const README_END = '<!-- bench:end -->';

function markdownTable(table: ResultTable): string {
  const escapeCell = (cell: string) => cell.replaceAll('|', '\\|');
  const lines = [
    `| ${table.columns.map(escapeCell).join(' | ')} |`,
    `| ${table.columns.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...table.rows.map((row) => `| ${row.map(escapeCell).join(' | ')} |`),
  ];
  return (table.caption ? [`*${table.caption}*`, '', ...lines] : lines).join('\n');
}

/** One benchmark's section of the README: when and where it ran, then its tables and notes. */
export function renderRecord(record: BenchmarkRecord): string {
  const m = record.machine;
  const parameters = Object.entries(record.result.parameters)
    .map(([key, value]) => `${key} ${value}`)
    .join(', ');
  const parts = [
    `### ${record.title} (\`${record.name}\`)`,
    '',
    `Run ${record.startedAt.slice(0, 16).replace('T', ' ')} UTC in ${formatNumber(record.durationMs / 1000)} s` +
      `${record.quick ? ' (**quick smoke run, not representative**)' : ''} · ${m.cores} cores (${m.cpuModel}), ` +
      `${m.memoryGiB} GiB, load average ${m.loadAverage} at start and ${record.loadAverageAtEnd} at end · Node ${m.node} · ${m.platform}`,
    '',
    `Parameters: ${parameters}. Baseline: ${record.result.baseline}`,
  ];
  for (const table of record.result.tables) parts.push('', markdownTable(table));
  if (record.result.notes.length > 0) {
    parts.push('', ...record.result.notes.map((note) => `- ${note}`));
  }
  return parts.join('\n');
}

/** Replaces what sits between the markers, keeping the rest of the README as written by hand. */
export function replaceBetweenMarkers(readme: string, generated: string): string {
  const begin = readme.indexOf(README_BEGIN);
  const end = readme.indexOf(README_END);
  if (begin === -1 || end === -1 || end < begin) {
    throw new Error(`bench/README.md must contain ${README_BEGIN} followed by ${README_END}`);
  }
  return `${readme.slice(0, begin + README_BEGIN.length)}\n${generated}\n${readme.slice(end)}`;
}
