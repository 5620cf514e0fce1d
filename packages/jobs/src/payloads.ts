import { z } from 'zod'
import type { QueueName } from './queues.js'

/**
 * What each queue's jobs carry: ids only, never tokens or content, so Redis holds nothing a
 * person would mind leaking and PostgreSQL stays the one source of what is published.
 */
export const JOB_PAYLOADS = {
  publish: z.object({
    targetId: z.string().min(1),
    /** The target's account, when the producer knows it: lets a busy account wait without a database read. */
    accountId: z.string().min(1).optional(),
    /**
     * Why the job exists: the dispatcher's tick, a person's "publish now", a poll or reconcile
     * step, or the sweep of a published target whose first comment never went out.
     */
    reason: z
      .enum(['due', 'publish-now', 'poll', 'reconcile', 'retry', 'first-comment'])
      .default('due'),
  }),
  'sync-metrics': z.object({
    accountId: z.string().min(1),
    targetIds: z.array(z.string()).optional(),
    /** `account`: the account-level figures (followers, page reach) instead of posts'. */
    scope: z.enum(['posts', 'account']).default('posts'),
  }),
  'process-interactions': z.object({
    /** A stored webhook delivery, or a poll of one account. */
    source: z.enum(['webhook', 'poll']),
    accountId: z.string().min(1).optional(),
    webhookEventId: z.string().min(1).optional(),
  }),
  'auto-respond': z.object({ interactionId: z.string().min(1) }),
  dispatch: z.object({}).passthrough(),
  'refresh-tokens': z.object({ accountId: z.string().min(1).optional() }),
  'poll-feeds': z.object({}).passthrough(),
} satisfies Record<QueueName, z.ZodType>

export type JobPayload<Q extends QueueName> = z.infer<(typeof JOB_PAYLOADS)[Q]>

/** Parses a job's data, so a malformed job fails for good with a message rather than half-running. */
export function parsePayload<Q extends QueueName>(queue: Q, data: unknown): JobPayload<Q> {
  return JOB_PAYLOADS[queue].parse(data) as JobPayload<Q>
}
