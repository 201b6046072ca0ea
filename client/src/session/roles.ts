/** The operator roles of the schema's `OperatorRole`. */
export type Role = 'VIEWER' | 'REVIEWER' | 'COMPLIANCE' | 'ADMIN';

export const ALL_ROLES: readonly Role[] = ['VIEWER', 'REVIEWER', 'COMPLIANCE', 'ADMIN'];
