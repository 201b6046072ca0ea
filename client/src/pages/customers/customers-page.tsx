import { Link, List } from '@chakra-ui/react';
import { graphql } from 'react-relay';
import { Link as RouterLink } from 'react-router';
import type { customersPageQuery } from '../../__generated__/customersPageQuery.graphql';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { usePageQuery } from '../../relay/use-page-query';

// Placeholder of the customer search (issue 7 item 4): lists the first customers.
export default function CustomersPage() {
  const data = usePageQuery<customersPageQuery>(
    graphql`
      query customersPageQuery {
        users(first: 20) {
          totalCount
          edges {
            node {
              id
              customerId
              name
            }
          }
        }
      }
    `,
    {},
  );
  return (
    <>
      <PageHeader title="Customers" description={`${data.users.totalCount} customers`} />
      {data.users.edges.length === 0 ? (
        <EmptyState title="No customers yet" description="Load customer data with pnpm cli ingest." />
      ) : (
        <List.Root variant="plain" gap="1">
          {data.users.edges.map(({ node }) => (
            <List.Item key={node.id}>
              <Link asChild color="blue.700">
                <RouterLink to={`/customers/${encodeURIComponent(node.id)}`}>
                  {node.name} ({node.customerId})
                </RouterLink>
              </Link>
            </List.Item>
          ))}
        </List.Root>
      )}
    </>
  );
}
