-- CreateEnum
CREATE TYPE "conversation_status_enum" AS ENUM ('open', 'pending', 'resolved', 'snoozed');

-- CreateEnum
CREATE TYPE "conversation_kind_enum" AS ENUM ('comments', 'direct');

-- CreateEnum
CREATE TYPE "auto_respond_mode_enum" AS ENUM ('off', 'suggest', 'auto');

-- CreateEnum
CREATE TYPE "reply_status_enum" AS ENUM ('sending', 'sent', 'unknown', 'failed');

-- AlterTable
ALTER TABLE "social_interactions" ADD COLUMN     "contact_id" UUID,
ADD COLUMN     "hidden" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "inbox_conversation_id" UUID,
ADD COLUMN     "intent" TEXT,
ADD COLUMN     "sentiment" TEXT;

-- CreateTable
CREATE TABLE "inbox_contacts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "platform" "social_platform_enum" NOT NULL,
    "external_id" TEXT NOT NULL,
    "name" TEXT,
    "handle" TEXT,
    "avatar_url" TEXT,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inbox_contacts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inbox_conversations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "kind" "conversation_kind_enum" NOT NULL,
    "post_id" UUID,
    "contact_id" UUID,
    "status" "conversation_status_enum" NOT NULL DEFAULT 'open',
    "snoozed_until" TIMESTAMPTZ(3),
    "assignee_user_id" UUID,
    "labels" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "first_inbound_at" TIMESTAMPTZ(3) NOT NULL,
    "last_inbound_at" TIMESTAMPTZ(3) NOT NULL,
    "last_message_at" TIMESTAMPTZ(3) NOT NULL,
    "first_response_at" TIMESTAMPTZ(3),
    "resolved_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inbox_conversations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inbox_notes" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "conversation_id" UUID NOT NULL,
    "author" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inbox_notes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inbox_replies" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "interaction_id" UUID NOT NULL,
    "conversation_id" UUID,
    "account_id" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "ai_tier" "ai_tier_enum",
    "status" "reply_status_enum" NOT NULL DEFAULT 'sending',
    "external_id" TEXT,
    "error" TEXT,
    "actor" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "inbox_replies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "saved_replies" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "saved_replies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inbox_poll_cursors" (
    "account_id" UUID NOT NULL,
    "cursor" TEXT,
    "polled_at" TIMESTAMPTZ(3),
    "last_error" TEXT,

    CONSTRAINT "inbox_poll_cursors_pkey" PRIMARY KEY ("account_id")
);

-- CreateTable
CREATE TABLE "post_interaction_counts" (
    "post_id" UUID NOT NULL,
    "type" "interaction_type_enum" NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "post_interaction_counts_pkey" PRIMARY KEY ("post_id","type")
);

-- CreateTable
CREATE TABLE "auto_respond_rules" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "account_id" UUID,
    "mode" "auto_respond_mode_enum" NOT NULL DEFAULT 'off',
    "types" "interaction_type_enum"[] DEFAULT ARRAY[]::"interaction_type_enum"[],
    "keywords" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "quiet_start" TEXT,
    "quiet_end" TEXT,
    "hourly_cap" INTEGER NOT NULL DEFAULT 20,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "auto_respond_rules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "brand_voices" (
    "workspace_id" UUID NOT NULL,
    "tone" TEXT NOT NULL DEFAULT 'friendly and concise',
    "signature" TEXT,
    "dos" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "donts" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "brand_voices_pkey" PRIMARY KEY ("workspace_id")
);

-- CreateTable
CREATE TABLE "knowledge_entries" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "question" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "knowledge_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ai_usage" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "purpose" TEXT NOT NULL,
    "tier" "ai_tier_enum" NOT NULL,
    "model" TEXT NOT NULL,
    "tokens_in" INTEGER NOT NULL,
    "tokens_out" INTEGER NOT NULL,
    "latency_ms" INTEGER NOT NULL,
    "cost_usd" DECIMAL(12,6) NOT NULL,
    "interaction_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ai_usage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "inbox_contacts_workspace_id_platform_external_id_key" ON "inbox_contacts"("workspace_id", "platform", "external_id");

