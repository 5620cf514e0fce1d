import { ProviderError, type Interaction } from '@statex/core'
import type { InboxItem } from '@statex/db'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppDeps } from '../deps.js'
import { ApiError } from '../errors.js'
import { principalOf } from '../plugins/auth.js'
import { ErrorBody, Id, Instant, Platform, authErrors, listOf } from '../schemas/common.js'

const tags = ['inbox']

const Item = z
  .object({
    id: Id,
    accountId: Id,
    postId: Id.nullable(),
    platform: Platform,
    type: z.string(),
    author: z.object({
      externalId: z.string(),
      name: z.string().nullable(),
      handle: z.string().nullable(),
      avatarUrl: z.string().nullable(),
    }),
    text: z.string().nullable(),
    conversationId: z.string().nullable(),
    createdAt: Instant,
    aiDraftText: z.string().nullable(),
    repliedAt: Instant.nullable(),
  })
  .meta({ id: 'Interaction' })

const toBody = (i: InboxItem): z.infer<typeof Item> => ({
  id: i.id,
  accountId: i.accountId,
  postId: i.postId,
  platform: i.platform,
  type: i.type,
  author: i.author,
  text: i.text,
  conversationId: i.conversationId,
  createdAt: i.createdAt.toISOString(),
  aiDraftText: i.aiDraftText,
  repliedAt: i.repliedAt?.toISOString() ?? null,
})

