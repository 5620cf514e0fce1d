-- AlterTable
ALTER TABLE "social_posts" ADD COLUMN     "engagement_metrics" JSONB,
ADD COLUMN     "metrics_engagements" BIGINT,
ADD COLUMN     "metrics_misses" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "metrics_next_sync_at" TIMESTAMPTZ(3),
ADD COLUMN     "metrics_stop_reason" TEXT,
ADD COLUMN     "metrics_stopped_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "metric_daily_rollups" (
    "account_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "workspace_id" UUID NOT NULL,
    "platform" "social_platform_enum" NOT NULL,
    "impressions" BIGINT NOT NULL DEFAULT 0,
    "reach" BIGINT NOT NULL DEFAULT 0,
    "likes" BIGINT NOT NULL DEFAULT 0,
    "comments" BIGINT NOT NULL DEFAULT 0,
    "shares" BIGINT NOT NULL DEFAULT 0,
    "clicks" BIGINT NOT NULL DEFAULT 0,
    "saves" BIGINT NOT NULL DEFAULT 0,
    "views" BIGINT NOT NULL DEFAULT 0,
    "engagements" BIGINT NOT NULL DEFAULT 0,
    "audience" BIGINT NOT NULL DEFAULT 0,
    "posts" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "metric_daily_rollups_pkey" PRIMARY KEY ("account_id","day")
);

-- CreateTable
CREATE TABLE "metric_publish_hour_rollups" (
    "account_id" UUID NOT NULL,
    "hour" TIMESTAMPTZ(0) NOT NULL,
    "workspace_id" UUID NOT NULL,
    "platform" "social_platform_enum" NOT NULL,
    "posts" INTEGER NOT NULL DEFAULT 0,
    "engagements" BIGINT NOT NULL DEFAULT 0,
    "audience" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "metric_publish_hour_rollups_pkey" PRIMARY KEY ("account_id","hour")
);

-- CreateTable
CREATE TABLE "account_metric_snapshots" (
    "account_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "collected_at" TIMESTAMPTZ(3) NOT NULL,
    "followers" INTEGER,
    "following" INTEGER,
    "posts" INTEGER,
    "impressions" INTEGER,
    "reach" INTEGER,
    "raw" JSONB,

    CONSTRAINT "account_metric_snapshots_pkey" PRIMARY KEY ("account_id","day")
);

-- CreateIndex
CREATE INDEX "metric_daily_rollups_workspace_id_day_idx" ON "metric_daily_rollups"("workspace_id", "day");

-- AddForeignKey
ALTER TABLE "metric_daily_rollups" ADD CONSTRAINT "metric_daily_rollups_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "social_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "metric_publish_hour_rollups" ADD CONSTRAINT "metric_publish_hour_rollups_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "social_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account_metric_snapshots" ADD CONSTRAINT "account_metric_snapshots_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "social_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written (Prisma's schema language cannot express expression, partial or covering indexes).
-- The metrics scheduler's scan: published targets still synced, by the instant they are due
-- (a target never synced yet is due from its publish instant), so a tick reads only due rows.
CREATE INDEX "social_posts_metrics_due_idx" ON "social_posts" ((COALESCE("metrics_next_sync_at", "published_at")))
  WHERE "status" = 'PUBLISHED' AND "metrics_stopped_at" IS NULL;
-- Top posts of a period: an index-only scan per account, never the posts' rows.
CREATE INDEX "social_posts_account_published_metrics_idx" ON "social_posts" ("account_id", "published_at")
  INCLUDE ("metrics_engagements", "id") WHERE "metrics_engagements" IS NOT NULL;
-- Publishing health of a period (outcomes, lateness): an index-only scan per account.
CREATE INDEX "social_posts_account_scheduled_idx" ON "social_posts" ("account_id", "scheduled_at")
  INCLUDE ("status", "published_at");
-- Best hours and weekdays: an index-only scan of the period's publish-hour rollups.
CREATE INDEX "metric_publish_hour_rollups_workspace_id_hour_idx" ON "metric_publish_hour_rollups" ("workspace_id", "hour")
  INCLUDE ("platform", "posts", "engagements", "audience");
