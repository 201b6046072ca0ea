import { PothosValidationError } from '@pothos/core';
import { useCookies } from '@whatwg-node/server-plugin-cookies';
import { GraphQLError } from 'graphql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { DomainError } from './errors.js';
import { useBadEnumInputAsBadUserInput } from './http/enum-input-errors.js';
import { useAuditExport } from './http/exports.js';
import { graphiqlSettings } from './http/graphiql.js';
import { useGraphQLSSEProtocol } from './http/graphql-sse.js';
import {
  PersistedDocuments,
  type PersistedDocumentsPolicy,
  usePersistedDocuments,
} from './http/persisted-documents.js';
import { RateLimiter, type RateLimitSettings } from './http/rate-limiter.js';
import { useRateLimits } from './http/rate-limits.js';
import { type NodeServerContext, requestOriginOf } from './http/request-origin.js';
import { sessionTokenOf } from './http/session-token.js';
import type { GraphQLContext } from './schema/context.js';
import { schema } from './schema/index.js';
import { recordUnauthorizedAccess } from './services/audit/record-denial.js';
import type { ServiceContext } from './services/context.js';
import { authenticateSession } from './services/operators.js';

/** Present when served by node:http; absent when called in-process through `yoga.fetch`. */
export type ServerContext = NodeServerContext;

export interface YogaOptions {
  services: ServiceContext;
  secureCookies?: boolean;
  /** Take the client address from X-Forwarded-For (only behind a trusted proxy). */
  trustProxy?: boolean;
  /** Per-minute limits on logins, audit queries and exports (config.rateLimits); absent means none (tests). */
  rateLimits?: RateLimitSettings;
  /**
   * The console's persisted documents (accepted by id) and whether other documents run too
   * (config.allowArbitraryDocuments). Default: the manifest in client/, arbitrary documents allowed.
   */
  persistedDocuments?: PersistedDocumentsPolicy;
}

// graphql ships CommonJS and ESM builds; libraries may load either, so `instanceof GraphQLError`
// is unreliable across them. Recognise GraphQL errors by shape instead.
function isGraphQLError(error: unknown): error is GraphQLError {
  return error instanceof Error && error.name === 'GraphQLError' && 'extensions' in error;
}

/** Turns errors callers can act on into typed GraphQL errors; everything else is masked. */
export function maskError(error: unknown, message: string): Error {
  const original = isGraphQLError(error) ? (error.originalError ?? error) : error;
  const path = isGraphQLError(error) ? error.path : undefined;
  if (original instanceof DomainError) {
    return new GraphQLError(original.message, {
      path,
      extensions: { code: original.code, ...original.details },
    });
  }
  if (original instanceof PothosValidationError) {
    return new GraphQLError(original.message, { path, extensions: { code: 'BAD_USER_INPUT' } });
  }
  // A GraphQL error thrown on purpose (auth scopes, validation) keeps its path and locations.
  if (isGraphQLError(original)) return isGraphQLError(error) ? error : original;
  console.error(original);
  return new GraphQLError(message, { path, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}

// Audit writes a request started (denials), by request, so its response can wait for them.
const pendingWritesOf = new WeakMap<Request, Promise<unknown>[]>();

/**
 * Holds each response until the audit writes its request started have committed, so a refused caller
 * cannot outrun the unauthorized_access entry about them. (The graphql-sse endpoint waits in its own plugin.)
 */
function useAwaitAuditWrites(): Plugin<GraphQLContext> {
  return {
    async onResultProcess({ request }) {
      await Promise.all(pendingWritesOf.get(request) ?? []);
    },
  };
}

/** The GraphQL server without `listen`: tests call `yoga.fetch` in-process, main.ts serves it. */
export function createOversightYoga(options: YogaOptions): YogaServerInstance<ServerContext, GraphQLContext> {
  const { services } = options;
  const rateLimiter = options.rateLimits ? new RateLimiter(options.rateLimits, services.now) : null;
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
    plugins: [
      useCookies(),
      usePersistedDocuments(persistedDocuments),
      useGraphQLSSEProtocol('/graphql/stream', persistedDocuments),
      useAwaitAuditWrites(),
      useRateLimits(rateLimiter),
      useAuditExport({ services, rateLimiter, trustProxy }),
      useBadEnumInputAsBadUserInput(),
    ],
    logging: process.env.NODE_ENV === 'test' ? false : 'info',
    context: async ({ request, req }) => {
      const sessionToken = sessionTokenOf(request);
      const operator = sessionToken ? await authenticateSession(services, sessionToken) : null;
      const origin = requestOriginOf(request, { req }, trustProxy);
      const pendingAuditWrites: Promise<unknown>[] = [];
      pendingWritesOf.set(request, pendingAuditWrites);
      return {
        services,
        operator,
        sessionToken,
        request,
        secureCookies: options.secureCookies ?? false,
        origin,
        pendingAuditWrites,
        recordDenial: (denial) => {
          pendingAuditWrites.push(
            recordUnauthorizedAccess(services, operator, origin, denial).catch((error) =>
              console.error('Could not record unauthorized_access', error),
            ),
          );
        },
      } satisfies GraphQLContext;
    },
  });
}
