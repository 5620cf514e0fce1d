import type { AiChain } from '@statex/ai'
import type { Db } from '@statex/db'
import type { Queues } from '@statex/jobs'
import type { Queue } from 'bullmq'
import type { ProviderRegistry } from '@statex/providers'
import type { Redis } from 'ioredis'

export type Database = Db

/** What the API is built from; `main.ts` connects them, tests pass real ones of their own. */
export interface AppDeps {
  db: Database
  /** For health checks, rate limits and the failed-sign-in counter (no offline queue). */
  redis: Redis
  providers: ProviderRegistry
  /** BullMQ queues of `@statex/jobs`, under the worker's prefix. */
  queues: Queues
  /** Outgoing webhook deliveries (`startWebhookDeliveries`); without it test deliveries are refused. */
  webhookQueue?: Queue
  /** Notification emails (`@statex/jobs` NOTIFICATION_EMAIL_QUEUE; the worker sends them). Without it
   * notifications are still stored and the worker's sweep queues their emails later. */
  notificationQueue?: Queue
  /** On-demand AI drafts and the composer's assist; absent or null answers AI_UNAVAILABLE. */
  chain?: AiChain | null
}
