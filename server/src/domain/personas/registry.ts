/**
 * The persona registry: the six SpendSense personas as data, the validator every registry must pass, and
 * the content hash stored with each assignment so a decision can be traced to the exact rules that made it.
 */

import { createHash } from 'node:crypto';
import { canonicalJson, compareCodeUnits } from '../canonical-json.js';
import type { SignalKey } from '../signals/types.js';
import { isSignalKey, SIGNAL_ALLOWED_STRINGS, SIGNAL_VALUE_TYPES } from './signal-catalog.js';
import {
  type ComparisonOperator,
  type PersonaDefinition,
  type PersonaRegistry,
  UNCLASSIFIED_PERSONA_ID,
} from './types.js';

const COMPARISON_OPERATORS: readonly ComparisonOperator[] = ['>=', '>', '<', '<=', '==', '!='];
const EQUALITY_OPERATORS: readonly ComparisonOperator[] = ['==', '!='];
const PERSONA_KEYS = ['id', 'name', 'description', 'priority', 'criteria', 'educationalFocus'];
const CONDITION_KEYS = ['signal', 'op', 'value'];
const SNAKE_CASE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

const PERSONA_DEFINITIONS = [
  {
    id: 'high_utilization',
    name: 'High Utilization',
    description:
      'Carries a card balance at or above half its limit, pays interest, pays only the minimum, or is overdue.',
    priority: 1,
    criteria: {
      any: [
        { signal: 'credit.maxUtilizationPct', op: '>=', value: 50 },
        { signal: 'credit.interestCharges', op: '>', value: 0 },
        { signal: 'credit.minimumPaymentOnly', op: '==', value: true },
        { signal: 'credit.anyOverdue', op: '==', value: true },
      ],
    },
    educationalFocus: [
      'How credit utilization affects credit scores',
      'Paying down card debt: avalanche and snowball methods',
      'Autopay and payment reminders to avoid late fees',
      'What interest and minimum-only payments cost over time',
    ],
  },
  {
    id: 'variable_income_budgeter',
    name: 'Variable Income Budgeter',
    description: 'Paid irregularly (median gap over 45 days) with less than one month of cash-flow buffer.',
    priority: 2,
    criteria: {
      all: [
        { signal: 'income.medianPayGapDays', op: '>', value: 45 },
        { signal: 'income.cashFlowBufferMonths', op: '<', value: 1 },
      ],
    },
    educationalFocus: [
      'Percent-based budgets for irregular income',
      'Building a cash-flow buffer one month at a time',
      'Smoothing income across lean and strong months',
    ],
  },
  {
    id: 'subscription_heavy',
    name: 'Subscription-Heavy',
    description:
      'Three or more recurring merchants, costing at least $50 a month or at least 10 % of spending.',
    priority: 3,
    criteria: {
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
    educationalFocus: [
      'Auditing subscriptions you no longer use',
      'Cancelling or negotiating recurring charges',
      'Bill alerts for renewals and price increases',
    ],
  },
  {
    id: 'savings_builder',
    name: 'Savings Builder',
    description:
      'Savings growing at least 2 % or $200 a month into savings, with every card below 30 % utilization.',
    priority: 4,
    criteria: {
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
    educationalFocus: [
      'Setting concrete savings goals',
      'Automating transfers to savings',
      'High-yield savings accounts and CDs',
    ],
  },
  {
    id: 'cash_flow_optimizer',
    name: 'Cash Flow Optimizer',
    description: 'Six or more months of expenses in savings and every card below 10 % utilization.',
    priority: 5,
    criteria: {
      all: [
        { signal: 'savings.emergencyFundMonths', op: '>=', value: 6 },
        { signal: 'credit.maxUtilizationPct', op: '<', value: 10 },
      ],
    },
    educationalFocus: [
      'Putting cash beyond the emergency fund to work',
      'Tax-advantaged retirement accounts',
      'Investing basics and diversification',
    ],
  },
  {
    id: 'young_professional',
    name: 'Young Professional',
    description: 'Under 180 days of transaction history and less than $3,000 of total credit limits.',
    priority: 6,
    criteria: {
      all: [
        { signal: 'history.transactionHistoryDays', op: '<', value: 180 },
        { signal: 'credit.totalCreditLimit', op: '<', value: 3000 },
      ],
    },
    educationalFocus: [
      'Building a credit history responsibly',
      'A first budget: needs, wants and savings',
      'Starting an emergency fund',
    ],
  },
] as const satisfies readonly PersonaDefinition[];

/** The ids of the SpendSense personas, in priority order (the order {@link PERSONA_DEFINITIONS} lists them). */
export const SPENDSENSE_PERSONA_IDS = idsOf(PERSONA_DEFINITIONS);

/** Every persona id a decision by the built-in registry can carry: the personas, then the no-match outcome. */
export const PERSONA_IDS = [...SPENDSENSE_PERSONA_IDS, UNCLASSIFIED_PERSONA_ID] as const;
export type PersonaId = (typeof PERSONA_IDS)[number];

type IdsOf<Definitions extends readonly { id: string }[]> = {
  readonly [Index in keyof Definitions]: Definitions[Index] extends { id: infer Id } ? Id : never;
};

/** Keeps each id's literal type and position, so the id lists are exact tuples derived from the definitions. */
function idsOf<Definitions extends readonly { id: string }[]>(definitions: Definitions): IdsOf<Definitions> {
  return definitions.map(({ id }) => id) as unknown as IdsOf<Definitions>;
}

/** Where in the candidate registry a problem is (`[3].criteria.all[1].op`) and what it is. */
export interface RegistryIssue {
  path: string;
  message: string;
}

export type RegistryValidation =
  | { ok: true; registry: PersonaRegistry }
  | { ok: false; issues: RegistryIssue[] };

export class InvalidRegistryError extends Error {
  readonly issues: RegistryIssue[];

  constructor(issues: RegistryIssue[]) {
    super(`Invalid persona registry: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`);
    this.name = 'InvalidRegistryError';
    this.issues = issues;
  }
}

/**
 * Checks a candidate registry (typed or straight from JSON) and reports every problem at once: duplicate
 * ids or priorities, unknown signals, operators or thresholds that do not fit the signal's type (booleans
 * and strings only `==` / `!=`), empty `all` / `any` groups, and malformed personas.
 */
export function validateRegistry(candidate: unknown): RegistryValidation {
  const issues: RegistryIssue[] = [];
  if (!Array.isArray(candidate)) {
    return { ok: false, issues: [{ path: '', message: 'registry must be an array of personas' }] };
  }
  if (candidate.length === 0) {
    issues.push({ path: '', message: 'registry must define at least one persona' });
  }
  const seenIds = new Map<string, number>();
  const seenPriorities = new Map<number, number>();
  candidate.forEach((persona: unknown, index) => {
    const path = `[${index}]`;
    if (!isPlainObject(persona)) {
      issues.push({ path, message: 'persona must be an object' });
      return;
    }
    for (const key of Object.keys(persona)) {
      if (!PERSONA_KEYS.includes(key)) {
        issues.push({ path: `${path}.${key}`, message: 'unknown persona field' });
      }
    }
    const { id, name, description, priority, criteria, educationalFocus } = persona;
    if (typeof id !== 'string' || !SNAKE_CASE.test(id)) {
      issues.push({ path: `${path}.id`, message: 'id must be a snake_case string' });
    } else if (id === UNCLASSIFIED_PERSONA_ID) {
      issues.push({ path: `${path}.id`, message: `id "${id}" is reserved for the no-match outcome` });
    } else if (seenIds.has(id)) {
      issues.push({ path: `${path}.id`, message: `duplicate id "${id}" (also at [${seenIds.get(id)}])` });
    } else {
      seenIds.set(id, index);
    }
    if (!isNonBlankString(name)) {
      issues.push({ path: `${path}.name`, message: 'name must be a non-empty string' });
    }
    if (!isNonBlankString(description)) {
      issues.push({ path: `${path}.description`, message: 'description must be a non-empty string' });
    }
    if (typeof priority !== 'number' || !Number.isInteger(priority) || priority < 1) {
      issues.push({ path: `${path}.priority`, message: 'priority must be an integer >= 1' });
    } else if (seenPriorities.has(priority)) {
      issues.push({
        path: `${path}.priority`,
        message: `duplicate priority ${priority} (also at [${seenPriorities.get(priority)}])`,
      });
    } else {
      seenPriorities.set(priority, index);
    }
    if (!Array.isArray(educationalFocus) || educationalFocus.length === 0) {
      issues.push({
        path: `${path}.educationalFocus`,
        message: 'educationalFocus must be a non-empty array',
      });
    } else {
      educationalFocus.forEach((topic: unknown, topicIndex) => {
        if (!isNonBlankString(topic)) {
          issues.push({
            path: `${path}.educationalFocus[${topicIndex}]`,
            message: 'topic must be a non-empty string',
          });
        }
      });
    }
    validateCriterion(criteria, `${path}.criteria`, issues);
  });
  return issues.length === 0 ? { ok: true, registry: candidate as PersonaRegistry } : { ok: false, issues };
}

function validateCriterion(node: unknown, path: string, issues: RegistryIssue[]): void {
  if (!isPlainObject(node)) {
    issues.push({ path, message: 'criterion must be an object' });
    return;
  }
  const keys = Object.keys(node);
  const group = keys.length === 1 && (keys[0] === 'all' || keys[0] === 'any') ? keys[0] : null;
  if (group !== null) {
    const children = node[group];
    if (!Array.isArray(children)) {
      issues.push({ path: `${path}.${group}`, message: `"${group}" must be an array of criteria` });
    } else if (children.length === 0) {
      issues.push({ path: `${path}.${group}`, message: `"${group}" must not be empty` });
    } else {
      children.forEach((child: unknown, index) => {
        validateCriterion(child, `${path}.${group}[${index}]`, issues);
      });
    }
    return;
  }
  const isCondition =
    keys.length === CONDITION_KEYS.length && CONDITION_KEYS.every((key) => keys.includes(key));
  if (!isCondition) {
    issues.push({
      path,
      message: 'criterion must be exactly one of { all: [...] }, { any: [...] } or { signal, op, value }',
    });
    return;
  }
  const { signal, op, value } = node;
  if (!isSignalKey(signal)) {
    issues.push({ path: `${path}.signal`, message: `unknown signal ${JSON.stringify(signal)}` });
    return;
  }
  if (typeof op !== 'string' || !COMPARISON_OPERATORS.includes(op as ComparisonOperator)) {
    issues.push({ path: `${path}.op`, message: `unknown operator ${JSON.stringify(op)}` });
    return;
  }
  const expectedType = SIGNAL_VALUE_TYPES[signal];
  if (expectedType !== 'number' && !EQUALITY_OPERATORS.includes(op as ComparisonOperator)) {
    issues.push({ path: `${path}.op`, message: `${expectedType} signal ${signal} only supports == and !=` });
  }
  if (typeof value !== expectedType) {
    issues.push({
      path: `${path}.value`,
      message: `${signal} is a ${expectedType}; threshold ${JSON.stringify(value)} is a ${typeof value}`,
    });
  } else if (typeof value === 'number' && !Number.isFinite(value)) {
    issues.push({ path: `${path}.value`, message: 'threshold must be a finite number' });
  } else if (typeof value === 'string') {
    validateAllowedString(signal, value, `${path}.value`, issues);
  }
}

function validateAllowedString(
  signal: SignalKey,
  value: string,
  path: string,
  issues: RegistryIssue[],
): void {
  const allowed = SIGNAL_ALLOWED_STRINGS[signal];
  if (allowed !== undefined && !allowed.includes(value)) {
    issues.push({ path, message: `${signal} is never "${value}"; expected one of ${allowed.join(', ')}` });
  }
}

/** Like {@link validateRegistry}, but throws {@link InvalidRegistryError} listing every issue. */
export function parseRegistry(candidate: unknown): PersonaRegistry {
  const validation = validateRegistry(candidate);
  if (!validation.ok) throw new InvalidRegistryError(validation.issues);
  return validation.registry;
}

/**
 * Content hash of a registry: `reg-` + the first 16 hex digits of the sha256 of its RFC 8785 canonical JSON,
 * the form audit entries are hashed in (so text with a lone surrogate throws a CanonicalJsonError). Object
 * key order and the order personas are listed in do not change it (personas are hashed in priority order);
 * any change to an id, text, priority, criterion, threshold or focus does.
 */
export function registryVersion(registry: PersonaRegistry): string {
  const inPriorityOrder = [...registry].sort(comparePersonas);
  const digest = createHash('sha256').update(canonicalJson(inPriorityOrder), 'utf8').digest('hex');
  return `reg-${digest.slice(0, 16)}`;
}

/** Priority first; the id comparison only matters for invalid registries, but keeps any order total. */
export function comparePersonas(
  a: Pick<PersonaDefinition, 'priority' | 'id'>,
  b: Pick<PersonaDefinition, 'priority' | 'id'>,
): number {
  if (a.priority !== b.priority) return a.priority - b.priority;
  return compareCodeUnits(a.id, b.id);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonBlankString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}

/** The SpendSense personas (DESIGN.md), validated when this module loads and frozen. */
export const PERSONA_REGISTRY: PersonaRegistry = deepFreeze(parseRegistry(PERSONA_DEFINITIONS));

export const PERSONA_REGISTRY_VERSION: string = registryVersion(PERSONA_REGISTRY);
