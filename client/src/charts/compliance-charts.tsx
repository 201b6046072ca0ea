import { SimpleGrid } from '@chakra-ui/react';
import { ResponsiveBar } from '@nivo/bar';
import { ResponsiveLine } from '@nivo/line';
import { ResponsivePie } from '@nivo/pie';
import { graphql, useFragment } from 'react-relay';
import type { complianceCharts_metrics$key } from '../__generated__/complianceCharts_metrics.graphql';
import { ChartFrame } from './chart-frame';
import { CHART_COLORS, NIVO_THEME, SEVERITY_COLORS } from './theme';

const SEVERITIES = ['critical', 'warning'] as const;

/** Words for the stable codes the audit trail records (eligibility_failed → "eligibility failed"). */
const label = (code: string) => code.replaceAll('_', ' ');

/**
 * The compliance dashboard's nivo charts, each with its data as a table. This module is loaded only by the
 * dashboard, after its numbers are on screen, so no other screen downloads nivo.
 */
export default function ComplianceCharts({ metrics }: { metrics: complianceCharts_metrics$key }) {
  const data = useFragment(
    graphql`
      fragment complianceCharts_metrics on ComplianceMetrics {
        consent {
          optedIn
          optedOut
          monthlyTrend {
            month
            optIns
            optOuts
          }
        }
        eligibility {
          failureReasons {
            reason
            count
          }
        }
        tone {
          violationsByCategoryAndSeverity {
            category
            severity
            count
          }
        }
        operatorActions {
          byOperator {
            operatorId
            count
            operator {
              displayName
              username
            }
          }
        }
      }
    `,
    metrics,
  );
  const { consent, eligibility, tone, operatorActions } = data;

  const consentSlices = [
    { id: 'opted in', label: 'Opted in', value: consent.optedIn },
    { id: 'opted out', label: 'Opted out', value: consent.optedOut },
  ];
  const trend = [
    { id: 'Opt-ins', data: consent.monthlyTrend.map((m) => ({ x: m.month, y: m.optIns })) },
    { id: 'Opt-outs', data: consent.monthlyTrend.map((m) => ({ x: m.month, y: m.optOuts })) },
  ];
  const reasons = [...eligibility.failureReasons]
    .reverse()
    .map((r) => ({ reason: label(r.reason), count: r.count }));
  const categories = [...new Set(tone.violationsByCategoryAndSeverity.map((v) => v.category))];
  const toneRows = categories.map((category) => {
    const row: Record<string, string | number> = { category: label(category) };
    for (const severity of SEVERITIES) {
      row[severity] = tone.violationsByCategoryAndSeverity
        .filter((v) => v.category === category && v.severity === severity)
        .reduce((sum, v) => sum + v.count, 0);
    }
    return row;
  });
  const operators = [...operatorActions.byOperator].reverse().map((o) => ({
    operator: o.operator?.displayName ?? o.operator?.username ?? 'removed operator',
    count: o.count,
  }));

  return (
    <SimpleGrid columns={{ base: 1, lg: 2 }} gap="6">
      <ChartFrame
        title="Consent: opted in vs opted out"
        summary="Customers on record now."
        table={{
          columns: ['Status', 'Customers'],
          rows: consent.optedIn + consent.optedOut === 0 ? [] : consentSlices.map((s) => [s.label, s.value]),
        }}
      >
        <ResponsivePie
          data={consentSlices}
          margin={{ top: 20, right: 100, bottom: 20, left: 100 }}
          innerRadius={0.5}
          padAngle={1}
          colors={[CHART_COLORS[0]!, CHART_COLORS[1]!]}
          theme={NIVO_THEME}
          arcLinkLabelsTextColor="#1a202c"
          arcLabelsTextColor="#ffffff"
          animate={false}
        />
      </ChartFrame>
      <ChartFrame
        title="Consent changes over time"
        summary="Opt-ins and opt-outs recorded per month (UTC)."
        table={{
          columns: ['Month', 'Opt-ins', 'Opt-outs'],
          rows: consent.monthlyTrend.map((m) => [m.month, m.optIns, m.optOuts]),
        }}
      >
        <ResponsiveLine
          data={trend}
          margin={{ top: 20, right: 90, bottom: 50, left: 50 }}
          colors={[CHART_COLORS[0]!, CHART_COLORS[1]!]}
          theme={NIVO_THEME}
          axisBottom={{
            tickRotation: -45,
            tickValues: everyNth(
              consent.monthlyTrend.map((m) => m.month),
              8,
            ),
          }}
          axisLeft={{ legend: 'changes', legendOffset: -40, legendPosition: 'middle', format: wholeNumbers }}
          pointSize={5}
          useMesh
          animate={false}
          legends={[rightLegend(85)]}
        />
      </ChartFrame>
      <ChartFrame
        title="Eligibility failure reasons"
        summary="Failed eligibility checks giving each reason."
        table={{
          columns: ['Reason', 'Failed checks'],
          rows: eligibility.failureReasons.map((r) => [label(r.reason), r.count]),
        }}
      >
        <CountBars
          data={reasons}
          indexBy="reason"
          legend="failed checks"
          labelWidth={190}
          color={CHART_COLORS[0]!}
        />
      </ChartFrame>
      <ChartFrame
        title="Tone violations by category and severity"
        summary="Failed tone validations."
        table={{
          columns: ['Category', 'Critical', 'Warning'],
          rows: toneRows.map((row) => [row['category']!, row['critical']!, row['warning']!]),
        }}
      >
        <ResponsiveBar
          data={toneRows}
          keys={[...SEVERITIES]}
          indexBy="category"
          margin={{ top: 10, right: 100, bottom: 40, left: 60 }}
          colors={({ id }) => SEVERITY_COLORS[String(id)] ?? CHART_COLORS[0]!}
          theme={NIVO_THEME}
          labelTextColor="#ffffff"
          axisLeft={{
            legend: 'violations',
            legendOffset: -45,
            legendPosition: 'middle',
            format: wholeNumbers,
          }}
          labelSkipHeight={14}
          animate={false}
          legends={[{ dataFrom: 'keys', ...rightLegend(95) }]}
        />
      </ChartFrame>
      <ChartFrame
        title="Review actions by operator"
        summary="Approvals, overrides and flags per operator."
        table={{
          columns: ['Operator', 'Actions'],
          rows: [...operators].reverse().map((o) => [o.operator, o.count]),
        }}
      >
        <CountBars
          data={operators}
          indexBy="operator"
          legend="actions"
          labelWidth={150}
          color={CHART_COLORS[2]!}
        />
      </ChartFrame>
    </SimpleGrid>
  );
}

