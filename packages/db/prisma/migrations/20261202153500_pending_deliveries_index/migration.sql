-- The outgoing-webhook sweep (webhooks.ts, listPendingDeliveries): deliveries still pending, oldest
-- first. A partial index holds only those, so the sweep stays cheap however many were delivered.
-- The Prisma schema cannot express a partial index: hand-written.
CREATE INDEX "webhook_deliveries_pending_idx" ON "webhook_deliveries" ("created_at", "id")
  WHERE "status" = 'pending';
