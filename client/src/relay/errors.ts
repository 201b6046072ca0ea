export interface GraphQLErrorShape {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

/** A GraphQL response that carried errors, with their `extensions.code` kept for the screens to act on. */
export class GraphQLResponseError extends Error {
  readonly errors: readonly GraphQLErrorShape[];
  constructor(errors: readonly GraphQLErrorShape[]) {
    super(errors.map((e) => e.message).join('; '));
    this.name = 'GraphQLResponseError';
    this.errors = errors;
  }
}

/** The `extensions.code` of the first error of a failed request (e.g. FORBIDDEN, RATE_LIMITED), or null. */
export function errorCodeOf(error: unknown): string | null {
  if (error instanceof GraphQLResponseError) return error.errors[0]?.extensions?.code ?? null;
  return null;
}

/** A numeric extension of the first error, e.g. `retryAfterSeconds` of RATE_LIMITED / ACCOUNT_LOCKED. */
export function errorExtensionOf(error: unknown, key: string): unknown {
  if (error instanceof GraphQLResponseError) return error.errors[0]?.extensions?.[key];
  return undefined;
}

/** A request refused because the session is gone (expired, revoked, never there). */
export function isSessionError(error: unknown): boolean {
  const code = errorCodeOf(error);
  return code === 'UNAUTHENTICATED' || code === 'SESSION_EXPIRED';
}
