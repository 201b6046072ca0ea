/**
 * JSON Canonicalization Scheme (RFC 8785, https://www.rfc-editor.org/rfc/rfc8785).
 *
 * Audit hashes and the persona registry version are computed over this form, so that the same value hashes
 * the same whether it comes from the writer's memory, a `jsonb` column, a JSON export or an archive, whatever
 * key order those happen to use.
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
 * Orders strings by their UTF-16 code units (RFC 8785 §3.2.3), not by code points or locale, so ordering
 * never depends on the machine's ICU data.
 */
export function compareCodeUnits(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
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
  return new Canonicaliser().serialise(value);
}

/**
 * One serialisation's state, mutated in place on the way down and back up: audit exports canonicalise every
 * entry, so the happy path allocates no per-member paths or ancestor copies. The path is spelled out only
 * when something is rejected.
 */
class Canonicaliser {
  /** Objects and arrays currently being serialised, to tell a cycle from a value shared by two branches. */
  private readonly ancestors = new Set<object>();
  /** Array indices and object keys from the root down to the value being serialised. */
  private readonly steps: (string | number)[] = [];

  serialise(value: unknown): string {
    switch (typeof value) {
      case 'string':
        return this.serialiseString(value);
      case 'number':
        if (!Number.isFinite(value)) this.fail(`non-finite number ${String(value)} has no JSON form`);
        return String(value);
      case 'boolean':
        return value ? 'true' : 'false';
      case 'bigint':
        return this.fail('BigInt has no JSON number form; convert it to a number or string');
      case 'undefined':
        return this.fail('undefined has no JSON form');
      case 'function':
      case 'symbol':
        return this.fail(`a ${typeof value} has no JSON form`);
    }
    if (value === null) return 'null';
    const node = value as object;
    if (this.ancestors.has(node)) this.fail('circular reference');
    if (Array.isArray(node)) {
      this.ancestors.add(node);
      const text = this.serialiseArray(node);
      this.ancestors.delete(node);
      return text;
    }
    if (node instanceof Date) this.fail('Date must be converted first (for example with toISOString())');
    const prototype = Object.getPrototypeOf(node);
    if (prototype !== Object.prototype && prototype !== null) {
      const kind = (prototype as { constructor?: { name?: string } }).constructor?.name ?? 'unknown';
      this.fail(`only plain objects have a JSON form, got ${kind}`);
    }
    this.ancestors.add(node);
    const text = this.serialiseObject(node as Record<string, unknown>);
    this.ancestors.delete(node);
    return text;
  }

  private serialiseArray(items: readonly unknown[]): string {
    let text = '[';
    // An index loop (not map/forEach) so that holes in sparse arrays are seen as undefined and rejected.
    for (let index = 0; index < items.length; index++) {
      if (index > 0) text += ',';
      this.steps.push(index);
      text += this.serialise(items[index]);
      this.steps.pop();
    }
    return `${text}]`;
  }

  private serialiseObject(record: Record<string, unknown>): string {
    let text = '{';
    // The default sort compares strings by UTF-16 code units, exactly as compareCodeUnits does.
    for (const key of Object.keys(record).sort()) {
      const member = record[key];
      if (member === undefined) continue;
      if (text.length > 1) text += ',';
      this.steps.push(key);
      text += `${this.serialiseString(key)}:${this.serialise(member)}`;
      this.steps.pop();
    }
    return `${text}}`;
  }

  private serialiseString(text: string): string {
    // Most strings need no escaping and hold no surrogate code unit: quoting them is all JSON.stringify would
    // do. Only the rest pay for the pair-aware surrogate check and the escaping.
    if (!NEEDS_ESCAPE_OR_SURROGATE_CHECK.test(text)) return `"${text}"`;
    if (LONE_SURROGATE.test(text)) this.fail('string contains a lone surrogate');
    return JSON.stringify(text);
  }

  private fail(problem: string): never {
    throw new CanonicalJsonError(this.path(), problem);
  }

  private path(): string {
    let path = '$';
    for (const step of this.steps) {
      if (typeof step === 'number') path += `[${step}]`;
      else path += IDENTIFIER.test(step) ? `.${step}` : `[${JSON.stringify(step)}]`;
    }
    return path;
  }
}

/** What JSON.stringify escapes (controls, `"`, `\`) and, without the `u` flag, any surrogate code unit. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what JSON escapes
const NEEDS_ESCAPE_OR_SURROGATE_CHECK = /[\u0000-\u001f"\\\uD800-\uDFFF]/;
// With the `u` flag a surrogate pair is one code point, so this class only matches unpaired halves.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
