import {
  type CategoryCount,
  type CategorySeverityCount,
  type ConsentMetrics,
  type ConsentTrendMonth,
  consentMetrics,
  type EligibilityMetrics,
  eligibilityMetrics,
  type MetricsRange,
  metricsRange,
  type OperatorActionCount,
  type OperatorActionMetrics,
  operatorActionMetrics,
  type ReasonCombinationCount,
  type ReasonCount,
  type SeverityCount,
  TOP_FAILURE_COMBINATIONS,
  type ToneMetrics,
  toneMetrics,
} from '../services/audit/metrics.js';
import { loadAuditReference } from './audit-references.js';
import { builder } from './builder.js';

const RATE =
  'A percentage rounded to one decimal (75.0 means 75 %); null when there is nothing to divide by.';

const MetricsRangeRef = builder.objectRef<MetricsRange>('ComplianceMetricsRange').implement({
  description: 'The period the metrics cover, as requested. A null bound is unbounded.',
  fields: (t) => ({
    from: t.expose('from', {
      type: 'DateTime',
      nullable: true,
      description: 'Entries at or after this instant; null means since the first entry.',
    }),
    to: t.expose('to', {
      type: 'DateTime',
      nullable: true,
      description: 'Entries at or before this instant; null means up to the newest entry.',
    }),
  }),
});

const ConsentTrendMonthRef = builder.objectRef<ConsentTrendMonth>('ConsentTrendMonth').implement({
  description: 'Consent changes recorded in one UTC calendar month.',
  fields: (t) => ({
    month: t.exposeString('month', { description: 'The month, as YYYY-MM (UTC).' }),
    optIns: t.exposeInt('optIns', { description: 'Changes to opted in.' }),
    optOuts: t.exposeInt('optOuts', { description: 'Changes to opted out (revocations).' }),
  }),
});

const ConsentMetricsRef = builder.objectRef<ConsentMetrics>('ConsentMetrics').implement({
  description:
    'Customer consent. The customer counts are the current state, whatever the range; the trend and the time to consent follow the range.',
  fields: (t) => ({
    totalCustomers: t.exposeInt('totalCustomers', { description: 'Customers on record now.' }),
    optedIn: t.exposeInt('optedIn', { description: 'Customers currently opted in.' }),
    optedOut: t.exposeInt('optedOut', {
      description: 'Customers currently opted out, including those who never answered.',
    }),
    optInRatePct: t.exposeFloat('optInRatePct', {
      nullable: true,
      description: `Opted-in customers as a share of all customers. ${RATE}`,
    }),
    monthlyTrend: t.field({
      type: [ConsentTrendMonthRef],
      description:
        'Consent changes per month in the range, oldest first, every month from the first to the last month with a change (months without one show zeros).',
      resolve: (consent) => consent.monthlyTrend,
    }),
    averageDaysToConsent: t.exposeFloat('averageDaysToConsent', {
      nullable: true,
      description:
        'Average days from joining to first opting in, over customers whose first opt-in falls in the range, to one decimal; null when there are none.',
    }),
  }),
});

const ReasonCountRef = builder.objectRef<ReasonCount>('EligibilityFailureReasonCount').implement({
  description: 'How many failed eligibility checks gave one reason.',
  fields: (t) => ({
    reason: t.exposeString('reason', { description: 'Stable failure code, e.g. income_below_threshold.' }),
    count: t.exposeInt('count', { description: 'Failed checks that gave this reason.' }),
  }),
});

const ReasonCombinationRef = builder
  .objectRef<ReasonCombinationCount>('EligibilityFailureCombination')
  .implement({
    description: 'How many failed eligibility checks gave exactly this set of reasons.',
    fields: (t) => ({
      reasons: t.exposeStringList('reasons', {
        description: 'The failure codes, sorted; a single code is a combination of one.',
      }),
      count: t.exposeInt('count', { description: 'Failed checks that gave exactly these reasons.' }),
    }),
  });

const EligibilityMetricsRef = builder.objectRef<EligibilityMetrics>('EligibilityMetrics').implement({
  description: 'Eligibility guardrail checks (eligibility_checked entries) in the range.',
  fields: (t) => ({
    totalChecks: t.exposeInt('totalChecks', { description: 'Checks run.' }),
    passed: t.exposeInt('passed', { description: 'Checks that passed.' }),
    failed: t.exposeInt('failed', { description: 'Checks that failed.' }),
    passRatePct: t.exposeFloat('passRatePct', {
      nullable: true,
      description: `Passed checks as a share of all checks. ${RATE}`,
    }),
    failureReasons: t.field({
      type: [ReasonCountRef],
      description: 'Each failure reason with the number of failed checks giving it, most frequent first.',
      resolve: (eligibility) => eligibility.failureReasons,
    }),
    mostCommonCombinations: t.field({
      type: [ReasonCombinationRef],
      description: `The ${TOP_FAILURE_COMBINATIONS} most frequent sets of reasons failed checks gave, most frequent first.`,
      resolve: (eligibility) => eligibility.mostCommonCombinations,
    }),
  }),
});

const CategoryCountRef = builder.objectRef<CategoryCount>('ToneViolationCategoryCount').implement({
  description: 'How many failed tone validations fell in one category.',
  fields: (t) => ({
    category: t.exposeString('category', { description: 'e.g. shame_based, pressure, misleading.' }),
    count: t.exposeInt('count', { description: 'Failed validations in this category.' }),
  }),
});

const SeverityCountRef = builder.objectRef<SeverityCount>('ToneSeverityCount').implement({
  description: 'How many failed tone validations had one severity.',
  fields: (t) => ({
    severity: t.exposeString('severity', { description: 'warning or critical.' }),
    count: t.exposeInt('count', { description: 'Failed validations with this severity.' }),
  }),
});

