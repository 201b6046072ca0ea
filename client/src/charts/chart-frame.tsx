import { Box, Button, Card, Heading, HStack, Table, Text } from '@chakra-ui/react';
import { type ReactNode, useId, useState } from 'react';

export interface ChartTable {
  columns: readonly string[];
  rows: ReadonlyArray<ReadonlyArray<string | number>>;
}

/**
 * A chart with its data as a table. The table is always in the page for screen readers (the drawing is hidden
 * from them); "Show table" makes it visible for everyone. With no data the chart says so instead of drawing axes.
 */
export function ChartFrame({
  title,
  summary,
  table,
  children,
  height = 280,
}: {
  title: string;
  summary?: string;
  table: ChartTable;
  children: ReactNode;
  height?: number;
}) {
  const [asTable, setAsTable] = useState(false);
  const headingId = useId();
  const empty = table.rows.length === 0;
  return (
    <Card.Root as="section" aria-labelledby={headingId} variant="outline" bg="white" minW="0">
      <Card.Body gap="3">
        <HStack justify="space-between" align="flex-start" gap="3">
          <Box>
            <Heading as="h3" size="md" id={headingId}>
              {title}
            </Heading>
            {summary ? (
              <Text fontSize="sm" color="gray.700">
                {summary}
              </Text>
            ) : null}
          </Box>
          {empty ? null : (
            <Button size="xs" variant="outline" aria-pressed={asTable} onClick={() => setAsTable((v) => !v)}>
              {asTable ? 'Show chart' : 'Show table'}
            </Button>
          )}
        </HStack>
        {empty ? (
          <Text color="gray.700" py="6" textAlign="center">
            No data in this period.
          </Text>
        ) : (
          <>
            {asTable ? null : (
              <Box height={`${height}px`} aria-hidden="true" data-testid="chart-drawing">
                {children}
              </Box>
            )}
            <Box
              srOnly={!asTable}
              {...(asTable ? { overflowX: 'auto', tabIndex: 0, 'aria-label': `${title}: table` } : {})}
            >
              <Table.Root size="sm">
                <Table.Caption srOnly>{title}</Table.Caption>
                <Table.Header>
                  <Table.Row>
                    {table.columns.map((column) => (
                      <Table.ColumnHeader key={column}>{column}</Table.ColumnHeader>
                    ))}
                  </Table.Row>
                </Table.Header>
                <Table.Body>
                  {table.rows.map((row) => (
                    <Table.Row key={row.join('\u0000')}>
                      {row.map((cell, index) => (
                        <Table.Cell key={table.columns[index]}>{cell}</Table.Cell>
                      ))}
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table.Root>
            </Box>
          </>
        )}
      </Card.Body>
    </Card.Root>
  );
}
