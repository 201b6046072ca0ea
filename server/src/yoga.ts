import { PothosValidationError } from '@pothos/core';
import { useCookies } from '@whatwg-node/server-plugin-cookies';
import { GraphQLError } from 'graphql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { DomainError } from './errors.js';
import type { GraphQLContext } from './schema/context.js';
import { schema } from './schema/index.js';
import { SESSION_COOKIE } from './schema/session-cookie.js';
import { recordUnauthorizedAccess } from './services/audit/record-denial.js';
import type { ServiceContext } from './services/context.js';
import { authenticateSession } from './services/operators.js';

export interface ServerContext {
  /** Present when served by node:http; absent when called in-process through `yoga.fetch`. */
  req?: { socket?: { remoteAddress?: string | undefined } };
}

export interface YogaOptions {
  services: ServiceContext;
  secureCookies?: boolean;
  /** Take the client address from X-Forwarded-For (only behind a trusted proxy). */
  trustProxy?: boolean;
}

function sessionTokenOf(request: Request): string | null {
  const authorization = request.headers.get('authorization');
  if (authorization?.toLowerCase().startsWith('bearer ')) return authorization.slice(7).trim() || null;
  const cookies = request.headers.get('cookie');
  if (!cookies) return null;
  for (const part of cookies.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return decodeURIComponent(value.join('='));
  }
  return null;
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
  if (isGraphQLError(original)) return original;
  console.error(original);
  return new GraphQLError(message, { path, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}

/** Holds each response until the audit writes its request started (denials) have committed. */
function useAwaitAuditWrites(): Plugin<GraphQLContext> {
  return {
    onExecute() {
      return {
        async onExecuteDone({ args }) {
          await Promise.all(args.contextValue.pendingAuditWrites);
        },
      };
    },
    onSubscribe() {
      return {
        async onSubscribeResult({ args }) {
          await Promise.all(args.contextValue.pendingAuditWrites);
        },
      };
    },
  };
}

/** The GraphQL server without `listen`: tests call `yoga.fetch` in-process, main.ts serves it. */
export function createOversightYoga(options: YogaOptions): YogaServerInstance<ServerContext, GraphQLContext> {
  const { services } = options;
  return createYoga<ServerContext, GraphQLContext>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: { title: 'SpendSense Oversight', defaultQuery: GRAPHIQL_DEFAULT_QUERY },
    maskedErrors: { maskError },
    plugins: [useCookies(), useAwaitAuditWrites()],
    logging: process.env.NODE_ENV === 'test' ? false : 'info',
    context: async ({ request, req }) => {
      const sessionToken = sessionTokenOf(request);
      const operator = sessionToken ? await authenticateSession(services, sessionToken) : null;
      const forwarded = options.trustProxy
        ? request.headers.get('x-forwarded-for')?.split(',')[0]?.trim()
        : null;
      const origin = {
        ipAddress: forwarded || req?.socket?.remoteAddress || null,
        userAgent: request.headers.get('user-agent'),
      };
      const pendingAuditWrites: Promise<unknown>[] = [];
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

const GRAPHIQL_DEFAULT_QUERY = `# Welcome to SpendSense Oversight.
# 1. Log in (the demo logins are printed when the server starts):
mutation Login {
  login(input: { username: "admin", password: "see-the-console-output" }) {
    token
    operator { displayName role }
  }
}

# 2. Then find a customer and read their persona profile with the full decision trace:
query Customers {
  users(first: 5, search: "") {
    totalCount
    edges { node { id customerId name currentPersona(window: D30) { personaId confidence } } }
  }
}
`;