-- CreateIndex
CREATE INDEX "inbox_conversations_workspace_id_status_last_message_at_idx" ON "inbox_conversations"("workspace_id", "status", "last_message_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "inbox_conversations_account_id_key_key" ON "inbox_conversations"("account_id", "key");

-- CreateIndex
CREATE INDEX "inbox_notes_conversation_id_created_at_idx" ON "inbox_notes"("conversation_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "inbox_replies_interaction_id_key" ON "inbox_replies"("interaction_id");

-- CreateIndex
CREATE INDEX "inbox_replies_conversation_id_created_at_idx" ON "inbox_replies"("conversation_id", "created_at");

-- CreateIndex
CREATE INDEX "inbox_replies_account_id_source_created_at_idx" ON "inbox_replies"("account_id", "source", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "saved_replies_workspace_id_name_key" ON "saved_replies"("workspace_id", "name");

-- CreateIndex
-- Edited by hand: NULLS NOT DISTINCT, so a workspace has one workspace-wide rule (account_id null).
CREATE UNIQUE INDEX "auto_respond_rules_workspace_id_account_id_key" ON "auto_respond_rules"("workspace_id", "account_id") NULLS NOT DISTINCT;

-- CreateIndex
CREATE INDEX "knowledge_entries_workspace_id_idx" ON "knowledge_entries"("workspace_id");

-- CreateIndex
CREATE INDEX "ai_usage_workspace_id_created_at_idx" ON "ai_usage"("workspace_id", "created_at");

-- CreateIndex
CREATE INDEX "social_interactions_inbox_conversation_id_created_at_idx" ON "social_interactions"("inbox_conversation_id", "created_at");

-- AddForeignKey
ALTER TABLE "social_interactions" ADD CONSTRAINT "social_interactions_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "inbox_contacts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "social_interactions" ADD CONSTRAINT "social_interactions_inbox_conversation_id_fkey" FOREIGN KEY ("inbox_conversation_id") REFERENCES "inbox_conversations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inbox_contacts" ADD CONSTRAINT "inbox_contacts_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inbox_conversations" ADD CONSTRAINT "inbox_conversations_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inbox_conversations" ADD CONSTRAINT "inbox_conversations_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "social_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inbox_conversations" ADD CONSTRAINT "inbox_conversations_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "social_posts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inbox_conversations" ADD CONSTRAINT "inbox_conversations_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "inbox_contacts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inbox_conversations" ADD CONSTRAINT "inbox_conversations_assignee_user_id_fkey" FOREIGN KEY ("assignee_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inbox_notes" ADD CONSTRAINT "inbox_notes_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "inbox_conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inbox_replies" ADD CONSTRAINT "inbox_replies_interaction_id_fkey" FOREIGN KEY ("interaction_id") REFERENCES "social_interactions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inbox_replies" ADD CONSTRAINT "inbox_replies_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "inbox_conversations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "saved_replies" ADD CONSTRAINT "saved_replies_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "inbox_poll_cursors" ADD CONSTRAINT "inbox_poll_cursors_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "social_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "post_interaction_counts" ADD CONSTRAINT "post_interaction_counts_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "social_posts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "auto_respond_rules" ADD CONSTRAINT "auto_respond_rules_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "brand_voices" ADD CONSTRAINT "brand_voices_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "knowledge_entries" ADD CONSTRAINT "knowledge_entries_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ai_usage" ADD CONSTRAINT "ai_usage_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Added by hand (Prisma has no tsvector type): full-text search over the FAQ entries. 'simple'
-- rather than a language's dictionary: workspaces write in any language.
ALTER TABLE "knowledge_entries" ADD COLUMN "search" tsvector
  GENERATED ALWAYS AS (to_tsvector('simple', coalesce("question", '') || ' ' || coalesce("answer", ''))) STORED;
CREATE INDEX "knowledge_entries_search_idx" ON "knowledge_entries" USING GIN ("search");

-- Added by hand: a per-account rule goes with its account.
ALTER TABLE "auto_respond_rules" ADD CONSTRAINT "auto_respond_rules_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "social_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
