import { Text } from '@chakra-ui/react';
import { graphql } from 'react-relay';
import { useParams } from 'react-router';
import type { customerProfilePageQuery } from '../../__generated__/customerProfilePageQuery.graphql';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { usePageQuery } from '../../relay/use-page-query';

// Placeholder of the customer profile (issue 7 item 4).
export default function CustomerProfilePage() {
  const { id = '' } = useParams();
  const data = usePageQuery<customerProfilePageQuery>(
    graphql`
      query customerProfilePageQuery($id: ID!) {
        user(id: $id) {
          customerId
          name
        }
      }
    `,
    { id },
  );
  if (!data.user)
    return <EmptyState title="No such customer" description={`Nothing is stored under ${id}.`} />;
  return (
    <>
      <PageHeader title={data.user.name} description={`Customer ${data.user.customerId}`} />
      <Text>The persona profile and decision trace appear here.</Text>
    </>
  );
}
