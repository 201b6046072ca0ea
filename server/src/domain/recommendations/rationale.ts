/**
 * The "because" sentence of a recommendation, citing the customer's own numbers: masked account, amounts,
 * percentages. It explains the first of the item's triggers that fired; an item chosen for the persona alone
 * borrows the persona's own defining trigger, so the reason shown is the reason the persona was assigned.
 */

import { type SignalSnapshot, WINDOW_DAYS } from '../signals/types.js';
import { formatMoney } from './format.js';
import { TRIGGERS } from './triggers.js';
import { type Catalog, PERSONA_IDS, type PersonaId, type Rationale, type TriggerId } from './types.js';

/** The triggers that define each persona, most telling first. */
export const PERSONA_SIGNATURE_TRIGGERS: Readonly<Record<PersonaId, readonly TriggerId[]>> = {
  high_utilization: [
    'high_utilization',
    'interest_charges',
    'minimum_payment_only',
    'overdue',
    'elevated_utilization',
  ],
  variable_income_budgeter: ['irregular_income', 'thin_cash_buffer'],
  subscription_heavy: ['many_subscriptions', 'subscription_spend_high'],
  savings_builder: ['growing_savings', 'low_emergency_fund'],
  cash_flow_optimizer: ['strong_emergency_fund'],
  young_professional: ['low_credit_limit', 'short_history'],
  unclassified: [],
};

function sentence(clause: string): string {
  return `Because ${clause}.`;
}

/**
 * Tries the item's triggers in catalog order, then the persona's signature triggers; with none firing it
 * cites average monthly spending, and only with no usable numbers at all a generic sentence.
 */
export function buildRationale(
  snapshot: SignalSnapshot,
  personaId: PersonaId,
  itemTriggers: readonly TriggerId[],
): Rationale {
  for (const id of [...itemTriggers, ...PERSONA_SIGNATURE_TRIGGERS[personaId]]) {
    const trigger = TRIGGERS[id];
    if (!trigger.fires(snapshot)) continue;
    const { clause, facts } = trigger.explain(snapshot);
    return { text: sentence(clause), triggerId: id, facts };
  }
  const expenses = snapshot.values['history.averageMonthlyExpenses'];
  if (expenses !== null && expenses > 0) {
    const days = WINDOW_DAYS[snapshot.window];
    return {
      text: sentence(`your spending averaged ${formatMoney(expenses)} a month over the last ${days} days`),
      triggerId: null,
      facts: { average_monthly_expenses: expenses, window_days: days },
    };
  }
  return { text: sentence('these basics apply to almost every budget'), triggerId: null, facts: {} };
}

/**
 * The rationale a stored recommendation was given, rebuilt from the snapshot it rested on, so the figures it
 * cites can be shown apart from the sentence. Null when the item or persona is no longer known, or when the
 * rebuilt sentence differs from the stored one (the catalog or wording changed since): then the stored
 * sentence is the only truth.
 */
export function rebuildRationale(
  catalog: Catalog,
  snapshot: SignalSnapshot,
  stored: { personaId: string; catalogItemId: string; rationale: string },
): Rationale | null {
  const item = [...catalog.education, ...catalog.offers].find(({ id }) => id === stored.catalogItemId);
  const personaId = PERSONA_IDS.find((id) => id === stored.personaId);
  if (!item || !personaId) return null;
  const rebuilt = buildRationale(snapshot, personaId, item.triggers);
  return rebuilt.text === stored.rationale ? rebuilt : null;
}
