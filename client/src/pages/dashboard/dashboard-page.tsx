import { Box, Button, Group, Heading, SimpleGrid, Skeleton, Stack, Stat, Text } from '@chakra-ui/react';
import { lazy, Suspense, useMemo } from 'react';
import { graphql } from 'react-relay';
import { useSearchParams } from 'react-router';
import type { dashboardPageQuery } from '../../__generated__/dashboardPageQuery.graphql';
import { formatDuration } from '../../components/format';
import { PageHeader } from '../../components/page-header';
import { usePageQuery } from '../../relay/use-page-query';

// nivo is loaded only here, and only after the numbers are on screen.
const ComplianceCharts = lazy(() => import('../../charts/compliance-charts'));

/** The time-range selector's choices: days back from today (UTC), or all time. */
export const RANGES = [
  { key: '30d', label: '30 days', days: 30 },
  { key: '90d', label: '90 days', days: 90 },
  { key: '1y', label: '1 year', days: 365 },
  { key: 'all', label: 'All time', days: null },
] as const;

/** The start of the range: midnight UTC `days` days ago, so the variables stay the same all day. */
export function rangeStart(days: number | null, now = new Date()): string | null {
  if (days === null) return null;
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - days));
  return start.toISOString();
}

const percent = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : `${value} %`;
const number = (value: number | null | undefined, unit = '') =>
  value === null || value === undefined ? '—' : `${value.toLocaleString('en-US')}${unit}`;

/** The compliance dashboard (story 6.5 task 8): KPI cards and charts over a chosen period of the audit trail. */
export default function DashboardPage() {
  const [params, setParams] = useSearchParams();
  const range = RANGES.find((r) => r.key === params.get('range')) ?? RANGES[0];
  const from = useMemo(() => rangeStart(range.days), [range.days]);
  const data = usePageQuery<dashboardPageQuery>(
    graphql`
      query dashboardPageQuery($from: DateTime) {
        complianceMetrics(from: $from) {
          consent {
            totalCustomers
            optInRatePct
            averageDaysToConsent
          }
          eligibility {
            totalChecks
            passRatePct
            failureReasons {
              reason
              count
            }
          }
          tone {
            totalValidations
            passRatePct
            criticalViolations
          }
          operatorActions {
            totalActions
            averageReviewTimeSeconds
            overrideRatePct
          }
          ...complianceCharts_metrics
        }
      }
    `,
    { from },
  );
  const { consent, eligibility, tone, operatorActions } = data.complianceMetrics;
  const mostCommon = eligibility.failureReasons[0];

  return (
    <Stack gap="6">
      <PageHeader
        title="Compliance dashboard"
        description={
          from
            ? `Audit trail since ${from.slice(0, 10)} (UTC); customer counts are as of now.`
            : 'The whole audit trail.'
        }
        actions={
          <Group attached role="group" aria-label="Time range">
            {RANGES.map((r) => (
              <Button
                key={r.key}
                size="sm"
                variant={r.key === range.key ? 'solid' : 'outline'}
                colorPalette="blue"
                aria-pressed={r.key === range.key}
                // The palette's hover (blue.600 at 90 %) leaves white text under 4.5:1.
                _hover={r.key === range.key ? { bg: 'blue.700' } : undefined}
                onClick={() => setParams(r.key === RANGES[0].key ? {} : { range: r.key })}
              >
                {r.label}
              </Button>
            ))}
          </Group>
        }
      />
      <KpiGroup title="Consent">
        <Kpi label="Customers" value={number(consent.totalCustomers)} />
        <Kpi label="Opt-in rate" value={percent(consent.optInRatePct)} />
        <Kpi label="Average time to consent" value={number(consent.averageDaysToConsent, ' days')} />
      </KpiGroup>
      <KpiGroup title="Eligibility">
        <Kpi label="Checks" value={number(eligibility.totalChecks)} />
        <Kpi label="Pass rate" value={percent(eligibility.passRatePct)} />
        <Kpi
          label="Most common failure"
          value={mostCommon ? mostCommon.reason.replaceAll('_', ' ') : '—'}
          help={mostCommon ? `${mostCommon.count} checks` : undefined}
        />
      </KpiGroup>
      <KpiGroup title="Tone">
        <Kpi label="Validations" value={number(tone.totalValidations)} />
        <Kpi label="Pass rate" value={percent(tone.passRatePct)} />
        <Kpi label="Critical violations" value={number(tone.criticalViolations)} />
      </KpiGroup>
      <KpiGroup title="Operator reviews">
        <Kpi label="Total reviews" value={number(operatorActions.totalActions)} />
        <Kpi label="Average review time" value={formatDuration(operatorActions.averageReviewTimeSeconds)} />
        <Kpi label="Override rate" value={percent(operatorActions.overrideRatePct)} />
      </KpiGroup>
      <Box as="section" aria-labelledby="charts-heading">
        <Heading as="h2" size="lg" id="charts-heading" mb="3">
          Charts
        </Heading>
        <Suspense fallback={<ChartsSkeleton />}>
          <ComplianceCharts metrics={data.complianceMetrics} />
        </Suspense>
      </Box>
    </Stack>
  );
}

function KpiGroup({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Box as="section" aria-label={title}>
      <Heading as="h2" size="md" mb="2">
        {title}
      </Heading>
      <SimpleGrid columns={{ base: 1, md: 3 }} gap="4">
        {children}
      </SimpleGrid>
    </Box>
  );
}

function Kpi({ label, value, help }: { label: string; value: string; help?: string | undefined }) {
  return (
    <Stat.Root borderWidth="1px" rounded="md" p="4" bg="white">
      <Stat.Label color="gray.700">{label}</Stat.Label>
      <Stat.ValueText>{value}</Stat.ValueText>
      {/* Stat.HelpText is a span, which a <dl> may not hold: a second <dd> instead. */}
      {help ? (
        <Box as="dd" fontSize="sm" color="gray.700">
          {help}
        </Box>
      ) : null}
    </Stat.Root>
  );
}

function ChartsSkeleton() {
  return (
    <Box role="status" aria-busy="true">
      <Text srOnly>Loading charts…</Text>
      <SimpleGrid columns={{ base: 1, lg: 2 }} gap="6">
        {[0, 1, 2, 3].map((n) => (
          <Skeleton key={n} height="300px" rounded="md" />
        ))}
      </SimpleGrid>
    </Box>
  );
}
