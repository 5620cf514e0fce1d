import type { MediaItem, PostDraft } from '@statex/core'
import { publishJobId } from '@statex/jobs'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppDeps } from '../deps.js'
import { ApiError } from '../errors.js'
import { principalOf } from '../plugins/auth.js'
import { ErrorBody, Id, authErrors } from '../schemas/common.js'
import {
  CreatePostBody,
  DeleteAnswer,
  EditAnswer,
  ListPostsQuery,
  Post,
  PostAnswer,
  PostPage,
  ScheduleAnswer,
  ScheduleBody,
  TargetActionAnswer,
  UpdatePostBody,
} from '../schemas/posts.js'
import { idempotent } from '../services/idempotency.js'
import { toPostBody } from '../services/post-view.js'
import { cancelPost, deletePost, publishNow, retryPost } from '../services/post-actions.js'
import { editPost } from '../services/post-edits.js'
import {
  createPost,
  getPostOr404,
  throwIfProblems,
  validateTargets,
  accountsOf,
  postServiceDeps,
} from '../services/posts.js'

const IdParams = z.object({ id: Id })
const tags = ['posts']
const writeErrors = { ...authErrors, 400: ErrorBody, 409: ErrorBody, 422: ErrorBody }

const VIDEO = /\.(mp4|mov|m4v|webm)(\?|$)/i

function mediaFrom(items: z.infer<typeof ScheduleBody>['media']): MediaItem[] | undefined {
  return items?.map((item) =>
    typeof item === 'string' ? { url: item, type: VIDEO.test(item) ? 'video' : 'image' } : item,
  ) as MediaItem[] | undefined
}

/** Posts: the composed post and its per-account targets. */
export const postRoutes: FastifyPluginAsyncZod<
  Pick<AppDeps, 'db' | 'providers' | 'queues' | 'webhookQueue' | 'notificationQueue'> & {
    duplicateWindowMs?: number
    linkBaseUrl?: string
  }
