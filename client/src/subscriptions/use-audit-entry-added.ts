import { createClient } from 'graphql-sse';
import { useEffect, useRef, useState } from 'react';
import { graphql } from 'react-relay';
import { getRequest } from 'relay-runtime';
import type {
  useAuditEntryAddedSubscription,
  useAuditEntryAddedSubscription$data,
} from '../__generated__/useAuditEntryAddedSubscription.graphql';
import type { LiveEntry } from '../pages/audit/audit-log-table';
import { GRAPHQL_STREAM_ENDPOINT, streamRequestBody } from '../relay/environment';

// The selection is the rows' own fragments, so a live entry carries exactly what a row and its in-browser
// verification read. Relay types the spreads as fragment references; the payload holds their fields.
const SUBSCRIPTION = graphql`
  subscription useAuditEntryAddedSubscription($filter: AuditLogFilter, $afterSeq: String) {
    auditEntryAdded(filter: $filter, afterSeq: $afterSeq) {
      id
      sequence
      ...auditLogRow_entry
      ...auditLogTable_verification
    }
  }
`;

export type TailConnection = 'off' | 'connecting' | 'live' | 'reconnecting';

/** 0.5 s, 1 s, 2 s, then every 3 s: a wall screen should come back soon after the server does. */
const retryDelay = (attempt: number) => Math.min(3000, 500 * 2 ** attempt);

/**
 * Follows `auditEntryAdded` for `filter` while `enabled`, handing each entry to `onEntry` in sequence order.
 * The stream starts after `afterSeq`; whenever it ends (network failure, server restart, a draining server
 * closing it) it is opened again after the last entry received, so the server replays what was committed
 * meanwhile: nothing is missed and nothing repeated. Relay's network would resend the variables it started
 * with, hence a graphql-sse client of its own.
 */
export function useAuditEntryAdded({
  filter,
  afterSeq,
  enabled,
  onEntry,
}: {
  filter: useAuditEntryAddedSubscription['variables']['filter'];
  afterSeq: string | null;
  enabled: boolean;
  onEntry: (entry: LiveEntry) => void;
}): { connection: TailConnection; lastSeq: string | null } {
  const [connection, setConnection] = useState<TailConnection>('off');
  const [lastSeq, setLastSeq] = useState<string | null>(afterSeq);
  const handler = useRef(onEntry);
  handler.current = onEntry;
  const start = useRef(afterSeq);
  start.current = afterSeq;
  const filterKey = JSON.stringify(filter ?? null);

  useEffect(() => {
    if (!enabled) {
      setConnection('off');
      return;
    }
    const request = getRequest(SUBSCRIPTION);
    let last = start.current;
    let stopped = false;
    let unsubscribe: (() => void) | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let attempt = 0;
    const client = createClient({
      url: GRAPHQL_STREAM_ENDPOINT,
      credentials: 'same-origin',
      retryAttempts: 0,
    });

    const reconnect = () => {
      unsubscribe = null;
      if (stopped) return;
      setConnection('reconnecting');
      timer = setTimeout(open, retryDelay(attempt++));
    };
    const open = () => {
      if (stopped) return;
      const body = streamRequestBody(request.params, { filter: JSON.parse(filterKey), afterSeq: last });
      unsubscribe = client.subscribe<useAuditEntryAddedSubscription$data>(
        body as never,
        {
          next: (result) => {
            const entry = result.data?.auditEntryAdded as unknown as LiveEntry | undefined;
            if (!entry) return;
            attempt = 0;
            last = entry.sequence;
            setLastSeq(entry.sequence);
            handler.current(entry);
          },
          error: reconnect,
          complete: reconnect,
        },
        {
          connecting: () =>
            setConnection(attempt === 0 && last === start.current ? 'connecting' : 'reconnecting'),
          connected: () => {
            attempt = 0;
            setConnection('live');
          },
        },
      );
    };
    open();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      unsubscribe?.();
      client.dispose();
    };
  }, [enabled, filterKey]);

  return { connection, lastSeq };
}
