import {
  Box,
  CloseButton,
  Code,
  DataList,
  Drawer,
  Heading,
  Link,
  Portal,
  Stack,
  Text,
} from '@chakra-ui/react';
import { graphql } from 'react-relay';
import { Link as RouterLink } from 'react-router';
import type { auditEntryDrawerQuery } from '../../__generated__/auditEntryDrawerQuery.graphql';
import { EmptyState } from '../../components/empty-state';
import { QueryBoundary } from '../../components/query-boundary';
import { usePageQuery } from '../../relay/use-page-query';
import { utcTime } from './audit-log-row';
import { EventTypeBadge } from './event-type-badge';

/** The entry named in the URL (`entry=<id>`), so an opened entry can be shared like the rest of the view. */
export function AuditEntryDrawer({ entryId, onClose }: { entryId: string | null; onClose: () => void }) {
  return (
    <Drawer.Root open={entryId !== null} onOpenChange={(event) => !event.open && onClose()} size="md">
      <Portal>
        <Drawer.Backdrop />
        <Drawer.Positioner>
          <Drawer.Content data-testid="entry-drawer">
            <Drawer.Header>
              <Drawer.Title>Audit entry</Drawer.Title>
            </Drawer.Header>
            <Drawer.Body>
              {entryId ? (
                <QueryBoundary errorTitle="This entry could not be loaded">
                  <EntryDetails id={entryId} />
                </QueryBoundary>
              ) : null}
            </Drawer.Body>
            <Drawer.CloseTrigger asChild>
              <CloseButton size="sm" aria-label="Close details" />
            </Drawer.CloseTrigger>
          </Drawer.Content>
        </Drawer.Positioner>
      </Portal>
    </Drawer.Root>
  );
}

function EntryDetails({ id }: { id: string }) {
  const data = usePageQuery<auditEntryDrawerQuery>(
    graphql`
      query auditEntryDrawerQuery($id: ID!) {
        node(id: $id) {
          ... on AuditEntry {
            sequence
            logId
            eventType
            occurredAt
            customerId
            operatorUuid
            recommendationUuid
            ipAddress
            userAgent
            eventData
            contentHash
            prevHash
            hash
            user {
              id
              name
            }
            operator {
              username
              displayName
              role
            }
            recommendation {
              title
            }
            details {
              __typename
              ... on PersonaAssignedDetails {
                window
                assignment {
                  id
                }
              }
              ... on PersonaOverriddenDetails {
                assignment {
                  id
                }
              }
            }
          }
        }
      }
    `,
    { id },
  );
  const entry = data.node;
  if (!entry || entry.sequence === undefined) {
    return <EmptyState title="No such audit entry" description="The link may be out of date." />;
  }
  const assignment =
    entry.details && 'assignment' in entry.details ? (entry.details.assignment ?? null) : null;
  const field = (label: string, value: React.ReactNode) => (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{value ?? '—'}</DataList.ItemValue>
    </DataList.Item>
  );
  return (
    <Stack gap="5">
      <Box>
        <EventTypeBadge eventType={entry.eventType ?? ''} />
        <Text mt="2" fontFamily="mono" fontSize="sm">
          #{entry.sequence} · {utcTime(entry.occurredAt)}
        </Text>
      </Box>
      <DataList.Root orientation="horizontal" size="sm">
        {field(
          'Customer',
          entry.user ? (
            <Link asChild color="blue.700" textDecoration="underline">
              <RouterLink to={`/customers/${encodeURIComponent(entry.user.id)}`}>
                {entry.user.name} ({entry.customerId})
              </RouterLink>
            </Link>
          ) : (
            entry.customerId
          ),
        )}
        {field(
          'Operator',
          entry.operator
            ? `${entry.operator.displayName} (${entry.operator.username}, ${entry.operator.role.toLowerCase()})`
            : entry.operatorUuid,
        )}
        {field(
          'Recommendation',
          entry.recommendationUuid ? (
            <Link asChild color="blue.700" textDecoration="underline">
              <RouterLink to={`/audit?recommendation=${entry.recommendationUuid}`}>
                {entry.recommendation?.title ?? entry.recommendationUuid} — every entry about it
              </RouterLink>
            </Link>
          ) : null,
        )}
        {assignment && entry.user
          ? field(
              'Persona assignment',
              <Link asChild color="blue.700" textDecoration="underline">
                <RouterLink
                  to={`/customers/${encodeURIComponent(entry.user.id)}#assignment-${assignment.id}`}
                >
                  The decision trace on the customer profile
                </RouterLink>
              </Link>,
            )
          : null}
        {field('Client address', entry.ipAddress)}
        {field('User agent', entry.userAgent)}
        {field('Log id', <Code>{entry.logId}</Code>)}
      </DataList.Root>
      <Box>
        <Heading as="h3" size="sm" mb="2">
          Event data
        </Heading>
        <Code
          as="pre"
          display="block"
          whiteSpace="pre-wrap"
          p="3"
          fontSize="xs"
          data-testid="entry-event-data"
        >
          {JSON.stringify(entry.eventData, null, 2)}
        </Code>
      </Box>
      <Box>
        <Heading as="h3" size="sm" mb="2">
          Place in the hash chain
        </Heading>
        <DataList.Root size="sm">
          {field('Content hash', <Code wordBreak="break-all">{entry.contentHash}</Code>)}
          {field('Previous hash', <Code wordBreak="break-all">{entry.prevHash}</Code>)}
          {field('Hash', <Code wordBreak="break-all">{entry.hash}</Code>)}
        </DataList.Root>
      </Box>
    </Stack>
  );
}