const CategorySeverityCountRef = builder
  .objectRef<CategorySeverityCount>('ToneViolationCategorySeverityCount')
  .implement({
    description: 'How many failed tone validations fell in one category with one severity.',
    fields: (t) => ({
      category: t.exposeString('category', { description: 'e.g. shame_based, pressure, misleading.' }),
      severity: t.exposeString('severity', { description: 'warning or critical.' }),
      count: t.exposeInt('count', { description: 'Failed validations in this category with this severity.' }),
    }),
  });

const ToneMetricsRef = builder.objectRef<ToneMetrics>('ToneMetrics').implement({
  description: 'Tone guardrail validations (tone_validated entries) in the range.',
  fields: (t) => ({
    totalValidations: t.exposeInt('totalValidations', { description: 'Validations run.' }),
    passed: t.exposeInt('passed', { description: 'Validations that passed.' }),
    failed: t.exposeInt('failed', { description: 'Validations that found a violation.' }),
    passRatePct: t.exposeFloat('passRatePct', {
      nullable: true,
      description: `Passed validations as a share of all validations. ${RATE}`,
    }),
    violationsByCategory: t.field({
      type: [CategoryCountRef],
      description: 'Failed validations per category, most frequent first.',
      resolve: (tone) => tone.violationsByCategory,
    }),
    severityDistribution: t.field({
      type: [SeverityCountRef],
      description: 'Failed validations per severity, most frequent first.',
      resolve: (tone) => tone.severityDistribution,
    }),
    violationsByCategoryAndSeverity: t.field({
      type: [CategorySeverityCountRef],
      description:
        'Failed validations per category and severity (every pair that occurred), by category, then severity.',
      resolve: (tone) => tone.violationsByCategoryAndSeverity,
    }),
    criticalViolations: t.exposeInt('criticalViolations', {
      description: 'Failed validations of critical severity.',
    }),
  }),
});

const OperatorActionCountRef = builder.objectRef<OperatorActionCount>('OperatorActionCount').implement({
  description: 'How many review actions one operator took in the range.',
  fields: (t) => ({
    operator: t.prismaField({
      type: 'Operator',
      nullable: true,
      description: 'The operator; null when the operator no longer exists (the audit entries remain).',
      // One batched load for the whole list (audit-references.ts).
      resolve: (query, row, _args, ctx) => loadAuditReference.operator(ctx, query, row.operatorId),
    }),
    operatorId: t.globalID({
      description: 'Global ID of the operator, usable in the auditLog filter even when the operator is gone.',
      resolve: (row) => ({ type: 'Operator', id: row.operatorId }),
    }),
    count: t.exposeInt('count', { description: 'Approvals, overrides and flags together.' }),
  }),
});

const OperatorActionMetricsRef = builder.objectRef<OperatorActionMetrics>('OperatorActionMetrics').implement({
  description: 'Review-queue actions (operator_action entries) in the range.',
  fields: (t) => ({
    totalActions: t.exposeInt('totalActions', { description: 'Approvals, overrides and flags together.' }),
    approvals: t.exposeInt('approvals', { description: 'Recommendations approved.' }),
    overrides: t.exposeInt('overrides', { description: 'Recommendations overridden.' }),
    flags: t.exposeInt('flags', { description: 'Recommendations flagged.' }),
    byOperator: t.field({
      type: [OperatorActionCountRef],
      description: 'Actions per operator, most active first.',
      resolve: (actions) => actions.byOperator,
    }),
    averageReviewTimeSeconds: t.exposeFloat('averageReviewTimeSeconds', {
      nullable: true,
      description:
        'Average review time in seconds (review_time_seconds) over the actions that record one, to one decimal; null when none do.',
    }),
    overrideRatePct: t.exposeFloat('overrideRatePct', {
      nullable: true,
      description: `Overrides as a share of all actions. ${RATE}`,
    }),
  }),
});

const ComplianceMetricsRef = builder.objectRef<MetricsRange>('ComplianceMetrics').implement({
  description:
    'Compliance metrics computed by the database from the audit trail. Each section is computed only when selected.',
  fields: (t) => ({
    range: t.field({
      type: MetricsRangeRef,
      description: 'The period covered, as requested.',
      resolve: (range) => range,
    }),
    consent: t.field({
      type: ConsentMetricsRef,
      description: 'Customer consent: current status, monthly changes, time to consent.',
      resolve: (range, _args, ctx) => consentMetrics(ctx.services, range),
    }),
    eligibility: t.field({
      type: EligibilityMetricsRef,
      description: 'Eligibility guardrail checks: pass rate, failure reasons and their combinations.',
      resolve: (range, _args, ctx) => eligibilityMetrics(ctx.services, range),
    }),
    tone: t.field({
      type: ToneMetricsRef,
      description: 'Tone guardrail validations: pass rate, violations by category and severity.',
      resolve: (range, _args, ctx) => toneMetrics(ctx.services, range),
    }),
    operatorActions: t.field({
      type: OperatorActionMetricsRef,
      description: 'Review-queue actions: totals, per operator, review time, override rate.',
      resolve: (range, _args, ctx) => operatorActionMetrics(ctx.services, range),
    }),
  }),
});

builder.queryField('complianceMetrics', (t) =>
  t.field({
    type: ComplianceMetricsRef,
    description:
      'Compliance metrics over the audit trail for a period (default: all time). Admin and compliance only. `from` after `to` is BAD_USER_INPUT.',
    args: {
      from: t.arg({ type: 'DateTime', required: false, description: 'Start of the period (inclusive).' }),
      to: t.arg({ type: 'DateTime', required: false, description: 'End of the period (inclusive).' }),
    },
    resolve: (_root, args) => metricsRange(args),
  }),
);
