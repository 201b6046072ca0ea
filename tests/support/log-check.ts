/**
 * Checks a JSON log (one pino line per line) for what must never be in it: a secret (a password the tests
 * use, a session token, an Authorization or Cookie header), or a stack trace attached to an expected error.
 */

/** Error codes a caller causes and can act on: logged as codes in the request line, never with a stack. */
export const EXPECTED_ERROR_CODES = new Set([
  'BAD_USER_INPUT',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'NOT_FOUND',
  'RATE_LIMITED',
  'ACCOUNT_LOCKED',
  'CONSENT_REQUIRED',
  'CONFLICT',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
]);

/** Error classes that stand for expected errors (pino's `err.type`). */
const EXPECTED_ERROR_TYPES = new Set(['DomainError', 'PothosValidationError']);

/** A session token: 32 random bytes in base64url, 43 characters, standing alone. */
const SESSION_TOKEN = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/;
const HEADER_SECRETS = [
  /Bearer\s+[A-Za-z0-9_-]{10,}/i,
  /ss_session=/,
  /"(authorization|cookie|set-cookie)":\s*"/i,
];

export interface LogProblem {
  line: number;
  problem: string;
}

export function checkLog(text: string, knownSecrets: readonly string[]): LogProblem[] {
  const problems: LogProblem[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    if (raw.trim() === '') return;
    const line = index + 1;
    for (const secret of knownSecrets) {
      if (secret && raw.includes(secret))
        problems.push({ line, problem: `contains the secret "${secret.slice(0, 4)}…"` });
    }
    if (SESSION_TOKEN.test(raw))
      problems.push({ line, problem: 'contains something shaped like a session token' });
    for (const pattern of HEADER_SECRETS) {
      if (pattern.test(raw))
        problems.push({ line, problem: `contains a credential header (${pattern.source})` });
    }
    let entry: { err?: { type?: string; stack?: string; code?: string }; errors?: string[]; stack?: string };
    try {
      entry = JSON.parse(raw);
    } catch {
      problems.push({ line, problem: 'is not a JSON log line' });
      return;
    }
    const stack = entry.err?.stack ?? entry.stack;
    if (!stack) return;
    const expectedType = entry.err?.type !== undefined && EXPECTED_ERROR_TYPES.has(entry.err.type);
    const expectedCode =
      (entry.err?.code !== undefined && EXPECTED_ERROR_CODES.has(entry.err.code)) ||
      (entry.errors ?? []).some((code) => EXPECTED_ERROR_CODES.has(code));
    if (expectedType || expectedCode)
      problems.push({ line, problem: 'has a stack trace for an expected error' });
  });
  return problems;
}