> = async (app, options) => {
  const deps = postServiceDeps(app.log, options)
  const { db } = options

  app.post(
    '/v1/posts/schedule',
    {
      preHandler: app.authorize('editor'),
      schema: {
        tags,
        summary: 'Schedule text and media to every connected account of the named platforms',
        body: ScheduleBody,
        response: { 201: ScheduleAnswer, ...writeErrors },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request)
      const body = request.body
      return idempotent(db, principal.workspaceId, request, reply, async () => {
        const accounts = (await db.accounts.listAccounts(principal.workspaceId)).filter(
          (a) => a.status !== 'disabled',
        )
        const missing = body.platforms.filter((p) => !accounts.some((a) => a.platform === p))
        if (missing.length)
          throw new ApiError('INVALID_INPUT', {
            message: `No connected account for ${missing.join(', ')}; connect one first (POST /v1/accounts/:platform/connect).`,
            details: missing.map((platform) => ({
              path: 'body.platforms',
              platform,
              message: 'no connected account',
            })),
          })
        const content: PostDraft = {
          text: body.content,
          ...(body.media ? { media: mediaFrom(body.media)! } : {}),
          ...(body.options ? { options: body.options as PostDraft['options'] } : {}),
        }
        const targets = accounts.filter((a) => body.platforms.includes(a.platform))
        const { post, jobIds } = await createPost(deps, principal, {
          content,
          targets: targets.map((a) => ({ accountId: a.id })),
          schedule: { type: 'at', at: body.scheduledAt },
        })
        return {
          status: 201,
          body: {
            success: true as const,
            postId: post.id,
            jobIds,
            scheduledPosts: post.targets.map((t) => ({
              id: t.id,
              platform: t.platform,
              accountId: t.accountId,
              status: t.status,
              scheduledAt: t.scheduledAt!.toISOString(),
            })),
          },
        }
      })
    },
  )

  app.post(
    '/v1/posts',
    {
      preHandler: app.authorize('editor'),
      schema: {
        tags,
        summary: 'Create a post: a draft, at an instant, in the next free slot, or now',
        body: CreatePostBody,
        response: { 201: PostAnswer, ...writeErrors },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request)
      return idempotent(db, principal.workspaceId, request, reply, async () => {
        const { post, jobIds, warnings } = await createPost(deps, principal, request.body as never)
        return { status: 201, body: { post: toPostBody(post), jobIds, warnings } }
      })
    },
  )

  app.post(
    '/v1/posts/validate',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags,
        summary: 'Check a post against each target platform without storing it',
        body: CreatePostBody.pick({ content: true, targets: true }),
        response: { 200: z.object({ valid: z.literal(true) }), ...writeErrors },
      },
    },
    async (request) => {
      const principal = principalOf(request)
      const accounts = await accountsOf(
        deps,
        principal.workspaceId,
        request.body.targets.map((t) => t.accountId),
      )
      throwIfProblems(
        validateTargets(
          deps,
          request.body.content as PostDraft,
          request.body.targets.map((t, i) => ({
            account: accounts[i]!,
            override: t.override as Partial<PostDraft>,
          })),
        ),
      )
      return { valid: true as const }
    },
  )

  app.get(
    '/v1/posts',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags,
        summary: 'List posts, newest first, with filters and cursor paging',
        querystring: ListPostsQuery,
        response: { 200: PostPage, ...authErrors, 400: ErrorBody, 422: ErrorBody },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request)
      const q = request.query
      const page = await db.posts.listPostGroups({
        workspaceId: principal.workspaceId,
        ...(q.status ? { status: q.status } : {}),
        ...(q.platform ? { platform: q.platform } : {}),
        ...(q.accountId ? { accountId: q.accountId } : {}),
        ...(q.from ? { from: new Date(q.from) } : {}),
        ...(q.to ? { to: new Date(q.to) } : {}),
        ...(q.q ? { q: q.q } : {}),
        limit: q.limit,
        ...(q.cursor ? { cursor: q.cursor } : {}),
      })
      const body: z.infer<typeof PostPage> = {
        data: page.items.map(toPostBody),
        nextCursor: page.nextCursor,
      }
      // The busiest read: its shape is fixed by the type above, so it skips the zod response
      // pass (a third of the route's CPU for a page of 50) and goes out as JSON directly.
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(body) as never)
    },
  )

  app.get(
    '/v1/posts/:id',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags,
        summary: 'One post with the status, URL and error of each target',
        params: IdParams,
        response: { 200: z.object({ post: Post }), ...authErrors, 400: ErrorBody },
      },
    },
    async (request) => {
      const principal = principalOf(request)
      return {
        post: toPostBody(await getPostOr404(deps, principal.workspaceId, request.params.id)),
      }
    },
  )

  app.patch(
    '/v1/posts/:id',
    {
      preHandler: app.authorize('editor'),
      schema: {
        tags,
        summary: 'Edit content, overrides or time; a new time reschedules, null unschedules',
        params: IdParams,
        body: UpdatePostBody,
        response: { 200: EditAnswer, ...writeErrors },
      },
    },
    async (request) => {
      const principal = principalOf(request)
      const current = await getPostOr404(deps, principal.workspaceId, request.params.id)
      const result = await editPost(deps, principal, current, request.body)
      return {
        post: toPostBody(result.post),
        changed: result.updated,
        skipped: result.skipped.map((t) => ({
          targetId: t.id,
          status: t.status,
          reason: `is ${t.status}; it is no longer edited`,
        })),
        jobIds: result.post.targets
          .filter((t) => t.status === 'SCHEDULED')
          .map((t) => publishJobId(t.id)),
        warnings: result.warnings,
      }
    },
  )

  app.delete(
    '/v1/posts/:id',
    {
      preHandler: app.authorize('editor'),
      schema: {
        tags,
        summary: 'Delete a post; published targets are deleted where the platform allows',
        params: IdParams,
        response: { 200: DeleteAnswer, ...writeErrors },
      },
    },
    async (request) => {
      const principal = principalOf(request)
      const post = await getPostOr404(deps, principal.workspaceId, request.params.id)
      const result = await deletePost(deps, principal, post)
      const after = result.deleted
        ? null
        : await db.posts.getPostGroupView(principal.workspaceId, post.id)
      return {
        deleted: result.deleted,
        post: after ? toPostBody(after) : null,
        notDeleted: result.notDeleted,
      }
    },
  )

  const actions = { publish: publishNow, cancel: cancelPost, retry: retryPost } as const
  for (const [name, action] of Object.entries(actions)) {
    app.post(
      `/v1/posts/:id/${name}`,
      {
        preHandler: app.authorize('editor'),
        schema: {
          tags,
          summary:
            name === 'publish'
              ? 'Publish every draft or scheduled target now'
              : name === 'cancel'
                ? 'Unschedule every scheduled target (they become drafts)'
                : 'Try failed and unknown targets again (never published ones)',
          params: IdParams,
          response: { 200: TargetActionAnswer, ...writeErrors },
        },
      },
      async (request) => {
        const principal = principalOf(request)
        const post = await getPostOr404(deps, principal.workspaceId, request.params.id)
        const result = await action(deps, principal, post)
        if (result.changed.length === 0)
          throw new ApiError('CONFLICT', {
            message: `Nothing to ${name}: ${result.skipped.map((s) => s.reason).join('; ')}.`,
            details: { targets: result.skipped },
          })
        const after = await getPostOr404(deps, principal.workspaceId, post.id)
        return { post: toPostBody(after), ...result }
      },
    )
  }
}
