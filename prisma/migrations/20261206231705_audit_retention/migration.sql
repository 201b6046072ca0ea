-- CreateTable
CREATE TABLE "audit_archives" (
    "first_seq" BIGINT NOT NULL,
    "last_seq" BIGINT NOT NULL,
    "month" TEXT NOT NULL,
    "row_count" INTEGER NOT NULL,
    "prev_hash_before_first" CHAR(64) NOT NULL,
    "head_hash" CHAR(64) NOT NULL,
    "first_occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "last_occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "file" TEXT NOT NULL,
    "file_sha256" CHAR(64) NOT NULL,
    "file_bytes" BIGINT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,
    "rows_deleted_at" TIMESTAMPTZ(3),
    "purged_at" TIMESTAMPTZ(3),

    CONSTRAINT "audit_archives_pkey" PRIMARY KEY ("first_seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "audit_archives_last_seq_key" ON "audit_archives"("last_seq");

-- Manifests form one contiguous run of ranges from seq 1, each range exactly row_count entries; once
-- recorded, only rows_deleted_at (by audit_archive_delete) and then purged_at may be set, each once.
CREATE FUNCTION audit_archives_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW."last_seq" - NEW."first_seq" + 1 <> NEW."row_count" OR NEW."first_seq" < 1 THEN
      RAISE EXCEPTION 'audit archive %..% does not hold % entries', NEW."first_seq", NEW."last_seq", NEW."row_count"
        USING ERRCODE = 'check_violation';
    END IF;
    IF NEW."first_seq" <> coalesce((SELECT max("last_seq") FROM "audit_archives"), 0) + 1 THEN
      RAISE EXCEPTION 'audit archive %..% does not continue the archived ranges', NEW."first_seq", NEW."last_seq"
        USING ERRCODE = 'check_violation';
    END IF;
    IF NEW."rows_deleted_at" IS NOT NULL OR NEW."purged_at" IS NOT NULL THEN
      RAISE EXCEPTION 'an audit archive is recorded before its rows are deleted' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE'
    AND (NEW."first_seq", NEW."last_seq", NEW."month", NEW."row_count", NEW."prev_hash_before_first",
         NEW."head_hash", NEW."first_occurred_at", NEW."last_occurred_at", NEW."file", NEW."file_sha256",
         NEW."file_bytes", NEW."recorded_at")
      IS NOT DISTINCT FROM
        (OLD."first_seq", OLD."last_seq", OLD."month", OLD."row_count", OLD."prev_hash_before_first",
         OLD."head_hash", OLD."first_occurred_at", OLD."last_occurred_at", OLD."file", OLD."file_sha256",
         OLD."file_bytes", OLD."recorded_at")
    AND ((OLD."rows_deleted_at" IS NULL AND NEW."rows_deleted_at" IS NOT NULL AND NEW."purged_at" IS NULL)
      OR (OLD."rows_deleted_at" IS NOT NULL AND NEW."rows_deleted_at" = OLD."rows_deleted_at"
          AND OLD."purged_at" IS NULL AND NEW."purged_at" IS NOT NULL)) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit archive manifests are append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_archives_guard BEFORE INSERT OR UPDATE OR DELETE ON "audit_archives"
  FOR EACH ROW EXECUTE FUNCTION audit_archives_guard();
CREATE TRIGGER audit_archives_no_truncate BEFORE TRUNCATE ON "audit_archives"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_archives_guard();

-- audit_log stays append-only for UPDATE and TRUNCATE. The session switch spendsense.audit_retention is gone:
-- no setting unlocks anything. Whatever removes rows (audit_archive_delete below, or a DELETE by the table's
-- owner) is checked as a whole after the statement: the removed rows must be exactly the range of one
-- recorded archive manifest whose rows are still here, everything older must already be gone (the oldest
-- prefix), and the first row's prev_hash and the last row's hash must be the ones the manifest recorded.
CREATE OR REPLACE FUNCTION audit_log_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

DROP TRIGGER audit_log_no_delete ON "audit_log";

CREATE FUNCTION audit_log_delete_check() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  low bigint;
  high bigint;
  removed bigint;
  m "audit_archives"%ROWTYPE;
BEGIN
  SELECT min(g."seq"), max(g."seq"), count(*) INTO low, high, removed FROM removed_rows g;
  IF removed = 0 THEN
    RETURN NULL;
  END IF;
  SELECT * INTO m FROM "audit_archives" a WHERE a."first_seq" = low;
  IF NOT FOUND OR m."last_seq" <> high OR m."row_count" <> removed OR m."rows_deleted_at" IS NOT NULL THEN
    RAISE EXCEPTION 'audit_log is append-only: DELETE is not allowed (rows % to % are not exactly the range of a recorded archive manifest)', low, high
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF EXISTS (SELECT 1 FROM "audit_log" l WHERE l."seq" < low) THEN
    RAISE EXCEPTION 'audit_log is append-only: DELETE is not allowed (rows % to % are not the oldest entries)', low, high
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM removed_rows g WHERE g."seq" = low AND g."prev_hash" = m."prev_hash_before_first")
    OR NOT EXISTS (SELECT 1 FROM removed_rows g WHERE g."seq" = high AND g."hash" = m."head_hash") THEN
    RAISE EXCEPTION 'audit_log is append-only: DELETE is not allowed (rows % to % do not match the hashes their archive manifest recorded)', low, high
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER audit_log_delete_check AFTER DELETE ON "audit_log"
  REFERENCING OLD TABLE AS removed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_delete_check();

-- The only way rows leave audit_log: deletes the range of the recorded manifest starting at p_first_seq and
-- marks it deleted, in the caller's transaction. SECURITY DEFINER, so the application's role needs EXECUTE on
-- this function and no DELETE privilege on audit_log at all. Returns the number of rows removed (0 when the
-- manifest's rows were already deleted, so a re-run after a crash is harmless).
CREATE FUNCTION audit_archive_delete(p_first_seq bigint) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  m "audit_archives"%ROWTYPE;
  removed bigint;
BEGIN
  SELECT * INTO m FROM "audit_archives" a WHERE a."first_seq" = p_first_seq FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no audit archive manifest starts at seq %', p_first_seq
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF m."rows_deleted_at" IS NOT NULL THEN
    RETURN 0;
  END IF;
  DELETE FROM "audit_log" l WHERE l."seq" BETWEEN m."first_seq" AND m."last_seq";
  GET DIAGNOSTICS removed = ROW_COUNT;
  UPDATE "audit_archives" a SET "rows_deleted_at" = now() WHERE a."first_seq" = p_first_seq;
  RETURN removed;
END;
$$;
