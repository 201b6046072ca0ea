import { decodeGlobalID } from '@pothos/plugin-relay';
import type { Plugin } from 'graphql-yoga';
import { type AuditExportFormat, type AuditFilter, isAuditExportFormat } from '../domain/audit/index.js';
import { badInput, DomainError, type ErrorCode, HTTP_STATUS } from '../errors.js';
import { allows, ROUTE_POLICY, requiredScopesOf } from '../policy.js';
import { type AuditExportOptions, exportAuditLog } from '../services/audit/export.js';
import { type GlobalIdValue, parseAuditFilter } from '../services/audit/filter-input.js';
import { recordUnauthorizedAccess } from '../services/audit/record-denial.js';
import type { ServiceContext } from '../services/context.js';
import { authenticateSession } from '../services/operators.js';
import { CSRF_CODE, CSRF_MESSAGE, isForgeable } from './csrf.js';
import { type RateLimiter, requesterKeys } from './rate-limiter.js';
import { describeRequest, noteErrorCode } from './request-log.js';
import { type NodeServerContext, requestOriginOf } from './request-origin.js';
import { sessionTokenOf } from './session-token.js';

export const AUDIT_EXPORT_PATH = '/exports/audit';
/** How a denied export appears in `unauthorized_access.field_path`. */
const DENIED_FIELD_PATH = `GET ${AUDIT_EXPORT_PATH}`;

export interface AuditExportEndpointOptions {
  services: ServiceContext;
  /** Exports per operator (or per address, before sign-in); null for no limit. */
  rateLimiter?: RateLimiter | null;
  /** Take the client address from X-Forwarded-For (only behind a trusted proxy). */
  trustProxy?: boolean;
  /** Passed to the export service (tests). */
  exportOptions?: AuditExportOptions;
}

/**
 * Serves `GET /exports/audit?format=csv|json|ndjson&eventTypes=a,b&userId=…&operatorId=…&recommendationId=…
 * &from=…&to=…&includeArchived=true|false` next to the GraphQL endpoint: a streamed download of the filtered audit log that verifies
 * offline. Authenticated like GraphQL (bearer token or session cookie), for admin and compliance only; with the
 * cookie alone, only with the CSRF header (see csrf.ts).
 */
export function useAuditExport(options: AuditExportEndpointOptions): Plugin<object, NodeServerContext> {
  return {
    async onRequest({ request, url, serverContext, endResponse }) {
      if (url.pathname !== AUDIT_EXPORT_PATH) return;
      endResponse(await serveAuditExport(request, url, serverContext, options));
    },
  };
}

