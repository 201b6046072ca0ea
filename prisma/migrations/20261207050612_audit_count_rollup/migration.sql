-- CreateTable
CREATE TABLE "audit_count_rollup" (
    "event_type" "AuditEventType" NOT NULL,
    "day" DATE NOT NULL,
    "removed" BOOLEAN NOT NULL,
    "n" BIGINT NOT NULL,

    CONSTRAINT "audit_count_rollup_pkey" PRIMARY KEY ("event_type","day","removed")
);

-- Exact counts without scanning entries: audit_count_rollup holds, per event type and UTC day, how many entries
-- audit_log holds, kept in the same transaction as every append and every removal. A count over event types
-- and whole days reads these rows; the partial days at a window's edges are counted from the entries
-- (services/audit/query.ts, countAuditEntries).

-- The day an entry is counted under: the UTC date of its stored occurred_at. The one spelling of that rule;
-- readers map a window's day boundaries through it too.
CREATE FUNCTION audit_count_day(p_occurred_at timestamptz) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (p_occurred_at AT TIME ZONE 'UTC')::date
$$;

-- Adds the entries with seq in [p_first_seq, p_last_seq], as stored, to the rollup: one upsert per
-- (type, day) however many entries the range holds. Appends call it under the chain head's lock, so its row
-- locks add no contention of their own.
CREATE FUNCTION audit_count_appended(p_first_seq bigint, p_last_seq bigint) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO "audit_count_rollup" ("event_type", "day", "removed", "n")
  SELECT l."event_type", audit_count_day(l."occurred_at"), false, count(*)
  FROM "audit_log" l
  WHERE l."seq" BETWEEN p_first_seq AND p_last_seq
  GROUP BY 1, 2
  ON CONFLICT ("event_type", "day", "removed") DO UPDATE SET "n" = "audit_count_rollup"."n" + EXCLUDED."n"
$$;

-- Whatever removes entries (audit_archive_delete, or a DELETE by the owner that audit_log_delete_check lets
-- through: it fires first, by name, and aborts the statement otherwise) subtracts them in the same statement.
-- Removals go to rows of their own (removed = true), so a retention transaction, which deletes a month and
-- then appends its receipt, never holds a row an append waits for while it waits for the chain head.
CREATE FUNCTION audit_count_removed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "audit_count_rollup" ("event_type", "day", "removed", "n")
  SELECT g."event_type", audit_count_day(g."occurred_at"), true, -count(*)
  FROM removed_rows g
  GROUP BY 1, 2
  ON CONFLICT ("event_type", "day", "removed") DO UPDATE SET "n" = "audit_count_rollup"."n" + EXCLUDED."n";
  RETURN NULL;
END;
$$;

CREATE TRIGGER audit_log_delete_count AFTER DELETE ON "audit_log"
  REFERENCING OLD TABLE AS removed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION audit_count_removed();

-- The chain step (its body is audit_append's from 20261122071238_audit_trail, unchanged) keeps its code under
-- a name of its own; audit_append and audit_append_batch below link through it and then count what they
-- linked. Only they call it: it is not callable by the application role, which could otherwise append
-- without counting.
ALTER FUNCTION audit_append(uuid, "AuditEventType", text, uuid, uuid, timestamptz, jsonb, text, text, text)
  RENAME TO audit_chain_link;
ALTER FUNCTION audit_chain_link(uuid, "AuditEventType", text, uuid, uuid, timestamptz, jsonb, text, text, text)
  SECURITY INVOKER;
REVOKE ALL ON FUNCTION audit_chain_link(uuid, "AuditEventType", text, uuid, uuid, timestamptz, jsonb, text, text, text)
  FROM PUBLIC, spendsense_app;

-- Appends one audit entry (same parameters and result as before) and counts it.
CREATE FUNCTION audit_append(
  p_log_id uuid,
  p_event_type "AuditEventType",
  p_user_id text,
  p_operator_id uuid,
  p_recommendation_id uuid,
  p_occurred_at timestamptz,
  p_event_data jsonb,
  p_ip_address text,
  p_user_agent text,
  p_content_hash text
) RETURNS TABLE (seq bigint, prev_hash text, hash text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  linked record;
BEGIN
  SELECT l."seq", l."prev_hash", l."hash" INTO linked FROM audit_chain_link(p_log_id, p_event_type, p_user_id,
    p_operator_id, p_recommendation_id, p_occurred_at, p_event_data, p_ip_address, p_user_agent,
    p_content_hash) l;
  PERFORM audit_count_appended(linked."seq", linked."seq");
  RETURN QUERY SELECT linked."seq", linked."prev_hash"::text, linked."hash"::text;
END;
$$;

REVOKE ALL ON FUNCTION audit_append(uuid, "AuditEventType", text, uuid, uuid, timestamptz, jsonb, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_append(uuid, "AuditEventType", text, uuid, uuid, timestamptz, jsonb, text, text, text) TO spendsense_app;

-- Appends many entries in one statement, in array order (the element keys are audit_append's parameters),
-- and counts them once: one upsert per (type, day) of the batch, not one per entry.
CREATE OR REPLACE FUNCTION audit_append_batch(p_entries jsonb) RETURNS TABLE (seq bigint, prev_hash text, hash text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  entry jsonb;
  linked record;
  first_seq bigint;
BEGIN
  FOR i IN 0 .. jsonb_array_length(p_entries) - 1 LOOP
    entry := p_entries -> i;
    SELECT l."seq", l."prev_hash", l."hash" INTO linked FROM audit_chain_link(
      (entry ->> 'log_id')::uuid, (entry ->> 'event_type')::"AuditEventType", entry ->> 'user_id',
      (entry ->> 'operator_id')::uuid, (entry ->> 'recommendation_id')::uuid,
      (entry ->> 'occurred_at')::timestamptz, entry -> 'event_data', entry ->> 'ip_address',
      entry ->> 'user_agent', entry ->> 'content_hash') l;
    first_seq := coalesce(first_seq, linked."seq");
    RETURN QUERY SELECT linked."seq", linked."prev_hash"::text, linked."hash"::text;
  END LOOP;
  -- The head's lock is held throughout, so the batch's entries are exactly first_seq .. the last linked.
  IF first_seq IS NOT NULL THEN
    PERFORM audit_count_appended(first_seq, linked."seq");
  END IF;
END;
$$;

-- Written only by the functions above, with the owner's rights; the application role reads it.
REVOKE ALL ON "audit_count_rollup" FROM PUBLIC;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "audit_count_rollup" FROM spendsense_app;
GRANT SELECT ON "audit_count_rollup" TO spendsense_app;
REVOKE ALL ON FUNCTION audit_count_appended(bigint, bigint) FROM PUBLIC;

-- What the table holds today.
SELECT audit_count_appended(min("seq"), max("seq")) FROM "audit_log";
