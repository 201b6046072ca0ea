/**
 * `pnpm verify-export FILE`: checks an audit export (CSV, JSON or NDJSON, detected from its content)
 * offline against the manifest it carries, and prints
 *
 *   OK: 1234 entries, seq 1..1234, head <hash>          (exit code 0)
 *   INVALID at seq N: <reason>                         (exit code 1)
 *
 * Exit code 2 means the file could not be read or no file was named. Rows are streamed, so memory stays
 * flat for CSV and NDJSON; a JSON file is read twice (once for its trailing manifest), also streamed.
 * What a success proves is in server/src/domain/audit/EXPORTS.md.
 */
import type { KeyObject } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import {
  type AuditExportFormat,
  AuditExportFormatError,
  AuditJsonExportReader,
  CsvRecordReader,
  checkpointProblem,
  csvDerivedColumnProblem,
  csvRecordKind,
  detectAuditExportFormat,
  entryFromCsvRecord,
  manifestFromCsvRecord,
  manifestProblem,
  parseNdjsonLine,
  publicKeyFromPem,
  readNdjsonExport,
  SIGNATURE_PROBLEM_TEXT,
  type SignedAuditCheckpoint,
  type StoredAuditEntry,
  signatureProblem,
  verifyExportRows,
} from '../domain/audit/index.js';
import { progressBar } from './progress.js';

export interface ExportFileVerdict {
  valid: boolean;
  format: AuditExportFormat | null;
  /** What a success proves: an unbroken chain segment, or rows that are each intact. */
  coverage: 'complete_range' | 'filtered' | null;
  /** Rows read, including the one where verification stopped. */
  checked: number;
  /** From the manifest, when there is one. */
  rowCount: number | null;
  firstSeq: number | null;
  lastSeq: number | null;
  headHash: string | null;
  firstInvalidSeq: number | null;
  /** A verification reason code (see domain/audit/export/manifest.ts), or `format_error` / `manifest_missing`. */
  reason: string | null;
  message: string | null;
  /** Whether the manifest's signature and checkpoint were checked (a public key was given). */
  signatureChecked: boolean;
}

export interface VerifyExportFileOptions {
  /** Called every few thousand rows with the bytes read so far and the file size. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /**
   * The server's public key (`pnpm cli audit-public-key`). With it the manifest must be signed, unedited,
   * and bound to a signed checkpoint of the chain; without it only the hashes are checked.
   */
  publicKey?: KeyObject;
}

const HEAD_BYTES = 1 << 20;
const TAIL_CHUNK_BYTES = 1 << 16;
const MAX_LAST_LINE_BYTES = 16 << 20;
const PROGRESS_EVERY_ROWS = 5_000;

/** Verifies the export in `path`. Throws only when the file cannot be read. */
export async function verifyExportFile(
  path: string,
  options: VerifyExportFileOptions = {},
): Promise<ExportFileVerdict> {
  const { size } = await stat(path);
  const format = detectAuditExportFormat(await readHead(path, Math.min(size, HEAD_BYTES)));
  if (format === null) {
    return invalid(
      null,
      0,
      null,
      'format_error',
      'Not an audit export: expected a CSV, JSON or NDJSON export',
    );
  }
  let manifest: unknown;
  try {
    manifest = await findManifest(path, size, format);
  } catch (error) {
    if (error instanceof AuditExportFormatError)
      return invalid(format, 0, null, 'format_error', error.message);
    throw error;
  }
  if (manifest === undefined) {
    return invalid(
      format,
      0,
      null,
      'manifest_missing',
      'No manifest at the end of the file: it was cut short, or is not an audit export',
    );
  }
  const problem = manifestProblem(manifest) ?? extraManifestProblem(manifest, format);
  if (problem !== null) return invalid(format, 0, null, 'manifest_invalid', problem);
  if (options.publicKey) {
    const unsigned = signedManifestProblem(manifest as SignedManifest, options.publicKey);
    if (unsigned !== null) return invalid(format, 0, null, unsigned.reason, unsigned.message);
  }

  const source = new ExportRowSource(path, format, size, options.onProgress);
  try {
    const verification = await verifyExportRows(
      source.rows(),
      manifest as Parameters<typeof verifyExportRows>[1],
    );
    const m = manifest as SignedManifest;
    const checkpoint = options.publicKey ? m.checkpoint : undefined;
    if (
      verification.valid &&
      checkpoint &&
      verification.coverage === 'complete_range' &&
      m.last_seq === checkpoint.seq &&
      m.head_hash !== checkpoint.head_hash
    ) {
      return invalid(
        format,
        verification.checked,
        checkpoint.seq,
        'checkpoint_mismatch',
        `Entry ${checkpoint.seq}: hash ${m.head_hash} differs from the signed checkpoint ${checkpoint.head_hash}`,
      );
    }
    return {
      signatureChecked: options.publicKey !== undefined,
      valid: verification.valid,
      format,
      coverage: verification.coverage,
      checked: verification.checked,
      rowCount: m.row_count,
      firstSeq: m.first_seq,
      lastSeq: m.last_seq,
      headHash: m.head_hash,
      firstInvalidSeq: verification.firstInvalidSeq,
      reason: verification.reason,
      message: verification.message,
    };
  } catch (error) {
    if (error instanceof DerivedColumnError) {
      return invalid(format, source.rowsRead, error.seq, 'derived_column_mismatch', error.message);
    }
    if (!(error instanceof AuditExportFormatError)) throw error;
    const after = source.lastSeq === null ? '' : ` (after the entry with seq ${source.lastSeq})`;
    const seq = source.lastSeq === null ? null : source.lastSeq + 1;
    return invalid(format, source.rowsRead, seq, 'format_error', `${error.message}${after}`);
  } finally {
    source.close();
  }
}

