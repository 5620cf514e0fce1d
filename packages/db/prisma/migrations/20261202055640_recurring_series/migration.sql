-- AlterTable
ALTER TABLE "post_groups" ADD COLUMN     "series_id" UUID;

-- CreateIndex
CREATE INDEX "post_groups_series_id_idx" ON "post_groups"("series_id");

-- The dispatcher's scan for due recurring posts: only a series' latest occurrence is in it.
CREATE INDEX "post_groups_recurring_due_idx" ON "post_groups"("scheduled_at") WHERE "recurrence" IS NOT NULL;
