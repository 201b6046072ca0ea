import { Table } from '@chakra-ui/react';
import { graphql } from 'react-relay';
import type { auditLogPageQuery } from '../../__generated__/auditLogPageQuery.graphql';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { usePageQuery } from '../../relay/use-page-query';

// Placeholder of the audit log (issue 7 items 6-8): the newest entries.
export default function AuditLogPage() {
  const data = usePageQuery<auditLogPageQuery>(
    graphql`
      query auditLogPageQuery {
        auditLog(first: 20) {
          totalCount
          edges {
            node {
              id
              sequence
              eventType
              occurredAt
            }
          }
        }
      }
    `,
    {},
  );
  return (
    <>
      <PageHeader title="Audit log" description={`${data.auditLog.totalCount} entries`} />
      {data.auditLog.edges.length === 0 ? (
        <EmptyState title="No audit entries" />
      ) : (
        <Table.Root size="sm" bg="white">
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeader>Sequence</Table.ColumnHeader>
              <Table.ColumnHeader>Event</Table.ColumnHeader>
              <Table.ColumnHeader>Occurred at</Table.ColumnHeader>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {data.auditLog.edges.map(({ node }) => (
              <Table.Row key={node.id}>
                <Table.Cell>{node.sequence}</Table.Cell>
                <Table.Cell>{node.eventType}</Table.Cell>
                <Table.Cell>{node.occurredAt}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table.Root>
      )}
    </>
  );
}
