import {
  type DocumentNode,
  type FieldNode,
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

/** Root fields that count against a rate limit. Subscriptions are not limited. */
export const RATE_LIMITED_ROOT_FIELDS: Readonly<Record<string, RateLimitBucket>> = {
  'Mutation.login': 'login',
  'Query.auditLog': 'auditQuery',
  'Query.auditIntegrity': 'auditQuery',
  'Query.complianceMetrics': 'auditQuery',
};

/**
 * Refuses a whole operation with a `RATE_LIMITED` error (with `retryAfterSeconds`, HTTP status 429 and a
 * Retry-After header) when one of its root fields is over its limit. It runs before any resolver, so a
 * refused login writes no `login_attempt` entry and a refused audit query reads nothing. Each occurrence
 * of a field counts, so aliases cannot multiply a request's allowance.
 */
export function useRateLimits(limiter: RateLimiter | null): Plugin<GraphQLContext> {
  if (!limiter) return {};
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      const rootType =
        operation?.operation === 'mutation' ? 'Mutation' : operation?.operation === 'query' ? 'Query' : null;
      if (!operation || !rootType) return;
      const ctx = args.contextValue;
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
        const { message, details } = rateLimitedError(bucket, decision.retryAfterSeconds);
        setResultAndStopExecution({
          errors: [
            // Made by yoga's own helper, so yoga recognises the error and strips `http` from the response.
            createGraphQLError(message, {
              path: [field.alias?.value ?? field.name.value],
              extensions: {
                code: 'RATE_LIMITED',
                ...details,
                http: { status: 429, headers: { 'Retry-After': String(decision.retryAfterSeconds) } },
              },
            }),
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
