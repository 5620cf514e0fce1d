-- AlterTable
ALTER TABLE "social_posts" ADD COLUMN     "deliveries" JSONB;

-- CreateIndex
CREATE INDEX "social_posts_deliveries_idx" ON "social_posts" USING GIN ("deliveries" jsonb_path_ops);
