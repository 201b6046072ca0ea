import { useCookies } from '@whatwg-node/server-plugin-cookies';
import type { GraphQLError } from 'graphql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { type AbuseLimits, DEFAULT_ABUSE_LIMITS, useAbuseLimits } from './http/abuse-limits.js';
import { useCompiledExecution } from './http/compiled-execution.js';
import { corsPolicy } from './http/cors.js';
import { useCsrfPrevention } from './http/csrf.js';
import { useBadInputValuesAsBadUserInput } from './http/enum-input-errors.js';
import { useErrorCodes } from './http/error-codes.js';
import { isGraphQLError, maskError } from './http/error-masking.js';
import { useAuditExport } from './http/exports.js';
import { graphiqlSettings } from './http/graphiql.js';
import { useGraphQLSSEProtocol } from './http/graphql-sse.js';
import { type ReadinessCheck, ServerLifecycle, useHealthRoutes } from './http/health.js';
import { useMetricsRoute } from './http/metrics-route.js';
import {
  PersistedDocuments,
  type PersistedDocumentsPolicy,
  usePersistedDocuments,
} from './http/persisted-documents.js';
import { RateLimiter, type RateLimitSettings, refusalKeys } from './http/rate-limiter.js';
import { rateLimitedGraphQLError, useRateLimits } from './http/rate-limits.js';
import { useRequestLog } from './http/request-log.js';
import { type NodeServerContext, requestOriginOf } from './http/request-origin.js';
import { sessionTokenOf } from './http/session-token.js';
import { useSharedSubscriptionEvents } from './http/shared-subscription-events.js';
import { useWellFormedStrings } from './http/well-formed-strings.js';
import { createReferenceLoaders } from './schema/audit-references.js';
import type { GraphQLContext } from './schema/context.js';
import { schema } from './schema/index.js';
import { recordUnauthorizedAccess } from './services/audit/record-denial.js';
import type { ServiceContext } from './services/context.js';
import { sessionOf } from './services/operators.js';

/** The graphql-sse protocol's endpoint (the console's subscriptions); yoga's own SSE answers at /graphql. */
const GRAPHQL_SSE_ENDPOINT = '/graphql/stream';

/** Present when served by node:http; absent when called in-process through `yoga.fetch`. */
export type ServerContext = NodeServerContext;

export interface YogaOptions {
  services: ServiceContext;
  secureCookies?: boolean;
  /** Take the client address from X-Forwarded-For (only behind a trusted proxy). */
  trustProxy?: boolean;
  /** Per-minute limits on logins, audit queries, exports, refusals and anonymous requests (config.rateLimits); absent means none (tests). */
  rateLimits?: RateLimitSettings;
  /** Starting, ready or draining, as `/readyz` reports it; absent means always ready (tests). */
  lifecycle?: ServerLifecycle;
  /** Further dependencies `/readyz` pings (Redis clients). */
  readinessChecks?: readonly ReadinessCheck[];
  /** Who may read `/metrics`: client addresses, or a bearer token (config.metrics); default loopback only. */
  metricsAccess?: { allow: readonly string[]; token?: string | undefined };
  /**
   * The console's persisted documents (accepted by id) and whether other documents run too
   * (config.allowArbitraryDocuments). Default: the manifest in client/, arbitrary documents allowed.
   */
  persistedDocuments?: PersistedDocumentsPolicy;
  /** Browser origins allowed to call the API across origins (config.corsOrigins); default none. */
  corsOrigins?: readonly string[];
  /** GraphQL depth, alias, token and cost limits and the body size limit (config.ts); default DEFAULT_ABUSE_LIMITS. */
  limits?: AbuseLimits;
}

export type { maskError };

// Audit writes a request started (denials), by request, so its response can wait for them.
const pendingWritesOf = new WeakMap<Request, Promise<unknown>[]>();
// Requests refused once too often: seconds until their address or operator may be refused (and audited) again.
const refusalsExhaustedOf = new WeakMap<Request, number>();

/**
 * Waits until the audit writes a request started have committed, so a refused caller cannot outrun the
 * unauthorized_access entry about them. A request refused past its refusal allowance wrote no entry: its
 * answer is then a 429 `RATE_LIMITED` error instead, which this returns.
 */
async function settleAuditWrites(request: Request): Promise<GraphQLError | null> {
  await Promise.all(pendingWritesOf.get(request) ?? []);
  const retryAfterSeconds = refusalsExhaustedOf.get(request);
  return retryAfterSeconds === undefined ? null : rateLimitedGraphQLError('refusal', retryAfterSeconds);
}

