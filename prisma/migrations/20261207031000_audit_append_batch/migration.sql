-- Appends many audit entries in one statement, in array order, each through audit_append (the one place
-- the chain rule is written): a transaction that records several entries sends them in one round trip, and
-- holds the chain head's lock only from this statement to its commit. Each element is an object with the
-- keys log_id, event_type, user_id, operator_id, recommendation_id, occurred_at, event_data, ip_address,
-- user_agent and content_hash (audit_append's parameters). Returns one row per entry, in order.
CREATE FUNCTION audit_append_batch(p_entries jsonb) RETURNS TABLE (seq bigint, prev_hash text, hash text)
LANGUAGE plpgsql AS $$
DECLARE
  entry jsonb;
BEGIN
  FOR i IN 0 .. jsonb_array_length(p_entries) - 1 LOOP
    entry := p_entries -> i;
    RETURN QUERY SELECT a.seq, a.prev_hash, a.hash FROM audit_append(
      (entry ->> 'log_id')::uuid, (entry ->> 'event_type')::"AuditEventType", entry ->> 'user_id',
      (entry ->> 'operator_id')::uuid, (entry ->> 'recommendation_id')::uuid,
      (entry ->> 'occurred_at')::timestamptz, entry -> 'event_data', entry ->> 'ip_address',
      entry ->> 'user_agent', entry ->> 'content_hash') a;
  END LOOP;
END;
$$;

-- Like audit_append: the owner's rights, a pinned search_path, callable by the application role only.
ALTER FUNCTION audit_append_batch(jsonb) SECURITY DEFINER SET search_path FROM CURRENT;
REVOKE ALL ON FUNCTION audit_append_batch(jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_append_batch(jsonb) TO spendsense_app;
