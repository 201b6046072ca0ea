-- CreateEnum
CREATE TYPE "TimeWindow" AS ENUM ('D30', 'D180');

-- CreateEnum
CREATE TYPE "AssignmentStatus" AS ENUM ('ASSIGNED', 'UNCLASSIFIED');

-- CreateEnum
CREATE TYPE "AssignmentSource" AS ENUM ('ENGINE', 'OVERRIDE');

-- CreateEnum
CREATE TYPE "OperatorRole" AS ENUM ('VIEWER', 'REVIEWER', 'COMPLIANCE', 'ADMIN');

-- CreateTable
CREATE TABLE "users" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "date_of_birth" DATE NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "accounts" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "subtype" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mask" TEXT NOT NULL,
    "iso_currency_code" CHAR(3) NOT NULL,
    "balance_current" DECIMAL(14,2) NOT NULL,
    "balance_available" DECIMAL(14,2),
    "credit_limit" DECIMAL(14,2),

    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "transactions" (
    "id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "amount" DECIMAL(14,2) NOT NULL,
    "iso_currency_code" CHAR(3) NOT NULL,
    "merchant_name" TEXT,
    "payment_channel" TEXT NOT NULL,
    "category_primary" TEXT NOT NULL,
    "category_detailed" TEXT NOT NULL,
    "pending" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "transactions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "liabilities" (
    "account_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "apr_percentage" DECIMAL(6,3),
    "minimum_payment_amount" DECIMAL(14,2),
    "last_payment_amount" DECIMAL(14,2),
    "last_statement_balance" DECIMAL(14,2),
    "is_overdue" BOOLEAN NOT NULL DEFAULT false,
    "next_payment_due_date" DATE,
    "interest_rate" DECIMAL(6,3),

    CONSTRAINT "liabilities_pkey" PRIMARY KEY ("account_id")
);

-- CreateTable
CREATE TABLE "persona_assignments" (
    "id" UUID NOT NULL,
    "user_id" TEXT NOT NULL,
    "window" "TimeWindow" NOT NULL,
    "persona_id" TEXT NOT NULL,
    "status" "AssignmentStatus" NOT NULL,
    "source" "AssignmentSource" NOT NULL DEFAULT 'ENGINE',
    "priority" INTEGER,
    "confidence" DOUBLE PRECISION NOT NULL,
    "assigned_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reference_date" DATE NOT NULL,
    "qualifying_personas" TEXT[],
    "evaluations" JSONB NOT NULL,
    "prioritization_reason" TEXT NOT NULL,
    "registry_version" TEXT NOT NULL,
    "signal_snapshot" JSONB NOT NULL,
    "assigned_by_operator_id" UUID,

    CONSTRAINT "persona_assignments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "operators" (
    "id" UUID NOT NULL,
    "username" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "role" "OperatorRole" NOT NULL,
    "password_hash" TEXT NOT NULL,
    "is_demo" BOOLEAN NOT NULL DEFAULT false,
    "disabled_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "operators_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "operator_sessions" (
    "id" UUID NOT NULL,
    "operator_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "revoked_at" TIMESTAMPTZ(6),
    "ip_address" TEXT,
    "user_agent" TEXT,

    CONSTRAINT "operator_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "login_attempts" (
    "id" BIGSERIAL NOT NULL,
    "username" TEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "reason" TEXT,
    "ip_address" TEXT,
    "at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "login_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "users_name_idx" ON "users"("name");

-- CreateIndex
CREATE INDEX "accounts_user_id_idx" ON "accounts"("user_id");

-- CreateIndex
CREATE INDEX "transactions_user_id_date_idx" ON "transactions"("user_id", "date");

-- CreateIndex
CREATE INDEX "transactions_account_id_date_idx" ON "transactions"("account_id", "date");

-- CreateIndex
CREATE INDEX "persona_assignments_user_id_window_assigned_at_idx" ON "persona_assignments"("user_id", "window", "assigned_at" DESC);

-- CreateIndex
CREATE INDEX "persona_assignments_persona_id_idx" ON "persona_assignments"("persona_id");

-- CreateIndex
CREATE UNIQUE INDEX "operators_username_key" ON "operators"("username");

-- CreateIndex
CREATE UNIQUE INDEX "operator_sessions_token_hash_key" ON "operator_sessions"("token_hash");

-- CreateIndex
CREATE INDEX "operator_sessions_operator_id_idx" ON "operator_sessions"("operator_id");

-- CreateIndex
CREATE INDEX "login_attempts_username_at_idx" ON "login_attempts"("username", "at" DESC);

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "liabilities" ADD CONSTRAINT "liabilities_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "persona_assignments" ADD CONSTRAINT "persona_assignments_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "persona_assignments" ADD CONSTRAINT "persona_assignments_assigned_by_operator_id_fkey" FOREIGN KEY ("assigned_by_operator_id") REFERENCES "operators"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "operator_sessions" ADD CONSTRAINT "operator_sessions_operator_id_fkey" FOREIGN KEY ("operator_id") REFERENCES "operators"("id") ON DELETE CASCADE ON UPDATE CASCADE;