function invalid(
  format: AuditExportFormat | null,
  checked: number,
  firstInvalidSeq: number | null,
  reason: string,
  message: string,
): ExportFileVerdict {
  return {
    signatureChecked: false,
    valid: false,
    format,
    coverage: null,
    checked,
    rowCount: null,
    firstSeq: null,
    lastSeq: null,
    headHash: null,
    firstInvalidSeq,
    reason,
    message,
  };
}

interface SignedManifest {
  row_count: number;
  first_seq: number | null;
  last_seq: number | null;
  head_hash: string | null;
  filters: Record<string, unknown>;
  complete_range: boolean;
  chain_head?: { seq: number; hash: string };
  checkpoint?: SignedAuditCheckpoint;
}

/**
 * With the public key: the manifest is signed by it and unedited, names a checkpoint signed by it, its
 * chain_head is that checkpoint, and its rows end at or before it. An unfiltered export must claim its
 * whole range, so no row can be left out of it.
 */
function signedManifestProblem(
  manifest: SignedManifest,
  publicKey: KeyObject,
): { reason: string; message: string } | null {
  const signature = signatureProblem(manifest, publicKey);
  if (signature !== null) {
    return {
      reason: 'manifest_signature_invalid',
      message: `The manifest cannot be trusted: ${SIGNATURE_PROBLEM_TEXT[signature]}`,
    };
  }
  const checkpoint = manifest.checkpoint;
  const problem =
    checkpoint === undefined ? 'the manifest names no checkpoint' : checkpointProblem(checkpoint, publicKey);
  if (problem !== null || checkpoint === undefined) {
    return {
      reason: 'checkpoint_invalid',
      message: `The manifest's checkpoint cannot be trusted: ${problem}`,
    };
  }
  if (manifest.chain_head?.seq !== checkpoint.seq || manifest.chain_head?.hash !== checkpoint.head_hash) {
    return {
      reason: 'checkpoint_mismatch',
      message: "The manifest's chain_head is not its signed checkpoint",
    };
  }
  if (manifest.last_seq !== null && manifest.last_seq > checkpoint.seq) {
    return {
      reason: 'checkpoint_mismatch',
      message: `The rows go past the signed checkpoint at seq ${checkpoint.seq}`,
    };
  }
  if (Object.keys(manifest.filters).length === 0 && manifest.row_count > 0 && !manifest.complete_range) {
    return { reason: 'manifest_invalid', message: 'An unfiltered export must be a complete range' };
  }
  return null;
}

/** A CSV row whose derived column disagrees with its hashed data. */
class DerivedColumnError extends AuditExportFormatError {
  constructor(
    readonly seq: number | null,
    message: string,
  ) {
    super(message);
  }
}

