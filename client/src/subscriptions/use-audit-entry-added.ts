import { createClient } from 'graphql-sse';
import { useEffect, useRef, useState } from 'react';
import { graphql, useRelayEnvironment } from 'react-relay';
import { createOperationDescriptor, getRequest } from 'relay-runtime';
import type {
  useAuditEntryAddedSubscription,
  useAuditEntryAddedSubscription$data,
} from '../__generated__/useAuditEntryAddedSubscription.graphql';
import { GRAPHQL_STREAM_ENDPOINT, requestBody } from '../relay/environment';

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

export type TailConnection = 'off' | 'connecting' | 'live' | 'reconnecting' | 'failed';
export type TailEntry = useAuditEntryAddedSubscription$data['auditEntryAdded'];

/** Waits 0.5 s, 1 s, 2 s, then 3 s between attempts: a wall screen should come back soon after the network. */
const retryWait = (retries: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, Math.min(3000, 500 * 2 ** retries)));

/**
 * Follows `auditEntryAdded` for `filter` while `enabled`, handing each entry (in the Relay store, ready for
 * the row fragments) to `onEntry` in sequence order. The stream starts after `afterSeq`, and every reconnect
 * asks for the entries after the last one received, so a dropped connection loses nothing and repeats
 * nothing: the server replays what was committed meanwhile. The connection state is reported for display.
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
  onEntry: (entry: TailEntry) => void;
}): { connection: TailConnection; lastSeq: string | null } {
  const environment = useRelayEnvironment();
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
    const variables = { filter: JSON.parse(filterKey), afterSeq: start.current };
    // graphql-sse serialises this object again on every reconnect: moving afterSeq forward is what makes a
    // reconnect resume after the last entry received.
    const body = requestBody(request.params, variables);
    const retained: { dispose: () => void }[] = [];
    const client = createClient({
      url: GRAPHQL_STREAM_ENDPOINT,
      credentials: 'same-origin',
      retryAttempts: Number.POSITIVE_INFINITY,
      retry: retryWait,
    });
    const unsubscribe = client.subscribe<useAuditEntryAddedSubscription$data>(
      body as never,
      {
        next: (result) => {
          const entry = result.data?.auditEntryAdded;
          if (!entry || !result.data) return;
          variables.afterSeq = entry.sequence;
          const operation = createOperationDescriptor(request, { ...variables });
          environment.commitPayload(operation, result.data as never);
          retained.push(environment.retain(operation));
          const snapshot = environment.lookup(operation.fragment);
          const stored = (snapshot.data as useAuditEntryAddedSubscription$data | null)?.auditEntryAdded;
          setLastSeq(entry.sequence);
          setConnection('live');
          if (stored) handler.current(stored);
        },
        error: () => setConnection('failed'),
        complete: () => setConnection('off'),
      },
      {
        connecting: (reconnecting) => setConnection(reconnecting ? 'reconnecting' : 'connecting'),
        connected: () => setConnection('live'),
      },
    );
    return () => {
      unsubscribe();
      client.dispose();
      for (const retention of retained) retention.dispose();
    };
  }, [enabled, filterKey, environment]);

  return { connection, lastSeq };
}
