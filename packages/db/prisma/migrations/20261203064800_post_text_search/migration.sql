-- The posts page's search (post-queries.ts, listPostGroups: the text ILIKE a pattern with the
-- words anywhere). A substring match cannot use a b-tree, so every search read all of the
-- workspace's posts (10,000 in the posts-page bench, about 40 ms a search), and trigrams let a
-- bitmap scan find the candidates. An expression index, which the Prisma schema cannot express:
-- hand-written. pg_trgm ships with PostgreSQL and is a trusted extension (13+), so the
-- database's owner may create it.
CREATE EXTENSION IF NOT EXISTS "pg_trgm";
CREATE INDEX "post_groups_content_text_trgm_idx" ON "post_groups" USING GIN (("content" ->> 'text') gin_trgm_ops);
