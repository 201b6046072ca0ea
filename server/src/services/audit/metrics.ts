import { readRows } from '../../db/read-rows.js';
import { badInput } from '../../errors.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { ServiceContext } from '../context.js';

/**
 * Compliance metrics over the audit trail. Every number is computed by the database with aggregates (one
 * statement per section, so each section is read from one consistent snapshot); no audit entry is ever
 * loaded into memory, which keeps the cost flat whether the range holds a hundred entries or millions.
 */

/** Which part of the audit trail the metrics cover; a missing bound means unbounded (all time). */
export interface MetricsRange {
  /** Inclusive lower bound on when an entry occurred. */
  from: Date | null;
  /** Inclusive upper bound on when an entry occurred. */
  to: Date | null;
}

export interface ConsentTrendMonth {
  /** UTC calendar month, YYYY-MM. */
  month: string;
  optIns: number;
  optOuts: number;
}

export interface ConsentMetrics {
  totalCustomers: number;
  optedIn: number;
  optedOut: number;
  optInRatePct: number | null;
  monthlyTrend: ConsentTrendMonth[];
  averageDaysToConsent: number | null;
}

export interface ReasonCount {
  reason: string;
  count: number;
}

export interface ReasonCombinationCount {
  /** Sorted, without duplicates. */
  reasons: string[];
  count: number;
}

export interface EligibilityMetrics {
  totalChecks: number;
  passed: number;
  failed: number;
  passRatePct: number | null;
  failureReasons: ReasonCount[];
  mostCommonCombinations: ReasonCombinationCount[];
}

export interface CategoryCount {
  category: string;
  count: number;
}

export interface SeverityCount {
  severity: string;
  count: number;
}

export interface CategorySeverityCount {
  category: string;
  severity: string;
  count: number;
}

export interface ToneMetrics {
  totalValidations: number;
  passed: number;
  failed: number;
  passRatePct: number | null;
  violationsByCategory: CategoryCount[];
  severityDistribution: SeverityCount[];
  violationsByCategoryAndSeverity: CategorySeverityCount[];
  criticalViolations: number;
}

export interface OperatorActionCount {
  operatorId: string;
  count: number;
}

export interface OperatorActionMetrics {
  totalActions: number;
  approvals: number;
  overrides: number;
  flags: number;
  byOperator: OperatorActionCount[];
  averageReviewTimeSeconds: number | null;
  overrideRatePct: number | null;
}

export interface ComplianceMetrics {
  range: MetricsRange;
  consent: ConsentMetrics;
  eligibility: EligibilityMetrics;
  tone: ToneMetrics;
  operatorActions: OperatorActionMetrics;
}

/** How many combinations `mostCommonCombinations` lists. */
export const TOP_FAILURE_COMBINATIONS = 5;

/**
 * Validates a requested range: both bounds optional, `from` after `to` is BAD_USER_INPUT. A range with
 * `from` equal to `to` is one instant and is allowed.
 */
