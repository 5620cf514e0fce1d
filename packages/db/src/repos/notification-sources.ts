import type { Platform, PostStatus } from '@statex/core'
import type { DbContext } from '../context.js'
import { isUuid } from '../context.js'

/** What a post notification says and whom it concerns. */
export interface PostNotice {
  groupId: string
  workspaceId: string
  createdByUserId: string | null
  /** The post's text, as composed (the notification quotes its start). */
  text: string
  targets: {
    id: string
    platform: Platform
    accountName: string
    status: PostStatus
    lastError: string | null
    /** A reconcile check is booked: the engine is still finding out by itself. */
    checkPending: boolean
    /** Attempts made so far: part of the dedup key, so a retried post that fails again says so. */
    attempts: number
  }[]
}

/** A member whose daily digest may be due, with the zone it is reckoned in. */
export interface DigestRecipient {
  userId: string
  workspaceId: string
  workspaceName: string
  timeZone: string
}

/** The last day of a workspace, as the digest tells it. */
export interface DigestSummary {
  published: number
  failed: number
  unknown: number
  waitingApproval: number
  newInbox: number
}

export function notificationSourcesRepository(ctx: DbContext) {
  const { prisma } = ctx
  return {
    async getPostNotice(groupId: string): Promise<PostNotice | null> {
      if (!isUuid(groupId)) return null
      const group = await prisma.postGroup.findUnique({
        where: { id: groupId },
        include: {
          targets: {
            orderBy: { id: 'asc' },
            include: {
              account: { select: { displayName: true, platform: true } },
              _count: { select: { attempts: true } },
            },
          },
        },
      })
      if (!group) return null
      const content = group.content as { text?: unknown } | null
      return {
        groupId: group.id,
        workspaceId: group.workspaceId,
        createdByUserId: group.createdByUserId,
        text: typeof content?.text === 'string' ? content.text : '',
        targets: group.targets.map((t) => ({
          id: t.id,
          platform: t.account.platform,
          accountName: t.account.displayName,
          status: t.status,
          lastError: t.lastError,
          checkPending: t.nextCheckAt !== null,
          attempts: t._count.attempts,
        })),
      }
    },

    /** Every membership, with its workspace's zone: the digest tick picks those whose hour has come. */
    async listDigestRecipients(): Promise<DigestRecipient[]> {
      const rows = await prisma.workspaceMember.findMany({
        select: {
          userId: true,
          workspaceId: true,
          workspace: { select: { name: true, timeZone: true } },
        },
        orderBy: [{ workspaceId: 'asc' }, { userId: 'asc' }],
      })
      return rows.map((r) => ({
        userId: r.userId,
        workspaceId: r.workspaceId,
        workspaceName: r.workspace.name,
        timeZone: r.workspace.timeZone,
      }))
    },

    /**
     * Targets that reached PUBLISHED, FAILED or UNKNOWN in [since, until) (by their audit rows),
     * posts waiting for approval now, and inbox items received in the window.
     */
    async digestSummary(workspaceId: string, since: Date, until: Date): Promise<DigestSummary> {
      const [moved] = await prisma.$queryRaw<
        { published: bigint; failed: bigint; unknown: bigint }[]
      >`
        SELECT count(DISTINCT c.post_id) FILTER (WHERE c.to_status = 'PUBLISHED') AS published,
               count(DISTINCT c.post_id) FILTER (WHERE c.to_status = 'FAILED') AS failed,
               count(DISTINCT c.post_id) FILTER (WHERE c.to_status = 'UNKNOWN') AS unknown
        FROM post_status_changes c
        JOIN social_posts p ON p.id = c.post_id
        JOIN post_groups g ON g.id = p.group_id
        WHERE g.workspace_id = ${workspaceId}::uuid AND c.at >= ${since} AND c.at < ${until}`
      const waitingApproval = await prisma.postGroup.count({
        where: { workspaceId, approvalStatus: 'in_review' },
      })
      const newInbox = await prisma.socialInteraction.count({
        where: { account: { workspaceId }, receivedAt: { gte: since, lt: until } },
      })
      return {
        published: Number(moved?.published ?? 0),
        failed: Number(moved?.failed ?? 0),
        unknown: Number(moved?.unknown ?? 0),
        waitingApproval,
        newInbox,
      }
    },
  }
}
