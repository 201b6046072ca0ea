import { createContext, useContext } from 'react';
import { type GraphQLTaggedNode, useLazyLoadQuery } from 'react-relay';
import type { CacheConfig, FetchPolicy, OperationType } from 'relay-runtime';

/** Bumped by the enclosing QueryBoundary's "Try again"; a new fetch key makes Relay ask the server again. */
export const RetryKeyContext = createContext(0);

/**
 * `useLazyLoadQuery` for a page's query inside a QueryBoundary: suspends (the boundary shows the skeleton),
 * throws errors to the boundary (error state, "Not allowed"), and fetches again when the operator retries
 * (Relay keeps a failed query's error for the same fetch key).
 */
export function usePageQuery<T extends OperationType>(
  query: GraphQLTaggedNode,
  variables: T['variables'],
  options: { fetchPolicy?: FetchPolicy; networkCacheConfig?: CacheConfig } = {},
): T['response'] {
  const retryKey = useContext(RetryKeyContext);
  return useLazyLoadQuery<T>(query, variables, {
    fetchPolicy: options.fetchPolicy ?? 'store-and-network',
    ...(options.networkCacheConfig ? { networkCacheConfig: options.networkCacheConfig } : {}),
    fetchKey: retryKey,
  });
}
