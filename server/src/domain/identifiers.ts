/**
 * The textual forms of identifiers that arrive from outside (GraphQL arguments, query strings, export files,
 * cursors), checked in one place so every entry point accepts exactly the same ones.
 */

/** A UUID in its canonical 8-4-4-4-12 hex form, any case (operators, recommendations, assignments, log ids). */
const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_TEXT.test(value);
}

/** A customer id as the ledger assigns them (e.g. usr_000042): letters, digits, `_` and `-`, at most 64. */
const CUSTOMER_ID_TEXT = /^[A-Za-z0-9_-]{1,64}$/;

export function isCustomerId(value: unknown): value is string {
  return typeof value === 'string' && CUSTOMER_ID_TEXT.test(value);
}

/** The largest audit sequence number: the `seq` column is a PostgreSQL bigint. */
export const MAX_AUDIT_SEQ = 2n ** 63n - 1n;

/**
 * An audit sequence number written as decimal digits, without sign or leading zeros, from 1 to
 * {@link MAX_AUDIT_SEQ} (0 too with `allowZero`, for "after the beginning"); null for anything else.
 */
export function parseAuditSeqText(text: string, options: { allowZero?: boolean } = {}): bigint | null {
  if (options.allowZero && text === '0') return 0n;
  if (!/^[1-9][0-9]{0,18}$/.test(text)) return null;
  const seq = BigInt(text);
  return seq <= MAX_AUDIT_SEQ ? seq : null;
}
