import { Alert, Box, Button, Field, HStack, NativeSelect, Stack, Text } from '@chakra-ui/react';
import { useState } from 'react';
import { graphql, usePaginationFragment } from 'react-relay';
import { useSearchParams } from 'react-router';
import type { reviewQueuePage_query$key } from '../../__generated__/reviewQueuePage_query.graphql';
import type {
  GuardrailStage,
  RecommendationStatus,
  reviewQueuePageQuery,
} from '../../__generated__/reviewQueuePageQuery.graphql';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { ShowMoreButton } from '../../components/show-more-button';
import { useApproveRecommendations } from '../../mutations/use-review-recommendation';
import { errorCodeOf } from '../../relay/errors';
import { usePageQuery } from '../../relay/use-page-query';
import { mayUse } from '../../session/roles';
import { REVIEWABLE, ReviewItem } from './review-item';

const PAGE_SIZE = 10;

/** The `show` filter: which statuses the queue lists. */
const SHOW: Record<string, { label: string; statuses: RecommendationStatus[] }> = {
  pending: { label: 'Pending review', statuses: ['PENDING_REVIEW'] },
  flagged: { label: 'Flagged', statuses: ['FLAGGED'] },
  both: { label: 'Pending and flagged', statuses: ['PENDING_REVIEW', 'FLAGGED'] },
};

const STAGES: Record<string, { label: string; stage: GuardrailStage }> = {
  consent: { label: 'Consent', stage: 'CONSENT' },
  eligibility: { label: 'Eligibility', stage: 'ELIGIBILITY' },
  tone: { label: 'Tone', stage: 'TONE' },
  disclaimer: { label: 'Disclaimer', stage: 'DISCLAIMER' },
};

