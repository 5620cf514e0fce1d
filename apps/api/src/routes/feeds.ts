import type { Feed } from '@statex/db'
import { isPublicAddress } from '@statex/runtime'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { isIP } from 'node:net'
import { z } from 'zod'
import type { AppDeps } from '../deps.js'
import { ApiError } from '../errors.js'
import { principalOf } from '../plugins/auth.js'
import { ErrorBody, Id, Instant, Platform, authErrors } from '../schemas/common.js'

const tags = ['feeds']
const Templates = z
  .partialRecord(z.union([Platform, z.literal('default')]), z.string().min(1).max(5000))
  .meta({
    description:
      'Per platform, or "default": the post text with {title}, {link} and {summary}; default "{title}\\n\\n{link}".',
  })

const FeedBody = z
  .object({
    url: z.url({ protocol: /^https?$/, error: 'must be the http(s) URL of an RSS or Atom feed' }),
    accountIds: z.array(Id).min(1, 'name at least one account to post to').max(50),
    mode: z.enum(['draft', 'next_slot']).default('draft').meta({
      description:
        'draft: new items become drafts; next_slot: they take the next free posting slots.',
    }),
    templates: Templates.default({}),
    pollIntervalMinutes: z.number().int().min(5).max(1440).default(30),
  })
  .strict()

const FeedView = z
  .object({
    id: Id,
    url: z.string(),
    accountIds: z.array(Id),
    mode: z.enum(['draft', 'next_slot']),
    templates: z.record(z.string(), z.string()),
    pollIntervalMinutes: z.number().int(),
    active: z.boolean(),
    lastPolledAt: Instant.nullable(),
    nextPollAt: Instant,
    consecutiveFailures: z.number().int(),
    /** Why the last poll failed; a feed that keeps failing is switched off (active: false). */
    lastError: z.string().nullable(),
    createdAt: Instant,
  })
  .meta({ id: 'Feed' })

const iso = (d: Date | null) => (d ? d.toISOString() : null)
const feedBody = (f: Feed) => ({
  id: f.id,
  url: f.url,
  accountIds: f.accountIds,
  mode: f.mode,
  templates: f.templates as Record<string, string>,
  pollIntervalMinutes: f.pollIntervalMinutes,
  active: f.active,
  lastPolledAt: iso(f.lastPolledAt),
  nextPollAt: f.nextPollAt.toISOString(),
  consecutiveFailures: f.consecutiveFailures,
  lastError: f.lastError,
  createdAt: f.createdAt.toISOString(),
})

/** The worker checks every address it connects to; a private address written out is refused now. */
function assertPublic(url: string, allowPrivate: boolean) {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '')
  if (allowPrivate) return
  if (host === 'localhost' || (isIP(host) && !isPublicAddress(host)))
    throw new ApiError('INVALID_INPUT', {
      message: 'Feeds are read only from public addresses; this one is private.',
      details: [{ path: 'body.url', message: 'is a private address' }],
    })
}

/** RSS and Atom feeds of the workspace whose new items become posts. */
export const feedRoutes: FastifyPluginAsyncZod<
  Pick<AppDeps, 'db'> & { allowPrivateUrls?: boolean }
> = async (app, { db, allowPrivateUrls }) => {
  const IdParams = z.object({ id: Id })
  const notFound = (id: string) =>
    new ApiError('NOT_FOUND', { message: `No feed ${id} in this workspace.` })

  app.post(
    '/v1/feeds',
    {
      preHandler: app.authorize('editor'),
      schema: {
        tags,
        summary: 'Add a feed: its new items become drafts or go into the next free slots',
        body: FeedBody,
        response: {
          201: z.object({ feed: FeedView }),
          ...authErrors,
          400: ErrorBody,
          422: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      assertPublic(request.body.url, allowPrivateUrls ?? false)
      const feed = await db.feeds.createFeed({
        workspaceId: principalOf(request).workspaceId,
        ...request.body,
      })
      void reply.code(201)
      return { feed: feedBody(feed) }
    },
  )

  app.get(
    '/v1/feeds',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags,
        summary: 'The workspace’s feeds and how their last poll went',
        response: { 200: z.object({ data: z.array(FeedView) }), ...authErrors },
      },
    },
    async (request) => ({
      data: (await db.feeds.listFeeds(principalOf(request).workspaceId)).map(feedBody),
    }),
  )

  app.get(
    '/v1/feeds/:id',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags,
        summary: 'One feed and the items seen in it, newest first, with the post each became',
        params: IdParams,
        response: {
          200: z.object({
            feed: FeedView,
            items: z.array(
              z.object({
                key: z.string(),
                title: z.string().nullable(),
                link: z.string().nullable(),
                publishedAt: Instant.nullable(),
                postId: Id.nullable(),
                seenAt: Instant,
              }),
            ),
          }),
          ...authErrors,
          400: ErrorBody,
        },
      },
    },
    async (request) => {
      const feed = await db.feeds.getFeed(principalOf(request).workspaceId, request.params.id)
      if (!feed) throw notFound(request.params.id)
      const items = await db.feeds.listFeedItems(feed.id)
      return {
        feed: feedBody(feed),
        items: items.map((i) => ({
          key: i.key,
          title: i.title,
          link: i.link,
          publishedAt: iso(i.publishedAt),
          postId: i.groupId,
          seenAt: i.createdAt.toISOString(),
        })),
      }
    },
  )

  app.patch(
    '/v1/feeds/:id',
    {
      preHandler: app.authorize('editor'),
      schema: {
        tags,
        summary: 'Change a feed; active: true re-enables a broken one and polls it now',
        params: IdParams,
        body: FeedBody.omit({ url: true })
          .partial()
          .extend({ active: z.boolean().optional() })
          .strict(),
        response: {
          200: z.object({ feed: FeedView }),
          ...authErrors,
          400: ErrorBody,
          422: ErrorBody,
        },
      },
    },
    async (request) => {
      const workspaceId = principalOf(request).workspaceId
      if (!(await db.feeds.getFeed(workspaceId, request.params.id)))
        throw notFound(request.params.id)
      const body = Object.fromEntries(
        Object.entries(request.body).filter(([, v]) => v !== undefined),
      )
      return { feed: feedBody(await db.feeds.updateFeed(workspaceId, request.params.id, body)) }
    },
  )

  app.delete(
    '/v1/feeds/:id',
    {
      preHandler: app.authorize('editor'),
      schema: {
        tags,
        summary: 'Remove a feed (its posts stay)',
        params: IdParams,
        response: { 204: z.null(), ...authErrors, 400: ErrorBody },
      },
    },
    async (request, reply) => {
      if (!(await db.feeds.deleteFeed(principalOf(request).workspaceId, request.params.id)))
        throw notFound(request.params.id)
      return reply.code(204).send(null)
    },
  )
}
