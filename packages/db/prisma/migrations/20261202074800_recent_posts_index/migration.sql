-- The duplicate check's scan (recent-posts.ts): an account's targets by the instant they were
-- published or are due. Without it every POST /v1/posts read all of its accounts' posts (the API
-- bench fell from ~500 to 74 requests/s once the check landed). An expression index, which the
-- Prisma schema cannot express: hand-written.
CREATE INDEX "social_posts_account_posted_at_idx" ON "social_posts" ("account_id", (COALESCE("published_at", "scheduled_at")));
