import type { Database } from '../db/client.js';
import type { OversightPubSub } from '../pubsub.js';

/** What every service needs: the database and a clock (injected so tests can move time). */
export interface ServiceContext {
  db: Database;
  now: () => Date;
  /** scrypt cost parameter N for new password hashes. */
  scryptCost: number;
  sessionTtlHours: number;
  /** Where committed audit entries are announced to live subscribers. */
  pubsub: OversightPubSub;
}

/** Where an operator request came from, recorded with security events. */
export interface RequestOrigin {
  ipAddress: string | null;
  userAgent: string | null;
}
