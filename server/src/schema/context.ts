import type { Operator } from '../generated/prisma/client.js';
import type { RequestOrigin, ServiceContext } from '../services/context.js';

/** Per-request GraphQL context: who is calling, from where, and the services they may use. */
export interface GraphQLContext {
  services: ServiceContext;
  operator: Operator | null;
  /** The raw session token of this request, when one was sent (for logout). */
  sessionToken: string | null;
  origin: RequestOrigin;
  request: Request;
  secureCookies: boolean;
}
