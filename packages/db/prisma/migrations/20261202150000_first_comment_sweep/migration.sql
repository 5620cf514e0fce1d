-- The dispatcher's first-comment sweep (first-comments.ts, listUnclaimedFirstComments): published
-- targets whose first comment was never claimed. A partial index holds only those rows, so the
-- sweep each tick reads a handful of rows however many posts are published. The Prisma schema
-- cannot express a partial index: hand-written.
CREATE INDEX "social_posts_first_comment_unclaimed_idx" ON "social_posts" ("published_at")
  WHERE "status" = 'PUBLISHED' AND "first_comment_status" IS NULL AND "content" ? 'firstComment';
