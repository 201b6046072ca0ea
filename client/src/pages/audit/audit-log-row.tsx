import { Button, Link, Table, Text } from '@chakra-ui/react';
import { auditEntryAction } from '@spendsense/server/domain/audit/export/writer';
import type { JsonObject } from '@spendsense/server/domain/canonical-json';
import { graphql, useFragment } from 'react-relay';
import { Link as RouterLink } from 'react-router';
import type {
  auditLogRow_entry$data,
  auditLogRow_entry$key,
} from '../../__generated__/auditLogRow_entry.graphql';
import type { EntryVerdict } from './entry-verification';
import { EventTypeBadge, eventTypeName } from './event-type-badge';

/** `2026-11-22T07:02:49.123Z` as `2026-11-22 07:02:49 UTC`: audit time is always UTC. */
export function utcTime(value: unknown): string {
  const text = String(value);
  return `${text.slice(0, 10)} ${text.slice(11, 19)} UTC`;
}

/** The first few members of event data as `key: value`, for the table; the drawer shows all of it. */
function summary(data: JsonObject): string {
  return Object.entries(data)
    .filter(([, value]) => value !== null && typeof value !== 'object')
    .slice(0, 3)
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join(' · ');
}

export type AuditLogRowData = auditLogRow_entry$data;

interface RowProps {
  verdict: EntryVerdict | undefined;
  isNew?: boolean;
  onOpen: (id: string) => void;
}

export function AuditLogRow({ entry, ...props }: RowProps & { entry: auditLogRow_entry$key }) {
  const data = useFragment(
    graphql`
      fragment auditLogRow_entry on AuditEntry {
        id
        sequence
        eventType
        occurredAt
        customerId
        user {
          id
          name
        }
        operator {
          username
        }
        eventData
      }
    `,
    entry,
  );
  return <AuditLogRowView data={data} {...props} />;
}

/** A row from data already in hand: a page's entry read through its fragment, or a live entry as it arrived. */
export function AuditLogRowView({
  data,
  verdict,
  isNew = false,
  onOpen,
}: RowProps & { data: Omit<AuditLogRowData, ' $fragmentType'> }) {
  const eventData = (data.eventData ?? {}) as JsonObject;
  const tampered = verdict !== undefined && !verdict.valid;
  return (
    <Table.Row
      data-testid="audit-row"
      data-sequence={data.sequence}
      data-verified={verdict === undefined ? 'pending' : String(verdict.valid)}
      bg={tampered ? 'red.50' : isNew ? 'yellow.50' : undefined}
    >
      <Table.Cell whiteSpace="nowrap" fontFamily="mono" fontSize="xs">
        {utcTime(data.occurredAt)}
        <Text color="gray.700">#{data.sequence}</Text>
      </Table.Cell>
      <Table.Cell>
        <EventTypeBadge eventType={data.eventType} />
      </Table.Cell>
      <Table.Cell>
        {data.user ? (
          <Link asChild color="blue.700" textDecoration="underline">
            <RouterLink to={`/customers/${encodeURIComponent(data.user.id)}`}>{data.customerId}</RouterLink>
          </Link>
        ) : (
          (data.customerId ?? '—')
        )}
      </Table.Cell>
      <Table.Cell>{data.operator?.username ?? '—'}</Table.Cell>
      <Table.Cell>{auditEntryAction(eventTypeName(data.eventType), eventData) || '—'}</Table.Cell>
      <Table.Cell maxW="xs">
        <Text truncate fontSize="sm" title={summary(eventData)}>
          {summary(eventData) || '—'}
        </Text>
      </Table.Cell>
      <Table.Cell>
        {verdict === undefined ? (
          <Text fontSize="sm" color="gray.700">
            checking…
          </Text>
        ) : verdict.valid ? (
          <Text
            fontSize="sm"
            color="green.800"
            title="Content hash and chain link recomputed in this browser"
          >
            ✓ verified
          </Text>
        ) : (
          <Text
            fontSize="sm"
            color="red.800"
            fontWeight="bold"
            title={verdict.message}
            data-testid="row-tampered"
          >
            ✗ does not verify
          </Text>
        )}
      </Table.Cell>
      <Table.Cell>
        <Button
          size="xs"
          variant="outline"
          onClick={() => onOpen(data.id)}
          aria-label={`Details of entry ${data.sequence}`}
        >
          Details
        </Button>
      </Table.Cell>
    </Table.Row>
  );
}
