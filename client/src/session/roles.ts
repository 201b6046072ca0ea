import { can, OPERATOR_ROLES, type OperatorRole } from '@spendsense/server/domain/operators/roles';
import { allows, FIELD_POLICY } from '@spendsense/server/policy';

/**
 * The operator roles of the schema's `OperatorRole`, and what each may use: the console asks the server's own
 * authorization table (server/src/policy.ts, pure code shared with the client), so a page, a link or a
 * button is offered to exactly the roles the API serves, and a change of policy changes both at once.
 */
export type Role = OperatorRole;

export const ALL_ROLES: readonly Role[] = OPERATOR_ROLES;

export type PolicyField = keyof typeof FIELD_POLICY;

/** Whether an operator of `role` may use the root field `field` (e.g. `Mutation.overridePersona`). */
export function mayUse(role: string | null | undefined, field: PolicyField): boolean {
  return ALL_ROLES.includes(role as Role) && allows(FIELD_POLICY[field], { role: role as Role });
}

/** The roles that may use `field`. */
export function rolesFor(field: PolicyField): readonly Role[] {
  return ALL_ROLES.filter((role) => mayUse(role, field));
}

/**
 * Whether `role` may override a recommendation a guardrail held back: `reviewRecommendation` is open to
 * reviewers, and the review service asks this capability for its OVERRIDE decision.
 */
export function mayOverride(role: string | null | undefined): boolean {
  return ALL_ROLES.includes(role as Role) && can(role as Role, 'administer');
}
