import { useCallback } from 'react';
import { graphql, useMutation } from 'react-relay';
import type { useReviewRecommendationBatchMutation } from '../__generated__/useReviewRecommendationBatchMutation.graphql';
import type { useReviewRecommendationMutation } from '../__generated__/useReviewRecommendationMutation.graphql';

export type ReviewAction = 'APPROVE' | 'OVERRIDE' | 'FLAG';

/**
 * One review decision. The answer carries the recommendation's new status, so every screen showing it updates
 * from the Relay store; the queue's own connection drops the item when it no longer belongs there.
 */
export function useReviewRecommendation(): [
  (
    input: { id: string; action: ReviewAction; justification?: string },
    callbacks: { onDone(): void; onError(error: Error): void },
  ) => void,
  boolean,
] {
  const [commit, inFlight] = useMutation<useReviewRecommendationMutation>(graphql`
    mutation useReviewRecommendationMutation($input: ReviewRecommendationInput!) {
      reviewRecommendation(input: $input) {
        id
        status
        reviewedAt
        reviewJustification
        reviewedBy {
          displayName
        }
      }
    }
  `);
  const review = useCallback(
    (
      input: { id: string; action: ReviewAction; justification?: string },
      callbacks: { onDone(): void; onError(error: Error): void },
    ) =>
      commit({
        variables: { input },
        onCompleted: () => callbacks.onDone(),
        onError: (error) => callbacks.onError(error),
      }),
    [commit],
  );
  return [review, inFlight];
}

/** Approves many recommendations at once, all or nothing. */
export function useApproveRecommendations(): [
  (ids: string[], callbacks: { onDone(): void; onError(error: Error): void }) => void,
  boolean,
] {
  const [commit, inFlight] = useMutation<useReviewRecommendationBatchMutation>(graphql`
    mutation useReviewRecommendationBatchMutation($input: ReviewRecommendationsInput!) {
      reviewRecommendations(input: $input) {
        id
        status
        reviewedAt
        reviewedBy {
          displayName
        }
      }
    }
  `);
  const approve = useCallback(
    (ids: string[], callbacks: { onDone(): void; onError(error: Error): void }) =>
      commit({
        variables: { input: { ids, action: 'APPROVE' } },
        onCompleted: () => callbacks.onDone(),
        onError: (error) => callbacks.onError(error),
      }),
    [commit],
  );
  return [approve, inFlight];
}