/** The fields export files add to the domain manifest, which its own check does not know about. */
function extraManifestProblem(manifest: unknown, format: AuditExportFormat): string | null {
  const m = manifest as { format?: unknown; chain_head?: { seq?: unknown } | null; last_seq: number | null };
  if (m.format !== undefined && m.format !== format) {
    return `The manifest says the file is ${JSON.stringify(m.format)} but it is laid out as ${format}`;
  }
  const headSeq = m.chain_head?.seq;
  if (
    headSeq !== undefined &&
    (typeof headSeq !== 'number' || (m.last_seq !== null && headSeq < m.last_seq))
  ) {
    return "The manifest's chain_head.seq must be a number no smaller than last_seq";
  }
  return null;
}

/** One line for people (and scripts: it starts with OK or INVALID). */
export function describeVerdict(verdict: ExportFileVerdict): string {
  if (!verdict.valid) {
    const where = verdict.firstInvalidSeq === null ? '' : ` at seq ${verdict.firstInvalidSeq}`;
    return `INVALID${where}: ${verdict.message ?? verdict.reason}`;
  }
  if (verdict.rowCount === 0) return 'OK: 0 entries (an empty export)';
  const line = `OK: ${verdict.rowCount} entries, seq ${verdict.firstSeq}..${verdict.lastSeq}, head ${verdict.headHash}`;
  return verdict.coverage === 'filtered'
    ? `${line}\n(a filtered export: each row is intact; match its hashes against the chain to prove more)`
    : line;
}

async function readHead(path: string, bytes: number): Promise<string> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await file.read(buffer, 0, bytes, 0);
    // A multi-byte character cut at the end decodes to U+FFFD, which detection never looks at.
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await file.close();
  }
}

/** The last non-blank line, read backwards from the end, so finding the trailer costs no full pass. */
async function readLastLine(path: string, size: number): Promise<string | null> {
  const file = await open(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let collected = 0;
    let position = size;
    while (position > 0 && collected < MAX_LAST_LINE_BYTES) {
      const length = Math.min(TAIL_CHUNK_BYTES, position);
      position -= length;
      const chunk = Buffer.alloc(length);
      await file.read(chunk, 0, length, position);
      chunks.unshift(chunk);
      collected += length;
      const tail = Buffer.concat(chunks).toString('utf8').replace(/\s+$/, '');
      const newline = tail.lastIndexOf('\n');
      if (newline !== -1) return tail.slice(newline + 1);
      if (position === 0) return tail === '' ? null : tail;
    }
    return null;
  } finally {
    await file.close();
  }
}

async function findManifest(path: string, size: number, format: AuditExportFormat): Promise<unknown> {
  if (format === 'json') {
    const reader = new AuditJsonExportReader({ entries: false });
    const stream = createReadStream(path, { encoding: 'utf8' });
    for await (const chunk of stream) reader.push(chunk as string);
    reader.end();
    return reader.hasManifest ? reader.manifest : undefined;
  }
  const line = await readLastLine(path, size);
  if (line === null) return undefined;
  if (format === 'ndjson') {
    try {
      const parsed = parseNdjsonLine(line, 0);
      return parsed.kind === 'manifest' ? parsed.manifest : undefined;
    } catch {
      // A last line cut in the middle: the manifest that belonged after it is gone.
      return undefined;
    }
  }
  let record: (string | null)[] | undefined;
  try {
    const reader = new CsvRecordReader();
    reader.push(line);
    reader.end();
    [record] = reader.takeRecords();
  } catch {
    return undefined;
  }
  return record && csvRecordKind(record) === 'manifest' ? manifestFromCsvRecord(record) : undefined;
}

/** Streams the entries of an export file, refusing anything after the manifest. */
function stripBom(record: (string | null)[]): (string | null)[] {
  const [first, ...rest] = record;
  return typeof first === 'string' && first.startsWith('\uFEFF') ? [first.slice(1), ...rest] : record;
}

class ExportRowSource {
  rowsRead = 0;
  lastSeq: number | null = null;
  #stream: ReadStream | null = null;

  constructor(
    private readonly path: string,
    private readonly format: AuditExportFormat,
    private readonly size: number,
    private readonly onProgress: VerifyExportFileOptions['onProgress'],
  ) {}

