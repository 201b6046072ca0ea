import {
  Alert,
  Box,
  Button,
  CloseButton,
  Dialog,
  Flex,
  Portal,
  Progress,
  RadioGroup,
  Skeleton,
  Stack,
  Text,
} from '@chakra-ui/react';
import type { AuditEventType, AuditExportFormat } from '@spendsense/server/domain/audit/event-types';
import { AuditExportEncoder } from '@spendsense/server/domain/audit/export/writer';
import type { JsonObject } from '@spendsense/server/domain/canonical-json';
import { CSRF_HEADER } from '@spendsense/server/http/csrf-header';
import { Component, type ReactNode, Suspense, useEffect, useState } from 'react';
import { graphql, useLazyLoadQuery } from 'react-relay';
import type { exportDialogEstimateQuery } from '../../__generated__/exportDialogEstimateQuery.graphql';
import { UtcDayRangeFields } from '../../components/utc-day-range-fields';
import { type AuditLogFilterVariables, exportQuery } from './audit-view';

const FORMATS: { value: AuditExportFormat; label: string }[] = [
  { value: 'csv', label: 'CSV (spreadsheets)' },
  { value: 'json', label: 'JSON (one document)' },
  { value: 'ndjson', label: 'NDJSON (one entry per line)' },
];

/** Entries sampled to estimate the size of a file: the newest of the slice, encoded as the server will. */
const SAMPLE_SIZE = 25;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

type Scope = 'filters' | 'range';

/**
 * Exports the audit log through `GET /exports/audit` (the server streams the file, audits the export and
 * signs its manifest): the current filters or a chosen date range, with an estimate before and a progress
 * bar during the download, saved by the browser.
 */
export function ExportDialog({ filter }: { filter: AuditLogFilterVariables }) {
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<AuditExportFormat>('csv');
  const [scope, setScope] = useState<Scope>('filters');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [progress, setProgress] = useState<{ received: number; done: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [estimate, setEstimate] = useState<number | null>(null);

  const exportFilter: AuditLogFilterVariables =
    scope === 'filters'
      ? filter
      : {
          ...(from ? { from: `${from}T00:00:00.000Z` } : {}),
          ...(to ? { to: `${to}T23:59:59.999Z` } : {}),
          // A date range is the whole question: every entry in it, archived months included.
          includeArchived: true,
        };
  const badRange = scope === 'range' && from !== '' && to !== '' && from > to;

  async function download() {
    setError(null);
    setProgress({ received: 0, done: false });
    try {
      const response = await fetch(`/exports/audit?${exportQuery(format, exportFilter)}`, {
        credentials: 'same-origin',
        // The session cookie alone does not download an export: the header shows the console asked.
        headers: { [CSRF_HEADER]: '1' },
      });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `The server answered ${response.status}`);
      }
      const reader = response.body.getReader();
      const chunks: Uint8Array[] = [];
      let received = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.byteLength;
        setProgress({ received, done: false });
      }
      const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1];
      const blob = new Blob(chunks as BlobPart[], { type: response.headers.get('content-type') ?? '' });
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = name ?? `audit.${format}`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setProgress({ received, done: true });
    } catch (caught) {
      setError((caught as Error).message);
      setProgress(null);
    }
  }

  const downloading = progress !== null && !progress.done;
  const percent =
    progress === null
      ? 0
      : progress.done
        ? 100
        : estimate
          ? Math.min(99, Math.round((progress.received / estimate) * 100))
          : null;

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(event) => {
        setOpen(event.open);
        if (!event.open) {
          setProgress(null);
          setError(null);
        }
      }}
    >
      <Dialog.Trigger asChild>
        {/* blue.700 keeps AA contrast even under the open dialog's backdrop. */}
        <Button colorPalette="blue" bg="blue.700">
          Export…
        </Button>
      </Dialog.Trigger>
      <Portal>
        <Dialog.Backdrop />
        <Dialog.Positioner>
          <Dialog.Content data-testid="export-dialog">
            <Dialog.Header>
              <Dialog.Title>Export the audit log</Dialog.Title>
            </Dialog.Header>
            <Dialog.Body>
              <Stack gap="5">
                <RadioGroup.Root
                  value={format}
                  onValueChange={(event) => setFormat(event.value as AuditExportFormat)}
                  aria-label="Format"
                >
                  <Text fontWeight="semibold" mb="1" id="export-format-label">
                    Format
                  </Text>
                  <Stack gap="1" aria-labelledby="export-format-label">
                    {FORMATS.map((option) => (
                      <RadioGroup.Item key={option.value} value={option.value}>
                        <RadioGroup.ItemHiddenInput />
                        <RadioGroup.ItemIndicator />
                        <RadioGroup.ItemText>{option.label}</RadioGroup.ItemText>
                      </RadioGroup.Item>
                    ))}
                  </Stack>
                </RadioGroup.Root>
                <RadioGroup.Root
                  value={scope}
                  onValueChange={(event) => setScope(event.value as Scope)}
                  aria-label="Entries"
                >
                  <Text fontWeight="semibold" mb="1">
                    Entries
                  </Text>
                  <Stack gap="1">
                    <RadioGroup.Item value="filters">
                      <RadioGroup.ItemHiddenInput />
                      <RadioGroup.ItemIndicator />
                      <RadioGroup.ItemText>Everything the current filters match</RadioGroup.ItemText>
                    </RadioGroup.Item>
                    <RadioGroup.Item value="range">
                      <RadioGroup.ItemHiddenInput />
                      <RadioGroup.ItemIndicator />
                      <RadioGroup.ItemText>Every entry in a date range</RadioGroup.ItemText>
                    </RadioGroup.Item>
                  </Stack>
                </RadioGroup.Root>
                {scope === 'range' ? (
                  <Flex gap="3">
                    <UtcDayRangeFields
                      from={from}
                      to={to}
                      onFromChange={setFrom}
                      onToChange={setTo}
                      endsBeforeStart={badRange}
                    />
                  </Flex>
                ) : null}
                <Box bg="gray.50" p="3" rounded="md" minH="12">
                  {badRange ? (
                    <Text fontSize="sm">Choose a valid range to see the estimate.</Text>
                  ) : (
                    <EstimateBoundary key={JSON.stringify([format, exportFilter])}>
                      <Suspense fallback={<Skeleton height="5" aria-label="Estimating the size" />}>
                        <ExportEstimate format={format} filter={exportFilter} onEstimate={setEstimate} />
                      </Suspense>
                    </EstimateBoundary>
                  )}
                </Box>
                {progress ? (
                  <Box>
                    <Progress.Root
                      value={percent}
                      max={100}
                      aria-label="Download progress"
                      colorPalette={progress.done ? 'green' : 'blue'}
                    >
                      <Progress.Track>
                        <Progress.Range />
                      </Progress.Track>
                    </Progress.Root>
                    <Text fontSize="sm" mt="1" role="status" data-testid="export-progress">
                      {progress.done
                        ? `Downloaded ${formatBytes(progress.received)}: saved by your browser.`
                        : `Downloading… ${formatBytes(progress.received)}${percent !== null ? ` (${percent} %)` : ''}`}
                    </Text>
                  </Box>
                ) : null}
                {error ? (
                  <Alert.Root status="error" role="alert">
                    <Alert.Indicator />
                    <Alert.Title>The export failed: {error}</Alert.Title>
                  </Alert.Root>
                ) : null}
              </Stack>
            </Dialog.Body>
            <Dialog.Footer>
              <Dialog.ActionTrigger asChild>
                <Button variant="outline">Close</Button>
              </Dialog.ActionTrigger>
              <Button colorPalette="blue" onClick={download} loading={downloading} disabled={badRange}>
                Download
              </Button>
            </Dialog.Footer>
            <Dialog.CloseTrigger asChild>
              <CloseButton size="sm" aria-label="Close export" />
            </Dialog.CloseTrigger>
          </Dialog.Content>
        </Dialog.Positioner>
      </Portal>
    </Dialog.Root>
  );
}

