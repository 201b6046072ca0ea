import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { DomainError } from '../errors.js';

// graphql ships CommonJS and ESM builds; libraries may load either, so `instanceof GraphQLError`
// is unreliable across them. Recognise GraphQL errors by shape instead.
export function isGraphQLError(error: unknown): error is GraphQLError {
  return error instanceof Error && error.name === 'GraphQLError' && 'extensions' in error;
}

/**
 * What an error thrown during a request is: a typed error the caller can act on (`expected`, with its
 * code: logged as one line without a stack) or a fault of ours (`INTERNAL_SERVER_ERROR`: logged with
 * its stack, masked in the response).
 */
export function classifyError(error: unknown): { code: string; expected: boolean; original: unknown } {
  const original = isGraphQLError(error) ? (error.originalError ?? error) : error;
  if (original instanceof DomainError) return { code: original.code, expected: true, original };
  if (original instanceof PothosValidationError) return { code: 'BAD_USER_INPUT', expected: true, original };
  if (isGraphQLError(original)) {
    const code = original.extensions?.['code'];
    return { code: typeof code === 'string' ? code : 'GRAPHQL_ERROR', expected: true, original };
  }
  return { code: 'INTERNAL_SERVER_ERROR', expected: false, original };
}

/** Turns errors callers can act on into typed GraphQL errors; everything else is masked. */
export function maskError(error: unknown, message: string): Error {
  const path = isGraphQLError(error) ? error.path : undefined;
  const { original, expected } = classifyError(error);
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
  if (expected && isGraphQLError(original)) return isGraphQLError(error) ? error : original;
  // Logged with its stack by the request log (http/request-log.ts), which knows the request id.
  return new GraphQLError(message, { path, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}
