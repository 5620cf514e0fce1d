-- AlterTable
ALTER TABLE "workspaces" ADD COLUMN     "time_zone" TEXT NOT NULL DEFAULT 'UTC';

-- AlterTable
ALTER TABLE "social_accounts" ADD COLUMN     "auth_lapses_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "post_groups" ADD COLUMN     "recurrence" JSONB,
ADD COLUMN     "status" TEXT NOT NULL DEFAULT 'draft';

-- AlterTable
ALTER TABLE "social_posts" ADD COLUMN     "next_check_at" TIMESTAMPTZ(3),
ADD COLUMN     "part_ids" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "posting_slots" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "weekday" INTEGER NOT NULL,
    "time" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "posting_slots_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "posting_slots_workspace_id_weekday_time_key" ON "posting_slots"("workspace_id", "weekday", "time");

-- CreateIndex
CREATE INDEX "social_posts_status_next_check_at_idx" ON "social_posts"("status", "next_check_at");

-- AddForeignKey
ALTER TABLE "posting_slots" ADD CONSTRAINT "posting_slots_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;
