/**
 * `pnpm verify-checkpoints --public-key KEY.pem [FILE]`: checks a checkpoint log offline with the public key
 * alone (no database, no private key): every line must be a checkpoint signed by that key, with sequence
 * numbers that never go back. Prints `OK: N checkpoints, latest seq S, head H` (exit 0) or
 * `INVALID: line N: …` (exit 1); 2 when a file cannot be read.
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { ConfigurationError, loadConfig } from '../config.js';
import { checkpointProblem, publicKeyFromPem, type SignedAuditCheckpoint } from '../domain/audit/index.js';
import { parseCheckpointLines } from '../services/audit/checkpoints.js';

export interface CheckpointFileVerdict {
  valid: boolean;
  count: number;
  latest: SignedAuditCheckpoint | null;
  /** 1-based line of the first problem. */
  line: number | null;
  message: string | null;
}

export async function verifyCheckpointFile(
  file: string,
  publicKeyFile: string,
): Promise<CheckpointFileVerdict> {
  const publicKey = publicKeyFromPem(await readFile(publicKeyFile, 'utf8'));
  const lines = parseCheckpointLines(await readFile(file, 'utf8'));
  let latest: SignedAuditCheckpoint | null = null;
  for (const [index, line] of lines.entries()) {
    const problem = checkpointProblem(line, publicKey);
    const checkpoint = line as SignedAuditCheckpoint;
    const message =
      problem ??
      (latest && checkpoint.seq < latest.seq
        ? `checkpoint at seq ${checkpoint.seq} comes after one at seq ${latest.seq}`
        : null);
    if (message !== null) return { valid: false, count: index, latest, line: index + 1, message };
    latest = checkpoint;
  }
  return { valid: true, count: lines.length, latest, line: null, message: null };
}

async function main(args: string[]): Promise<number> {
  const keyAt = args.indexOf('--public-key');
  const publicKeyFile = keyAt >= 0 ? args[keyAt + 1] : undefined;
  const rest = args.filter((_arg, index) => index !== keyAt && index !== keyAt + 1);
  if (!publicKeyFile || rest.length > 1) {
    process.stderr.write('Usage: pnpm verify-checkpoints --public-key KEY.pem [CHECKPOINT_FILE]\n');
    return 2;
  }
  let file = rest[0];
  if (file === undefined) {
    // The default is the log this configuration's server writes (AUDIT_CHECKPOINT_FILE or its default).
    try {
      file = loadConfig().auditCheckpointFile;
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      process.stderr.write(`${error.message}\n`);
      return 78; // EX_CONFIG, as the server and the other commands
    }
  }
  let verdict: CheckpointFileVerdict;
  try {
    verdict = await verifyCheckpointFile(file, publicKeyFile);
  } catch (error) {
    process.stderr.write(`Cannot read: ${(error as Error).message}\n`);
    return 2;
  }
  process.stdout.write(
    verdict.valid
      ? `OK: ${verdict.count} checkpoints, latest seq ${verdict.latest?.seq ?? '-'}, head ${verdict.latest?.head_hash ?? '-'}\n`
      : `INVALID: line ${verdict.line}: ${verdict.message}\n`,
  );
  return verdict.valid ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
