import type { Database } from '@spendsense/server/db/client';
import { schema } from '@spendsense/server/schema/index';
import { verifyAuditIntegrity } from '@spendsense/server/services/audit/verify';
import { seededRandom } from '@spendsense/server/test-support/audit-chain';
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import { appendAuditFixtures, createAuditFixtureWorld } from './support/audit-fixtures.js';
import { openTestDatabase } from './support/database.js';

/**
 * Seeded fuzzing of every argument of every root field (issue #8): hostile values generated from the schema
 * by introspection, sent through the real server as every kind of caller. No answer may be an
 * INTERNAL_SERVER_ERROR or carry a stack trace; a refused mutation changes no business table and writes no
 * audit entry but the refusal's own; the chain verifies at the end. FUZZ_SEED reproduces a run (and varies it),
 * FUZZ_REQUESTS sizes it.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 2_000);
const CALLERS = ['anonymous', 'VIEWER', 'REVIEWER', 'COMPLIANCE', 'ADMIN'] as const;
/** Fields with no argument to fuzz, or whose point is to end the caller's session. */
const SKIPPED = new Set(['Mutation.logout']);
/** What a refusal may still write: the refusal itself, and a failed login's record. */
const REFUSAL_EVENTS = ['unauthorized_access', 'login_attempt'];

const b64 = (text: string) => Buffer.from(text).toString('base64');

let db: Database;
let app: ReturnType<typeof createTestApp>;
const tokens: Record<string, string | undefined> = {};
let realIds: string[] = [];

beforeAll(async () => {
  db = await openTestDatabase();
  app = createTestApp(db);
  for (const role of CALLERS) tokens[role] = role === 'anonymous' ? undefined : await app.tokenFor(role);
  const world = await createAuditFixtureWorld(app.services, 'fz');
  await appendAuditFixtures(app.services, world, { count: 12 });
  realIds = [
    b64(`User:${world.customerIds[0]}`),
    b64(`Recommendation:${world.recommendationIds[0]}`),
    b64(`Operator:${world.operators[0]!.id}`),
    b64('AuditEntry:3'),
  ];
});

afterAll(async () => {
  await db?.close();
});

class Generator {
  readonly random: () => number;

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  string(): string {
    return this.pick([
      '',
      ' ',
      'a\u0000b',
      '\u0000',
      'lone \uD800 high',
      'lone \uDFFF low',
      '\uDFFF\uD800',
      'x'.repeat(10_000),
      '🙂'.repeat(50),
      "'; DROP TABLE users; --",
      '../../etc/passwd',
      '%00%ff',
      '{"$gt": ""}',
      'GPC:N:1',
      'YXJyYXljb25uZWN0aW9uOjE=',
      'not base64 !!',
      b64('User:'),
      b64('User:\u0000'),
      b64(':x'),
      b64('AuditEntry:-1'),
      b64('AuditEntry:99999999999999999999'),
      b64('AuditEntry:0'),
      b64('Operator:not-a-uuid'),
      b64('Operator:00000000-0000-0000-0000-000000000000'),
      b64('Recommendation:00000000-0000-4000-8000-000000000000'),
      b64('PersonaAssignment:\uD800'),
      b64('Nope:1'),
      b64('User:usr_missing'),
      b64('Persona:high_utilization'),
      '0',
      '-1',
      '9007199254740993',
      '99999999999999999999999',
      '1e400',
      'NaN',
      '0000-01-01',
      '0000-01-01T00:00:00.000Z',
      '0001-01-01',
      '9999-12-31T23:59:59.999Z',
      '10000-01-01',
      '2026-02-30',
      '2026-13-01T00:00:00Z',
      '2026-01-01T25:00:00Z',
      '+275760-09-13T00:00:00.000Z',
      'D30',
      'high_utilization',
      'admin',
      ...realIds,
    ]);
  }

  int(): unknown {
    return this.pick([0, 1, -1, 50, 200, 201, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 2 ** 53, 1.5, '1', null]);
  }

