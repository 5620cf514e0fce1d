import type { DbContext } from '../context.js'
import { isUuid } from '../context.js'
import { InvalidInputError } from '../errors.js'
import type { Notification as Row } from '../generated/prisma/client.js'
import type { WorkspaceRole } from '../types.js'

/** What a member can be told about; each has its own in-app and email choice. */
export const NOTIFICATION_KINDS = [
  'post_failed',
  'post_unknown',
  'account_reconnect',
  'approval_waiting',
  'digest',
] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

export interface NotificationChannels {
  inApp: boolean
  email: boolean
}

/**
 * A kind nobody chose for yet: everything that needs a person shows in the bell and is emailed;
 * the digest is an email (a bell entry summarizing the bell would be noise).
 */
export const NOTIFICATION_DEFAULTS: Readonly<Record<NotificationKind, NotificationChannels>> =
  Object.freeze({
    post_failed: { inApp: true, email: true },
    post_unknown: { inApp: true, email: true },
    account_reconnect: { inApp: true, email: true },
    approval_waiting: { inApp: true, email: true },
    digest: { inApp: false, email: true },
  })

export type EmailStatus = 'none' | 'pending' | 'sent' | 'failed' | 'skipped'

export interface Notification {
  id: string
  userId: string
  workspaceId: string
  kind: NotificationKind
  title: string
  body: string
  link: string | null
  postId: string | null
  accountId: string | null
  emailStatus: EmailStatus
  readAt: Date | null
  createdAt: Date
}

export interface NotificationInput {
  workspaceId: string
  kind: NotificationKind
  title: string
  body: string
  link?: string | undefined
  postId?: string | undefined
  accountId?: string | undefined
  /** Names the event: the same key for the same user is stored once, ever. */
  dedupKey: string
  userIds: readonly string[]
}

/** One email to send: the notification and where it goes (never logged). */
export interface NotificationEmail {
  notification: Notification
  to: string
  name: string | null
}

const toNotification = (row: Row): Notification => ({
  id: row.id,
  userId: row.userId,
  workspaceId: row.workspaceId,
  kind: row.kind as NotificationKind,
  title: row.title,
  body: row.body,
  link: row.link,
  postId: row.postId,
  accountId: row.accountId,
  emailStatus: row.emailStatus as EmailStatus,
  readAt: row.readAt,
  createdAt: row.createdAt,
})

const isKind = (kind: string): kind is NotificationKind =>
  (NOTIFICATION_KINDS as readonly string[]).includes(kind)

