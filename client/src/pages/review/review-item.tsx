import {
  Alert,
  Badge,
  Box,
  Button,
  Card,
  Checkbox,
  Field,
  HStack,
  Link,
  List,
  Stack,
  Text,
  Textarea,
} from '@chakra-ui/react';
import { useState } from 'react';
import { graphql, useFragment } from 'react-relay';
import { Link as RouterLink } from 'react-router';
import type { reviewItem_recommendation$key } from '../../__generated__/reviewItem_recommendation.graphql';
import { formatDateTime, windowLabel } from '../../components/format';
import { personaLabel } from '../../components/persona-label';
import { type ReviewAction, useReviewRecommendation } from '../../mutations/use-review-recommendation';
import { errorCodeOf } from '../../relay/errors';
import { mayOverride, mayUse } from '../../session/roles';

export const STATUS_LABEL: Record<string, { label: string; palette: string }> = {
  PENDING_REVIEW: { label: 'Pending review', palette: 'orange' },
  FLAGGED: { label: 'Flagged', palette: 'red' },
  APPROVED: { label: 'Approved', palette: 'green' },
  OVERRIDDEN: { label: 'Overridden', palette: 'purple' },
  PASSED: { label: 'Passed', palette: 'gray' },
};

/** Statuses an operator can still decide on (a delivered item may still be flagged). */
export const REVIEWABLE = ['PENDING_REVIEW', 'PASSED'];

/**
 * One recommendation in the queue: what the customer would read, why (the rationale and the figures it cites),
 * for which persona, what each guardrail said, and the operator's decision.
 */