/** One horizontal bar per row, labelled on the left, counting one thing (`count`). */
function CountBars<Row extends { count: number }>({
  data,
  indexBy,
  legend,
  labelWidth,
  color,
}: {
  data: Row[];
  indexBy: keyof Row & string;
  legend: string;
  labelWidth: number;
  color: string;
}) {
  return (
    <ResponsiveBar
      data={data}
      keys={['count']}
      indexBy={indexBy}
      layout="horizontal"
      margin={{ top: 10, right: 20, bottom: 40, left: labelWidth }}
      colors={[color]}
      theme={NIVO_THEME}
      labelTextColor="#ffffff"
      axisBottom={{ legend, legendOffset: 32, legendPosition: 'middle', format: wholeNumbers }}
      labelSkipWidth={20}
      animate={false}
    />
  );
}

/** A legend in a column to the right of the plot, `translateX` past its right margin. */
const rightLegend = (translateX: number) =>
  ({
    anchor: 'right',
    direction: 'column',
    translateX,
    itemWidth: 80,
    itemHeight: 20,
    symbolSize: 10,
    itemTextColor: '#1a202c',
  }) as const;

/** Counts have no fractions: an axis tick between two whole numbers stays unlabelled. */
const wholeNumbers = (value: number | string) => (Number.isInteger(Number(value)) ? String(value) : '');

/** Every nth value, so a long monthly axis stays readable. */
function everyNth(values: string[], target: number): string[] {
  const step = Math.max(1, Math.ceil(values.length / target));
  return values.filter((_, index) => index % step === 0);
}
