import { useGraphQlJit } from '@envelop/graphql-jit';
import { type ExecutionArgs, getOperationAST, getVariableValues } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../observability/logger.js';

/**
 * Executes queries and mutations with graphql-jit: each document is compiled once into a function that
 * resolves its fields without graphql-js's per-field interpretation (the page profile put GraphQL
 * execution at 18 % of a request's CPU). The compiled function is cached per parsed document, which yoga
 * itself caches per document text, so the console's persisted documents compile once per process.
 *
 * graphql-js still executes two kinds of request:
 * - subscriptions, whose events shared-subscription-events.ts executes once per payload shape;
 * - requests whose variables do not coerce: graphql-js names the variable, the path inside it and the
 *   reason ("Value "NOPE" does not exist in "AuditEventType" enum"), where graphql-jit names only the
 *   innermost field. Checking first costs one coercion of a request's (small) variables.
 *
 * Results are serialised with JSON.stringify: graphql-jit's schema-based serialiser refuses custom scalars
 * (DateTime, JSON).
 */
export function useCompiledExecution(logger: Logger): Plugin {
  return useGraphQlJit(
    {},
    {
      enableIf: compiles,
      // A valid document graphql-jit cannot compile is answered with its errors: log them through the
      // server's logger rather than the plugin's console.error.
      onError: (result) =>
        logger.error({ errors: result.errors }, 'graphql-jit could not compile a document'),
    },
  ) as Plugin;
}

function compiles(args: ExecutionArgs): boolean {
  const operation = getOperationAST(args.document, args.operationName);
  if (!operation || operation.operation === 'subscription') return false;
  const coerced = getVariableValues(
    args.schema,
    operation.variableDefinitions ?? [],
    args.variableValues ?? {},
  );
  return coerced.errors === undefined;
}
