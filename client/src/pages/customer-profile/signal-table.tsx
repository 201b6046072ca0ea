import { Table, Text } from '@chakra-ui/react';
import { graphql, useFragment } from 'react-relay';
import type { signalTable_snapshot$key } from '../../__generated__/signalTable_snapshot.graphql';
import { formatSignalValue, unitLabel } from '../../components/signal-value';

/** Every behavioural signal of a window with its value in its unit, or why it is missing. */
export function SignalTable({ snapshot }: { snapshot: signalTable_snapshot$key }) {
  const data = useFragment(
    graphql`
      fragment signalTable_snapshot on SignalSnapshot {
        windowStart
        referenceDate
        readings {
          key
          description
          unit
          value
          missingReason
        }
      }
    `,
    snapshot,
  );
  return (
    <>
      <Text fontSize="sm" color="gray.700" mb="2">
        {String(data.windowStart)} to {String(data.referenceDate)}
      </Text>
      {/* Focusable, so keyboard users can scroll it too. */}
      <Table.ScrollArea borderWidth="1px" rounded="md" maxH="96" tabIndex={0} aria-label="Signals used">
        <Table.Root size="sm" stickyHeader>
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeader>Signal</Table.ColumnHeader>
              <Table.ColumnHeader>Value</Table.ColumnHeader>
              <Table.ColumnHeader>Unit</Table.ColumnHeader>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {[...data.readings]
              .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
              .map((reading) => (
                <Table.Row key={reading.key}>
                  <Table.Cell whiteSpace="normal" minW="48">
                    <Text fontFamily="mono" fontSize="xs">
                      {reading.key}
                    </Text>
                    <Text fontSize="xs" color="gray.700">
                      {reading.description}
                    </Text>
                  </Table.Cell>
                  <Table.Cell whiteSpace="normal">
                    {reading.value === null || reading.value === undefined ? (
                      <Text color="orange.800">missing: {reading.missingReason ?? 'no data'}</Text>
                    ) : (
                      formatSignalValue(reading.value, reading.unit)
                    )}
                  </Table.Cell>
                  <Table.Cell whiteSpace="normal">{unitLabel(reading.unit)}</Table.Cell>
                </Table.Row>
              ))}
          </Table.Body>
        </Table.Root>
      </Table.ScrollArea>
    </>
  );
}
