import { Alert, Box, Button, HStack, Table, Text } from '@chakra-ui/react';
import { useEffect, useMemo, useState } from 'react';
import { graphql, useFragment, usePaginationFragment } from 'react-relay';
import type { auditLogTable_query$key } from '../../__generated__/auditLogTable_query.graphql';
import type { auditLogTable_verification$key } from '../../__generated__/auditLogTable_verification.graphql';
import type { auditLogTablePaginationQuery } from '../../__generated__/auditLogTablePaginationQuery.graphql';
import { EmptyState } from '../../components/empty-state';
import { AuditLogRow, type AuditLogRowData, AuditLogRowView } from './audit-log-row';
import { type EntryVerdict, type ServedAuditEntry, verifyServedEntries } from './entry-verification';

export const AUDIT_PAGE_SIZE = 50;
const NO_LIVE_ENTRIES: readonly LiveEntry[] = [];

/** Where the page on screen starts, as URL cursors: enough to show exactly this page again after a reload. */
export interface PageAnchor {
  after: string | null;
  before: string | null;
}

/** A live entry shown above the first page until the view changes, as the subscription delivered it. */
export type LiveEntry = Omit<AuditLogRowData, ' $fragmentType'> & ServedAuditEntry;

const VERIFICATION_FRAGMENT = graphql`
  fragment auditLogTable_verification on AuditEntry @relay(plural: true) {
    sequence
    logId
    eventType
    customerId
    operatorUuid
    recommendationUuid
    occurredAt
    eventData
    ipAddress
    userAgent
    contentHash
    prevHash
    hash
  }
`;

/**
 * The audit log, one page at a time over a Relay connection read both ways: "Next page" loads the next page
 * (`loadNext`) and "Previous page" the one before (`loadPrevious`) from wherever the view was opened, and pages
 * already loaded are shown again without asking the server. Every entry on screen is re-hashed in the
 * browser and marked when it does not verify.
 */