  date(): unknown {
    return this.pick([
      '0000-01-01',
      '0001-01-01',
      '0000-00-00',
      '1899-12-31',
      '2026-02-29',
      '2026-11-30',
      '9999-12-31',
      '10000-01-01',
      '2026-11-30T00:00:00Z',
      '',
      'yesterday',
      20261130,
    ]);
  }

  dateTime(): unknown {
    return this.pick([
      '0000-01-01T00:00:00.000Z',
      '0001-01-01T00:00:00Z',
      '1899-12-31T23:59:59Z',
      '2026-11-30T00:00:00.000Z',
      '2026-11-30T00:00:00+14:00',
      '2026-02-30T00:00:00Z',
      '9999-12-31T23:59:59.999Z',
      '+275760-09-13T00:00:00.000Z',
      '2026-11-30',
      '',
      'now',
      0,
      -8.64e15,
    ]);
  }

  json(depth = 0): unknown {
    if (depth > 3 || this.chance(0.3)) return this.pick([null, 0, 'x', '\u0000', true, 1e308, -0]);
    if (this.chance(0.1)) {
      let deep: unknown = 'bottom';
      for (let i = 0; i < 500; i++) deep = { d: deep };
      return deep;
    }
    return { a: this.json(depth + 1), ['\uD800']: 1, list: [this.json(depth + 1)] };
  }

  /** A value for `type`: mostly hostile, sometimes well-formed, sometimes of another type altogether. */
  value(type: GraphQLInputType, depth = 0): unknown {
    if (this.chance(0.04)) return this.pick([null, 'wrong type', 12, true, [], {}]);
    if (isNonNullType(type)) return this.value(type.ofType, depth);
    if (isListType(type)) {
      if (depth > 3) return [];
      const length = this.pick([0, 1, 2, 3, 101]);
      return Array.from({ length }, () => this.value(type.ofType, depth + 1));
    }
    if (isEnumType(type)) {
      return this.chance(0.8) ? this.pick(type.getValues()).name : this.pick(['NOPE', '', 'd30', '\u0000']);
    }
    if (isInputObjectType(type)) {
      const object: Record<string, unknown> = {};
      for (const field of Object.values(type.getFields())) {
        if (isNonNullType(field.type) || this.chance(0.6))
          object[field.name] = this.value(field.type, depth + 1);
      }
      if (this.chance(0.05)) object['unknownField'] = 1;
      return object;
    }
    if (isScalarType(type)) {
      switch (type.name) {
        case 'Int':
        case 'Float':
          return this.int();
        case 'Boolean':
          return this.pick([true, false, 'true', 0]);
        case 'Date':
          return this.date();
        case 'DateTime':
          return this.dateTime();
        case 'JSON':
          return this.json();
        default:
          return this.string();
      }
    }
    return null;
  }
}

interface Target {
  root: 'query' | 'mutation';
  path: string;
  field: GraphQLField<unknown, unknown>;
}

function targets(): Target[] {
  const found: Target[] = [];
  for (const [root, typeName] of [
    ['query', 'Query'],
    ['mutation', 'Mutation'],
  ] as const) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const path = `${typeName}.${field.name}`;
      if (!SKIPPED.has(path)) found.push({ root, path, field });
    }
  }
  return found;
}

/** `__typename` under any object result, so the field itself is what is exercised. */
function selectionOf(field: GraphQLField<unknown, unknown>): string {
  const named = getNamedType(field.type);
  return isObjectType(named) || !isScalarType(getNullableType(named)) ? ' { __typename }' : '';
}

function documentFor(target: Target, args: readonly GraphQLArgument[]): string {
  const variables = args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const passed = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  return `${target.root}${variables ? `(${variables})` : ''} { ${target.field.name}${passed ? `(${passed})` : ''}${selectionOf(target.field)} }`;
}

