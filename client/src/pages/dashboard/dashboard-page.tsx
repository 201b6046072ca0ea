import { Text } from '@chakra-ui/react';
import { graphql } from 'react-relay';
import type { dashboardPageQuery } from '../../__generated__/dashboardPageQuery.graphql';
import { PageHeader } from '../../components/page-header';
import { usePageQuery } from '../../relay/use-page-query';

// Placeholder of the compliance dashboard (issue 7 item 9). Its nivo charts live in src/charts/ and are
// imported only from this route, so no other page loads them.
export default function DashboardPage() {
  const data = usePageQuery<dashboardPageQuery>(
    graphql`
      query dashboardPageQuery {
        complianceMetrics {
          consent {
            totalCustomers
            optInRatePct
          }
        }
      }
    `,
    {},
  );
  return (
    <>
      <PageHeader title="Compliance dashboard" />
      <Text>
        {data.complianceMetrics.consent.totalCustomers} customers,{' '}
        {data.complianceMetrics.consent.optInRatePct}% opted in.
      </Text>
    </>
  );
}
