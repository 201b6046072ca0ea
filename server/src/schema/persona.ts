import {
  PERSONA_REGISTRY,
  PERSONA_REGISTRY_VERSION,
  type PersonaDefinition,
} from '../domain/personas/index.js';
import { builder } from './builder.js';
import { describeCriterion, flattenCriterion } from './criteria.js';

export const PersonaRef = builder.objectRef<PersonaDefinition>('Persona');

// A Node like every other entity, so clients (Relay's store among them) identify personas by an ID! `id`;
// the registry's own snake_case id is `personaId`, as everywhere else in the schema.
builder.node(PersonaRef, {
  description: 'A persona of the registry: who it describes, when it applies, and what it teaches.',
  id: { resolve: (persona) => persona.id },
  loadOne: (id) => findPersona(id),
  fields: (t) => ({
    personaId: t.exposeString('id', {
      description: 'Stable snake_case registry id (e.g. high_utilization), stored with every assignment.',
    }),
    name: t.exposeString('name', { description: 'Display name.' }),
    description: t.exposeString('description', { description: 'Who this persona describes.' }),
    priority: t.exposeInt('priority', {
      description: '1 is the highest. When several personas qualify, the highest priority is assigned.',
    }),
    educationalFocus: t.exposeStringList('educationalFocus', {
      description: 'Topics recommended to customers with this persona.',
    }),
    criteriaText: t.string({
      description: 'The criteria as one readable expression, e.g. "credit.maxUtilizationPct >= 50 OR …".',
      resolve: (persona) => describeCriterion(persona.criteria),
    }),
    criteria: t.field({
      type: 'JSON',
      description: 'The criteria as stored: an AND/OR tree of {signal, op, value} conditions.',
      resolve: (persona) => persona.criteria,
    }),
    conditions: t.field({
      type: [PersonaConditionRef],
      description: 'Every leaf condition of the criteria, in order, with the group it sits in.',
      resolve: (persona) => flattenCriterion(persona.criteria),
    }),
  }),
});

export const PersonaConditionRef = builder
  .objectRef<{ signal: string; op: string; value: unknown; groupPath: string }>('PersonaCondition')
  .implement({
    description: 'One `signal operator threshold` comparison of a persona criterion.',
    fields: (t) => ({
      signal: t.exposeString('signal', { description: 'Signal key, e.g. credit.maxUtilizationPct.' }),
      operator: t.exposeString('op', { description: 'One of >=, >, <, <=, ==, !=.' }),
      threshold: t.field({
        type: 'JSON',
        description: 'The value compared against.',
        resolve: (c) => c.value,
      }),
      groupPath: t.exposeString('groupPath', {
        description: 'Where the condition sits in the AND/OR tree, e.g. "all[0].any[1]".',
      }),
    }),
  });

export function findPersona(id: string): PersonaDefinition | null {
  return PERSONA_REGISTRY.find((p) => p.id === id) ?? null;
}

builder.queryField('personas', (t) =>
  t.field({
    type: [PersonaRef],
    description: 'The persona registry, highest priority first.',
    resolve: () => [...PERSONA_REGISTRY].sort((a, b) => a.priority - b.priority),
  }),
);

builder.queryField('personaRegistryVersion', (t) =>
  t.string({
    description: 'Content hash of the persona registry; stored with every assignment made under it.',
    resolve: () => PERSONA_REGISTRY_VERSION,
  }),
);