/** Documents nested far past what the parser, the depth limit or Prisma allow. */
function deepDocument(generator: Generator): string {
  const depth = generator.pick([30, 200, 2_000]);
  return `query { ${'... on Query { '.repeat(depth)}viewer { username }${' }'.repeat(depth)} }`;
}

interface Snapshot {
  business: string;
  auditBesidesRefusals: number;
}

async function snapshot(): Promise<Snapshot> {
  const { rows } = await db.sql.query<Record<string, unknown>>(
    `SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM recommendations) AS recommendations,
       (SELECT count(*) FROM persona_assignments) AS assignments, (SELECT count(*) FROM consent_records) AS consent,
       (SELECT count(*) FROM operators) AS operators,
       (SELECT string_agg(id::text || status::text, ',' ORDER BY id) FROM recommendations) AS statuses,
       (SELECT count(*) FROM audit_log WHERE event_type::text <> ALL($1)) AS audit`,
    [REFUSAL_EVENTS],
  );
  const { audit, ...business } = rows[0]!;
  return {
    business: JSON.stringify(business, (_k, v) => (typeof v === 'bigint' ? String(v) : v)),
    auditBesidesRefusals: Number(audit),
  };
}

describe(`fuzzing every argument of every root field (seed ${SEED})`, () => {
  it(`${REQUESTS} hostile requests: typed errors only, refusals change nothing, the chain stays valid`, async () => {
    const generator = new Generator(SEED);
    const all = targets();
    const problems: string[] = [];
    const codes = new Map<string, number>();
    let known = await snapshot();
    for (let n = 0; n < REQUESTS; n++) {
      const caller = CALLERS[n % CALLERS.length]!;
      const target = all[Math.floor(n / CALLERS.length) % all.length]!;
      const deep = n % 97 === 0;
      const query = deep ? deepDocument(generator) : documentFor(target, target.field.args);
      const variables = deep
        ? {}
        : Object.fromEntries(target.field.args.map((arg) => [arg.name, generator.value(arg.type)]));
      const response = await app.yoga.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(tokens[caller] ? { authorization: `Bearer ${tokens[caller]}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.text();
      const label = `#${n} ${deep ? 'deep document' : target.path} as ${caller} (seed ${SEED})`;
      let body: { data?: Record<string, unknown> | null; errors?: Array<{ extensions?: { code?: string } }> };
      try {
        body = JSON.parse(text);
      } catch {
        problems.push(`${label}: not JSON (${response.status}): ${text.slice(0, 200)}`);
        continue;
      }
      for (const error of body.errors ?? []) {
        const code = error.extensions?.code ?? 'NO_CODE';
        codes.set(code, (codes.get(code) ?? 0) + 1);
        if (code === 'INTERNAL_SERVER_ERROR' || code === 'NO_CODE')
          problems.push(`${label}: ${JSON.stringify(error).slice(0, 300)}`);
      }
      if (response.status >= 500) problems.push(`${label}: HTTP ${response.status}`);
      if (/\n\s+at |stacktrace|\.ts:\d+:\d+/i.test(text))
        problems.push(`${label}: a stack trace in the response`);
      // Only a mutation that reached execution can change anything (a document refused by validation or
      // variable coercion never runs; queries write nothing but refusals): compare with the state after the
      // last one that did.
      if (!deep && target.root === 'mutation' && body.data !== undefined) {
        const after = await snapshot();
        if ((body.data?.[target.field.name] ?? null) === null) {
          if (after.business !== known.business)
            problems.push(`${label}: refused, yet business tables changed`);
          if (after.auditBesidesRefusals !== known.auditBesidesRefusals) {
            problems.push(`${label}: refused, yet audit entries other than the refusal were written`);
          }
        }
        known = after;
      }
      if (problems.length >= 20) break;
    }
    expect(problems).toEqual([]);
    // The run reached past validation: refusals of every kind were met, not only malformed documents.
    expect([...codes.keys()]).toEqual(
      expect.arrayContaining(['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN']),
    );
    const integrity = await verifyAuditIntegrity(app.services);
    expect(integrity.valid).toBe(true);
  });
});
