-- DropIndex
DROP INDEX "publish_attempts_post_id_idempotency_key_key";

-- CreateIndex
CREATE INDEX "publish_attempts_idempotency_key_idx" ON "publish_attempts"("idempotency_key");
