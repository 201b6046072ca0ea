import { Badge, Box, Button, Field, HStack, Input, Link, Table, Text } from '@chakra-ui/react';
import { type FormEvent, useState } from 'react';
import { graphql, usePaginationFragment } from 'react-relay';
import { Link as RouterLink, useSearchParams } from 'react-router';
import type { customersPage_query$key } from '../../__generated__/customersPage_query.graphql';
import type { customersPageQuery } from '../../__generated__/customersPageQuery.graphql';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { personaLabel } from '../../components/persona-label';
import { ShowMoreButton } from '../../components/show-more-button';
import { usePageQuery } from '../../relay/use-page-query';

const PAGE_SIZE = 20;

/** Customer search by name or customer id; the search term lives in the URL so a result can be shared. */
export default function CustomersPage() {
  const [params, setParams] = useSearchParams();
  const search = params.get('q')?.trim() ?? '';
  const [draft, setDraft] = useState(search);
  const data = usePageQuery<customersPageQuery>(
    graphql`
      query customersPageQuery($search: String, $count: Int!) {
        ...customersPage_query @arguments(search: $search, count: $count)
      }
    `,
    { search: search || null, count: PAGE_SIZE },
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const term = draft.trim();
    setParams(term ? { q: term } : {});
  }

  return (
    <>
      <PageHeader title="Customers" description="Find a customer by name or customer id." />
      <Box as="form" role="search" onSubmit={submit} mb="6">
        <HStack align="flex-end" gap="3" maxW="xl">
          <Field.Root>
            <Field.Label>Name or customer id</Field.Label>
            <Input
              name="q"
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
              placeholder="e.g. usr_000042 or Garcia"
              bg="white"
            />
          </Field.Root>
          <Button type="submit" colorPalette="blue">
            Search
          </Button>
          {search ? (
            <Button
              variant="ghost"
              onClick={() => {
                setDraft('');
                setParams({});
              }}
            >
              Clear
            </Button>
          ) : null}
        </HStack>
      </Box>
      <CustomerList query={data} search={search} />
    </>
  );
}

function CustomerList({ query, search }: { query: customersPage_query$key; search: string }) {
  const { data, loadNext, hasNext, isLoadingNext } = usePaginationFragment(
    graphql`
      fragment customersPage_query on Query
      @argumentDefinitions(search: { type: "String" }, count: { type: "Int!" }, cursor: { type: "String" })
      @refetchable(queryName: "customersPagePaginationQuery") {
        users(search: $search, first: $count, after: $cursor) @connection(key: "customersPage_users") {
          totalCount
          edges {
            node {
              id
              customerId
              name
              d30: currentPersona(window: D30) {
                personaId
                persona {
                  name
                }
              }
              d180: currentPersona(window: D180) {
                personaId
                persona {
                  name
                }
              }
            }
          }
        }
      }
    `,
    query,
  );
  const users = data.users;
  if (!users || users.edges.length === 0) {
    return (
      <EmptyState
        title={search ? 'No customer matches' : 'No customers yet'}
        description={
          search
            ? `Nobody's name or customer id contains "${search}".`
            : 'Load customer data with pnpm cli ingest.'
        }
      />
    );
  }
  return (
    <Box>
      <Text mb="2" color="gray.700" aria-live="polite">
        {search
          ? `${users.totalCount} customer${users.totalCount === 1 ? '' : 's'} match "${search}"`
          : `${users.totalCount} customers`}
        {` · showing ${users.edges.length}`}
      </Text>
      <Table.Root variant="outline" bg="white" size="sm">
        <Table.Header>
          <Table.Row>
            <Table.ColumnHeader>Name</Table.ColumnHeader>
            <Table.ColumnHeader>Customer id</Table.ColumnHeader>
            <Table.ColumnHeader>30-day persona</Table.ColumnHeader>
            <Table.ColumnHeader>180-day persona</Table.ColumnHeader>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {users.edges.map(({ node }) => (
            <Table.Row key={node.id}>
              <Table.Cell>
                <Link asChild color="blue.700" fontWeight="medium">
                  <RouterLink to={`/customers/${encodeURIComponent(node.id)}`}>{node.name}</RouterLink>
                </Link>
              </Table.Cell>
              <Table.Cell fontFamily="mono">{node.customerId}</Table.Cell>
              <Table.Cell>
                <PersonaBadge assignment={node.d30} />
              </Table.Cell>
              <Table.Cell>
                <PersonaBadge assignment={node.d180} />
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table.Root>
      <ShowMoreButton
        mt="4"
        hasNext={hasNext}
        isLoadingNext={isLoadingNext}
        loadNext={loadNext}
        pageSize={PAGE_SIZE}
      />
    </Box>
  );
}

function PersonaBadge({
  assignment,
}: {
  assignment: { personaId: string; persona: { name: string } | null | undefined } | null | undefined;
}) {
  if (!assignment) return <Text color="gray.600">not assessed</Text>;
  return (
    <Badge variant="subtle" colorPalette={assignment.persona ? 'blue' : 'gray'}>
      {personaLabel(assignment.personaId, assignment.persona?.name)}
    </Badge>
  );
}