  async *rows(): AsyncGenerator<StoredAuditEntry> {
    const source =
      this.format === 'csv'
        ? this.#csvRows()
        : this.format === 'ndjson'
          ? this.#ndjsonRows()
          : this.#jsonRows();
    for await (const entry of source) {
      this.rowsRead++;
      if (typeof entry.seq === 'number') this.lastSeq = entry.seq;
      if (this.rowsRead % PROGRESS_EVERY_ROWS === 0)
        this.onProgress?.(this.#stream?.bytesRead ?? 0, this.size);
      yield entry;
    }
    this.onProgress?.(this.size, this.size);
  }

  close(): void {
    this.#stream?.destroy();
  }

  async *#ndjsonRows(): AsyncGenerator<StoredAuditEntry> {
    this.#stream = createReadStream(this.path, { encoding: 'utf8' });
    yield* readNdjsonExport(this.#stream as AsyncIterable<string>);
  }

  async *#csvRows(): AsyncGenerator<StoredAuditEntry> {
    this.#stream = createReadStream(this.path, { encoding: 'utf8' });
    const reader = new CsvRecordReader();
    let index = 0;
    let manifestSeen = false;
    const entriesOf = function* (records: (string | null)[][]): Generator<StoredAuditEntry> {
      for (const record of records) {
        index++;
        const kind = csvRecordKind(index === 1 ? stripBom(record) : record);
        if (index === 1) {
          if (kind !== 'header')
            throw new AuditExportFormatError('The first CSV record is not the export header');
          continue;
        }
        if (manifestSeen)
          throw new AuditExportFormatError(`CSV record ${index} comes after the manifest record`);
        if (kind === 'manifest') manifestSeen = true;
        else if (kind === 'header')
          throw new AuditExportFormatError(`CSV record ${index} repeats the header`);
        else {
          const entry = entryFromCsvRecord(record);
          const derived = csvDerivedColumnProblem(record);
          if (derived !== null) {
            const seq = typeof entry.seq === 'number' ? entry.seq : null;
            throw new DerivedColumnError(seq, `Entry ${entry.seq}: ${derived}`);
          }
          yield entry;
        }
      }
    };
    for await (const chunk of this.#stream) {
      reader.push(chunk as string);
      yield* entriesOf(reader.takeRecords());
    }
    reader.end();
    yield* entriesOf(reader.takeRecords());
  }

  async *#jsonRows(): AsyncGenerator<StoredAuditEntry> {
    this.#stream = createReadStream(this.path, { encoding: 'utf8' });
    const reader = new AuditJsonExportReader({ entries: true });
    for await (const chunk of this.#stream) {
      reader.push(chunk as string);
      yield* reader.takeEntries();
    }
    reader.end();
  }
}

const PROGRESS_MIN_BYTES = 16 << 20;

async function main(args: string[]): Promise<number> {
  const keyAt = args.indexOf('--public-key');
  const publicKeyFile = keyAt >= 0 ? args[keyAt + 1] : undefined;
  const [file, ...extra] = args.filter(
    (_arg, index) => keyAt < 0 || (index !== keyAt && index !== keyAt + 1),
  );
  if (!file || extra.length > 0 || file === '--help' || file === '-h' || (keyAt >= 0 && !publicKeyFile)) {
    process.stderr.write(
      'Usage: pnpm verify-export [--public-key KEY.pem] FILE   (a CSV, JSON or NDJSON audit export)\n',
    );
    return 2;
  }
  let publicKey: KeyObject | undefined;
  try {
    publicKey = publicKeyFile ? publicKeyFromPem(await readFile(publicKeyFile, 'utf8')) : undefined;
  } catch (error) {
    process.stderr.write(`Cannot read the public key ${publicKeyFile}: ${(error as Error).message}\n`);
    return 2;
  }
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (error) {
    process.stderr.write(`Cannot read ${file}: ${(error as Error).message}\n`);
    return 2;
  }
  const progress = size >= PROGRESS_MIN_BYTES ? progressBar('Verifying export (bytes)') : null;
  try {
    const verdict = await verifyExportFile(file, { onProgress: progress?.onProgress, publicKey });
    progress?.stop();
    process.stdout.write(`${describeVerdict(verdict)}\n`);
    if (!publicKey && verdict.valid) {
      process.stderr.write(
        'The manifest signature was not checked: pass --public-key with the key from `pnpm cli audit-public-key`.\n',
      );
    }
    return verdict.valid ? 0 : 1;
  } catch (error) {
    progress?.stop();
    process.stderr.write(`Cannot read ${file}: ${(error as Error).message}\n`);
    return 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
