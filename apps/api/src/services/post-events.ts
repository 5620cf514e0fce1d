import type { FastifyBaseLogger } from 'fastify'
import type { AppDeps } from '../deps.js'
import { notifyApprovers } from './approval-notices.js'
import { emitWebhookEvent } from './webhook-delivery.js'

export type PostEventType =
  'post.submitted' | 'post.approved' | 'post.rejected' | 'post.review_commented' | 'post.reopened'

type Deps = Pick<AppDeps, 'db' | 'webhookQueue' | 'notificationQueue'> & {
  log: FastifyBaseLogger
}

/**
 * Tells the workspace's webhook endpoints about a review step. The step is already stored when
 * this runs, so a failure to queue the delivery is logged rather than undoing it; an API process
 * without the delivery queue (some tests) only logs.
 */
export async function emitPostEvent(
  deps: Deps,
  workspaceId: string,
  type: PostEventType,
  data: Record<string, unknown>,
): Promise<void> {
  // In review again (submitted, created so, or reopened by an edit): the approvers are told.
  if ((type === 'post.submitted' || type === 'post.reopened') && typeof data.postId === 'string')
    await notifyApprovers(deps, {
      workspaceId,
      postId: data.postId,
      round: typeof data.id === 'string' ? data.id : `${type}:${new Date().toISOString()}`,
      actor: typeof data.actor === 'string' ? data.actor : '',
    })
  if (!deps.webhookQueue) {
    deps.log.debug({ type, workspaceId }, 'no webhook delivery queue in this process')
    return
  }
  try {
    await emitWebhookEvent(deps.db, deps.webhookQueue, { workspaceId, type, data })
  } catch (error) {
    deps.log.warn({ err: error, type, workspaceId }, 'could not queue the webhook event')
  }
}
