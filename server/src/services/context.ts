import type { Database } from '../db/client.js';
import type { OversightPubSub } from '../pubsub.js';
import type { AuditCheckpointing, Checkpointer } from './audit/checkpoints.js';

/** What every service needs: the database and a clock (injected so tests can move time). */
export interface ServiceContext {
  db: Database;
  now: () => Date;
  /** scrypt cost parameter N for new password hashes. */
  scryptCost: number;
  sessionTtlHours: number;
  /** Where committed audit entries are announced to live subscribers. */
  pubsub: OversightPubSub;
  /** Signed checkpoints of the chain head kept outside the database; verification compares against them. */
  checkpointing?: AuditCheckpointing;
  /** Writes those checkpoints every N entries or T seconds (main.ts starts it). */
  checkpointer?: Checkpointer;
}

/** Where an operator request came from, recorded with security events. */
export interface RequestOrigin {
  ipAddress: string | null;
  userAgent: string | null;
}
