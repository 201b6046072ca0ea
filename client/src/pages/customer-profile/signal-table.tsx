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
      <Table.ScrollArea borderWidth="1px" rounded="md" maxH="96">
        <Table.Root size="sm" stickyHeader>
          <Table.Header>
            <Table.Row>
              <Table.ColumnHeader>Signal</Table.ColumnHeader>
              <Table.ColumnHeader>Value</Table.ColumnHeader>
              <Table.ColumnHeader>Unit</Table.ColumnHeader>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {data.readings.map((reading) => (
              <Table.Row key={reading.key}>
                <Table.Cell>
                  <Text fontFamily="mono" fontSize="xs">
                    {reading.key}
                  </Text>
                  <Text fontSize="xs" color="gray.700">
                    {reading.description}
                  </Text>
                </Table.Cell>
                <Table.Cell>
                  {reading.value === null || reading.value === undefined ? (
                    <Text color="orange.800">missing: {reading.missingReason ?? 'no data'}</Text>
                  ) : (
                    formatSignalValue(reading.value, reading.unit)
                  )}
                </Table.Cell>
                <Table.Cell>{unitLabel(reading.unit)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table.Root>
      </Table.ScrollArea>
    </>
  );
}
