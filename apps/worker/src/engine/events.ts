import type { Db } from '@statex/db'
import { emitWebhookEvent } from '@statex/jobs'
import type { Queue } from 'bullmq'
import type { Logger } from '@statex/runtime'
import type { Notices } from '../notifications/notices.js'

/**
 * What the engine tells the outside when a post or an account changes for good: the outgoing
 * webhooks a workspace subscribed to (post.published, post.failed, post.partially_published,
 * post.submitted for feed items that go to review, account.needs_reconnect). A delivery is recorded in PostgreSQL and queued; failing to emit is
 * logged and never fails the publish it reports on.
 */
export interface EngineEvents {
  /** Stores the group's derived status and, when this call changed it to an outcome, emits it. */
  settleGroup(groupId: string): Promise<void>
  /** Marks the account needs_reconnect and emits that, once per transition. */
  needsReconnect(accountId: string, reason: string): Promise<void>
  /** Posts created straight into review (from a feed): post.submitted, one event each. */
  submitted(workspaceId: string, postIds: string[], actor: string): Promise<void>
}

const OUTCOMES = new Set(['published', 'failed', 'partially_published'])

export function createEngineEvents(deps: {
  db: Db
  queue: Queue
  log: Logger
  /** People's notifications about the same outcomes; absent in tests that only watch webhooks. */
  notices?: Notices
}): EngineEvents {
  const { db, queue, log, notices } = deps
  const emit = async (workspaceId: string, type: string, data: unknown) => {
    try {
      await emitWebhookEvent(db, queue, { workspaceId, type, data })
    } catch (error) {
      log.warn({ err: error, type }, 'outgoing webhook event not recorded')
    }
  }
  return {
    async settleGroup(groupId) {
      const { status, previous, workspaceId } = await db.engine.settleGroupStatus(groupId)
      if (workspaceId && notices) await notices.postSettled(groupId, status, status !== previous)
      if (!workspaceId || status === previous || !OUTCOMES.has(status)) return
      // Every published group passes here: read the post only when someone will receive it.
      if (!(await db.webhooks.hasSubscribers(workspaceId, `post.${status}`))) return
      const post = await db.posts.getPostGroupView(workspaceId, groupId)
      if (!post) return
      await emit(workspaceId, `post.${status}`, {
        post: {
          id: post.id,
          status,
          scheduledAt: post.scheduledAt?.toISOString() ?? null,
          targets: post.targets.map((t) => ({
            id: t.id,
            accountId: t.accountId,
            platform: t.platform,
            status: t.status,
            externalId: t.externalId,
            url: t.url,
            publishedAt: t.publishedAt?.toISOString() ?? null,
            error: t.lastError,
          })),
        },
      })
    },
    async submitted(workspaceId, postIds, actor) {
      if (!postIds.length) return
      if (!(await db.webhooks.hasSubscribers(workspaceId, 'post.submitted'))) return
      for (const postId of postIds)
        await emit(workspaceId, 'post.submitted', { postId, approvalStatus: 'in_review', actor })
    },
    async needsReconnect(accountId, reason) {
      const before = await db.accounts.getAccount(accountId)
      const account = await db.accounts.markNeedsReconnect(accountId, reason)
      if (before?.status === 'needs_reconnect') return
      await notices?.accountNeedsReconnect(account, reason)
      await emit(account.workspaceId, 'account.needs_reconnect', {
        account: {
          id: account.id,
          platform: account.platform,
          displayName: account.displayName,
          reason,
        },
      })
    },
  }
}
