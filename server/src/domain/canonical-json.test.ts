import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalJson } from './canonical-json.js';

/** The IEEE 754 double with the given bit pattern, as RFC 8785 Appendix B lists its test numbers. */
function double(bits: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${bits}`));
  return view.getFloat64(0);
}

function problemOf(value: unknown): { path: string; problem: string } {
  try {
    canonicalJson(value);
  } catch (error) {
    if (error instanceof CanonicalJsonError) return { path: error.path, problem: error.problem };
    throw error;
  }
  throw new Error('expected a CanonicalJsonError');
}

describe('canonicalJson (RFC 8785)', () => {
  it('reproduces the example of RFC 8785 §3.2.2', () => {
    // Parsed from the RFC's input text, so number literals go through the same double conversion.
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
    );
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts keys by UTF-16 code units as in RFC 8785 §3.2.3', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // Read the order from the text: JSON.parse + Object.keys would move the integer-like key "1" first.
    const order = [...canonicalJson(input).matchAll(/"([^"]*)":"([^"]*)"/g)].map((match) => match[2]);
    expect(order).toEqual([
      'Carriage Return',
      'One',
      'Control',
      'Latin Small Letter O With Diaeresis',
      'Euro Sign',
      'Emoji: Grinning Face',
      'Hebrew Letter Dalet With Dagesh',
    ]);
  });

  it('puts a surrogate pair (U+1F600) before U+FB33, unlike code point order', () => {
    expect(canonicalJson({ '\ufb33': 1, '\ud83d\ude00': 2 })).toBe('{"😀":2,"דּ":1}');
  });

  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('serialises the double 0x%s as %s (RFC 8785 Appendix B)', (bits, expected) => {
    expect(canonicalJson(double(bits))).toBe(expected);
  });

  it('switches to exponent form exactly at 1e21 and below 1e-6', () => {
    expect(canonicalJson([1e20, 1e21, 0.000001, 0.0000001, -0])).toBe(
      '[100000000000000000000,1e+21,0.000001,1e-7,0]',
    );
  });

  it.each([
    ['NaN', Number.NaN, 'non-finite number NaN has no JSON form'],
    ['Infinity', Number.POSITIVE_INFINITY, 'non-finite number Infinity has no JSON form'],
    ['-Infinity', Number.NEGATIVE_INFINITY, 'non-finite number -Infinity has no JSON form'],
  ])('rejects %s (RFC 8785 Appendix B)', (_name, value, problem) => {
    expect(problemOf({ amount: value })).toEqual({ path: '$.amount', problem });
  });

  it('escapes strings as JSON.stringify does: short escapes, other controls as lowercase \\u00xx', () => {
    expect(canonicalJson('\b\f\n\r\t"\\/\u0000\u001f\u007f\u2028é😀')).toBe(
      '"\\b\\f\\n\\r\\t\\"\\\\/\\u0000\\u001f\u007f\u2028é😀"',
    );
  });

  it('writes no whitespace, sorts nested objects and keeps array order', () => {
    expect(canonicalJson({ b: [3, { z: 1, a: [] }, 1], a: { y: null, x: true } })).toBe(
      '{"a":{"x":true,"y":null},"b":[3,{"a":[],"z":1},1]}',
    );
  });

  it('gives the same text whatever the insertion order of keys', () => {
    expect(canonicalJson({ a: 1, b: { c: 2, d: 3 } })).toBe(canonicalJson({ b: { d: 3, c: 2 }, a: 1 }));
  });

  it('leaves out object members whose value is undefined, like JSON.stringify', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.create(null) as Record<string, number>;
    bare['k'] = 1;
    expect(canonicalJson(bare)).toBe('{"k":1}');
  });

  it.each([
    ['undefined at the top', undefined, '$', 'undefined has no JSON form'],
    ['undefined in an array', { list: [1, undefined] }, '$.list[1]', 'undefined has no JSON form'],
    // biome-ignore lint/suspicious/noSparseArray: the hole is what is being tested
    ['a hole in a sparse array', { list: [1, , 3] }, '$.list[1]', 'undefined has no JSON form'],
    ['a BigInt', { n: 10n }, '$.n', 'BigInt has no JSON number form; convert it to a number or string'],
    ['a Date', { at: new Date(0) }, '$.at', 'Date must be converted first (for example with toISOString())'],
    ['a Map', { m: new Map() }, '$.m', 'only plain objects have a JSON form, got Map'],
    ['a function', { f: () => 1 }, '$.f', 'a function has no JSON form'],
    ['a symbol', { s: Symbol('x') }, '$.s', 'a symbol has no JSON form'],
    ['a lone high surrogate', { text: 'a\ud800b' }, '$.text', 'string contains a lone surrogate'],
    ['a lone low surrogate in a key', { 'k\udc00': 1 }, '$["k\\udc00"]', 'string contains a lone surrogate'],
  ])('rejects %s and names where', (_name, value, path, problem) => {
    expect(problemOf(value)).toEqual({ path, problem });
  });

  it('rejects circular structures instead of overflowing the stack', () => {
    const loop: Record<string, unknown> = { a: 1 };
    loop['self'] = { back: loop };
    expect(problemOf(loop)).toEqual({ path: '$.self.back', problem: 'circular reference' });
  });

  it('allows the same object twice when it is not its own ancestor', () => {
    const shared = { v: 1 };
    expect(canonicalJson({ a: shared, b: [shared] })).toBe('{"a":{"v":1},"b":[{"v":1}]}');
  });

  it('says where the problem is in the error message', () => {
    expect(() => canonicalJson({ 'odd key': [Number.NaN] })).toThrow(
      'non-finite number NaN has no JSON form at $["odd key"][0]',
    );
  });
});

describe('canonicalJson strings', () => {
  it('quotes every single code unit outside the surrogate range exactly as JSON.stringify does', () => {
    for (let unit = 0; unit <= 0xffff; unit++) {
      if (unit >= 0xd800 && unit <= 0xdfff) continue;
      const text = `a${String.fromCharCode(unit)}b`;
      expect(canonicalJson(text)).toBe(JSON.stringify(text));
    }
  });

  it('quotes every surrogate pair boundary exactly as JSON.stringify does', () => {
    for (const pair of ['\ud800\udc00', '\ud800\udfff', '\udbff\udc00', '\udbff\udfff', '"\ud83d\ude00\\']) {
      expect(canonicalJson(pair)).toBe(JSON.stringify(pair));
    }
  });

  it('rejects a lone surrogate even when the string also needs escaping', () => {
    expect(problemOf({ text: '"\n\udfff' })).toEqual({
      path: '$.text',
      problem: 'string contains a lone surrogate',
    });
  });
});