/** {@link settleAuditWrites} before each response of /graphql (the graphql-sse endpoint calls it itself). */
function useAwaitAuditWrites(): Plugin<GraphQLContext> {
  return {
    async onResultProcess({ request, setResult }) {
      const refused = await settleAuditWrites(request);
      if (refused) setResult({ errors: [refused] });
    },
  };
}

/** The GraphQL server without `listen`: tests call `yoga.fetch` in-process, main.ts serves it. */
export function createOversightYoga(options: YogaOptions): YogaServerInstance<ServerContext, GraphQLContext> {
  const { services } = options;
  const rateLimiter = options.rateLimits
    ? new RateLimiter(options.rateLimits, services.now, {
        store: services.rateLimitStore,
        onRefusal: (bucket) => services.metrics.rateLimitRefusals.inc({ bucket }),
      })
    : null;
  const trustProxy = options.trustProxy ?? false;
  const persistedDocuments = options.persistedDocuments ?? {
    documents: PersistedDocuments.fromFile(),
    allowArbitraryDocuments: true,
  };
  return createYoga<ServerContext, GraphQLContext>({
    schema,
    graphqlEndpoint: '/graphql',
    ...graphiqlSettings(),
    maskedErrors: { maskError },
    cors: corsPolicy(options.corsOrigins ?? []),
    plugins: [
      useErrorCodes(),
      ...useAbuseLimits(options.limits ?? DEFAULT_ABUSE_LIMITS),
      useWellFormedStrings(),
      useRequestLog(services),
      useCsrfPrevention(['/graphql', GRAPHQL_SSE_ENDPOINT]),
      useHealthRoutes({
        services,
        lifecycle: options.lifecycle ?? new ServerLifecycle('ready'),
        checks: options.readinessChecks ?? [],
      }),
      useMetricsRoute({
        services,
        allow: options.metricsAccess?.allow ?? ['127.0.0.1', '::1'],
        token: options.metricsAccess?.token,
        trustProxy,
      }),
      useCookies(),
      usePersistedDocuments(persistedDocuments),
      useGraphQLSSEProtocol(GRAPHQL_SSE_ENDPOINT, persistedDocuments, settleAuditWrites),
      useAwaitAuditWrites(),
      useRateLimits(rateLimiter),
      useAuditExport({ services, rateLimiter, trustProxy }),
      useBadInputValuesAsBadUserInput(),
      useSharedSubscriptionEvents(),
      useCompiledExecution(services.logger),
    ],
    // Errors of execution are logged with their request id by useRequestLog; what yoga reports itself
    // (errors outside execution, such as a failing context factory) goes to the same logger.
    logging: {
      debug: (...args) => services.logger.debug({ yoga: args }, 'yoga'),
      info: (...args) => services.logger.info({ yoga: args }, 'yoga'),
      warn: (...args) => services.logger.warn({ yoga: args }, 'yoga'),
      error: (...args) => {
        for (const arg of args) {
          if (isGraphQLError(arg) && arg.path) continue;
          services.logger.error({ err: arg }, 'yoga error');
        }
      },
    },
    context: async ({ request, req }) => {
      const sessionToken = sessionTokenOf(request);
      const session = sessionToken ? await sessionOf(services, sessionToken) : null;
      const operator = session?.operator ?? null;
      const origin = requestOriginOf(request, { req }, trustProxy);
      const pendingAuditWrites: Promise<unknown>[] = [];
      pendingWritesOf.set(request, pendingAuditWrites);
      return {
        services,
        operator,
        sessionProblem: session?.problem ?? null,
        sessionToken,
        request,
        secureCookies: options.secureCookies ?? false,
        origin,
        pendingAuditWrites,
        references: createReferenceLoaders(services.db.prisma),
        recordDenial: (denial) => {
          const record = async () => {
            const decision = await rateLimiter?.take(
              'refusal',
              refusalKeys({ operatorId: operator?.id, ipAddress: origin.ipAddress }),
            );
            if (decision && !decision.allowed) {
              refusalsExhaustedOf.set(request, decision.retryAfterSeconds);
              return;
            }
            await recordUnauthorizedAccess(services, operator, origin, denial);
          };
          pendingAuditWrites.push(
            record().catch((error) =>
              services.logger.error({ err: error }, 'Could not record unauthorized_access'),
            ),
          );
        },
      } satisfies GraphQLContext;
    },
  });
}
