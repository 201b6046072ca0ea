import { Badge, Box, Button, Table, Text } from '@chakra-ui/react';
import { useTransition } from 'react';
import { graphql, useFragment, usePaginationFragment } from 'react-relay';
import type { personaHistory_row$key } from '../../__generated__/personaHistory_row.graphql';
import type { personaHistory_user$key } from '../../__generated__/personaHistory_user.graphql';
import { formatDateTime, windowLabel } from '../../components/format';
import { personaLabel } from '../../components/persona-label';

const PAGE_SIZE = 10;

/** Every persona assignment of the customer, newest first, engine decisions and overrides alike. */
export function PersonaHistory({ user }: { user: personaHistory_user$key }) {
  const { data, loadNext, hasNext, isLoadingNext } = usePaginationFragment(
    graphql`
      fragment personaHistory_user on User
      @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" })
      @refetchable(queryName: "personaHistoryPaginationQuery") {
        personaHistory(first: $count, after: $cursor) @connection(key: "personaHistory_personaHistory") {
          totalCount
          edges {
            node {
              id
              ...personaHistory_row
            }
          }
        }
      }
    `,
    user,
  );
  const [, startTransition] = useTransition();
  const edges = data.personaHistory.edges;
  if (edges.length === 0) return <Text color="gray.700">No persona has been assigned yet.</Text>;
  return (
    <Box>
      <Table.ScrollArea borderWidth="1px" rounded="md" bg="white" tabIndex={0} aria-label="Persona history">
        <Table.Root size="sm">
          <Table.Caption captionSide="top" textAlign="start" pb="2" color="gray.700">
            {data.personaHistory.totalCount} assignments, newest first
          </Table.Caption>
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeader>Assigned at</Table.ColumnHeader>
              <Table.ColumnHeader>Window</Table.ColumnHeader>
              <Table.ColumnHeader>Persona</Table.ColumnHeader>
              <Table.ColumnHeader>Confidence</Table.ColumnHeader>
              <Table.ColumnHeader>Source</Table.ColumnHeader>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {edges.map(({ node }) => (
              <HistoryRow key={node.id} assignment={node} />
            ))}
          </Table.Body>
        </Table.Root>
      </Table.ScrollArea>
      {hasNext ? (
        <Button
          mt="3"
          size="sm"
          variant="outline"
          loading={isLoadingNext}
          onClick={() =>
            startTransition(() => {
              loadNext(PAGE_SIZE);
            })
          }
        >
          Show older assignments
        </Button>
      ) : null}
    </Box>
  );
}

function HistoryRow({ assignment }: { assignment: personaHistory_row$key }) {
  const row = useFragment(
    graphql`
      fragment personaHistory_row on PersonaAssignment {
        assignedAt
        window
        personaId
        confidence
        source
        persona {
          name
        }
        assignedBy {
          displayName
        }
      }
    `,
    assignment,
  );
  return (
    <Table.Row>
      <Table.Cell whiteSpace="nowrap">{formatDateTime(row.assignedAt)}</Table.Cell>
      <Table.Cell>{windowLabel(row.window)}</Table.Cell>
      <Table.Cell>{personaLabel(row.personaId, row.persona?.name)}</Table.Cell>
      <Table.Cell>{Math.round(row.confidence * 100)} %</Table.Cell>
      <Table.Cell>
        {row.source === 'OVERRIDE' ? (
          <Badge colorPalette="purple">Override by {row.assignedBy?.displayName ?? 'an administrator'}</Badge>
        ) : (
          <Badge colorPalette="gray">Engine</Badge>
        )}
      </Table.Cell>
    </Table.Row>
  );
}
