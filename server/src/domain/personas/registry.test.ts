import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalJson } from '../canonical-json.js';
import {
  InvalidRegistryError,
  PERSONA_IDS,
  PERSONA_REGISTRY,
  PERSONA_REGISTRY_VERSION,
  parseRegistry,
  registryVersion,
  SPENDSENSE_PERSONA_IDS,
  validateRegistry,
} from './registry.js';
import type { PersonaRegistry } from './types.js';

function persona(id: string, priority: number, criteria: unknown, extra: Record<string, unknown> = {}) {
  return {
    id,
    name: `Persona ${id}`,
    description: `What ${id} means`,
    priority,
    criteria,
    educationalFocus: ['a topic'],
    ...extra,
  };
}

const UTILIZATION_AT_LEAST_50 = { signal: 'credit.maxUtilizationPct', op: '>=', value: 50 };

function issuesOf(candidate: unknown) {
  const validation = validateRegistry(candidate);
  if (validation.ok) throw new Error('expected the registry to be rejected');
  return validation.issues;
}

/** Rebuilds every object with its keys in reverse order, and the persona list reversed. */
function withReversedKeyOrder<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withReversedKeyOrder) as T;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).reverse();
    return Object.fromEntries(entries.map(([key, member]) => [key, withReversedKeyOrder(member)])) as T;
  }
  return value;
}

describe('PERSONA_REGISTRY', () => {
  it('lists the six DESIGN.md personas in priority order', () => {
    expect(PERSONA_REGISTRY.map((p) => [p.priority, p.id, p.name])).toEqual([
      [1, 'high_utilization', 'High Utilization'],
      [2, 'variable_income_budgeter', 'Variable Income Budgeter'],
      [3, 'subscription_heavy', 'Subscription-Heavy'],
      [4, 'savings_builder', 'Savings Builder'],
      [5, 'cash_flow_optimizer', 'Cash Flow Optimizer'],
      [6, 'young_professional', 'Young Professional'],
    ]);
  });

  it('encodes the criteria trees exactly', () => {
    const criteriaById = Object.fromEntries(PERSONA_REGISTRY.map((p) => [p.id, p.criteria]));
    expect(criteriaById).toEqual({
      high_utilization: {
        any: [
          { signal: 'credit.maxUtilizationPct', op: '>=', value: 50 },
          { signal: 'credit.interestCharges', op: '>', value: 0 },
          { signal: 'credit.minimumPaymentOnly', op: '==', value: true },
          { signal: 'credit.anyOverdue', op: '==', value: true },
        ],
      },
      variable_income_budgeter: {
        all: [
          { signal: 'income.medianPayGapDays', op: '>', value: 45 },
          { signal: 'income.cashFlowBufferMonths', op: '<', value: 1 },
        ],
      },
      subscription_heavy: {
        all: [
          { signal: 'subscriptions.recurringMerchantCount', op: '>=', value: 3 },
          {
            any: [
              { signal: 'subscriptions.monthlyRecurringSpend', op: '>=', value: 50 },
              { signal: 'subscriptions.subscriptionSharePct', op: '>=', value: 10 },
            ],
          },
        ],
      },
      savings_builder: {
        all: [
          {
            any: [
              { signal: 'savings.growthRatePct', op: '>=', value: 2 },
              { signal: 'savings.netInflowMonthly', op: '>=', value: 200 },
            ],
          },
          { signal: 'credit.maxUtilizationPct', op: '<', value: 30 },
        ],
      },
      cash_flow_optimizer: {
        all: [
          { signal: 'savings.emergencyFundMonths', op: '>=', value: 6 },
          { signal: 'credit.maxUtilizationPct', op: '<', value: 10 },
        ],
      },
      young_professional: {
        all: [
          { signal: 'history.transactionHistoryDays', op: '<', value: 180 },
          { signal: 'credit.totalCreditLimit', op: '<', value: 3000 },
        ],
      },
    });
  });

  it('passes its own validation, also after a JSON round trip', () => {
    expect(validateRegistry(PERSONA_REGISTRY)).toEqual({ ok: true, registry: PERSONA_REGISTRY });
    expect(validateRegistry(JSON.parse(JSON.stringify(PERSONA_REGISTRY))).ok).toBe(true);
  });

  it('is frozen all the way down', () => {
    const savings = PERSONA_REGISTRY[3]!;
    expect(Object.isFrozen(PERSONA_REGISTRY)).toBe(true);
    expect(Object.isFrozen(savings.criteria)).toBe(true);
    expect(Object.isFrozen(savings.educationalFocus)).toBe(true);
  });
});