/** The inbox: list, one item, reply (editors). */
export const interactionRoutes: FastifyPluginAsyncZod<Pick<AppDeps, 'db' | 'providers'>> = async (
  app,
  { db, providers },
) => {
  async function itemOr404(workspaceId: string, id: string) {
    const item = await db.interactions.getInteraction(id)
    const account = item ? await db.accounts.getAccount(item.accountId) : null
    if (!item || account?.workspaceId !== workspaceId)
      throw new ApiError('NOT_FOUND', { message: `No interaction ${id} in this workspace.` })
    return item
  }

  app.get(
    '/v1/interactions',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags,
        summary: 'Comments and messages, newest first',
        querystring: z
          .object({
            accountId: listOf(Id).optional(),
            unreplied: z.enum(['true', 'false']).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            cursor: z.string().max(200).optional(),
          })
          .strict(),
        response: {
          200: z.object({ data: z.array(Item), nextCursor: z.string().nullable() }),
          ...authErrors,
          400: ErrorBody,
          422: ErrorBody,
        },
      },
    },
    async (request) => {
      const q = request.query
      const page = await db.interactions.listInbox({
        workspaceId: principalOf(request).workspaceId,
        ...(q.accountId ? { accountIds: q.accountId } : {}),
        unrepliedOnly: q.unreplied === 'true',
        limit: q.limit,
        ...(q.cursor ? { cursor: q.cursor } : {}),
      })
      return { data: page.items.map(toBody), nextCursor: page.nextCursor }
    },
  )

  app.get(
    '/v1/interactions/:id',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags,
        summary: 'One interaction',
        params: z.object({ id: Id }),
        response: { 200: z.object({ interaction: Item }), ...authErrors },
      },
    },
    async (request) => ({
      interaction: toBody(await itemOr404(principalOf(request).workspaceId, request.params.id)),
    }),
  )

  app.patch(
    '/v1/interactions/:id/draft',
    {
      preHandler: app.authorize('editor'),
      schema: {
        tags,
        summary: 'Edit the AI-drafted reply before sending it',
        params: z.object({ id: Id }),
        body: z.object({ text: z.string().trim().min(1).max(4096) }).strict(),
        response: {
          200: z.object({ interaction: Item }),
          ...authErrors,
          400: ErrorBody,
          409: ErrorBody,
        },
      },
    },
    async (request) => {
      const item = await itemOr404(principalOf(request).workspaceId, request.params.id)
      const edited = await db.interactions.editAiDraft(item.id, request.body.text)
      if (!edited)
        throw new ApiError('CONFLICT', { message: 'This interaction has already been answered.' })
      return { interaction: toBody(edited) }
    },
  )

  app.delete(
    '/v1/interactions/:id/draft',
    {
      preHandler: app.authorize('editor'),
      schema: {
        tags,
        summary: 'Reject the AI-drafted reply',
        params: z.object({ id: Id }),
        response: { 200: z.object({ interaction: Item }), ...authErrors, 409: ErrorBody },
      },
    },
    async (request) => {
      const item = await itemOr404(principalOf(request).workspaceId, request.params.id)
      const rejected = await db.interactions.editAiDraft(item.id, null)
      if (!rejected)
        throw new ApiError('CONFLICT', { message: 'This interaction has already been answered.' })
      return { interaction: toBody(rejected) }
    },
  )

  app.post(
    '/v1/interactions/:id/draft/approve',
    {
      preHandler: app.authorize('editor'),
      schema: {
        tags,
        summary: 'Send the AI-drafted reply as it is',
        params: z.object({ id: Id }),
        response: {
          200: z.object({ interaction: Item }),
          ...authErrors,
          409: ErrorBody,
          422: ErrorBody,
          502: ErrorBody,
        },
      },
    },
    async (request) => {
      const item = await itemOr404(principalOf(request).workspaceId, request.params.id)
      if (!item.aiDraftText)
        throw new ApiError('INVALID_INPUT', { message: 'There is no AI draft to approve.' })
      return { interaction: toBody(await sendReply(item, item.aiDraftText)) }
    },
  )

  async function sendReply(item: InboxItem, text: string): Promise<InboxItem> {
    if (item.repliedAt)
      throw new ApiError('CONFLICT', { message: 'This interaction has already been answered.' })
    const provider = providers.providers[item.platform]
    if (!provider?.reply)
      throw new ApiError('INVALID_INPUT', {
        message: `${item.platform} replies are not supported here.`,
      })
    const to: Interaction = {
      platform: item.platform,
      externalId: item.externalId,
      type: item.type,
      author: {
        externalId: item.author.externalId,
        ...(item.author.name ? { name: item.author.name } : {}),
        ...(item.author.handle ? { handle: item.author.handle } : {}),
      },
      ...(item.text ? { text: item.text } : {}),
      ...(item.externalPostId ? { externalPostId: item.externalPostId } : {}),
      ...(item.parentExternalId ? { parentExternalId: item.parentExternalId } : {}),
      ...(item.conversationId ? { conversationId: item.conversationId } : {}),
      createdAt: item.createdAt,
      raw: null,
    }
    try {
      const account = await db.accounts.getAccountAuth(item.accountId)
      const sent = await provider.reply({ account, to, text })
      return await db.interactions.markReplied(item.id, { externalId: sent.externalId })
    } catch (error) {
      if (ProviderError.is(error))
        throw new ApiError('PLATFORM_ERROR', {
          message: `${item.platform} refused the reply: ${error.message}`,
          details: { kind: error.kind },
        })
      throw error
    }
  }

  app.post(
    '/v1/interactions/:id/reply',
    {
      preHandler: app.authorize('editor'),
      schema: {
        tags,
        summary: 'Reply on the platform (the AI draft when no text is given)',
        params: z.object({ id: Id }),
        body: z.object({ text: z.string().trim().min(1).max(4096).optional() }).strict(),
        response: {
          200: z.object({ interaction: Item }),
          ...authErrors,
          409: ErrorBody,
          422: ErrorBody,
          502: ErrorBody,
        },
      },
    },
    async (request) => {
      const item = await itemOr404(principalOf(request).workspaceId, request.params.id)
      const text = request.body.text ?? item.aiDraftText
      if (!text)
        throw new ApiError('INVALID_INPUT', {
          message: 'Give the reply text: there is no AI draft to send.',
        })
      return { interaction: toBody(await sendReply(item, text)) }
    },
  )
}
