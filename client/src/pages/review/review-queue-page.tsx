import { Text } from '@chakra-ui/react';
import { graphql } from 'react-relay';
import type { reviewQueuePageQuery } from '../../__generated__/reviewQueuePageQuery.graphql';
import { PageHeader } from '../../components/page-header';
import { usePageQuery } from '../../relay/use-page-query';

// Placeholder of the review queue (issue 7 item 5).
export default function ReviewQueuePage() {
  const data = usePageQuery<reviewQueuePageQuery>(
    graphql`
      query reviewQueuePageQuery {
        reviewQueue(first: 1) {
          totalCount
        }
      }
    `,
    {},
  );
  return (
    <>
      <PageHeader title="Review queue" />
      <Text>{data.reviewQueue.totalCount} recommendations in the queue.</Text>
    </>
  );
}
