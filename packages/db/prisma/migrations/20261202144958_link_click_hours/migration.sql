-- CreateTable
CREATE TABLE "short_link_click_hours" (
    "link_id" UUID NOT NULL,
    "hour" TIMESTAMPTZ(0) NOT NULL,
    "workspace_id" UUID NOT NULL,
    "platform" "social_platform_enum" NOT NULL,
    "clicks" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "short_link_click_hours_pkey" PRIMARY KEY ("link_id","hour")
);

-- CreateIndex
CREATE INDEX "short_link_click_hours_workspace_id_hour_idx" ON "short_link_click_hours"("workspace_id", "hour");

-- AddForeignKey
ALTER TABLE "short_link_click_hours" ADD CONSTRAINT "short_link_click_hours_link_id_fkey" FOREIGN KEY ("link_id") REFERENCES "short_links"("id") ON DELETE CASCADE ON UPDATE CASCADE;