describe('validateRegistry', () => {
  it('accepts boolean and enumerated string conditions with == and !=', () => {
    const registry = [
      persona('overdue_free', 1, { signal: 'credit.anyOverdue', op: '!=', value: true }),
      persona('irregular_pay', 2, { signal: 'income.payFrequency', op: '==', value: 'irregular' }),
    ];
    expect(validateRegistry(registry).ok).toBe(true);
  });

  it('rejects anything but an array, and an empty registry', () => {
    expect(issuesOf({ personas: [] })).toEqual([
      { path: '', message: 'registry must be an array of personas' },
    ]);
    expect(issuesOf([])).toEqual([{ path: '', message: 'registry must define at least one persona' }]);
  });

  it('rejects duplicate ids and duplicate priorities, naming the first occurrence', () => {
    expect(
      issuesOf([persona('a', 1, UTILIZATION_AT_LEAST_50), persona('a', 2, UTILIZATION_AT_LEAST_50)]),
    ).toEqual([{ path: '[1].id', message: 'duplicate id "a" (also at [0])' }]);
    expect(
      issuesOf([persona('a', 1, UTILIZATION_AT_LEAST_50), persona('b', 1, UTILIZATION_AT_LEAST_50)]),
    ).toEqual([{ path: '[1].priority', message: 'duplicate priority 1 (also at [0])' }]);
  });

  it.each(['HighUtil', 'high-util', '_high', 'high__util', 'high_', '', 42])('rejects the id %j', (id) => {
    expect(issuesOf([persona(id as string, 1, UTILIZATION_AT_LEAST_50)])).toEqual([
      { path: '[0].id', message: 'id must be a snake_case string' },
    ]);
  });

  it('reserves the id unclassified for the no-match outcome', () => {
    expect(issuesOf([persona('unclassified', 1, UTILIZATION_AT_LEAST_50)])).toEqual([
      { path: '[0].id', message: 'id "unclassified" is reserved for the no-match outcome' },
    ]);
  });

  it.each([0, -1, 1.5, '1', null])('rejects the priority %j', (priority) => {
    expect(issuesOf([persona('a', priority as number, UTILIZATION_AT_LEAST_50)])).toEqual([
      { path: '[0].priority', message: 'priority must be an integer >= 1' },
    ]);
  });

  it('rejects unknown signal keys', () => {
    expect(issuesOf([persona('a', 1, { signal: 'credit.utilization', op: '>=', value: 50 })])).toEqual([
      { path: '[0].criteria.signal', message: 'unknown signal "credit.utilization"' },
    ]);
  });

  it('rejects unknown operators', () => {
    expect(issuesOf([persona('a', 1, { signal: 'credit.maxUtilizationPct', op: '=>', value: 50 })])).toEqual([
      { path: '[0].criteria.op', message: 'unknown operator "=>"' },
    ]);
  });

  it('rejects ordering operators on booleans and strings', () => {
    expect(issuesOf([persona('a', 1, { signal: 'credit.anyOverdue', op: '>=', value: true })])).toEqual([
      { path: '[0].criteria.op', message: 'boolean signal credit.anyOverdue only supports == and !=' },
    ]);
    expect(issuesOf([persona('a', 1, { signal: 'income.payFrequency', op: '<', value: 'monthly' })])).toEqual(
      [{ path: '[0].criteria.op', message: 'string signal income.payFrequency only supports == and !=' }],
    );
  });

  it('rejects thresholds whose type differs from the signal type', () => {
    expect(issuesOf([persona('a', 1, { signal: 'credit.anyOverdue', op: '==', value: 1 })])).toEqual([
      { path: '[0].criteria.value', message: 'credit.anyOverdue is a boolean; threshold 1 is a number' },
    ]);
    expect(
      issuesOf([persona('a', 1, { signal: 'credit.maxUtilizationPct', op: '>=', value: '50' })]),
    ).toEqual([
      {
        path: '[0].criteria.value',
        message: 'credit.maxUtilizationPct is a number; threshold "50" is a string',
      },
    ]);
    expect(issuesOf([persona('a', 1, { signal: 'income.payFrequency', op: '==', value: false })])).toEqual([
      {
        path: '[0].criteria.value',
        message: 'income.payFrequency is a string; threshold false is a boolean',
      },
    ]);
  });

  it('rejects non-finite numeric thresholds and strings outside the enumeration', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(issuesOf([persona('a', 1, { signal: 'credit.maxUtilizationPct', op: '>=', value })])).toEqual([
        { path: '[0].criteria.value', message: 'threshold must be a finite number' },
      ]);
    }
    expect(
      issuesOf([persona('a', 1, { signal: 'income.payFrequency', op: '==', value: 'fortnightly' })]),
    ).toEqual([
      {
        path: '[0].criteria.value',
        message:
          'income.payFrequency is never "fortnightly"; expected one of weekly, biweekly, semi_monthly, monthly, irregular, none',
      },
    ]);
  });

  it('rejects empty all and any groups, also nested', () => {
    expect(issuesOf([persona('a', 1, { all: [] })])).toEqual([
      { path: '[0].criteria.all', message: '"all" must not be empty' },
    ]);
    expect(issuesOf([persona('a', 1, { all: [UTILIZATION_AT_LEAST_50, { any: [] }] })])).toEqual([
      { path: '[0].criteria.all[1].any', message: '"any" must not be empty' },
    ]);
  });

  it('rejects ambiguous or malformed criteria', () => {
    const shapeMessage =
      'criterion must be exactly one of { all: [...] }, { any: [...] } or { signal, op, value }';
    expect(
      issuesOf([persona('a', 1, { all: [UTILIZATION_AT_LEAST_50], any: [UTILIZATION_AT_LEAST_50] })]),
    ).toEqual([{ path: '[0].criteria', message: shapeMessage }]);
    expect(issuesOf([persona('a', 1, { ...UTILIZATION_AT_LEAST_50, note: 'x' })])).toEqual([
      { path: '[0].criteria', message: shapeMessage },
    ]);
    expect(issuesOf([persona('a', 1, { any: UTILIZATION_AT_LEAST_50 })])).toEqual([
      { path: '[0].criteria.any', message: '"any" must be an array of criteria' },
    ]);
    expect(issuesOf([persona('a', 1, { any: ['credit.anyOverdue'] })])).toEqual([
      { path: '[0].criteria.any[0]', message: 'criterion must be an object' },
    ]);
  });

  it('rejects misspelled fields, blank text and an empty educational focus', () => {
    expect(
      issuesOf([persona('a', 1, UTILIZATION_AT_LEAST_50, { prority: 2, name: ' ', educationalFocus: [] })]),
    ).toEqual([
      { path: '[0].prority', message: 'unknown persona field' },
      { path: '[0].name', message: 'name must be a non-empty string' },
      { path: '[0].educationalFocus', message: 'educationalFocus must be a non-empty array' },
    ]);
    expect(issuesOf([persona('a', 1, UTILIZATION_AT_LEAST_50, { educationalFocus: ['ok', ''] })])).toEqual([
      { path: '[0].educationalFocus[1]', message: 'topic must be a non-empty string' },
    ]);
  });

  it('reports every issue of every persona at once', () => {
    const issues = issuesOf([
      persona('a', 1, { all: [{ signal: 'nope', op: '>', value: 1 }, { any: [] }] }),
      persona('a', 1, { signal: 'credit.anyOverdue', op: '>', value: 'yes' }),
    ]);
    expect(issues.map((issue) => issue.path)).toEqual([
      '[0].criteria.all[0].signal',
      '[0].criteria.all[1].any',
      '[1].id',
      '[1].priority',
      '[1].criteria.op',
      '[1].criteria.value',
    ]);
  });

  it('parseRegistry throws an InvalidRegistryError carrying the issues', () => {
    const candidate = [persona('a', 1, { all: [] })];
    expect(() => parseRegistry(candidate)).toThrow(InvalidRegistryError);
    expect(() => parseRegistry(candidate)).toThrow(
      'Invalid persona registry: [0].criteria.all: "all" must not be empty',
    );
    try {
      parseRegistry(candidate);
    } catch (error) {
      expect((error as InvalidRegistryError).issues).toEqual([
        { path: '[0].criteria.all', message: '"all" must not be empty' },
      ]);
    }
  });
});

