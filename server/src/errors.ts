/**
 * Errors a caller can act on. Each carries a stable code that reaches GraphQL clients as
 * `extensions.code` and HTTP clients as a status; anything else is masked as an internal error.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'ACCOUNT_LOCKED'
  | 'CONSENT_REQUIRED'
  | 'RATE_LIMITED'
  | 'CONFLICT'
  /** Archival found the archive folder and the database disagreeing and stopped, changing nothing more. */
  | 'ARCHIVE_FAILED';

export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  ACCOUNT_LOCKED: 423,
  CONSENT_REQUIRED: 409,
  RATE_LIMITED: 429,
  CONFLICT: 409,
  ARCHIVE_FAILED: 409,
};

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

export const notFound = (what: string, id: string) =>
  new DomainError('NOT_FOUND', `${what} "${id}" was not found`, { id });

export const badInput = (message: string, details: Record<string, unknown> = {}) =>
  new DomainError('BAD_USER_INPUT', message, details);
