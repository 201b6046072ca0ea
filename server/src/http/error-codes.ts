import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Every error a caller receives carries `extensions.code`. The parser's own errors, including the limits
 * GraphQL Armor enforces while parsing and validating (depth, aliases, tokens), arrive without one; they are
 * GRAPHQL_PARSE_FAILED, as yoga names its other parse errors. They also get yoga's mark of a request error
 * (`http.spec`, status 400), so a client asking for `application/graphql-response+json` gets 400 for a
 * response without data, as GraphQL over HTTP requires, and one asking for `application/json` gets 200.
 */
export function useErrorCodes(): Plugin {
  return {
    onResultProcess({ result }) {
      const results = Array.isArray(result) ? result : [result];
      for (const each of results) {
        const errors = (each as { errors?: unknown } | null)?.errors;
        if (!Array.isArray(errors)) continue;
        for (const error of errors as GraphQLError[]) {
          const extensions = error.extensions as Record<string, unknown> | undefined;
          if (!extensions || extensions['code'] !== undefined) continue;
          extensions['code'] = error.message.startsWith('Syntax Error')
            ? 'GRAPHQL_PARSE_FAILED'
            : 'GRAPHQL_VALIDATION_FAILED';
          if (!('data' in each) && extensions['http'] === undefined) {
            extensions['http'] = { spec: true, status: 400 };
          }
        }
      }
    },
  };
}
