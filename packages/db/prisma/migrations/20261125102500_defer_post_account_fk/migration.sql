-- Hand-written (Prisma's schema language cannot express deferrable constraints).
-- social_posts.account_id is ON DELETE NO ACTION so an account with posts cannot be deleted and
-- take published history with it. Checked immediately, that check also fires in the middle of a
-- workspace delete, when the cascade has removed the accounts but not yet the posts. Deferred to
-- commit, it sees the end state: a workspace delete succeeds, an account delete with posts fails.
ALTER TABLE "social_posts" ALTER CONSTRAINT "social_posts_account_id_fkey" DEFERRABLE INITIALLY DEFERRED;
