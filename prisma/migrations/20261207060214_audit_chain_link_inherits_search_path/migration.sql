-- audit_chain_link runs only inside audit_append and audit_append_batch (the application role may not call it),
-- which already pin search_path. Its own SET search_path was a second save and restore of the setting on every
-- append, under the chain head's lock: with 8 writers, one entry per transaction, audit_append ran at 0.84× the
-- rate of the single function it replaced; without it, within the noise of it (0.95×, load average 12–15).
ALTER FUNCTION audit_chain_link(uuid, "AuditEventType", text, uuid, uuid, timestamptz, jsonb, text, text, text)
  RESET search_path;
