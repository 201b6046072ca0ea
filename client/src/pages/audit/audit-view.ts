import { AUDIT_EVENT_TYPE_NAMES, type AuditEventType } from '@spendsense/server/domain/audit/event-types';

/**
 * What the audit log shows, as it lives in the URL, so a view can be shared and reloaded:
 * `?types=login_attempt,operator_action&range=30d&customer=usr_000042&operator=<id>&recommendation=<uuid>
 * &sort=oldest&archived=1&after=<cursor>&entry=<id>`. Unknown or malformed values are dropped, never guessed at.
 */
export interface AuditView {
  eventTypes: AuditEventType[];
  range: DateRange;
  /** A customer id as recorded (usr_000042). */
  customerId: string | null;
  /** The global ID of an operator (from the operators list). */
  operatorId: string | null;
  /** A recommendation id as recorded (a UUID). */
  recommendationId: string | null;
  sort: AuditSort;
  /** Also search the monthly Parquet archives (entries past the active window; RETENTION.md). */
  archived: boolean;
  /** The page starts after this cursor (reading forward) or ends before it (reading backward). */
  after: string | null;
  before: string | null;
  /** The global ID of the entry open in the details drawer. */
  entry: string | null;
}

export type DateRange =
  | { kind: 'all' }
  | { kind: 'last'; days: 7 | 30 | 90 }
  /** Whole UTC days, inclusive, `YYYY-MM-DD`; either end may be open. */
  | { kind: 'custom'; from: string | null; to: string | null };

/** `withArchived`: archived months are read in sequence order only (the server refuses the type orders). */
export const SORTS = {
  newest: { label: 'Newest first', orderBy: 'SEQ_DESC', withArchived: true },
  oldest: { label: 'Oldest first', orderBy: 'SEQ_ASC', withArchived: true },
  'type-az': { label: 'Event type A–Z', orderBy: 'EVENT_TYPE_ASC', withArchived: false },
  'type-za': { label: 'Event type Z–A', orderBy: 'EVENT_TYPE_DESC', withArchived: false },
} as const;
export type AuditSort = keyof typeof SORTS;

export const PRESET_DAYS = [7, 30, 90] as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const DEFAULT_VIEW: AuditView = {
  eventTypes: [],
  range: { kind: 'all' },
  customerId: null,
  operatorId: null,
  recommendationId: null,
  sort: 'newest',
  archived: false,
  after: null,
  before: null,
  entry: null,
};

function isDay(value: string | null): value is string {
  return value !== null && DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

export function parseAuditView(params: URLSearchParams): AuditView {
  const types = (params.get('types') ?? '')
    .split(',')
    .filter((type): type is AuditEventType => (AUDIT_EVENT_TYPE_NAMES as readonly string[]).includes(type));
  const rangeText = params.get('range');
  let range: DateRange = { kind: 'all' };
  const preset = PRESET_DAYS.find((days) => rangeText === `${days}d`);
  if (preset) range = { kind: 'last', days: preset };
  else if (rangeText === 'custom') {
    const from = params.get('from');
    const to = params.get('to');
    range = { kind: 'custom', from: isDay(from) ? from : null, to: isDay(to) ? to : null };
  }
  const sortText = params.get('sort') ?? 'newest';
  const archived = params.get('archived') === '1';
  const sort = Object.hasOwn(SORTS, sortText) ? (sortText as AuditSort) : 'newest';
  const recommendation = params.get('recommendation');
  return {
    eventTypes: [...new Set(types)],
    range,
    customerId: params.get('customer')?.trim() || null,
    operatorId: params.get('operator') || null,
    recommendationId: recommendation && UUID.test(recommendation) ? recommendation.toLowerCase() : null,
    sort: archived && !SORTS[sort].withArchived ? 'newest' : sort,
    archived,
    after: params.get('after') || null,
    before: params.get('after') ? null : params.get('before') || null,
    entry: params.get('entry') || null,
  };
}

export function serializeAuditView(view: AuditView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.eventTypes.length > 0) params.set('types', view.eventTypes.join(','));
  if (view.range.kind === 'last') params.set('range', `${view.range.days}d`);
  if (view.range.kind === 'custom') {
    params.set('range', 'custom');
    if (view.range.from) params.set('from', view.range.from);
    if (view.range.to) params.set('to', view.range.to);
  }
  if (view.customerId) params.set('customer', view.customerId);
  if (view.operatorId) params.set('operator', view.operatorId);
  if (view.recommendationId) params.set('recommendation', view.recommendationId);
  if (view.sort !== 'newest') params.set('sort', view.sort);
  if (view.archived) params.set('archived', '1');
  if (view.after) params.set('after', view.after);
  else if (view.before) params.set('before', view.before);
  if (view.entry) params.set('entry', view.entry);
  return params;
}

/** The same view with other filters: back to its first page (a cursor belongs to one filter and order). */
export function withFilters(view: AuditView, change: Partial<AuditView>): AuditView {
  return { ...view, ...change, after: null, before: null };
}

/**
 * Relay global IDs are `base64("<Type>:<id>")`. The console mints one only where an operator types an id
 * as recorded (a customer id, a recommendation UUID) into a filter.
 */
export function globalIdOf(type: 'User' | 'Recommendation', id: string): string {
  return btoa(`${type}:${id}`);
}

export interface AuditLogFilterVariables {
  /** GraphQL spells event types in upper case. */
  eventTypes?: Uppercase<AuditEventType>[];
  userId?: string;
  operatorId?: string;
  recommendationId?: string;
  from?: string;
  to?: string;
  includeArchived?: boolean;
}

/**
 * The `auditLog` filter for a view. "Last N days" counts back from `now`, rounded down to the minute so that
 * re-rendering within the same minute asks the same question.
 */
export function auditLogFilter(view: AuditView, now: Date): AuditLogFilterVariables {
  const filter: AuditLogFilterVariables = {};
  if (view.eventTypes.length > 0)
    filter.eventTypes = view.eventTypes.map((type) => type.toUpperCase() as Uppercase<AuditEventType>);
  if (view.customerId) filter.userId = globalIdOf('User', view.customerId);
  if (view.operatorId) filter.operatorId = view.operatorId;
  if (view.recommendationId) filter.recommendationId = globalIdOf('Recommendation', view.recommendationId);
  if (view.range.kind === 'last') {
    const minute = Math.floor(now.getTime() / 60_000) * 60_000;
    filter.from = new Date(minute - view.range.days * 86_400_000).toISOString();
  }
  if (view.range.kind === 'custom') {
    if (view.range.from) filter.from = `${view.range.from}T00:00:00.000Z`;
    if (view.range.to) filter.to = `${view.range.to}T23:59:59.999Z`;
  }
  if (view.archived) filter.includeArchived = true;
  return filter;
}

/** The export endpoint's query string for the same filter (`server/src/domain/audit/EXPORTS.md`). */
export function exportQuery(format: string, filter: AuditLogFilterVariables): URLSearchParams {
  const params = new URLSearchParams({ format });
  if (filter.eventTypes) params.set('eventTypes', filter.eventTypes.map((t) => t.toLowerCase()).join(','));
  if (filter.userId) params.set('userId', filter.userId);
  if (filter.operatorId) params.set('operatorId', filter.operatorId);
  if (filter.recommendationId) params.set('recommendationId', filter.recommendationId);
  if (filter.from) params.set('from', filter.from);
  if (filter.to) params.set('to', filter.to);
  if (filter.includeArchived) params.set('includeArchived', 'true');
  return params;
}