export function notificationsRepository(ctx: DbContext) {
  const { prisma } = ctx

  async function preferencesOf(
    userIds: readonly string[],
    workspaceId: string,
    kind: NotificationKind,
  ): Promise<Map<string, NotificationChannels>> {
    const rows = await prisma.notificationPreference.findMany({
      where: { workspaceId, kind, userId: { in: [...userIds] } },
    })
    return new Map(rows.map((r) => [r.userId, { inApp: r.inApp, email: r.email }]))
  }

  return {
    /**
     * Stores the event once per recipient who wants it (in the bell, by email, or both), skipping
     * recipients who already have this `dedupKey` and those who are not members of the workspace.
     * Returns the new rows; those with `emailStatus: 'pending'` are for the email queue.
     */
    async notify(input: NotificationInput): Promise<Notification[]> {
      if (!isKind(input.kind))
        throw new InvalidInputError(`Unknown notification kind "${input.kind}".`)
      const unique = [...new Set(input.userIds)].filter(isUuid)
      if (unique.length === 0) return []
      const members = await prisma.workspaceMember.findMany({
        where: { workspaceId: input.workspaceId, userId: { in: unique } },
        select: { userId: true },
      })
      const prefs = await preferencesOf(
        members.map((m) => m.userId),
        input.workspaceId,
        input.kind,
      )
      const created: Notification[] = []
      for (const { userId } of members) {
        const channels = prefs.get(userId) ?? NOTIFICATION_DEFAULTS[input.kind]
        if (!channels.inApp && !channels.email) continue
        // ON CONFLICT DO NOTHING: a second producer of the same event (a retried job, the API and
        // the worker racing) inserts nothing and gets no row back, so it queues no second email.
        const rows = await prisma.$queryRaw<{ id: string }[]>`
          INSERT INTO notifications (user_id, workspace_id, kind, title, body, link, post_id,
            account_id, dedup_key, in_app, email_status)
          VALUES (${userId}::uuid, ${input.workspaceId}::uuid, ${input.kind}, ${input.title},
            ${input.body}, ${input.link ?? null}, ${input.postId ?? null}::uuid,
            ${input.accountId ?? null}::uuid, ${input.dedupKey}, ${channels.inApp},
            ${channels.email ? 'pending' : 'none'})
          ON CONFLICT (user_id, dedup_key) DO NOTHING
          RETURNING id`
        const id = rows[0]?.id
        if (id)
          created.push(
            toNotification(await prisma.notification.findUniqueOrThrow({ where: { id } })),
          )
      }
      return created
    },

    /** The member's bell, newest first; `before` is the last id of the previous page. */
    async list(input: {
      userId: string
      workspaceId: string
      limit?: number
      before?: string | undefined
      unreadOnly?: boolean
    }): Promise<{ items: Notification[]; unread: number; nextCursor: string | null }> {
      const limit = Math.min(Math.max(input.limit ?? 20, 1), 100)
      const where = {
        userId: input.userId,
        workspaceId: input.workspaceId,
        inApp: true,
        ...(input.unreadOnly ? { readAt: null } : {}),
      }
      const cursor = input.before && isUuid(input.before) ? { id: input.before } : undefined
      const [rows, unread] = await Promise.all([
        prisma.notification.findMany({
          where,
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          take: limit + 1,
          ...(cursor ? { cursor, skip: 1 } : {}),
        }),
        this.unreadCount(input.userId, input.workspaceId),
      ])
      const page = rows.slice(0, limit)
      return {
        items: page.map(toNotification),
        unread,
        nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
      }
    },

    async unreadCount(userId: string, workspaceId: string): Promise<number> {
      return prisma.notification.count({
        where: { userId, workspaceId, inApp: true, readAt: null },
      })
    },

    /** Marks the member's own notifications read; returns how many changed. */
    async markRead(
      userId: string,
      workspaceId: string,
      ids: readonly string[] | 'all',
      at = new Date(),
    ): Promise<number> {
      const idFilter = ids === 'all' ? {} : { id: { in: ids.filter(isUuid) } }
      if (ids !== 'all' && idFilter.id?.in.length === 0) return 0
      const { count } = await prisma.notification.updateMany({
        where: { userId, workspaceId, readAt: null, ...idFilter },
        data: { readAt: at },
      })
      return count
    },

    /** Every kind with the member's choice, defaults filled in. */
    async getPreferences(
      userId: string,
      workspaceId: string,
    ): Promise<Record<NotificationKind, NotificationChannels>> {
      const rows = await prisma.notificationPreference.findMany({ where: { userId, workspaceId } })
      const result = { ...NOTIFICATION_DEFAULTS } as Record<NotificationKind, NotificationChannels>
      for (const row of rows)
        if (isKind(row.kind)) result[row.kind] = { inApp: row.inApp, email: row.email }
      return result
    },

    async setPreferences(
      userId: string,
      workspaceId: string,
      changes: Partial<Record<NotificationKind, NotificationChannels>>,
    ): Promise<Record<NotificationKind, NotificationChannels>> {
      const unknown = Object.keys(changes).filter((k) => !isKind(k))
      if (unknown.length)
        throw new InvalidInputError(
          `Unknown notification kinds: ${unknown.join(', ')}; use ${NOTIFICATION_KINDS.join(', ')}.`,
        )
      await prisma.$transaction(
        Object.entries(changes).map(([kind, c]) =>
          prisma.notificationPreference.upsert({
            where: { userId_workspaceId_kind: { userId, workspaceId, kind } },
            create: { userId, workspaceId, kind, inApp: c.inApp, email: c.email },
            update: { inApp: c.inApp, email: c.email },
          }),
        ),
      )
      return this.getPreferences(userId, workspaceId)
    },

    /** Members of the workspace with at least `role`, for "tell the owners". */
    async membersWithRole(workspaceId: string, roles: readonly WorkspaceRole[]): Promise<string[]> {
      const rows = await prisma.workspaceMember.findMany({
        where: { workspaceId, role: { in: [...roles] } },
        select: { userId: true },
      })
      return rows.map((r) => r.userId)
    },

    /** A pending email with its address, for the send job; null once sent or not pending. */
    async getPendingEmail(id: string): Promise<NotificationEmail | null> {
      if (!isUuid(id)) return null
      const row = await prisma.notification.findUnique({ where: { id }, include: { user: true } })
      if (!row || row.emailStatus !== 'pending') return null
      return { notification: toNotification(row), to: row.user.email, name: row.user.name }
    },

    async recordEmail(
      id: string,
      result: { status: 'sent' | 'failed' | 'skipped' | 'pending'; error?: string },
      at = new Date(),
    ): Promise<void> {
      await prisma.notification.update({
        where: { id },
        data: {
          emailStatus: result.status,
          emailError: result.error?.slice(0, 1_000) ?? null,
          ...(result.status === 'sent' ? { emailSentAt: at } : {}),
        },
      })
    },

    /** Emails still pending after `olderThan`: the sweep re-queues those whose job was lost. */
    async listPendingEmails(olderThan: Date, limit = 100): Promise<string[]> {
      const rows = await prisma.notification.findMany({
        where: { emailStatus: 'pending', createdAt: { lt: olderThan } },
        orderBy: { createdAt: 'asc' },
        take: limit,
        select: { id: true },
      })
      return rows.map((r) => r.id)
    },
  }
}

export type NotificationsRepository = ReturnType<typeof notificationsRepository>
