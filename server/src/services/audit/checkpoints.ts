import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ServerConfig } from '../../config.js';
import {
  type AuditSigningKey,
  auditTimestamp,
  type ChainHead,
  checkpointProblem,
  GENESIS_HASH,
  type SignedAuditCheckpoint,
  signCheckpoint,
  signingKeyFromPem,
} from '../../domain/audit/index.js';
import type { ServiceContext } from '../context.js';
import type { Db } from '../db-types.js';
import { appendAuditEntry } from './record-audit.js';

/**
 * Where signed checkpoints are kept: somewhere the database's users cannot write. Append-only by contract;
 * the file below is the default, and anything with the same two operations (object storage with retention
 * locks, a transparency log, a second database under other credentials) can take its place.
 */
export interface CheckpointLog {
  append(checkpoint: SignedAuditCheckpoint): Promise<void>;
  /** Every line in the order written; lines that are not JSON come back as strings, to be reported. */
  readAll(): Promise<unknown[]>;
}

/** One checkpoint per line (JSON), appended and flushed to disk before the checkpoint is published. */
export class FileCheckpointLog implements CheckpointLog {
  constructor(readonly file: string) {}

  async append(checkpoint: SignedAuditCheckpoint): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const handle = await open(this.file, 'a');
    try {
      await handle.appendFile(`${JSON.stringify(checkpoint)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  async readAll(): Promise<unknown[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return parseCheckpointLines(text);
  }
}

export function parseCheckpointLines(text: string): unknown[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as unknown;
      } catch {
        return line;
      }
    });
}

/** Checkpointing as configured: the key, the log, and how often. */
export interface AuditCheckpointing {
  key: AuditSigningKey;
  log: CheckpointLog;
  /** Sign a checkpoint after this many new entries (0: only by time). */
  everyEntries: number;
  /** ... or after this many seconds with new entries (0: only by count). */
  everySeconds: number;
}

/**
 * The signing key in `file`, created (with a warning through `warn`) when it does not exist yet: fine for the
 * embedded demo, while a deployment configures its own key and keeps a copy of the public key elsewhere.
 */
export function loadOrCreateSigningKey(file: string, warn: (message: string) => void): AuditSigningKey {
  if (existsSync(file)) return signingKeyFromPem(readFileSync(file, 'utf8'));
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
  warn(
    `No audit signing key configured: generated one in ${file}. Set AUDIT_SIGNING_KEY_FILE to a key you keep safe, and publish its public key (pnpm cli audit-public-key).`,
  );
  return signingKeyFromPem(pem);
}

/** Every checkpoint in the log with the problem of each invalid one (bad JSON, bad signature, other key). */
export async function readCheckpoints(
  checkpointing: Pick<AuditCheckpointing, 'key' | 'log'>,
): Promise<{ valid: SignedAuditCheckpoint[]; problems: Array<{ seq: number | null; problem: string }> }> {
  const valid: SignedAuditCheckpoint[] = [];
  const problems: Array<{ seq: number | null; problem: string }> = [];
  for (const line of await checkpointing.log.readAll()) {
    const problem = checkpointProblem(line, checkpointing.key.publicKey);
    if (problem === null) valid.push(line as SignedAuditCheckpoint);
    else {
      const seq = (line as { seq?: unknown })?.seq;
      problems.push({ seq: typeof seq === 'number' ? seq : null, problem });
    }
  }
  return { valid, problems };
}

export async function readChainHead(db: Db): Promise<ChainHead> {
  const rows = await db.$queryRaw<Array<{ seq: bigint; hash: string }>>`
    SELECT seq, hash FROM audit_chain_head WHERE id = 1`;
  const row = rows[0];
  return row ? { seq: Number(row.seq), hash: row.hash } : { seq: 0, hash: GENESIS_HASH };
}

/**
 * Signs the current chain head, appends it to the checkpoint log (outside the database, flushed first) and
 * then publishes it as an `audit_checkpoint` entry. Returns null when nothing happened since the last
 * checkpoint but its own publication.
 */
export async function writeCheckpoint(ctx: ServiceContext): Promise<SignedAuditCheckpoint | null> {
  const checkpointing = ctx.checkpointing;
  if (!checkpointing) return null;
  const head = await readChainHead(ctx.db.prisma);
  if (head.seq === 0) return null;
  const { valid } = await readCheckpoints(checkpointing);
  const latest = valid.at(-1);
  if (latest && head.seq <= latest.seq + 1) return null;
  const checkpoint = signCheckpoint(head, auditTimestamp(ctx.now()), checkpointing.key);
  await checkpointing.log.append(checkpoint);
  await appendAuditEntry(ctx, { eventType: 'audit_checkpoint', eventData: checkpoint });
  return checkpoint;
}

/**
 * The checkpoint an export is bounded by: a new one when entries arrived since the last, else the last.
 * Null without checkpointing, or while the chain is empty.
 */
export async function checkpointForExport(ctx: ServiceContext): Promise<SignedAuditCheckpoint | null> {
  if (!ctx.checkpointing) return null;
  const written = await writeCheckpoint(ctx);
  if (written) return written;
  return (await readCheckpoints(ctx.checkpointing)).valid.at(-1) ?? null;
}

/**
 * Signs checkpoints every `everyEntries` appended entries (counted on this instance) and every
 * `everySeconds` when entries were appended since; one at a time. `stop` ends the timer.
 */
export class Checkpointer {
  #sinceLast = 0;
  #running: Promise<unknown> | null = null;
  #again = false;
  readonly #timer: NodeJS.Timeout | null;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly onError: (error: unknown) => void,
  ) {
    const seconds = ctx.checkpointing?.everySeconds ?? 0;
    this.#timer = seconds > 0 ? setInterval(() => void this.checkpoint(), seconds * 1000) : null;
    this.#timer?.unref();
  }

  /** Called after entries committed. */
  noteAppended(count: number): void {
    const every = this.ctx.checkpointing?.everyEntries ?? 0;
    this.#sinceLast += count;
    if (every > 0 && this.#sinceLast >= every) void this.checkpoint();
  }

  /** Writes a checkpoint now, or right after the one being written; resolves when none is pending. */
  checkpoint(): Promise<unknown> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#sinceLast = 0;
    this.#again = false;
    this.#running = writeCheckpoint(this.ctx)
      .catch(this.onError)
      .finally(() => {
        this.#running = null;
      })
      .then(() => (this.#again ? this.checkpoint() : undefined));
    return this.#running;
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
  }
}

/** Checkpointing as the configuration asks for it (the key is created for the demo when missing). */
export function checkpointingFromConfig(
  config: Pick<
    ServerConfig,
    'auditSigningKey' | 'auditCheckpointFile' | 'auditCheckpointEveryEntries' | 'auditCheckpointEverySeconds'
  >,
  warn: (message: string) => void,
): AuditCheckpointing {
  const key =
    'pem' in config.auditSigningKey
      ? signingKeyFromPem(config.auditSigningKey.pem)
      : loadOrCreateSigningKey(config.auditSigningKey.file, warn);
  return {
    key,
    log: new FileCheckpointLog(config.auditCheckpointFile),
    everyEntries: config.auditCheckpointEveryEntries,
    everySeconds: config.auditCheckpointEverySeconds,
  };
}
