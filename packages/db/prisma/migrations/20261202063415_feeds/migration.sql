-- CreateTable
CREATE TABLE "feeds" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "account_ids" UUID[],
    "mode" TEXT NOT NULL DEFAULT 'draft',
    "templates" JSONB NOT NULL DEFAULT '{}',
    "poll_interval_minutes" INTEGER NOT NULL DEFAULT 30,
    "etag" TEXT,
    "last_modified" TEXT,
    "last_polled_at" TIMESTAMPTZ(3),
    "next_poll_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "consecutive_failures" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "feeds_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "feed_items" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "feed_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "title" TEXT,
    "link" TEXT,
    "published_at" TIMESTAMPTZ(3),
    "group_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "feed_items_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "feeds_workspace_id_idx" ON "feeds"("workspace_id");

-- CreateIndex
CREATE INDEX "feeds_active_next_poll_at_idx" ON "feeds"("active", "next_poll_at");

-- CreateIndex
CREATE UNIQUE INDEX "feed_items_feed_id_key_key" ON "feed_items"("feed_id", "key");

-- AddForeignKey
ALTER TABLE "feeds" ADD CONSTRAINT "feeds_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "feed_items" ADD CONSTRAINT "feed_items_feed_id_fkey" FOREIGN KEY ("feed_id") REFERENCES "feeds"("id") ON DELETE CASCADE ON UPDATE CASCADE;
