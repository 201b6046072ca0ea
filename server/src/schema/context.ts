import { DomainError } from '../errors.js';
import type { Operator } from '../generated/prisma/client.js';
import type { Denial } from '../services/audit/record-denial.js';
import type { RequestOrigin, ServiceContext } from '../services/context.js';
import type { SessionProblem } from '../services/operators.js';
import type { ReferenceLoaders } from './audit-references.js';

/** Per-request GraphQL context: who is calling, from where, and the services they may use. */
export interface GraphQLContext {
  services: ServiceContext;
  operator: Operator | null;
  /** Why the session token sent (if any) did not authenticate: SESSION_EXPIRED is its own code. */
  sessionProblem: SessionProblem | null;
  /** The raw session token of this request, when one was sent (for logout). */
  sessionToken: string | null;
  origin: RequestOrigin;
  request: Request;
  secureCookies: boolean;
  /**
   * Records an authorization denial in the audit log. The write runs alongside the request and is awaited
   * before the response is sent (see `useAwaitAuditWrites`), so a denied caller cannot outrun its audit entry.
   */
  recordDenial: (denial: Denial) => void;
  /** Audit writes started during this request that must finish before it responds. */
  pendingAuditWrites: Promise<unknown>[];
  /** Batched loads of the customers, operators, recommendations and assignments the response names. */
  references: ReferenceLoaders;
}

/**
 * The operator behind a request that passed its auth scopes. Scopes already refused anonymous callers, so a
 * missing operator here means a resolver was declared without them.
 */
export function signedInOperator(ctx: GraphQLContext): Operator {
  if (!ctx.operator) throw new DomainError('UNAUTHENTICATED', 'You must be logged in');
  return ctx.operator;
}