/** The review queue (story 6.4): recommendations a guardrail held back, decided one by one or in a batch. */
export default function ReviewQueuePage() {
  const [params, setParams] = useSearchParams();
  const show = SHOW[params.get('show') ?? ''] ? (params.get('show') as string) : 'pending';
  const stopped = STAGES[params.get('stoppedAt') ?? ''] ? (params.get('stoppedAt') as string) : '';
  const data = usePageQuery<reviewQueuePageQuery>(
    graphql`
      query reviewQueuePageQuery($filter: ReviewQueueFilter, $count: Int!) {
        viewer {
          role
        }
        ...reviewQueuePage_query @arguments(filter: $filter, count: $count)
      }
    `,
    {
      filter: { statuses: SHOW[show]!.statuses, ...(stopped ? { stoppedAt: STAGES[stopped]!.stage } : {}) },
      count: PAGE_SIZE,
    },
  );

  function setFilter(key: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  }

  return (
    <>
      <PageHeader
        title="Review queue"
        description="Recommendations a guardrail held back, waiting for an operator's decision."
      />
      <HStack as="form" aria-label="Filters" gap="4" mb="6" wrap="wrap" align="flex-end">
        <Field.Root maxW="xs">
          <Field.Label>Show</Field.Label>
          <NativeSelect.Root bg="white">
            <NativeSelect.Field value={show} onChange={(event) => setFilter('show', event.target.value)}>
              {Object.entries(SHOW).map(([value, { label }]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </NativeSelect.Field>
            <NativeSelect.Indicator />
          </NativeSelect.Root>
        </Field.Root>
        <Field.Root maxW="xs">
          <Field.Label>Stopped by guardrail</Field.Label>
          <NativeSelect.Root bg="white">
            <NativeSelect.Field
              value={stopped}
              onChange={(event) => setFilter('stoppedAt', event.target.value)}
            >
              <option value="">Any guardrail</option>
              {Object.entries(STAGES).map(([value, { label }]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </NativeSelect.Field>
            <NativeSelect.Indicator />
          </NativeSelect.Root>
        </Field.Root>
      </HStack>
      <ReviewList query={data} statuses={SHOW[show]!.statuses} role={data.viewer?.role ?? 'VIEWER'} />
    </>
  );
}

function ReviewList({
  query,
  statuses,
  role,
}: {
  query: reviewQueuePage_query$key;
  statuses: readonly string[];
  role: string;
}) {
  const { data, loadNext, hasNext, isLoadingNext } = usePaginationFragment(
    graphql`
      fragment reviewQueuePage_query on Query
      @argumentDefinitions(
        filter: { type: "ReviewQueueFilter" }
        count: { type: "Int!" }
        cursor: { type: "String" }
      )
      @refetchable(queryName: "reviewQueuePagePaginationQuery") {
        reviewQueue(filter: $filter, first: $count, after: $cursor) @connection(key: "reviewQueuePage_reviewQueue") {
          totalCount
          edges {
            node {
              id
              status
              ...reviewItem_recommendation
            }
          }
        }
      }
    `,
    query,
  );
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [message, setMessage] = useState<string | null>(null);
  const [batchError, setBatchError] = useState<string | null>(null);
  const [approve, approving] = useApproveRecommendations();

  // A decided item leaves the queue as soon as the store has its new status; older pages stay loaded.
  const visible = data.reviewQueue.edges.filter(({ node }) => statuses.includes(node.status));
  const decided = data.reviewQueue.edges.length - visible.length;
  const selectable = visible
    .filter(({ node }) => REVIEWABLE.includes(node.status))
    .map(({ node }) => node.id);
  const chosen = selectable.filter((id) => selected.has(id));
  const canReview = mayUse(role, 'Mutation.reviewRecommendations');

  function toggle(id: string, on: boolean) {
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  function approveChosen() {
    setBatchError(null);
    approve(chosen, {
      onDone: () => {
        setMessage(`Approved ${chosen.length} recommendation${chosen.length === 1 ? '' : 's'}.`);
        setSelected(new Set());
      },
      onError: (failure) => {
        const code = errorCodeOf(failure);
        setBatchError(`Nothing was approved: ${failure.message}${code ? ` (${code})` : ''}`);
      },
    });
  }

  return (
    <Stack gap="4">
      <Box role="status" aria-live="polite">
        <Text color="gray.700">
          {Math.max(data.reviewQueue.totalCount - decided, 0)} in the queue
          {decided > 0 ? ` · ${decided} decided just now` : ''}
        </Text>
        {message ? (
          <Alert.Root status="success" mt="2">
            <Alert.Indicator />
            <Alert.Title>{message}</Alert.Title>
          </Alert.Root>
        ) : null}
      </Box>
      {canReview && selectable.length > 0 ? (
        <HStack gap="3" wrap="wrap">
          <Button
            variant="outline"
            size="sm"
            onClick={() => setSelected(chosen.length === selectable.length ? new Set() : new Set(selectable))}
          >
            {chosen.length === selectable.length
              ? 'Clear selection'
              : `Select all ${selectable.length} shown`}
          </Button>
          <Button
            colorPalette="green"
            bg="green.700"
            _hover={{ bg: 'green.800' }}
            size="sm"
            disabled={chosen.length === 0}
            loading={approving}
            onClick={approveChosen}
          >
            Approve {chosen.length} selected
          </Button>
        </HStack>
      ) : null}
      {batchError ? (
        <Alert.Root status="error" role="alert">
          <Alert.Indicator />
          <Alert.Title>{batchError}</Alert.Title>
        </Alert.Root>
      ) : null}
      {visible.length === 0 ? (
        <EmptyState title="Nothing to review" description="No recommendation matches these filters." />
      ) : (
        visible.map(({ node }) => (
          <ReviewItem
            key={node.id}
            recommendation={node}
            role={role}
            selected={selected.has(node.id)}
            onSelect={(on) => toggle(node.id, on)}
            onDecided={(text) => setMessage(text)}
          />
        ))
      )}
      <ShowMoreButton
        alignSelf="flex-start"
        hasNext={hasNext}
        isLoadingNext={isLoadingNext}
        loadNext={loadNext}
        pageSize={PAGE_SIZE}
      />
    </Stack>
  );
}
