import { NOTIFICATION_KINDS } from '@statex/db'
import { z } from 'zod'
import { Id, Instant } from './common.js'

export const NotificationKind = z.enum(NOTIFICATION_KINDS).meta({
  id: 'NotificationKind',
  description:
    'post_failed, post_unknown (a person must check whether it went out), account_reconnect (a week ahead and when it happens), approval_waiting, digest (daily).',
})

export const NotificationBody = z
  .object({
    id: Id,
    kind: NotificationKind,
    title: z.string(),
    body: z.string(),
    link: z.string().nullable().meta({ description: 'Dashboard path, e.g. /posts?post=<id>.' }),
    postId: Id.nullable(),
    accountId: Id.nullable(),
    readAt: Instant.nullable(),
    createdAt: Instant,
  })
  .meta({ id: 'Notification' })

export const NotificationPage = z
  .object({
    data: z.array(NotificationBody),
    unread: z.number().int().meta({ description: 'Unread notifications in all, for the bell.' }),
    nextCursor: Id.nullable().meta({ description: 'Pass as `before` for the next page.' }),
  })
  .meta({ id: 'NotificationPage' })

export const NotificationListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  before: Id.optional(),
  unread: z
    .enum(['true', 'false'])
    .optional()
    .meta({ description: 'Only unread ones when "true".' }),
})

export const MarkReadBody = z
  .object({
    ids: z.array(Id).min(1, 'name at least one notification').max(100).optional(),
    all: z.literal(true).optional(),
  })
  .strict()
  .refine((b) => (b.ids ? !b.all : b.all), {
    message: 'send either "ids" (the notifications to mark read) or "all": true, not both',
  })

export const Channels = z
  .object({ inApp: z.boolean(), email: z.boolean() })
  .strict()
  .meta({ id: 'NotificationChannels' })

export const PreferencesBody = z
  .object(
    Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, Channels])) as Record<
      (typeof NOTIFICATION_KINDS)[number],
      typeof Channels
    >,
  )
  .meta({ id: 'NotificationPreferences' })

export const PreferencesUpdate = PreferencesBody.partial().strict()
