import type { Notification } from '@statex/db'
import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppDeps } from '../deps.js'
import { ApiError } from '../errors.js'
import { principalOf } from '../plugins/auth.js'
import { ErrorBody, authErrors } from '../schemas/common.js'
import {
  MarkReadBody,
  NotificationListQuery,
  NotificationPage,
  PreferencesBody,
  PreferencesUpdate,
} from '../schemas/notifications.js'

const tags = ['notifications']

const toBody = (n: Notification) => ({
  id: n.id,
  kind: n.kind,
  title: n.title,
  body: n.body,
  link: n.link,
  postId: n.postId,
  accountId: n.accountId,
  readAt: n.readAt?.toISOString() ?? null,
  createdAt: n.createdAt.toISOString(),
})

/** The signed-in person and workspace: notifications are a person's, never an API key's. */
function personOf(request: FastifyRequest) {
  const principal = principalOf(request)
  if (!principal.userId) throw new ApiError('PERSON_REQUIRED')
  return { userId: principal.userId, workspaceId: principal.workspaceId }
}

/** The signed-in member's notifications in this workspace (the bell) and what they want told. */
export const notificationRoutes: FastifyPluginAsyncZod<Pick<AppDeps, 'db'>> = async (
  app,
  { db },
) => {
  app.get(
    '/v1/notifications',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags,
        summary: 'Your notifications, newest first, with the unread count',
        querystring: NotificationListQuery,
        response: { 200: NotificationPage, ...authErrors, 400: ErrorBody },
      },
    },
    async (request, reply) => {
      const person = personOf(request)
      const page = await db.notifications.list({
        ...person,
        limit: request.query.limit,
        before: request.query.before,
        unreadOnly: request.query.unread === 'true',
      })
      // Polled by the bell: never served from a cache.
      reply.header('cache-control', 'no-store')
      return { data: page.items.map(toBody), unread: page.unread, nextCursor: page.nextCursor }
    },
  )

  app.post(
    '/v1/notifications/read',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags,
        summary: 'Mark notifications read: some by id, or all of them',
        body: MarkReadBody,
        response: {
          200: z.object({ marked: z.number().int(), unread: z.number().int() }),
          ...authErrors,
          400: ErrorBody,
        },
      },
    },
    async (request) => {
      const person = personOf(request)
      const marked = await db.notifications.markRead(
        person.userId,
        person.workspaceId,
        request.body.all ? 'all' : (request.body.ids ?? []),
      )
      return {
        marked,
        unread: await db.notifications.unreadCount(person.userId, person.workspaceId),
      }
    },
  )

  app.get(
    '/v1/notifications/preferences',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags,
        summary: 'What you are told about, per kind: in the dashboard and by email',
        response: { 200: PreferencesBody, ...authErrors },
      },
    },
    async (request) => {
      const person = personOf(request)
      return db.notifications.getPreferences(person.userId, person.workspaceId)
    },
  )

  app.put(
    '/v1/notifications/preferences',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags,
        summary: 'Change what you are told about; kinds left out keep their setting',
        body: PreferencesUpdate,
        response: { 200: PreferencesBody, ...authErrors, 400: ErrorBody },
      },
    },
    async (request) => {
      const person = personOf(request)
      return db.notifications.setPreferences(person.userId, person.workspaceId, request.body)
    },
  )
}
