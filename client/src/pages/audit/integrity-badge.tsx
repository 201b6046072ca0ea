import { Badge, Box, Button, HStack, Skeleton, Text } from '@chakra-ui/react';
import { Component, type ReactNode, Suspense, useState } from 'react';
import { graphql, useLazyLoadQuery } from 'react-relay';
import type { integrityBadgeQuery } from '../../__generated__/integrityBadgeQuery.graphql';
import { utcTime } from './audit-log-row';

/**
 * The server's latest verification of the whole chain: head sequence and hash, and when it ran. Loaded on
 * its own so the table never waits for it; "Verify again" asks for a fresh verdict.
 */
export function IntegrityBadge() {
  const [attempt, setAttempt] = useState(0);
  const again = () => setAttempt((n) => n + 1);
  return (
    <Box borderWidth="1px" rounded="md" bg="white" px="3" py="2" minW="72" data-testid="integrity-badge">
      <BadgeErrorBoundary key={attempt} onRetry={again}>
        <Suspense
          fallback={
            <Box role="status" aria-busy="true">
              <Text fontSize="sm">Verifying the audit chain…</Text>
              <Skeleton height="4" mt="1" />
            </Box>
          }
        >
          <Verdict fetchKey={attempt} onAgain={again} />
        </Suspense>
      </BadgeErrorBoundary>
    </Box>
  );
}

function Verdict({ fetchKey, onAgain }: { fetchKey: number; onAgain: () => void }) {
  const { auditIntegrity: report } = useLazyLoadQuery<integrityBadgeQuery>(
    graphql`
      query integrityBadgeQuery {
        auditIntegrity {
          valid
          headSeq
          headHash
          verifiedAt
          firstInvalidSeq
          message
          ranges {
            kind
            firstSeq
            lastSeq
            rowCount
          }
        }
      }
    `,
    {},
    { fetchKey, fetchPolicy: 'network-only' },
  );
  return (
    <Box>
      <HStack justify="space-between" gap="3">
        <Badge colorPalette={report.valid ? 'green' : 'red'} variant="subtle" size="md">
          {report.valid ? 'Chain verified' : `Chain broken at #${report.firstInvalidSeq}`}
        </Badge>
        <Button size="xs" variant="ghost" onClick={onAgain}>
          Verify again
        </Button>
      </HStack>
      <Text fontSize="xs" mt="1" fontFamily="mono" title={report.headHash}>
        head #{report.headSeq} · {report.headHash.slice(0, 16)}…
      </Text>
      <Text fontSize="xs" color="gray.700">
        by the server, {utcTime(report.verifiedAt)}
      </Text>
      <Lifecycle ranges={report.ranges} />
      {report.valid ? null : (
        <Text fontSize="xs" color="red.800" mt="1">
          {report.message}
        </Text>
      )}
    </Box>
  );
}

type Range = { kind: string; firstSeq: string; lastSeq: string; rowCount: number };

/** Where the verified history lives: purged (receipts only), archived (Parquet months), active (the table). */
function Lifecycle({ ranges }: { ranges: ReadonlyArray<Range> }) {
  const parts = (['PURGED', 'ARCHIVED', 'ACTIVE'] as const)
    .map((kind) => {
      const of = ranges.filter((range) => range.kind === kind);
      if (of.length === 0) return null;
      const span = `#${of[0]!.firstSeq}–#${of[of.length - 1]!.lastSeq}`;
      if (kind === 'ACTIVE') return `active ${span}`;
      const months = `${of.length} month${of.length === 1 ? '' : 's'}`;
      return `${kind === 'ARCHIVED' ? 'archived' : 'purged'} ${months} ${span}`;
    })
    .filter((part) => part !== null);
  if (parts.length < 2) return null;
  return (
    <Text fontSize="xs" color="gray.700" data-testid="integrity-lifecycle">
      {parts.join(' · ')}
    </Text>
  );
}

class BadgeErrorBoundary extends Component<
  { children: ReactNode; onRetry: () => void },
  { failed: boolean }
> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <HStack role="alert" justify="space-between">
        <Text fontSize="sm" color="red.800">
          Verification could not be loaded
        </Text>
        <Button size="xs" variant="outline" onClick={this.props.onRetry}>
          Try again
        </Button>
      </HStack>
    );
  }
}
