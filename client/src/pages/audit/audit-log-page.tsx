import { Badge, Box, Button, Flex, HStack, Switch, Text } from '@chakra-ui/react';
import { useCallback, useMemo, useRef, useState } from 'react';
import { graphql } from 'react-relay';
import { useSearchParams } from 'react-router';
import type { auditLogPageQuery } from '../../__generated__/auditLogPageQuery.graphql';
import { PageHeader } from '../../components/page-header';
import { QueryBoundary } from '../../components/query-boundary';
import { usePageQuery } from '../../relay/use-page-query';
import { type TailConnection, useAuditEntryAdded } from '../../subscriptions/use-audit-entry-added';
import { AuditEntryDrawer } from './audit-entry-drawer';
import { AuditFilters } from './audit-filters';
import { AUDIT_PAGE_SIZE, AuditLogTable, type LiveEntry, type PageAnchor } from './audit-log-table';
import {
  type AuditLogFilterVariables,
  type AuditView,
  auditLogFilter,
  parseAuditView,
  SORTS,
  serializeAuditView,
} from './audit-view';
import { ExportDialog } from './export-dialog';
import { IntegrityBadge } from './integrity-badge';

/**
 * The audit log (`/audit`): filters, sort and the page's cursor live in the URL, so any view can be shared
 * and reloaded; the details drawer is in the URL too. Admin and compliance only (the server decides).
 */
export default function AuditLogPage() {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => parseAuditView(params), [params]);
  // "Last 30 days" is fixed when the filters are chosen, not at every render.
  const filtersKey = JSON.stringify({ ...view, after: null, before: null, entry: null });
  // biome-ignore lint/correctness/useExhaustiveDependencies: recomputed exactly when the filters change
  const filter = useMemo(() => auditLogFilter(view, new Date()), [filtersKey]);

  const navigate = useCallback(
    (next: AuditView, replace = false) => setParams(serializeAuditView(next), { replace }),
    [setParams],
  );
  // Page turns record their cursor in the URL without a new history entry. They compare against the view of
  // the latest render: react-router's functional update would start from the search params of the render
  // that created it, and could put back filters the operator just changed.
  const latest = useRef({ view, setParams });
  latest.current = { view, setParams };
  const onAnchorChange = useCallback((anchor: PageAnchor) => {
    const { view: current, setParams: set } = latest.current;
    if (current.after === anchor.after && current.before === anchor.before) return;
    set(serializeAuditView({ ...current, ...anchor }), { replace: true });
  }, []);

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every decision and operator action, tamper-evident: each entry is hashed and chained to the one before."
        actions={
          <HStack align="flex-start" gap="3" wrap="wrap">
            <IntegrityBadge />
            <ExportDialog filter={filter} />
          </HStack>
        }
      />
      <AuditFilters key={`filters:${filtersKey}`} view={view} onChange={(next) => navigate(next)} />
      <AuditResults
        key={`results:${filtersKey}`}
        view={view}
        filter={filter}
        onAnchorChange={onAnchorChange}
        onOpenEntry={(id) => navigate({ ...view, entry: id })}
      />
      <AuditEntryDrawer entryId={view.entry} onClose={() => navigate({ ...view, entry: null })} />
    </>
  );
}

