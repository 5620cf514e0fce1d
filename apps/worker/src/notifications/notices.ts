import type { GroupStatus } from '@statex/core'
import { PLATFORM_NAMES } from '@statex/core'
import type { Db, EngineAccount } from '@statex/db'
import { notify } from '@statex/jobs'
import type { Logger } from '@statex/runtime'
import type { Queue } from 'bullmq'

/**
 * The engine's notifications to people: a post that failed or whose outcome needs a person, an
 * account that must be reconnected (a week ahead and when it happens). Each names its event in
 * a dedup key, so a retried job, a second worker or the next token check never tell anyone twice.
 * Failing to notify is logged and never fails the publish or check it reports on.
 */
export interface Notices {
  /** After a group's status was settled; `changed` is whether this call moved it. */
  postSettled(groupId: string, status: GroupStatus, changed: boolean): Promise<void>
  accountNeedsReconnect(
    account: { id: string; workspaceId: string; platform: string; displayName: string },
    reason: string,
  ): Promise<void>
  /** The authorization ends at `lapsesAt` unless a person reconnects. */
  accountLapsing(account: EngineAccount, lapsesAt: Date): Promise<void>
}

/** Owners hear about every post and account; the post's author about theirs. */
const OWNERS = ['owner'] as const

export const postLink = (groupId: string) => `/posts?post=${groupId}`
export const ACCOUNTS_LINK = '/accounts'

const quote = (text: string) => {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > 80 ? `“${line.slice(0, 77)}…”` : `“${line}”`
}

const platformName = (platform: string) =>
  (PLATFORM_NAMES as Record<string, string>)[platform] ?? platform

export function createNotices(deps: { db: Db; queue: Queue | undefined; log: Logger }): Notices {
  const { db, queue, log } = deps
  const safely = async (what: string, run: () => Promise<unknown>) => {
    try {
      await run()
    } catch (error) {
      log.warn({ err: error, notification: what }, 'notification not recorded')
    }
  }
  const owners = (workspaceId: string) => db.notifications.membersWithRole(workspaceId, OWNERS)

  return {
    async postSettled(groupId, status, changed) {
      const failed = changed && (status === 'failed' || status === 'partially_published')
      if (!failed && status !== 'needs_review') return
      await safely(`post:${groupId}`, async () => {
        const notice = await db.notifications.getPostNotice(groupId)
        if (!notice) return
        const recipients = [...(await owners(notice.workspaceId))]
        if (notice.createdByUserId) recipients.push(notice.createdByUserId)
        if (failed) {
          const targets = notice.targets.filter((t) => t.status === 'FAILED')
          const where = targets.map((t) => `${platformName(t.platform)} (${t.accountName})`)
          await notify(db, queue, {
            workspaceId: notice.workspaceId,
            kind: 'post_failed',
            title: `A post failed on ${where.join(', ')}`,
            body: `${quote(notice.text)}: ${targets.map((t) => t.lastError ?? 'no reason given').join(' ')}`,
            link: postLink(groupId),
            postId: groupId,
            // Attempts are in the key: the same post retried and failing again is news.
            dedupKey: `post.failed:${groupId}:${targets.map((t) => `${t.id}.${t.attempts}`).join(',')}`,
            userIds: recipients,
          })
          return
        }
        // UNKNOWN with a reconcile check booked: the engine is still finding out by itself.
        const unknown = notice.targets.filter((t) => t.status === 'UNKNOWN' && !t.checkPending)
        for (const t of unknown)
          await notify(db, queue, {
            workspaceId: notice.workspaceId,
            kind: 'post_unknown',
            title: `Check ${platformName(t.platform)} (${t.accountName}): did this post go out?`,
            body: `${quote(notice.text)}: ${t.lastError ?? 'The outcome is not known.'}`,
            link: postLink(groupId),
            postId: groupId,
            dedupKey: `post.unknown:${t.id}:${t.attempts}`,
            userIds: recipients,
          })
      })
    },

    async accountNeedsReconnect(account, reason) {
      await safely(`account:${account.id}`, async () => {
        await notify(db, queue, {
          workspaceId: account.workspaceId,
          kind: 'account_reconnect',
          title: `Reconnect ${platformName(account.platform)} (${account.displayName})`,
          body: `Posts to this account stop until someone reconnects it: ${reason}`,
          link: ACCOUNTS_LINK,
          accountId: account.id,
          // One per lapse: the minute it happened, so a reconnected account failing later is news.
          dedupKey: `account.needs_reconnect:${account.id}:${new Date().toISOString().slice(0, 16)}`,
          userIds: await owners(account.workspaceId),
        })
      })
    },

    async accountLapsing(account, lapsesAt) {
      await safely(`account:${account.id}`, async () => {
        const full = await db.accounts.getAccount(account.id)
        const name = full?.displayName ?? account.id
        await notify(db, queue, {
          workspaceId: account.workspaceId,
          kind: 'account_reconnect',
          title: `Reconnect ${platformName(account.platform)} (${name}) before ${lapsesAt.toISOString().slice(0, 10)}`,
          body: `Its authorization ends on ${lapsesAt.toUTCString()} and cannot be renewed without you; posts after that fail until it is reconnected.`,
          link: ACCOUNTS_LINK,
          accountId: account.id,
          // Once per expiry: a reconnection gives a new expiry, hence a new warning.
          dedupKey: `account.lapsing:${account.id}:${lapsesAt.toISOString()}`,
          userIds: await owners(account.workspaceId),
        })
      })
    },
  }
}
