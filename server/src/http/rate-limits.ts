import {
  type DocumentNode,
  type FieldNode,
  type GraphQLError,
  getOperationAST,
  Kind,
  type SelectionSetNode,
  valueFromASTUntyped,
} from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../schema/context.js';
import {
  loginKeys,
  type RateLimitBucket,
  type RateLimiter,
  rateLimitedError,
  requesterKeys,
} from './rate-limiter.js';

/** Root fields that count against a rate limit of their own. Subscriptions count only as anonymous requests. */
export const RATE_LIMITED_ROOT_FIELDS: Readonly<Record<string, RateLimitBucket>> = {
  'Mutation.login': 'login',
  'Query.auditLog': 'auditQuery',
  'Query.auditIntegrity': 'auditQuery',
  'Query.complianceMetrics': 'auditQuery',
};

/**
 * The `RATE_LIMITED` error of a refused request: `retryAfterSeconds`, and (made by yoga's own helper, so
 * yoga recognises it and strips `http` from the response) HTTP status 429 with a Retry-After header.
 * `path` names the root field that was over its limit; a request refused as a whole has none.
 */
export function rateLimitedGraphQLError(
  bucket: RateLimitBucket,
  retryAfterSeconds: number,
  path?: string,
): GraphQLError {
  const { message, details } = rateLimitedError(bucket, retryAfterSeconds);
  return createGraphQLError(message, {
    ...(path === undefined ? {} : { path: [path] }),
    extensions: {
      code: 'RATE_LIMITED',
      ...details,
      http: { status: 429, headers: { 'Retry-After': String(retryAfterSeconds) } },
    },
  });
}

/**
 * Refuses a whole operation with a {@link rateLimitedGraphQLError} when it is over a limit, before any
 * resolver runs: an operation without a signed-in operator (queries, mutations and subscriptions alike) is
 * counted against its client address first, then each root field with a bucket of its own. So a refused
 * login writes no `login_attempt` entry and a refused audit query reads nothing. Each occurrence of a field
 * counts, so aliases cannot multiply a request's allowance.
 */
export function useRateLimits(limiter: RateLimiter | null): Plugin<GraphQLContext> {
  if (!limiter) return {};
  const anonymousRefusal = async (ctx: GraphQLContext): Promise<GraphQLError | null> => {
    if (ctx.operator) return null;
    const decision = await limiter.take('anonymous', requesterKeys({ ipAddress: ctx.origin.ipAddress }));
    return decision.allowed ? null : rateLimitedGraphQLError('anonymous', decision.retryAfterSeconds);
  };
  return {
    async onSubscribe({ args, setResultAndStopExecution }) {
      const refused = await anonymousRefusal(args.contextValue);
      if (refused) setResultAndStopExecution({ errors: [refused] });
    },
    async onExecute({ args, setResultAndStopExecution }) {
      const ctx = args.contextValue;
      const refusedAsAnonymous = await anonymousRefusal(ctx);
      if (refusedAsAnonymous) {
        setResultAndStopExecution({ errors: [refusedAsAnonymous] });
        return;
      }
      const operation = getOperationAST(args.document, args.operationName);
      const rootType =
        operation?.operation === 'mutation' ? 'Mutation' : operation?.operation === 'query' ? 'Query' : null;
      if (!operation || !rootType) return;
      for (const field of rootFields(operation.selectionSet, args.document)) {
        const bucket = RATE_LIMITED_ROOT_FIELDS[`${rootType}.${field.name.value}`];
        if (!bucket) continue;
        const keys =
          bucket === 'login'
            ? loginKeys({
                username: loginUsername(field, args.variableValues),
                ipAddress: ctx.origin.ipAddress,
              })
            : requesterKeys({ operatorId: ctx.operator?.id, ipAddress: ctx.origin.ipAddress });
        const decision = await limiter.take(bucket, keys);
        if (decision.allowed) continue;
        setResultAndStopExecution({
          errors: [
            rateLimitedGraphQLError(
              bucket,
              decision.retryAfterSeconds,
              field.alias?.value ?? field.name.value,
            ),
          ],
        });
        return;
      }
    },
  };
}

/** The operation's root fields, looking through inline fragments and fragment spreads. */
function rootFields(
  selectionSet: SelectionSetNode,
  document: DocumentNode,
  seen = new Set<string>(),
): FieldNode[] {
  const fields: FieldNode[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) fields.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) {
      fields.push(...rootFields(selection.selectionSet, document, seen));
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = document.definitions.find(
        (definition) =>
          definition.kind === Kind.FRAGMENT_DEFINITION && definition.name.value === selection.name.value,
      );
      if (fragment?.kind === Kind.FRAGMENT_DEFINITION)
        fields.push(...rootFields(fragment.selectionSet, document, seen));
    }
  }
  return fields;
}

/** `login(input: { username })`, whether written inline or passed in variables. */
function loginUsername(
  field: FieldNode,
  variables: Record<string, unknown> | null | undefined,
): string | null {
  const input = field.arguments?.find((argument) => argument.name.value === 'input');
  if (!input) return null;
  const value = valueFromASTUntyped(input.value, variables ?? undefined) as { username?: unknown } | null;
  return typeof value?.username === 'string' ? value.username : null;
}