export function metricsRange(input: { from?: Date | null; to?: Date | null }): MetricsRange {
  const from = input.from ?? null;
  const to = input.to ?? null;
  for (const [field, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (value && Number.isNaN(value.getTime())) throw badInput(`${field} is not a valid instant`, { field });
  }
  if (from && to && from.getTime() > to.getTime()) {
    throw badInput('from must not be after to', { field: 'from' });
  }
  return { from, to };
}

/**
 * `part` as a percentage of `whole`, rounded half-up to one decimal; null when `whole` is 0 because a rate
 * of nothing is unknown, not zero. Integer arithmetic before the one division keeps 12.25 % from becoming
 * 12.2 through binary rounding.
 */
export function percentage(part: number, whole: number): number | null {
  if (whole === 0) return null;
  return Math.round((part * 1000) / whole) / 10;
}

/** All four sections at once, computed concurrently. */
export async function complianceMetrics(
  ctx: ServiceContext,
  input: { from?: Date | null; to?: Date | null } = {},
): Promise<ComplianceMetrics> {
  const range = metricsRange(input);
  const [consent, eligibility, tone, operatorActions] = await Promise.all([
    consentMetrics(ctx, range),
    eligibilityMetrics(ctx, range),
    toneMetrics(ctx, range),
    operatorActionMetrics(ctx, range),
  ]);
  return { range, consent, eligibility, tone, operatorActions };
}

/** `AND occurred_at …` for the bounds that are set; a bound left out keeps the (event_type, occurred_at) index usable. */
function occurredWithin(range: MetricsRange, column = Prisma.sql`occurred_at`): Prisma.Sql {
  const bounds: Prisma.Sql[] = [];
  if (range.from) bounds.push(Prisma.sql`AND ${column} >= ${range.from.toISOString()}::timestamptz`);
  if (range.to) bounds.push(Prisma.sql`AND ${column} <= ${range.to.toISOString()}::timestamptz`);
  return bounds.length > 0 ? Prisma.join(bounds, ' ') : Prisma.empty;
}

/** COUNT(*) comes back as a bigint; metrics are far below 2^53, so a number is exact. */
function count(value: bigint | number | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/** json_agg results arrive parsed by some drivers and as text by others. */
function jsonList<T>(value: unknown): T[] {
  if (value === null || value === undefined) return [];
  const parsed = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  return Array.isArray(parsed) ? (parsed as T[]) : [];
}

function nullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/**
 * Customer consent now (customer counts are the current state, not limited to the range), the monthly
 * trend of consent changes in the range (gap-free from its first to its last month with a change), and
 * how long customers whose first opt-in falls in the range took to opt in after joining. The first opt-in
 * comes from the consent history, which outlives audit entries moved to archives.
 */
export async function consentMetrics(ctx: ServiceContext, range: MetricsRange): Promise<ConsentMetrics> {
  const rows = await readRows<{
    total_customers: bigint;
    opted_in: bigint;
    opted_out: bigint;
    monthly_trend: unknown;
    average_days_to_consent: number | null;
  }>(
    ctx.db.sql,
    Prisma.sql`
    WITH changes AS (
      SELECT date_trunc('month', occurred_at AT TIME ZONE 'UTC') AS month, event_data->>'new_status' AS new_status
      FROM audit_log
      WHERE event_type = 'consent_changed'::"AuditEventType" ${occurredWithin(range)}
    ),
    monthly AS (
      SELECT month,
             COUNT(*) FILTER (WHERE new_status = 'opted_in') AS opt_ins,
             COUNT(*) FILTER (WHERE new_status = 'opted_out') AS opt_outs
      FROM changes
      GROUP BY month
    ),
    months AS (
      SELECT generate_series(MIN(month), MAX(month), interval '1 month') AS month FROM monthly
    ),
    first_opt_ins AS (
      SELECT user_id, MIN(changed_at) AS changed_at
      FROM consent_records
      WHERE status = 'OPTED_IN'::"ConsentStatus"
      GROUP BY user_id
    )
    SELECT
      COUNT(*) AS total_customers,
      COUNT(*) FILTER (WHERE consent_status = 'OPTED_IN'::"ConsentStatus") AS opted_in,
      COUNT(*) FILTER (WHERE consent_status = 'OPTED_OUT'::"ConsentStatus") AS opted_out,
      (
        SELECT json_agg(
                 json_build_object(
                   'month', to_char(months.month, 'YYYY-MM'),
                   'optIns', COALESCE(monthly.opt_ins, 0),
                   'optOuts', COALESCE(monthly.opt_outs, 0))
                 ORDER BY months.month)
        FROM months LEFT JOIN monthly ON monthly.month = months.month
      ) AS monthly_trend,
      (
        SELECT round(AVG(EXTRACT(EPOCH FROM (f.changed_at - u.created_at)) / 86400)::numeric, 1)::float8
        FROM first_opt_ins f JOIN users u ON u.id = f.user_id
        WHERE TRUE ${occurredWithin(range, Prisma.sql`f.changed_at`)}
      ) AS average_days_to_consent
    FROM users`,
  );
  const row = rows[0];
  const totalCustomers = count(row?.total_customers);
  const optedIn = count(row?.opted_in);
  return {
    totalCustomers,
    optedIn,
    optedOut: count(row?.opted_out),
    optInRatePct: percentage(optedIn, totalCustomers),
    monthlyTrend: jsonList<ConsentTrendMonth>(row?.monthly_trend),
    averageDaysToConsent: nullableNumber(row?.average_days_to_consent),
  };
}

/**
 * Eligibility checks in the range. A failed check counts once per distinct reason it gives; combinations
 * are each failed check's distinct reasons, sorted, so [income, age] and [age, income] are one combination
 * (a single reason is a combination of one). Ties order by name (byte order, the same on every server).
 */
export async function eligibilityMetrics(
  ctx: ServiceContext,
  range: MetricsRange,
): Promise<EligibilityMetrics> {
  const rows = await readRows<{
    total: bigint;
    passed: bigint;
    failed: bigint;
    failure_reasons: unknown;
    combinations: unknown;
  }>(
    ctx.db.sql,
    Prisma.sql`
    WITH checks AS (
      SELECT (event_data->>'pass')::boolean AS pass,
             ARRAY(
               SELECT DISTINCT reason COLLATE "C"
               FROM jsonb_array_elements_text(
                 CASE WHEN jsonb_typeof(event_data->'failure_reasons') = 'array'
                      THEN event_data->'failure_reasons' ELSE '[]'::jsonb END) AS reason
               ORDER BY 1
             ) AS reasons
      FROM audit_log
      WHERE event_type = 'eligibility_checked'::"AuditEventType" ${occurredWithin(range)}
    ),
    failures AS (
      SELECT reasons, array_to_string(reasons, ',') COLLATE "C" AS sort_key
      FROM checks
      WHERE NOT pass AND cardinality(reasons) > 0
    ),
    by_reason AS (
      SELECT reason COLLATE "C" AS reason, COUNT(*) AS count
      FROM failures CROSS JOIN LATERAL unnest(failures.reasons) AS reason
      GROUP BY 1
    ),
    by_combination AS (
      SELECT reasons, sort_key, COUNT(*) AS count
      FROM failures
      GROUP BY reasons, sort_key
      ORDER BY count DESC, sort_key
      LIMIT ${TOP_FAILURE_COMBINATIONS}
    )
    SELECT
      COUNT(*) AS total,
      COUNT(*) FILTER (WHERE pass) AS passed,
      COUNT(*) FILTER (WHERE NOT pass) AS failed,
      (
        SELECT json_agg(json_build_object('reason', reason, 'count', count) ORDER BY count DESC, reason)
        FROM by_reason
      ) AS failure_reasons,
      (
        SELECT json_agg(json_build_object('reasons', reasons, 'count', count) ORDER BY count DESC, sort_key)
        FROM by_combination
      ) AS combinations
    FROM checks`,
  );
  const row = rows[0];
  const totalChecks = count(row?.total);
  const passed = count(row?.passed);
  return {
    totalChecks,
    passed,
    failed: count(row?.failed),
    passRatePct: percentage(passed, totalChecks),
    failureReasons: jsonList<ReasonCount>(row?.failure_reasons),
    mostCommonCombinations: jsonList<ReasonCombinationCount>(row?.combinations),
  };
}

/**
 * Tone validations in the range. Categories, severities and critical violations count failed validations
 * (a passing validation has neither), most frequent first, ties by name.
 */
export async function toneMetrics(ctx: ServiceContext, range: MetricsRange): Promise<ToneMetrics> {
  const rows = await readRows<{
    total: bigint;
    passed: bigint;
    failed: bigint;
    critical: bigint;
    by_category: unknown;
    by_severity: unknown;
    by_category_severity: unknown;
  }>(
    ctx.db.sql,
    Prisma.sql`
    WITH validations AS (
      SELECT (event_data->>'pass')::boolean AS pass,
             event_data->>'category' COLLATE "C" AS category,
             event_data->>'severity' COLLATE "C" AS severity
      FROM audit_log
      WHERE event_type = 'tone_validated'::"AuditEventType" ${occurredWithin(range)}
    ),
    by_category AS (
      SELECT category, COUNT(*) AS count FROM validations
      WHERE NOT pass AND category IS NOT NULL GROUP BY category
    ),
    by_severity AS (
      SELECT severity, COUNT(*) AS count FROM validations
      WHERE NOT pass AND severity IS NOT NULL GROUP BY severity
    ),
    by_category_severity AS (
      SELECT category, severity, COUNT(*) AS count FROM validations
      WHERE NOT pass AND category IS NOT NULL AND severity IS NOT NULL GROUP BY category, severity
    )
    SELECT
      COUNT(*) AS total,
      COUNT(*) FILTER (WHERE pass) AS passed,
      COUNT(*) FILTER (WHERE NOT pass) AS failed,
      COUNT(*) FILTER (WHERE NOT pass AND severity = 'critical') AS critical,
      (
        SELECT json_agg(json_build_object('category', category, 'count', count) ORDER BY count DESC, category)
        FROM by_category
      ) AS by_category,
      (
        SELECT json_agg(json_build_object('severity', severity, 'count', count) ORDER BY count DESC, severity)
        FROM by_severity
      ) AS by_severity,
      (
        SELECT json_agg(
          json_build_object('category', category, 'severity', severity, 'count', count)
          ORDER BY category, severity
        )
        FROM by_category_severity
      ) AS by_category_severity
    FROM validations`,
  );
  const row = rows[0];
  const totalValidations = count(row?.total);
  const passed = count(row?.passed);
  return {
    totalValidations,
    passed,
    failed: count(row?.failed),
    passRatePct: percentage(passed, totalValidations),
    violationsByCategory: jsonList<CategoryCount>(row?.by_category),
    severityDistribution: jsonList<SeverityCount>(row?.by_severity),
    violationsByCategoryAndSeverity: jsonList<CategorySeverityCount>(row?.by_category_severity),
    criticalViolations: count(row?.critical),
  };
}

/**
 * Review-queue actions in the range: totals per action, per operator (most active first, ties by id), the
 * average review time over the actions that carry one, and overrides as a share of all actions.
 */
export async function operatorActionMetrics(
  ctx: ServiceContext,
  range: MetricsRange,
): Promise<OperatorActionMetrics> {
  const rows = await readRows<{
    total: bigint;
    approvals: bigint;
    overrides: bigint;
    flags: bigint;
    average_review_time: number | null;
    by_operator: unknown;
  }>(
    ctx.db.sql,
    Prisma.sql`
    WITH actions AS (
      SELECT operator_id,
             event_data->>'action' AS action,
             (event_data->>'review_time_seconds')::float8 AS review_time
      FROM audit_log
      WHERE event_type = 'operator_action'::"AuditEventType" ${occurredWithin(range)}
    ),
    by_operator AS (
      SELECT operator_id, COUNT(*) AS count FROM actions WHERE operator_id IS NOT NULL GROUP BY operator_id
    )
    SELECT
      COUNT(*) AS total,
      COUNT(*) FILTER (WHERE action = 'approved') AS approvals,
      COUNT(*) FILTER (WHERE action = 'overridden') AS overrides,
      COUNT(*) FILTER (WHERE action = 'flagged') AS flags,
      round(AVG(review_time)::numeric, 1)::float8 AS average_review_time,
      (
        SELECT json_agg(json_build_object('operatorId', operator_id, 'count', count) ORDER BY count DESC, operator_id)
        FROM by_operator
      ) AS by_operator
    FROM actions`,
  );
  const row = rows[0];
  const totalActions = count(row?.total);
  const overrides = count(row?.overrides);
  return {
    totalActions,
    approvals: count(row?.approvals),
    overrides,
    flags: count(row?.flags),
    byOperator: jsonList<OperatorActionCount>(row?.by_operator),
    averageReviewTimeSeconds: nullableNumber(row?.average_review_time),
    overrideRatePct: percentage(overrides, totalActions),
  };
}
