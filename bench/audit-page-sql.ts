/**
 * The columns `readAuditPage` selects (services/audit/query.ts, AUDIT_COLUMNS), for the statements the page
 * benchmark sends itself: the floor server (page-floor-server.ts) and the plans and checks of
 * audit-log-query.ts. A module of its own so that the floor's process loads nothing else of the benchmark.
 */
export const PAGE_COLUMNS = `seq, log_id AS "logId", event_type AS "eventType", user_id AS "userId",
  operator_id AS "operatorId", recommendation_id AS "recommendationId", occurred_at AS "occurredAt",
  event_data AS "eventData", ip_address AS "ipAddress", user_agent AS "userAgent",
  content_hash AS "contentHash", prev_hash AS "prevHash", hash`;
