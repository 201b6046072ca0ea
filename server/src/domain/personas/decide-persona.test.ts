import { describe, expect, it } from 'vitest';
import { snapshotWith } from '../../../test-support/signal-snapshots.js';
import {
  decidePersona,
  InvalidRegistryError,
  matchPersonas,
  PERSONA_REGISTRY,
  PERSONA_REGISTRY_VERSION,
  prioritize,
  registryVersion,
} from './index.js';
import type { PersonaRegistry } from './types.js';

const SUBSCRIBER_WHO_SAVES = snapshotWith(
  {
    'subscriptions.recurringMerchantCount': 5,
    'subscriptions.subscriptionSharePct': 14.2,
    'savings.netInflowMonthly': 350,
    'credit.maxUtilizationPct': 8,
  },
  { window: 'D30' },
);

function withReversedKeyOrder<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withReversedKeyOrder) as T;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).reverse();
    return Object.fromEntries(entries.map(([key, member]) => [key, withReversedKeyOrder(member)])) as T;
  }
  return value;
}

describe('decidePersona', () => {
  it('combines match, prioritization, confidence and registry version', () => {
    const record = decidePersona(SUBSCRIBER_WHO_SAVES);
    expect(record).toMatchObject({
      status: 'ASSIGNED',
      personaId: 'subscription_heavy',
      priority: 3,
      qualifyingPersonas: ['subscription_heavy', 'savings_builder'],
      reason: 'Highest priority match among 2 qualifying personas (priority 3)',
      // margin min(2/3, 0.42) = 0.42; full data: 0.5 + 0.21
      confidence: 0.71,
      window: 'D30',
      referenceDate: '2025-11-15',
      registryVersion: PERSONA_REGISTRY_VERSION,
    });
    expect(record.evaluations).toStrictEqual(matchPersonas(PERSONA_REGISTRY, SUBSCRIBER_WHO_SAVES));
    const {
      evaluations: _evaluations,
      window: _window,
      referenceDate: _date,
      registryVersion: _v,
      ...decision
    } = record;
    expect(decision).toStrictEqual(prioritize(PERSONA_REGISTRY, record.evaluations));
  });

  it('gives the story match_evidence shape for the winner', () => {
    const winner = decidePersona(SUBSCRIBER_WHO_SAVES).evaluations.find(
      (e) => e.personaId === 'subscription_heavy',
    );
    expect(winner).toMatchObject({
      matched: true,
      evidence: { 'subscriptions.recurringMerchantCount': 5, 'subscriptions.subscriptionSharePct': 14.2 },
      matchedConditions: [
        'subscriptions.recurringMerchantCount >= 3 (actual 5)',
        'subscriptions.subscriptionSharePct >= 10 (actual 14.2)',
      ],
    });
  });

  it('is deterministic across repeated runs', () => {
    const runs = Array.from({ length: 5 }, () => JSON.stringify(decidePersona(SUBSCRIBER_WHO_SAVES)));
    expect(new Set(runs).size).toBe(1);
  });

  it('gives the same record for a registry with reordered keys and personas', () => {
    const reordered = withReversedKeyOrder([...PERSONA_REGISTRY].reverse()) as PersonaRegistry;
    expect(JSON.stringify(decidePersona(SUBSCRIBER_WHO_SAVES, reordered))).toBe(
      JSON.stringify(decidePersona(SUBSCRIBER_WHO_SAVES)),
    );
  });

  it('stamps the version of a custom registry and validates it first', () => {
    const custom = PERSONA_REGISTRY.filter((persona) => persona.id !== 'subscription_heavy');
    const record = decidePersona(SUBSCRIBER_WHO_SAVES, custom);
    expect(record.personaId).toBe('savings_builder');
    expect(record.registryVersion).toBe(registryVersion(custom));
    expect(record.registryVersion).not.toBe(PERSONA_REGISTRY_VERSION);
    const broken = [{ ...PERSONA_REGISTRY[0]!, criteria: { any: [] } }];
    expect(() => decidePersona(SUBSCRIBER_WHO_SAVES, broken)).toThrow(InvalidRegistryError);
  });

  it('returns plain JSON, for assignments and for unclassified', () => {
    for (const snapshot of [SUBSCRIBER_WHO_SAVES, snapshotWith({ 'credit.maxUtilizationPct': null })]) {
      const record = decidePersona(snapshot);
      expect(JSON.parse(JSON.stringify(record))).toStrictEqual(record);
    }
    expect(decidePersona(snapshotWith()).personaId).toBe('unclassified');
  });
});
