-- CreateEnum
CREATE TYPE "ConsentStatus" AS ENUM ('OPTED_IN', 'OPTED_OUT');

-- CreateEnum
CREATE TYPE "RecommendationKind" AS ENUM ('EDUCATION', 'PARTNER_OFFER');

-- CreateEnum
CREATE TYPE "RecommendationStatus" AS ENUM ('PASSED', 'PENDING_REVIEW', 'APPROVED', 'FLAGGED', 'OVERRIDDEN');

-- CreateEnum
CREATE TYPE "AuditEventType" AS ENUM ('recommendation_generated', 'consent_changed', 'eligibility_checked', 'tone_validated', 'operator_action', 'persona_assigned', 'persona_overridden', 'login_attempt', 'unauthorized_access', 'audit_exported', 'audit_archived', 'audit_purged');

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "consent_status" "ConsentStatus" NOT NULL DEFAULT 'OPTED_OUT',
ADD COLUMN     "consent_updated_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "consent_records" (
    "id" UUID NOT NULL,
    "user_id" TEXT NOT NULL,
    "status" "ConsentStatus" NOT NULL,
    "previous_status" "ConsentStatus",
    "consent_version" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "changed_by_operator_id" UUID,
    "reason" TEXT,
    "changed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "consent_records_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "recommendations" (
    "id" UUID NOT NULL,
    "user_id" TEXT NOT NULL,
    "window" "TimeWindow" NOT NULL,
    "assignment_id" UUID,
    "persona_id" TEXT NOT NULL,
    "kind" "RecommendationKind" NOT NULL,
    "catalog_item_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "rationale" TEXT NOT NULL,
    "disclaimer" TEXT,
    "status" "RecommendationStatus" NOT NULL,
    "stopped_at" TEXT,
    "guardrail_results" JSONB NOT NULL,
    "generation_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "reviewed_at" TIMESTAMPTZ(3),
    "reviewed_by_operator_id" UUID,
    "review_justification" TEXT,

    CONSTRAINT "recommendations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "seq" BIGINT NOT NULL,
    "log_id" UUID NOT NULL,
    "event_type" "AuditEventType" NOT NULL,
    "user_id" TEXT,
    "operator_id" UUID,
    "recommendation_id" UUID,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "event_data" JSONB NOT NULL,
    "ip_address" TEXT,
    "user_agent" TEXT,
    "content_hash" CHAR(64) NOT NULL,
    "prev_hash" CHAR(64) NOT NULL,
    "hash" CHAR(64) NOT NULL,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "audit_chain_head" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "seq" BIGINT NOT NULL,
    "hash" CHAR(64) NOT NULL,

    CONSTRAINT "audit_chain_head_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "consent_records_user_id_changed_at_idx" ON "consent_records"("user_id", "changed_at" DESC);

-- CreateIndex
CREATE INDEX "recommendations_status_created_at_idx" ON "recommendations"("status", "created_at" DESC);

-- CreateIndex
CREATE INDEX "recommendations_user_id_created_at_idx" ON "recommendations"("user_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "audit_log_log_id_key" ON "audit_log"("log_id");

-- CreateIndex
CREATE INDEX "audit_log_occurred_at_seq_idx" ON "audit_log"("occurred_at", "seq");

-- CreateIndex
CREATE INDEX "audit_log_event_type_seq_idx" ON "audit_log"("event_type", "seq" DESC);

-- CreateIndex
CREATE INDEX "audit_log_event_type_occurred_at_idx" ON "audit_log"("event_type", "occurred_at");

-- CreateIndex
CREATE INDEX "audit_log_user_id_seq_idx" ON "audit_log"("user_id", "seq" DESC);

-- CreateIndex
CREATE INDEX "audit_log_operator_id_seq_idx" ON "audit_log"("operator_id", "seq" DESC);

-- CreateIndex
CREATE INDEX "audit_log_recommendation_id_seq_idx" ON "audit_log"("recommendation_id", "seq" DESC);

-- AddForeignKey
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The chain starts at the genesis hash (64 zeros) with sequence 0.
INSERT INTO "audit_chain_head" ("id", "seq", "hash") VALUES (1, 0, repeat('0', 64));

-- Appends one audit entry: locks the chain head (serialising concurrent writers on every instance until
-- their transaction commits, so sequence numbers stay gapless and the chain has a single order), links the
-- entry to the previous hash and moves the head. content_hash is sha256 of the entry's RFC 8785 canonical
-- form, computed by the application; the link formula matches chainHash() in server/src/domain/audit.
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
LANGUAGE plpgsql AS $$
DECLARE
  head_seq bigint;
  head_hash text;
  new_hash text;
BEGIN
  SELECT h."seq", h."hash" INTO head_seq, head_hash FROM "audit_chain_head" h WHERE h."id" = 1 FOR UPDATE;
  new_hash := encode(sha256(convert_to(head_hash || ':' || (head_seq + 1)::text || ':' || p_content_hash, 'UTF8')), 'hex');
  INSERT INTO "audit_log" ("seq", "log_id", "event_type", "user_id", "operator_id", "recommendation_id",
    "occurred_at", "event_data", "ip_address", "user_agent", "content_hash", "prev_hash", "hash")
  VALUES (head_seq + 1, p_log_id, p_event_type, p_user_id, p_operator_id, p_recommendation_id,
    p_occurred_at, p_event_data, p_ip_address, p_user_agent, p_content_hash, head_hash, new_hash);
  UPDATE "audit_chain_head" SET "seq" = head_seq + 1, "hash" = new_hash WHERE "id" = 1;
  RETURN QUERY SELECT head_seq + 1, head_hash, new_hash;
END;
$$;

-- Append-only at the database level: no UPDATE, DELETE or TRUNCATE of audit rows. Retention removes
-- archived rows only inside a transaction that sets spendsense.audit_retention = 'on' (the archival job).
CREATE FUNCTION audit_log_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('spendsense.audit_retention', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION audit_log_guard();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION audit_log_guard();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_guard();