/** The live tail's controls and the table, for one set of filters (remounted when they change). */
function AuditResults({
  view,
  filter,
  onAnchorChange,
  onOpenEntry,
}: {
  view: AuditView;
  filter: AuditLogFilterVariables;
  onAnchorChange: (anchor: PageAnchor) => void;
  onOpenEntry: (id: string) => void;
}) {
  // The cursor the view was opened at: later page turns move the URL, not the query.
  const [initial] = useState(() => ({ after: view.after, before: view.before }));
  const [tailOn, setTailOn] = useState(false);
  const [paused, setPaused] = useState(false);
  const [shown, setShown] = useState<LiveEntry[]>([]);
  const [waiting, setWaiting] = useState<LiveEntry[]>([]);
  const [firstPage, setFirstPage] = useState<{ at: boolean; newestSeq: string | null }>({
    at: false,
    newestSeq: null,
  });
  const newestFirst = view.sort === 'newest';
  const canShow = newestFirst && firstPage.at && !paused;

  const onEntry = useCallback(
    (entry: LiveEntry) => {
      if (canShow) setShown((list) => [entry, ...list]);
      else setWaiting((list) => [entry, ...list]);
    },
    [canShow],
  );
  const { connection, lastSeq } = useAuditEntryAdded({
    filter,
    afterSeq: firstPage.newestSeq,
    enabled: tailOn && firstPage.at,
    onEntry,
  });
  const showWaiting = () => {
    setShown((list) => [...waiting, ...list]);
    setWaiting([]);
    setPaused(false);
  };
  const onFirstPageChange = useCallback((at: boolean, newestSeq: string | null) => {
    setFirstPage((current) =>
      current.at === at && (current.newestSeq !== null || newestSeq === null) ? current : { at, newestSeq },
    );
  }, []);

  return (
    <Box>
      <Flex
        gap="4"
        align="center"
        wrap="wrap"
        mb="3"
        p="3"
        bg="white"
        borderWidth="1px"
        rounded="md"
        data-testid="live-tail"
      >
        <Switch.Root
          checked={tailOn}
          disabled={!newestFirst}
          onCheckedChange={(event) => {
            setTailOn(event.checked);
            setPaused(false);
          }}
        >
          <Switch.HiddenInput />
          <Switch.Control>
            <Switch.Thumb />
          </Switch.Control>
          <Switch.Label>Live tail</Switch.Label>
        </Switch.Root>
        {tailOn ? (
          <>
            <ConnectionBadge connection={connection} lastSeq={lastSeq} />
            <Button size="xs" variant="outline" onClick={() => (paused ? showWaiting() : setPaused(true))}>
              {paused ? 'Resume' : 'Pause'}
            </Button>
            <Text fontSize="sm" aria-live="polite" data-testid="new-count">
              {shown.length + waiting.length} new
            </Text>
            {waiting.length > 0 ? (
              <Button size="xs" colorPalette="blue" onClick={showWaiting}>
                Show {waiting.length} new
              </Button>
            ) : null}
          </>
        ) : (
          <Text fontSize="sm" color="gray.700">
            {newestFirst
              ? 'Switch on to see new entries appear at the top as they are written.'
              : `Live tail follows the newest entries: sort by “${SORTS.newest.label}” to use it.`}
          </Text>
        )}
      </Flex>
      <QueryBoundary errorTitle="The audit log could not be loaded">
        <AuditLogPageResults
          view={view}
          filter={filter}
          initial={initial}
          liveEntries={shown}
          onAnchorChange={onAnchorChange}
          onOpenEntry={onOpenEntry}
          onFirstPageChange={onFirstPageChange}
        />
      </QueryBoundary>
    </Box>
  );
}

const CONNECTION_LABEL: Record<TailConnection, { text: string; palette: string }> = {
  off: { text: 'Off', palette: 'gray' },
  connecting: { text: 'Connecting…', palette: 'gray' },
  live: { text: 'Live', palette: 'green' },
  reconnecting: { text: 'Reconnecting…', palette: 'orange' },
};

function ConnectionBadge({ connection, lastSeq }: { connection: TailConnection; lastSeq: string | null }) {
  const label = CONNECTION_LABEL[connection];
  return (
    <Badge
      colorPalette={label.palette}
      variant="subtle"
      role="status"
      data-testid="tail-connection"
      data-state={connection}
    >
      {label.text}
      {connection === 'reconnecting' && lastSeq ? ` (resumes after #${lastSeq})` : ''}
    </Badge>
  );
}

function AuditLogPageResults({
  view,
  filter,
  initial,
  liveEntries,
  onAnchorChange,
  onOpenEntry,
  onFirstPageChange,
}: {
  view: AuditView;
  filter: AuditLogFilterVariables;
  initial: PageAnchor;
  liveEntries: LiveEntry[];
  onAnchorChange: (anchor: PageAnchor) => void;
  onOpenEntry: (id: string) => void;
  onFirstPageChange: (at: boolean, newestSeq: string | null) => void;
}) {
  const backward = initial.after === null && initial.before !== null;
  const data = usePageQuery<auditLogPageQuery>(
    graphql`
      query auditLogPageQuery(
        $filter: AuditLogFilter
        $orderBy: AuditLogOrder
        $first: Int
        $after: String
        $last: Int
        $before: String
      ) {
        ...auditLogTable_query
          @arguments(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before)
      }
    `,
    {
      filter,
      orderBy: SORTS[view.sort].orderBy,
      first: backward ? null : AUDIT_PAGE_SIZE,
      after: initial.after,
      last: backward ? AUDIT_PAGE_SIZE : null,
      before: backward ? initial.before : null,
    },
  );
  return (
    <AuditLogTable
      query={data}
      liveEntries={liveEntries}
      onOpenEntry={onOpenEntry}
      onAnchorChange={onAnchorChange}
      onFirstPageChange={onFirstPageChange}
    />
  );
}
