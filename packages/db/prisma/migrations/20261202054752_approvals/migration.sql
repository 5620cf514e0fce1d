-- AlterEnum
-- After DRAFT, where the schema lists it (ADD VALUE appends otherwise).
ALTER TYPE "post_status_enum" ADD VALUE 'IN_REVIEW' AFTER 'DRAFT';

-- AlterTable
ALTER TABLE "post_groups" ADD COLUMN     "approval_status" TEXT NOT NULL DEFAULT 'not_required';

-- CreateTable
CREATE TABLE "approval_policies" (
    "workspace_id" UUID NOT NULL,
    "required" BOOLEAN NOT NULL DEFAULT false,
    "approver_role" "workspace_role_enum" NOT NULL DEFAULT 'owner',
    "approver_user_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "approval_policies_pkey" PRIMARY KEY ("workspace_id")
);

-- CreateTable
CREATE TABLE "post_review_events" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "group_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "actor_name" TEXT,
    "comment" TEXT,
    "at" TIMESTAMPTZ(6) NOT NULL DEFAULT clock_timestamp(),

    CONSTRAINT "post_review_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "review_links" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "group_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "review_links_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "post_review_events_group_id_at_idx" ON "post_review_events"("group_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "review_links_token_hash_key" ON "review_links"("token_hash");

-- CreateIndex
CREATE INDEX "review_links_group_id_idx" ON "review_links"("group_id");

-- AddForeignKey
ALTER TABLE "approval_policies" ADD CONSTRAINT "approval_policies_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "post_review_events" ADD CONSTRAINT "post_review_events_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "post_groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_links" ADD CONSTRAINT "review_links_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "post_groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;
