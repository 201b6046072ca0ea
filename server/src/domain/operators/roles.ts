/**
 * Operator roles and what each may do. The GraphQL layer turns these capabilities into auth scopes,
 * so the rules live here once and the schema only names them.
 */
export type OperatorRole = 'VIEWER' | 'REVIEWER' | 'COMPLIANCE' | 'ADMIN';

export const OPERATOR_ROLES: readonly OperatorRole[] = ['VIEWER', 'REVIEWER', 'COMPLIANCE', 'ADMIN'];

export type Capability =
  /** Read customers, signals, personas and assignments. */
  | 'readCustomers'
  /** Run the persona engine for a customer; approve and flag recommendations. */
  | 'review'
  /** Read the audit log, compliance metrics and exports. */
  | 'readAudit'
  /** Override personas and recommendations; manage operators. */
  | 'administer';

const CAPABILITIES: Record<OperatorRole, readonly Capability[]> = {
  VIEWER: ['readCustomers'],
  REVIEWER: ['readCustomers', 'review'],
  COMPLIANCE: ['readCustomers', 'readAudit'],
  ADMIN: ['readCustomers', 'review', 'readAudit', 'administer'],
};

export function can(role: OperatorRole, capability: Capability): boolean {
  return CAPABILITIES[role].includes(capability);
}

export function capabilitiesOf(role: OperatorRole): readonly Capability[] {
  return CAPABILITIES[role];
}