export function ReviewItem({
  recommendation,
  role,
  selected,
  onSelect,
  onDecided,
}: {
  recommendation: reviewItem_recommendation$key;
  role: string;
  selected: boolean;
  onSelect(selected: boolean): void;
  onDecided(message: string): void;
}) {
  const item = useFragment(
    graphql`
      fragment reviewItem_recommendation on Recommendation {
        id
        title
        body
        kind
        rationale
        status
        window
        personaId
        stoppedAt
        createdAt
        reviewedAt
        reviewJustification
        reviewedBy {
          displayName
        }
        citedFacts {
          name
          value
        }
        guardrailResults {
          stage
          pass
          reason
        }
        user {
          id
          customerId
          name
        }
        assignment {
          persona {
            name
          }
        }
      }
    `,
    recommendation,
  );
  const [review, saving] = useReviewRecommendation();
  const [pending, setPending] = useState<ReviewAction | null>(null);
  const [justification, setJustification] = useState('');
  const [error, setError] = useState<string | null>(null);
  const canReview = mayUse(role, 'Mutation.reviewRecommendation') && REVIEWABLE.includes(item.status);
  const status = STATUS_LABEL[item.status] ?? { label: item.status, palette: 'gray' };
  const titleId = `rec-${item.id}`;

  function decide(action: ReviewAction, why?: string) {
    setError(null);
    review(
      { id: item.id, action, ...(why ? { justification: why } : {}) },
      {
        onDone: () => {
          setPending(null);
          setJustification('');
          onDecided(`${ACTION_DONE[action]}: ${item.title}`);
        },
        onError: (failure) => {
          const code = errorCodeOf(failure);
          setError(`${failure.message}${code ? ` (${code})` : ''}`);
        },
      },
    );
  }

  return (
    <Card.Root as="article" aria-labelledby={titleId} variant="outline" bg="white" data-testid="review-item">
      <Card.Body gap="3">
        <HStack justify="space-between" align="flex-start" wrap="wrap" gap="3">
          <HStack align="flex-start" gap="3">
            {canReview ? (
              <Checkbox.Root
                checked={selected}
                onCheckedChange={(change) => onSelect(change.checked === true)}
                mt="1"
              >
                <Checkbox.HiddenInput aria-label={`Select "${item.title}" for batch approval`} />
                <Checkbox.Control />
              </Checkbox.Root>
            ) : null}
            <Box>
              <Text as="h2" id={titleId} fontWeight="semibold" fontSize="lg">
                {item.title}
              </Text>
              <Text fontSize="sm" color="gray.700">
                {item.kind === 'PARTNER_OFFER' ? 'Partner offer' : 'Education'} for{' '}
                <Link asChild color="blue.700">
                  <RouterLink to={`/customers/${encodeURIComponent(item.user.id)}`}>
                    {item.user.name} ({item.user.customerId})
                  </RouterLink>
                </Link>{' '}
                · persona {personaLabel(item.personaId, item.assignment?.persona?.name)} ·{' '}
                {windowLabel(item.window)} · generated {formatDateTime(item.createdAt)}
              </Text>
            </Box>
          </HStack>
          <Badge colorPalette={status.palette} variant="subtle" size="lg">
            {status.label}
          </Badge>
        </HStack>
        <Text whiteSpace="pre-wrap">{item.body}</Text>
        <Box bg="blue.50" p="3" rounded="md">
          <Text fontWeight="medium">{item.rationale}</Text>
          {item.citedFacts && item.citedFacts.length > 0 ? (
            <HStack gap="2" mt="2" wrap="wrap" aria-label="Cited signals">
              {item.citedFacts.map((fact) => (
                <Badge key={fact.name} variant="outline" colorPalette="blue">
                  {fact.name.replaceAll('_', ' ')}: {String(fact.value)}
                </Badge>
              ))}
            </HStack>
          ) : null}
        </Box>
        <Box>
          <Text fontWeight="semibold" fontSize="sm" mb="1">
            Guardrails
          </Text>
          <List.Root variant="plain" gap="1" fontSize="sm">
            {item.guardrailResults.map((result) => (
              <List.Item key={result.stage}>
                <HStack gap="2">
                  <Badge colorPalette={result.pass ? 'green' : 'red'} minW="20" justifyContent="center">
                    {result.pass ? '✓ pass' : '✗ fail'}
                  </Badge>
                  <Text>
                    {result.stage.toLowerCase()}
                    {result.reason ? `: ${result.reason}` : ''}
                  </Text>
                </HStack>
              </List.Item>
            ))}
          </List.Root>
        </Box>
        {item.reviewedAt ? (
          <Text fontSize="sm" color="gray.700">
            Reviewed by {item.reviewedBy?.displayName ?? 'an operator'} at {formatDateTime(item.reviewedAt)}
            {item.reviewJustification ? `: "${item.reviewJustification}"` : ''}
          </Text>
        ) : null}
        {error ? (
          <Alert.Root status="error" role="alert">
            <Alert.Indicator />
            <Alert.Title>{error}</Alert.Title>
          </Alert.Root>
        ) : null}
        {canReview && pending ? (
          <Stack gap="2">
            <Field.Root required>
              <Field.Label>
                Justification for {pending === 'FLAG' ? 'flagging' : 'overriding'} <Field.RequiredIndicator />
              </Field.Label>
              <Textarea
                value={justification}
                maxLength={2000}
                rows={2}
                onChange={(event) => setJustification(event.target.value)}
              />
            </Field.Root>
            <HStack>
              <Button
                colorPalette={pending === 'FLAG' ? 'red' : 'purple'}
                _hover={{ bg: pending === 'FLAG' ? 'red.700' : 'purple.700' }}
                loading={saving}
                disabled={justification.trim().length === 0}
                onClick={() => decide(pending, justification.trim())}
              >
                {pending === 'FLAG' ? 'Confirm flag' : 'Confirm override'}
              </Button>
              <Button variant="ghost" onClick={() => setPending(null)}>
                Cancel
              </Button>
            </HStack>
          </Stack>
        ) : canReview ? (
          <HStack gap="2" wrap="wrap">
            <Button
              colorPalette="green"
              bg="green.700"
              _hover={{ bg: 'green.800' }}
              loading={saving}
              onClick={() => decide('APPROVE')}
            >
              Approve
            </Button>
            <Button variant="outline" colorPalette="red" onClick={() => setPending('FLAG')}>
              Flag…
            </Button>
            {mayOverride(role) ? (
              <Button variant="outline" colorPalette="purple" onClick={() => setPending('OVERRIDE')}>
                Override…
              </Button>
            ) : null}
          </HStack>
        ) : null}
      </Card.Body>
    </Card.Root>
  );
}

const ACTION_DONE: Record<ReviewAction, string> = {
  APPROVE: 'Approved',
  FLAG: 'Flagged',
  OVERRIDE: 'Overridden',
};
