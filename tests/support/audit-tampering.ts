import type { Database } from '@spendsense/server/db/client';
import {
  auditTimestamp,
  chainHash,
  contentHash,
  type JsonObject,
  type StoredAuditEntry,
} from '@spendsense/server/domain/audit/index';
import type { AuditEntry } from '@spendsense/server/generated/prisma/client';

/**
 * What a database owner can do to the audit trail behind the application's back, for the tests that show
 * verification catching it. The untampered chain is kept in the test database itself, so every test can be
 * undone.
 */

/**
 * Runs `sql` the way only the database owner can: with the append-only triggers switched off
 * (`session_replication_role = replica` skips ordinary triggers; it needs superuser). One DO statement, so it
 * is one transaction on one connection, and a failure leaves nothing behind.
 */
export async function asDatabaseOwner(db: Database, sql: string): Promise<void> {
  await db.sql.exec(
    `DO $$ BEGIN PERFORM set_config('session_replication_role', 'replica', true); ${sql} END $$;`,
  );
}

/** Copies the chain as it is now, and returns its entries in order; {@link restoreChain} puts it back. */
export async function keepPristineChain(db: Database): Promise<AuditEntry[]> {
  await db.sql.exec(`
    CREATE TABLE audit_log_pristine AS SELECT * FROM audit_log;
    CREATE TABLE audit_chain_head_pristine AS SELECT * FROM audit_chain_head;`);
  return db.prisma.auditEntry.findMany({ orderBy: { seq: 'asc' } });
}

export async function restoreChain(db: Database): Promise<void> {
  await asDatabaseOwner(
    db,
    `DELETE FROM audit_log;
    INSERT INTO audit_log SELECT * FROM audit_log_pristine;
    UPDATE audit_chain_head SET seq = p.seq, hash = p.hash FROM audit_chain_head_pristine p;`,
  );
}

/** A stored row as the verifier reads it. */
export function storedEntryOf(entry: AuditEntry): StoredAuditEntry {
  return {
    seq: Number(entry.seq),
    logId: entry.logId,
    eventType: entry.eventType,
    userId: entry.userId,
    operatorId: entry.operatorId,
    recommendationId: entry.recommendationId,
    occurredAt: auditTimestamp(entry.occurredAt),
    eventData: entry.eventData as JsonObject,
    ipAddress: entry.ipAddress,
    userAgent: entry.userAgent,
    contentHash: entry.contentHash,
    prevHash: entry.prevHash,
    hash: entry.hash,
  };
}

/** A SQL string literal. */
export const sqlText = (value: string) => `'${value.replaceAll("'", "''")}'`;

/**
 * The rewrite an attacker with the owner's rights makes to hide a change: entry `from` altered by `change`,
 * then every entry from it to the end re-hashed so each links to the one before. Returns the UPDATE
 * statements (the head is left alone) and the hash the new chain ends with.
 */
export function rehashedSuffix(
  entries: readonly AuditEntry[],
  from: number,
  change: (entry: StoredAuditEntry) => StoredAuditEntry,
): { sql: string; headHash: string } {
  let previous = entries[from - 2]!.hash;
  const updates: string[] = [];
  for (let seq = from; seq <= entries.length; seq++) {
    const entry = storedEntryOf(entries[seq - 1]!);
    const rewritten = seq === from ? change(entry) : entry;
    const newContentHash = contentHash(rewritten);
    const hash = chainHash(previous, seq, newContentHash);
    updates.push(`UPDATE audit_log SET event_data = ${sqlText(JSON.stringify(rewritten.eventData))}::jsonb,
      user_agent = ${rewritten.userAgent === null ? 'NULL' : sqlText(rewritten.userAgent)},
      content_hash = ${sqlText(newContentHash)}, prev_hash = ${sqlText(previous)}, hash = ${sqlText(hash)}
      WHERE seq = ${seq};`);
    previous = hash;
  }
  return { sql: updates.join('\n'), headHash: previous };
}