describe('registryVersion', () => {
  it('is pinned for the built-in registry (update deliberately when the personas change)', () => {
    expect(PERSONA_REGISTRY_VERSION).toBe('reg-31f63e6f537014ca');
    expect(registryVersion(PERSONA_REGISTRY)).toBe(PERSONA_REGISTRY_VERSION);
  });

  it('does not change with object key order or persona listing order', () => {
    const reordered = withReversedKeyOrder([...PERSONA_REGISTRY].reverse());
    expect(Object.keys(reordered[0]!)).toEqual([
      'educationalFocus',
      'criteria',
      'priority',
      'description',
      'name',
      'id',
    ]);
    expect(registryVersion(reordered)).toBe(PERSONA_REGISTRY_VERSION);
  });

  it('changes with any threshold, operator, text or focus change', () => {
    type EditablePersona = {
      description: string;
      educationalFocus: string[];
      criteria: Record<'all' | 'any', Array<Record<string, unknown>>>;
    };
    const variants: Array<(registry: EditablePersona[]) => void> = [
      (r) => {
        r[0]!.criteria.any[0]!['value'] = 51;
      },
      (r) => {
        r[1]!.criteria.all[0]!['op'] = '>=';
      },
      (r) => {
        r[2]!.description = 'changed';
      },
      (r) => {
        r[3]!.educationalFocus.push('another topic');
      },
    ];
    const versions = variants.map((edit) => {
      const copy = structuredClone(PERSONA_REGISTRY) as unknown as EditablePersona[];
      edit(copy);
      return registryVersion(copy as unknown as PersonaRegistry);
    });
    expect(new Set([PERSONA_REGISTRY_VERSION, ...versions]).size).toBe(5);
    for (const version of versions) expect(version).toMatch(/^reg-[0-9a-f]{16}$/);
  });

  it('is reproducible across repeated calls', () => {
    const versions = Array.from({ length: 5 }, () => registryVersion(structuredClone(PERSONA_REGISTRY)));
    expect(new Set(versions)).toEqual(new Set([PERSONA_REGISTRY_VERSION]));
  });
});

describe('canonicalJson, as the registry version uses it', () => {
  it('sorts keys at every depth, keeps array order and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null, skip: undefined } })).toBe(
      '{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}',
    );
    // The shared RFC 8785 form rejects an array hole instead of writing null; a valid registry has none.
    expect(() => canonicalJson([undefined, 'x', true])).toThrow(
      new CanonicalJsonError('$[0]', 'undefined has no JSON form'),
    );
  });
});

describe('persona ids', () => {
  it('lists the registry personas in priority order, then the no-match outcome', () => {
    expect(SPENDSENSE_PERSONA_IDS).toEqual(
      [...PERSONA_REGISTRY].sort((a, b) => a.priority - b.priority).map(({ id }) => id),
    );
    expect(PERSONA_IDS).toEqual([...SPENDSENSE_PERSONA_IDS, 'unclassified']);
    expect(PERSONA_IDS).toHaveLength(7);
  });
});
