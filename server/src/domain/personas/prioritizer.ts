/**
 * Picks exactly one persona from the evaluations: the qualifying persona with the lowest priority number.
 * Priorities are unique in a valid registry; should two still tie, the smaller id (code-unit order) wins,
 * so the same input always gives the same decision.
 */

import { compareCodeUnits } from '../canonical-json.js';
import { assignmentConfidence, unclassifiedConfidence } from './confidence.js';
import { conditionLeaves } from './matcher.js';
import { comparePersonas } from './registry.js';
import {
  type ConditionResult,
  type PersonaDecision,
  type PersonaDefinition,
  type PersonaEvaluation,
  type PersonaRegistry,
  UNCLASSIFIED_PERSONA_ID,
} from './types.js';

const NO_MATCH = 'No persona criteria met';

export function prioritize(
  registry: PersonaRegistry,
  evaluations: readonly PersonaEvaluation[],
): PersonaDecision {
  const ranked = rankByPriority(registry, evaluations);
  const qualifying = ranked.filter(({ evaluation }) => evaluation.matched);
  const winner = qualifying[0];
  if (winner === undefined) {
    return {
      status: 'UNCLASSIFIED',
      personaId: UNCLASSIFIED_PERSONA_ID,
      priority: null,
      qualifyingPersonas: [],
      reason: explainNoMatch(ranked.map(({ evaluation }) => evaluation)),
      confidence: unclassifiedConfidence(ranked.map(({ evaluation }) => evaluation)),
    };
  }
  const { persona, evaluation } = winner;
  const outranking = ranked.slice(0, ranked.indexOf(winner)).map((entry) => entry.evaluation);
  const reason =
    qualifying.length === 1
      ? `Only qualifying persona (priority ${persona.priority})`
      : `Highest priority match among ${qualifying.length} qualifying personas (priority ${persona.priority})`;
  return {
    status: 'ASSIGNED',
    personaId: persona.id,
    priority: persona.priority,
    qualifyingPersonas: qualifying.map((entry) => entry.persona.id),
    reason,
    confidence: assignmentConfidence(evaluation, outranking),
  };
}

interface RankedEvaluation {
  persona: PersonaDefinition;
  evaluation: PersonaEvaluation;
}

function rankByPriority(
  registry: PersonaRegistry,
  evaluations: readonly PersonaEvaluation[],
): RankedEvaluation[] {
  const personasById = new Map(registry.map((persona) => [persona.id, persona]));
  const seen = new Set<string>();
  const ranked = evaluations.map((evaluation) => {
    const persona = personasById.get(evaluation.personaId);
    // Either would mean the evaluations came from a different registry than the one deciding.
    if (persona === undefined) {
      throw new Error(`Evaluation for persona "${evaluation.personaId}", which the registry does not define`);
    }
    if (seen.has(persona.id)) throw new Error(`Persona "${persona.id}" was evaluated more than once`);
    seen.add(persona.id);
    return { persona, evaluation };
  });
  return ranked.sort((a, b) => comparePersonas(a.persona, b.persona));
}

/** `No persona criteria met; closest: savings_builder (1 of 2 conditions held); missing data: …` */
function explainNoMatch(rankedEvaluations: readonly PersonaEvaluation[]): string {
  if (rankedEvaluations.length === 0) return `${NO_MATCH}; no personas were evaluated`;
  let closest: { personaId: string; held: number; total: number } | null = null;
  for (const evaluation of rankedEvaluations) {
    const { held, total } = topLevelConditions(evaluation.criteria);
    // Strictly closer only, so among equally close personas the higher priority one is named.
    if (closest === null || held * closest.total > closest.held * total) {
      closest = { personaId: evaluation.personaId, held, total };
    }
  }
  const parts = [NO_MATCH];
  if (closest === null || closest.held === 0) {
    parts.push('no condition held for any persona');
  } else {
    parts.push(`closest: ${closest.personaId} (${closest.held} of ${closest.total} conditions held)`);
  }
  const missingSignals = new Set(
    rankedEvaluations.flatMap((evaluation) =>
      conditionLeaves(evaluation.criteria)
        .filter((leaf) => leaf.actual === null)
        .map((leaf) => leaf.signal),
    ),
  );
  if (missingSignals.size > 0) {
    parts.push(`missing data: ${[...missingSignals].sort(compareCodeUnits).join(', ')}`);
  }
  return parts.join('; ');
}

/** The conditions an operator sees at the top of a persona's criteria; a nested group counts as one. */
function topLevelConditions(result: ConditionResult): { held: number; total: number } {
  if (result.kind === 'condition') return { held: result.held ? 1 : 0, total: 1 };
  return { held: result.children.filter((child) => child.held).length, total: result.children.length };
}
