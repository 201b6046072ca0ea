import type { SignalSnapshot } from '../signals/types.js';
import { matchPersonas } from './matcher.js';
import { prioritize } from './prioritizer.js';
import { PERSONA_REGISTRY, PERSONA_REGISTRY_VERSION, parseRegistry, registryVersion } from './registry.js';
import type { PersonaDecisionRecord, PersonaRegistry } from './types.js';

/**
 * Match every persona, pick the winner, score confidence and stamp the registry version: the whole
 * decision as it is stored with an assignment. A registry other than the built-in one is validated first
 * (throws `InvalidRegistryError`), because matching against a malformed one would silently mis-assign.
 */
export function decidePersona(
  snapshot: SignalSnapshot,
  registry: PersonaRegistry = PERSONA_REGISTRY,
): PersonaDecisionRecord {
  const isBuiltIn = registry === PERSONA_REGISTRY;
  const validRegistry = isBuiltIn ? registry : parseRegistry(registry);
  const evaluations = matchPersonas(validRegistry, snapshot);
  return {
    ...prioritize(validRegistry, evaluations),
    window: snapshot.window,
    referenceDate: snapshot.referenceDate,
    registryVersion: isBuiltIn ? PERSONA_REGISTRY_VERSION : registryVersion(validRegistry),
    evaluations,
  };
}