export function AuditLogTable({
  query,
  liveEntries,
  onOpenEntry,
  onAnchorChange,
  onFirstPageChange,
}: {
  query: auditLogTable_query$key;
  liveEntries: readonly LiveEntry[];
  onOpenEntry: (id: string) => void;
  onAnchorChange: (anchor: PageAnchor) => void;
  /** Whether the newest entries of the view are on screen (live entries are shown above them only then). */
  onFirstPageChange?: (atFirstPage: boolean, newestSeq: string | null) => void;
}) {
  const { data, loadNext, loadPrevious, hasNext, hasPrevious, isLoadingNext, isLoadingPrevious } =
    usePaginationFragment<auditLogTablePaginationQuery, auditLogTable_query$key>(
      graphql`
        fragment auditLogTable_query on Query
        @refetchable(queryName: "auditLogTablePaginationQuery")
        @argumentDefinitions(
          filter: { type: "AuditLogFilter" }
          orderBy: { type: "AuditLogOrder", defaultValue: SEQ_DESC }
          first: { type: "Int" }
          after: { type: "String" }
          last: { type: "Int" }
          before: { type: "String" }
        ) {
          auditLog(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before)
            @connection(key: "AuditLogTable_auditLog", filters: ["filter", "orderBy"]) {
            totalCount
            edges {
              cursor
              node {
                id
                sequence
                ...auditLogRow_entry
                ...auditLogTable_verification
              }
            }
          }
        }
      `,
      query,
    );
  const edges = data.auditLog.edges;
  const [start, setStart] = useState(0);
  const pageEdges = useMemo(() => edges.slice(start, start + AUDIT_PAGE_SIZE), [edges, start]);
  const atFirstPage = start === 0 && !hasPrevious;
  const shownLive = atFirstPage ? liveEntries : NO_LIVE_ENTRIES;

  const pageRefs: auditLogTable_verification$key = useMemo(
    () => pageEdges.map((edge) => edge.node),
    [pageEdges],
  );
  const pageServed = useFragment(VERIFICATION_FRAGMENT, pageRefs);
  const served = useMemo(() => [...shownLive, ...pageServed], [shownLive, pageServed]);
  const [verdicts, setVerdicts] = useState<Map<string, EntryVerdict>>(new Map());
  useEffect(() => {
    let current = true;
    void verifyServedEntries(served).then((result) => {
      if (current) setVerdicts(result);
    });
    return () => {
      current = false;
    };
  }, [served]);

  useEffect(() => {
    if (start > 0) {
      onAnchorChange({ after: edges[start - 1]!.cursor, before: null });
    } else if (!hasPrevious) {
      onAnchorChange({ after: null, before: null });
    } else {
      const below = edges[start + AUDIT_PAGE_SIZE];
      if (below) onAnchorChange({ after: null, before: below.cursor });
    }
  }, [start, edges, hasPrevious, onAnchorChange]);

  useEffect(() => {
    onFirstPageChange?.(atFirstPage, edges[0]?.node.sequence ?? null);
  }, [atFirstPage, edges, onFirstPageChange]);

  const failed = [...verdicts.values()].filter((verdict) => !verdict.valid).length;
  const checked = verdicts.size;

  const older = () => {
    if (start + AUDIT_PAGE_SIZE < edges.length) setStart(start + AUDIT_PAGE_SIZE);
    else
      loadNext(AUDIT_PAGE_SIZE, {
        onComplete: (error) => {
          if (!error) setStart((current) => current + AUDIT_PAGE_SIZE);
        },
      });
  };
  const newer = () => {
    if (start >= AUDIT_PAGE_SIZE) setStart(start - AUDIT_PAGE_SIZE);
    else if (start > 0) setStart(0);
    else loadPrevious(AUDIT_PAGE_SIZE, { onComplete: () => setStart(0) });
  };

  if (edges.length === 0 && shownLive.length === 0) {
    return (
      <EmptyState
        title="No audit entries match"
        description="Widen the date range or clear a filter to see more."
      />
    );
  }

  const first = start + 1;
  // Live entries shown above the first page were written after its count was taken.
  const last = start + pageEdges.length + shownLive.length;
  return (
    <Box>
      <HStack justify="space-between" mb="2" wrap="wrap" gap="2">
        <Text fontSize="sm" color="gray.700" data-testid="page-position">
          {(data.auditLog.totalCount + shownLive.length).toLocaleString('en-US')} matching entries
          {hasPrevious || start > 0 ? '' : ` · showing ${first}–${last}`}
        </Text>
        <Text
          fontSize="sm"
          role="status"
          color={failed > 0 ? 'red.800' : 'green.800'}
          data-testid="page-verification"
        >
          {checked < served.length
            ? 'Re-hashing the entries on this page in your browser…'
            : failed > 0
              ? `${failed} of ${checked} entries on this page do not verify in your browser`
              : `All ${checked} entries on this page re-hashed and verified in your browser`}
        </Text>
      </HStack>
      {failed > 0 ? (
        <Alert.Root status="error" mb="3">
          <Alert.Indicator />
          <Alert.Title>
            Entries marked “does not verify” no longer match their recorded hashes: they were changed after
            they were written.
          </Alert.Title>
        </Alert.Root>
      ) : null}
      <Table.ScrollArea
        borderWidth="1px"
        rounded="md"
        bg="white"
        tabIndex={0}
        aria-label="Audit entries (scrolls sideways on narrow screens)"
      >
        <Table.Root size="sm" aria-label="Audit entries">
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeader scope="col">Time (UTC)</Table.ColumnHeader>
              <Table.ColumnHeader scope="col">Event type</Table.ColumnHeader>
              <Table.ColumnHeader scope="col">Customer</Table.ColumnHeader>
              <Table.ColumnHeader scope="col">Operator</Table.ColumnHeader>
              <Table.ColumnHeader scope="col">Action / result</Table.ColumnHeader>
              <Table.ColumnHeader scope="col">Details</Table.ColumnHeader>
              <Table.ColumnHeader scope="col">Integrity</Table.ColumnHeader>
              <Table.ColumnHeader scope="col">
                <Box srOnly>Open</Box>
              </Table.ColumnHeader>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {shownLive.map((live) => (
              <AuditLogRowView
                key={`live-${live.sequence}`}
                data={live}
                verdict={verdicts.get(live.sequence)}
                isNew
                onOpen={onOpenEntry}
              />
            ))}
            {pageEdges.map((edge) => (
              <AuditLogRow
                key={edge.node.id}
                entry={edge.node}
                verdict={verdicts.get(edge.node.sequence)}
                onOpen={onOpenEntry}
              />
            ))}
          </Table.Body>
        </Table.Root>
      </Table.ScrollArea>
      <HStack justify="space-between" mt="3">
        <Button
          variant="outline"
          onClick={newer}
          disabled={start === 0 && !hasPrevious}
          loading={isLoadingPrevious}
        >
          ← Previous page
        </Button>
        <Button
          variant="outline"
          onClick={older}
          disabled={start + AUDIT_PAGE_SIZE >= edges.length && !hasNext}
          loading={isLoadingNext}
        >
          Next page →
        </Button>
      </HStack>
    </Box>
  );
}