/** The response to one export request. Never throws: every failure is a JSON error with a stable code. */
export async function serveAuditExport(
  request: Request,
  url: URL,
  serverContext: NodeServerContext | undefined,
  options: AuditExportEndpointOptions,
): Promise<Response> {
  const { services } = options;
  try {
    if (request.method !== 'GET') {
      return errorResponse(request, 'METHOD_NOT_ALLOWED', 405, `${AUDIT_EXPORT_PATH} only answers GET`, {
        Allow: 'GET',
      });
    }
    // A link or image on another site must not download an export with an operator's session cookie.
    if (isForgeable(request)) return errorResponse(request, CSRF_CODE, 403, CSRF_MESSAGE);
    const origin = requestOriginOf(request, serverContext, options.trustProxy ?? false);
    const token = sessionTokenOf(request);
    const operator = token ? await authenticateSession(services, token) : null;
    describeRequest(request, { operation: 'auditExport', operatorId: operator?.id });

    // Before authorization, so that a flood of refused requests cannot flood the audit log either.
    const decision = await options.rateLimiter?.take(
      'export',
      requesterKeys({ operatorId: operator?.id, ipAddress: origin.ipAddress }),
    );
    if (decision && !decision.allowed) {
      const seconds = decision.retryAfterSeconds;
      return errorResponse(
        request,
        'RATE_LIMITED',
        429,
        `Too many audit exports. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
        { 'Retry-After': String(seconds) },
        { retryAfterSeconds: seconds },
      );
    }

    if (!operator || !allows(ROUTE_POLICY['GET /exports/audit'], operator)) {
      await recordUnauthorizedAccess(services, operator, origin, {
        fieldPath: DENIED_FIELD_PATH,
        requiredScopes: requiredScopesOf(ROUTE_POLICY['GET /exports/audit']),
      });
      return operator
        ? errorResponse(request, 'FORBIDDEN', 403, `Not authorized to access ${DENIED_FIELD_PATH}`)
        : errorResponse(request, 'UNAUTHENTICATED', 401, 'You must be logged in', {
            'WWW-Authenticate': 'Bearer realm="SpendSense Oversight"',
          });
    }

    const { format, filter, includeArchived } = parseExportQuery(url.searchParams);
    const file = await exportAuditLog(
      services,
      { format, filter, includeArchived, operatorId: operator.id, origin, signal: request.signal },
      options.exportOptions,
    );
    return new Response(file.body, {
      status: 200,
      headers: {
        'Content-Type': file.contentType,
        'Content-Disposition': `attachment; filename="${file.filename}"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (error) {
    if (error instanceof DomainError) {
      return errorResponse(request, error.code, HTTP_STATUS[error.code], error.message, {}, error.details);
    }
    services.logger.error({ err: error }, 'Audit export request failed');
    return errorResponse(request, 'INTERNAL_SERVER_ERROR', 500, 'Unexpected error');
  }
}

function errorResponse(
  request: Request,
  code: ErrorCode | 'METHOD_NOT_ALLOWED' | 'INTERNAL_SERVER_ERROR' | typeof CSRF_CODE,
  status: number,
  message: string,
  headers: Record<string, string> = {},
  details: Record<string, unknown> = {},
): Response {
  noteErrorCode(request, code);
  return new Response(JSON.stringify({ error: { code, message, ...details } }), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  });
}

const PARAMETERS = [
  'format',
  'eventTypes',
  'userId',
  'operatorId',
  'recommendationId',
  'from',
  'to',
  'includeArchived',
] as const;
type Parameter = (typeof PARAMETERS)[number];

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * The export's query string as a format and a domain filter. Everything questionable is a
 * BAD_USER_INPUT: an unknown or repeated parameter (a misspelt filter must not widen an export silently),
 * an unknown format or event type, a global ID of the wrong type, a malformed instant, `from` after `to`.
 */
export function parseExportQuery(params: URLSearchParams): {
  format: AuditExportFormat;
  filter: AuditFilter;
  includeArchived: boolean;
} {
  const values = new Map<Parameter, string>();
  for (const [name, value] of params) {
    if (!(PARAMETERS as readonly string[]).includes(name)) {
      throw badInput(`Unknown parameter "${name}"; use ${PARAMETERS.join(', ')}`, { field: name });
    }
    if (values.has(name as Parameter)) {
      throw badInput(`Parameter "${name}" is given more than once`, { field: name });
    }
    values.set(name as Parameter, value);
  }
  const format = values.get('format')?.trim().toLowerCase();
  if (!isAuditExportFormat(format)) {
    throw badInput('format must be csv, json or ndjson', { field: 'format' });
  }
  const filter = parseAuditFilter({
    eventTypes: eventTypesOf(values.get('eventTypes')),
    userId: globalIdOf(values.get('userId'), 'User', 'userId'),
    operatorId: globalIdOf(values.get('operatorId'), 'Operator', 'operatorId'),
    recommendationId: globalIdOf(values.get('recommendationId'), 'Recommendation', 'recommendationId'),
    from: instantOf(values.get('from'), 'from'),
    to: instantOf(values.get('to'), 'to'),
  });
  const archived = values.get('includeArchived')?.trim().toLowerCase() ?? 'false';
  if (archived !== 'true' && archived !== 'false') {
    throw badInput('includeArchived must be true or false', { field: 'includeArchived' });
  }
  return { format, filter, includeArchived: archived === 'true' };
}

/** `a,b` as a list of lower-case names (checked by the filter parser). */
function eventTypesOf(value: string | undefined): string[] | null {
  if (value === undefined) return null;
  return value
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
}

/** A global ID as sent; whether it names the right type is the filter parser's check. */
function globalIdOf(value: string | undefined, typename: string, field: string): GlobalIdValue | null {
  if (value === undefined) return null;
  try {
    return decodeGlobalID(value.trim());
  } catch {
    throw badInput(`${field} must be the global ID of a ${typename}`, { field });
  }
}

/**
 * An RFC 3339 instant, or a calendar date meaning the start (`from`) or the last millisecond (`to`) of that
 * UTC day. A `+` in an unencoded offset arrives as a space, and is taken back.
 */
function instantOf(value: string | undefined, field: 'from' | 'to'): Date | null {
  if (value === undefined) return null;
  const text = value.trim().replace(/ (\d{2}:\d{2})$/, '+$1');
  const problem = badInput(
    `${field} must be an ISO 8601 instant such as 2026-11-22T07:02:49Z, or a date such as 2026-11-22`,
    { field },
  );
  if (!isCalendarDate(text.slice(0, 10))) throw problem;
  if (DATE_ONLY.test(text)) {
    return new Date(`${text}T${field === 'from' ? '00:00:00.000' : '23:59:59.999'}Z`);
  }
  if (!DATE_TIME.test(text)) throw problem;
  const instant = new Date(text);
  if (Number.isNaN(instant.getTime())) throw problem;
  return instant;
}

/** Whether `YYYY-MM-DD` names a real day; `Date` would quietly roll 2026-02-30 over to March. */
function isCalendarDate(text: string): boolean {
  const match = DATE_ONLY.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
