/**
 * JSON Canonicalization Scheme (RFC 8785, https://www.rfc-editor.org/rfc/rfc8785).
 *
 * Audit hashes are computed over this form, so that the same entry hashes the same whether it comes from the
 * writer's memory, a `jsonb` column, a JSON export or an archive, whatever key order those happen to use.
 */

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;
/** `undefined` members are allowed because canonical JSON leaves them out, as `JSON.stringify` does. */
export type JsonObject = { [key: string]: JsonValue | undefined };

/** A value that has no canonical JSON form; `path` points at it (`$.eventData.items[2]`). */
export class CanonicalJsonError extends Error {
  override readonly name = 'CanonicalJsonError';

  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${problem} at ${path}`);
  }
}

/**
 * Serialises `value` per RFC 8785: no whitespace, object keys sorted by UTF-16 code units (§3.2.3), numbers as
 * ECMAScript's Number.prototype.toString (§3.2.2.3, so `-0` is `0` and `1e21` is `1e+21`), strings escaped
 * as `JSON.stringify` does (§3.2.2.2).
 *
 * Object properties whose value is `undefined` are left out, as `JSON.stringify` and a database round trip
 * do. Everything else that JSON cannot carry faithfully throws a {@link CanonicalJsonError}: NaN and
 * Infinity, BigInt, `undefined` at the top or in an array, functions, symbols, Dates and other non-plain
 * objects (convert them first; a Date's `toJSON` would silently pick a format for you), cycles, and strings
 * with lone surrogates (RFC 8785 §3.1 builds on I-JSON, which forbids them; PostgreSQL `jsonb` rejects them).
 */
export function canonicalJson(value: unknown): string {
  return serialise(value, '$', []);
}

function serialise(value: unknown, path: string, ancestors: object[]): string {
  switch (typeof value) {
    case 'string':
      return serialiseString(value, path);
    case 'number':
      if (!Number.isFinite(value)) {
        throw new CanonicalJsonError(path, `non-finite number ${String(value)} has no JSON form`);
      }
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new CanonicalJsonError(path, 'BigInt has no JSON number form; convert it to a number or string');
    case 'undefined':
      throw new CanonicalJsonError(path, 'undefined has no JSON form');
    case 'function':
    case 'symbol':
      throw new CanonicalJsonError(path, `a ${typeof value} has no JSON form`);
  }
  if (value === null) return 'null';
  const node = value as object;
  if (ancestors.includes(node)) throw new CanonicalJsonError(path, 'circular reference');
  if (Array.isArray(node)) return serialiseArray(node, path, [...ancestors, node]);
  if (node instanceof Date) {
    throw new CanonicalJsonError(path, 'Date must be converted first (for example with toISOString())');
  }
  const prototype = Object.getPrototypeOf(node);
  if (prototype !== Object.prototype && prototype !== null) {
    const kind = (prototype as { constructor?: { name?: string } }).constructor?.name ?? 'unknown';
    throw new CanonicalJsonError(path, `only plain objects have a JSON form, got ${kind}`);
  }
  return serialiseObject(node as Record<string, unknown>, path, [...ancestors, node]);
}

function serialiseArray(items: readonly unknown[], path: string, ancestors: object[]): string {
  const parts: string[] = [];
  // An index loop (not map/forEach) so that holes in sparse arrays are seen as undefined and rejected.
  for (let index = 0; index < items.length; index++) {
    parts.push(serialise(items[index], `${path}[${index}]`, ancestors));
  }
  return `[${parts.join(',')}]`;
}

function serialiseObject(record: Record<string, unknown>, path: string, ancestors: object[]): string {
  const parts: string[] = [];
  for (const key of Object.keys(record).sort(compareUtf16CodeUnits)) {
    const member = record[key];
    if (member === undefined) continue;
    const memberPath = childPath(path, key);
    parts.push(`${serialiseString(key, memberPath)}:${serialise(member, memberPath, ancestors)}`);
  }
  return `{${parts.join(',')}}`;
}

/** RFC 8785 §3.2.3 orders keys by their UTF-16 code units, not by code points or locale. */
function compareUtf16CodeUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

// With the `u` flag a surrogate pair is one code point, so this class only matches unpaired halves.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function serialiseString(text: string, path: string): string {
  if (LONE_SURROGATE.test(text)) throw new CanonicalJsonError(path, 'string contains a lone surrogate');
  return JSON.stringify(text);
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function childPath(parent: string, key: string): string {
  return IDENTIFIER.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}
