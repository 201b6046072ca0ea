-- Tamper evidence that holds against a database user, not only against the API.
--
-- Migrations run as the owner of the schema. The API connects as a login role that is a member of
-- `spendsense_app` (README: "Database roles"): it may read and write the business tables, read the audit
-- tables, and append to the audit trail only through audit_append(), which runs with the owner's rights.
-- It cannot INSERT, UPDATE, DELETE or TRUNCATE audit_log or audit_chain_head, and cannot disable their
-- triggers (only an owner may). Triggers also hold against the owner: no session setting unlocks a delete,
-- and the chain head only moves forward, one entry at a time, onto an entry that links to it.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'spendsense_app') THEN
    CREATE ROLE spendsense_app NOLOGIN;
  END IF;
EXCEPTION
  -- Another database on the same server created it at the same moment (roles are server-wide).
  WHEN duplicate_object OR unique_violation THEN NULL;
END $$;

DO $$
DECLARE
  s text := quote_ident(current_schema());
BEGIN
  EXECUTE format('GRANT USAGE ON SCHEMA %s TO spendsense_app', s);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %s TO spendsense_app', s);
  EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %s TO spendsense_app', s);
  -- Tables and sequences later migrations create get the same grants; audit tables revoke theirs below.
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %s GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO spendsense_app', s);
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %s GRANT USAGE, SELECT ON SEQUENCES TO spendsense_app', s);
END $$;

REVOKE ALL ON "audit_log", "audit_chain_head" FROM PUBLIC;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "audit_log", "audit_chain_head" FROM spendsense_app;
GRANT SELECT ON "audit_log", "audit_chain_head" TO spendsense_app;

-- Migration bookkeeping is the owner's (absent from the schema engine's shadow database).
DO $$
BEGIN
  IF to_regclass('_prisma_migrations') IS NOT NULL THEN
    REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "_prisma_migrations" FROM spendsense_app;
    GRANT SELECT ON "_prisma_migrations" TO spendsense_app;
  END IF;
END $$;

-- Appending runs with the owner's rights; its search_path is pinned so a caller cannot shadow the tables.
ALTER FUNCTION audit_append(uuid, "AuditEventType", text, uuid, uuid, timestamptz, jsonb, text, text, text)
  SECURITY DEFINER SET search_path FROM CURRENT;
REVOKE ALL ON FUNCTION audit_append(uuid, "AuditEventType", text, uuid, uuid, timestamptz, jsonb, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_append(uuid, "AuditEventType", text, uuid, uuid, timestamptz, jsonb, text, text, text) TO spendsense_app;

-- No session setting unlocks UPDATE, DELETE or TRUNCATE of audit rows any more (it was
-- spendsense.audit_retention, which any session could set).
CREATE OR REPLACE FUNCTION audit_log_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

-- A new row must be the next link of the chain: the seq right after the head, linked to the head's hash.
-- (audit_append holds the head's row lock while it inserts, so this reads a stable head.)
CREATE FUNCTION audit_log_insert_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  head_seq bigint;
  head_hash text;
BEGIN
  SELECT h."seq", h."hash" INTO head_seq, head_hash FROM "audit_chain_head" h WHERE h."id" = 1;
  IF NEW."seq" = head_seq + 1 AND NEW."prev_hash" = head_hash
     AND NEW."hash" = encode(sha256(convert_to(head_hash || ':' || NEW."seq"::text || ':' || NEW."content_hash", 'UTF8')), 'hex') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log: entry % does not extend the chain head (seq %)', NEW."seq", head_seq
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_log_append_only BEFORE INSERT ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION audit_log_insert_guard();

-- The head moves forward by exactly one entry, onto a stored entry that links to the old head. It is never
-- inserted again, deleted or truncated: cutting the tail and moving the head back is refused here.
CREATE FUNCTION audit_chain_head_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW."id" = OLD."id" AND NEW."seq" = OLD."seq" + 1 AND EXISTS (
    SELECT 1 FROM "audit_log" l
    WHERE l."seq" = NEW."seq" AND l."hash" = NEW."hash" AND l."prev_hash" = OLD."hash"
  ) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_chain_head moves only forward through audit_append: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_chain_head_forward_only BEFORE INSERT OR UPDATE OR DELETE ON "audit_chain_head"
  FOR EACH ROW EXECUTE FUNCTION audit_chain_head_guard();
CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON "audit_chain_head"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_head_guard();
