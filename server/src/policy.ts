/**
 * Who may do what, in one table: every root field, every subscription, every object type that carries
 * customer, operator or audit data, the fields that lead from one to another, and every HTTP route. The
 * schema takes its auth scopes from here (schema/policy-plugin.ts), the export route asks `allows`, and
 * tests/authorization-policy.test.ts checks every entry against the built schema and runs every cell
 * against the real server. Roles grant capabilities in domain/operators/roles.ts.
 *
 * The viewer policy: a viewer reads everything a customer's record shows (customers, signals, personas,
 * assignments, recommendations, consent, wherever they appear, the review queue included) and the names
 * and roles of the operators who acted on it (assignedBy, reviewedBy, changedBy), and acts on nothing. The
 * operator directory, the audit trail, its exports, metrics and integrity are audit data: compliance and
 * administrators only. Operators are not customers: who reviewed or assigned a record is part of that
 * record, the same for everyone who may read it.
 */
import type { Capability, OperatorRole } from './domain/operators/index.js';
import { can } from './domain/operators/index.js';

/** `public`: anyone, signed in or not; `signedIn`: any operator with a live session; else a capability. */
export type Access = 'public' | 'signedIn' | Capability;

/** The callers of the table: no session, or an operator of one of the roles. */
export type Caller = 'anonymous' | OperatorRole;

export const CALLERS: readonly Caller[] = ['anonymous', 'VIEWER', 'REVIEWER', 'COMPLIANCE', 'ADMIN'];

/** Root fields and subscriptions (`Type.field`), and fields of object types that need more than their type. */
export const FIELD_POLICY = {
  'Query.auditIntegrity': 'readAudit',
  'Query.auditLog': 'readAudit',
  'Query.complianceMetrics': 'readAudit',
  // node/nodes answer any operator; each type's own policy below decides what they may read through them
  // (schema/node-access.ts), so they never reveal whether something the caller may not read exists.
  'Query.node': 'signedIn',
  'Query.nodes': 'signedIn',
  'Query.operators': 'readAudit',
  'Query.personaRegistryVersion': 'readCustomers',
  'Query.personas': 'readCustomers',
  'Query.profile': 'readCustomers',
  'Query.reviewQueue': 'readCustomers',
  'Query.user': 'readCustomers',
  'Query.users': 'readCustomers',
  'Query.viewer': 'public',
  'Mutation.assignPersona': 'review',
  'Mutation.generateRecommendations': 'review',
  'Mutation.login': 'public',
  'Mutation.logout': 'signedIn',
  'Mutation.overridePersona': 'administer',
  'Mutation.reviewRecommendation': 'review',
  'Mutation.reviewRecommendations': 'review',
  'Mutation.runRetention': 'administer',
  'Mutation.setConsent': 'review',
  'Subscription.auditEntryAdded': 'readAudit',
  // Operator identities reached from a customer's records: part of the record (see the viewer policy).
  'ConsentRecord.changedBy': 'readCustomers',
  'PersonaAssignment.assignedBy': 'readCustomers',
  'Recommendation.reviewedBy': 'readCustomers',
} as const satisfies Record<string, Access>;

type PolicyTypeName =
  | 'AuditEntry'
  | 'ConsentRecord'
  | 'Operator'
  | 'PersonaAssignment'
  | 'Recommendation'
  | 'User';

/** Object types whose every field carries customer, operator or audit data. */
export const TYPE_POLICY = {
  AuditEntry: 'readAudit',
  ConsentRecord: 'readCustomers',
  Operator: 'signedIn',
  PersonaAssignment: 'readCustomers',
  Recommendation: 'readCustomers',
  User: 'readCustomers',
} as const satisfies Record<PolicyTypeName, Access>;

/**
 * Who may load an object by its id through `node`/`nodes`: its type's policy, except that looking an operator
 * up by id is the operator directory (audit data), while an operator named on a record is part of that record.
 */
export const NODE_POLICY: Record<PolicyTypeName, Access> = { ...TYPE_POLICY, Operator: 'readAudit' };

/**
 * HTTP routes besides GraphQL's fields. `/graphql` and `/graphql/stream` carry operations whose fields
 * decide; `/metrics` is guarded by network address or a bearer token of its own (not a session), so it is
 * `public` here as far as roles go; the console is static files whose data comes through `/graphql`.
 */
export const ROUTE_POLICY = {
  'POST /graphql': 'public',
  'GET /graphql/stream': 'public',
  'GET /exports/audit': 'readAudit',
  'GET /metrics': 'public',
  'GET /livez': 'public',
  'GET /readyz': 'public',
  'GET /': 'public',
} as const satisfies Record<string, Access>;

export type PolicyField = keyof typeof FIELD_POLICY;
export type PolicyRoute = keyof typeof ROUTE_POLICY;

/** Whether `caller` passes `access`. */
export function allows(access: Access, caller: Caller | { role: OperatorRole } | null): boolean {
  const role =
    caller === null || caller === 'anonymous' ? null : typeof caller === 'string' ? caller : caller.role;
  if (access === 'public') return true;
  if (role === null) return false;
  return access === 'signedIn' || can(role, access);
}

/** The Pothos auth scopes that say `access` (none for public). */
export function authScopesOf(
  access: Access,
): { authenticated: true } | { capability: Capability } | undefined {
  if (access === 'public') return undefined;
  return access === 'signedIn' ? { authenticated: true } : { capability: access };
}

/** The scope names recorded with a denial of `access` (`capability:readAudit`, `authenticated`). */
export function requiredScopesOf(access: Access): string[] {
  if (access === 'public') return [];
  return access === 'signedIn' ? ['authenticated'] : [`capability:${access}`];
}