/**
 * How many entries the export will hold and roughly how big the file will be: the count comes from the
 * server, the bytes per entry from encoding a sample of the same slice with the server's own encoder.
 */
function ExportEstimate({
  format,
  filter,
  onEstimate,
}: {
  format: AuditExportFormat;
  filter: AuditLogFilterVariables;
  onEstimate: (bytes: number) => void;
}) {
  const data = useLazyLoadQuery<exportDialogEstimateQuery>(
    graphql`
      query exportDialogEstimateQuery($filter: AuditLogFilter, $sample: Int!) {
        auditLog(filter: $filter, first: $sample) {
          totalCount
          edges {
            node {
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
          }
        }
      }
    `,
    { filter, sample: SAMPLE_SIZE },
    { fetchPolicy: 'network-only' },
  );
  const { totalCount, edges } = data.auditLog;
  const sample = edges.map(({ node }) => ({
    seq: Number(node.sequence),
    logId: node.logId,
    eventType: node.eventType.toLowerCase() as AuditEventType,
    userId: node.customerId ?? null,
    operatorId: node.operatorUuid ?? null,
    recommendationId: node.recommendationUuid ?? null,
    occurredAt: String(node.occurredAt),
    eventData: node.eventData as JsonObject,
    ipAddress: node.ipAddress ?? null,
    userAgent: node.userAgent ?? null,
    contentHash: node.contentHash,
    prevHash: node.prevHash,
    hash: node.hash,
  }));
  const sampleBytes = new TextEncoder().encode(new AuditExportEncoder(format).entries(sample)).byteLength;
  // A header, and a manifest of about a kilobyte, come with every file.
  const bytes = sample.length === 0 ? 1024 : Math.round((sampleBytes / sample.length) * totalCount) + 1024;
  useEffect(() => onEstimate(bytes), [bytes, onEstimate]);
  return (
    <Text fontSize="sm" data-testid="export-estimate">
      {totalCount.toLocaleString('en-US')} {totalCount === 1 ? 'entry' : 'entries'}, about{' '}
      {formatBytes(bytes)}
    </Text>
  );
}

class EstimateBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    return this.state.error ? (
      <Text fontSize="sm" color="red.800" role="alert">
        No estimate: {this.state.error.message}
      </Text>
    ) : (
      this.props.children
    );
  }
}
