import type { InboxItem } from '@statex/db'
import { draftForInteraction, sendReply as sendReplyOnce } from '@statex/runtime'
import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppDeps } from '../deps.js'
import { ApiError } from '../errors.js'
import { principalOf } from '../plugins/auth.js'
import { DraftUsage, usageOf } from '../schemas/ai.js'
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
    aiTier: z.enum(['ollama', 'openai', 'azure']).nullable(),
    repliedAt: Instant.nullable(),
    /** The inbox conversation it belongs to (null for likes, shares and reactions). */
    inboxConversationId: Id.nullable(),
    sentiment: z.enum(['positive', 'neutral', 'negative']).nullable(),
    intent: z.enum(['question', 'complaint', 'praise', 'spam', 'other']).nullable(),
    hidden: z.boolean(),
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
  aiTier: i.aiTier,
  repliedAt: i.repliedAt?.toISOString() ?? null,
  inboxConversationId: i.inboxConversationId,
  sentiment: i.sentiment,
  intent: i.intent,
  hidden: i.hidden,
})

const InteractionType = z.enum(['COMMENT', 'LIKE', 'SHARE', 'MENTION', 'MESSAGE', 'REACTION'])
const Sentiment = z.enum(['positive', 'neutral', 'negative'])

/** The filters the list and its counts share. */
const InboxQuery = z.object({
  accountId: listOf(Id).optional(),
  platform: listOf(Platform).optional(),
  type: listOf(InteractionType).optional(),
  sentiment: listOf(Sentiment).optional(),
  /** Only interactions whose conversation carries this label (see /v1/conversations/labels). */
  label: z.string().trim().min(1).max(40).optional(),
})

function inboxFilter(workspaceId: string, q: z.infer<typeof InboxQuery>) {
  return {
    workspaceId,
    ...(q.accountId ? { accountIds: q.accountId } : {}),
    ...(q.platform ? { platforms: q.platform } : {}),
    ...(q.type ? { types: q.type } : {}),
    ...(q.sentiment ? { sentiments: q.sentiment } : {}),
    ...(q.label ? { label: q.label } : {}),
  }
}

/** The inbox: list, one item, reply (editors). */
export { Item as InteractionBody, toBody as toInteractionBody }

export const interactionRoutes: FastifyPluginAsyncZod<
  Pick<AppDeps, 'db' | 'providers' | 'chain'>
> = async (app, { db, providers, chain }) => {
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
        querystring: InboxQuery.extend({
          unreplied: z.enum(['true', 'false']).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().max(200).optional(),
        }).strict(),
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
        ...inboxFilter(principalOf(request).workspaceId, q),
        unrepliedOnly: q.unreplied === 'true',
        limit: q.limit,
        ...(q.cursor ? { cursor: q.cursor } : {}),
      })
      return { data: page.items.map(toBody), nextCursor: page.nextCursor }
    },
  )

  app.get(
    '/v1/interactions/counts',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags,
        summary: 'How many comments, mentions and messages wait for an answer, per platform',
        description:
          'Not replied and not hidden as spam, under the same filters as the list; likes, shares and reactions wait for no answer and are not counted.',
        querystring: InboxQuery.strict(),
        response: {
          200: z.object({
            needsReply: z.object({
              total: z.number().int(),
              byPlatform: z.partialRecord(Platform, z.number().int()),
            }),
          }),
          ...authErrors,
          400: ErrorBody,
        },
      },
    },
    async (request) => {
      const byPlatform = await db.interactions.countNeedingReply(
        inboxFilter(principalOf(request).workspaceId, request.query),
      )
      const total = Object.values(byPlatform).reduce((sum, n) => sum + (n ?? 0), 0)
      return { needsReply: { total, byPlatform } }
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

  app.post(
    '/v1/interactions/:id/draft',
    {
      preHandler: app.authorize('editor'),
      schema: {
        tags,
        summary: 'Draft a reply with AI now (replacing any waiting draft)',
        description:
          'Triage, then a draft from the post it answers, the conversation so far, the brand voice and the FAQ, on the configured tiers in order; the tier, model, tokens and cost are recorded as for automatic drafts. Spam is hidden and gets no draft.',
        params: z.object({ id: Id }),
        response: {
          200: z.object({ interaction: Item, usage: DraftUsage.nullable() }),
          ...authErrors,
          409: ErrorBody,
          503: ErrorBody,
        },
      },
    },
    async (request) => {
      const item = await itemOr404(principalOf(request).workspaceId, request.params.id)
      if (item.repliedAt || (await db.inbox.getReplyFor(item.id)))
        throw new ApiError('CONFLICT', { message: 'This interaction has already been answered.' })
      if (!chain) throw new ApiError('AI_UNAVAILABLE')
      const drafted = await draftForInteraction(
        { db, providers: providers.providers, chain },
        item.id,
      )
      if (drafted.status === 'skipped')
        throw new ApiError('AI_UNAVAILABLE', { message: `No draft: ${drafted.reason}.` })
      return {
        interaction: toBody((await db.interactions.getInteraction(item.id))!),
        usage: drafted.status === 'drafted' ? usageOf(drafted.completion) : null,
      }
    },
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
      return {
        interaction: toBody(await sendReply(request, item, item.aiDraftText, 'suggestion')),
      }
    },
  )

  /** Through the one send path (validate, 24-hour window, claimed once); errors say what happened. */
  async function sendReply(
    request: FastifyRequest,
    item: InboxItem,
    text: string,
    source: 'manual' | 'suggestion',
  ): Promise<InboxItem> {
    const outcome = await sendReplyOnce(
      {
        db,
        providers: providers.providers,
        getAuth: (accountId) => db.accounts.getAccountAuth(accountId),
      },
      {
        interactionId: item.id,
        text,
        source,
        aiTier: source === 'suggestion' ? item.aiTier : null,
        actor: principalOf(request).actor,
      },
    )
    switch (outcome.status) {
      case 'sent':
        return (await db.interactions.getInteraction(item.id))!
      case 'already':
        throw new ApiError('CONFLICT', {
          message: `This interaction has already been answered (the reply is ${outcome.reply.status}).`,
          details: { replyStatus: outcome.reply.status },
        })
      case 'unknown':
        throw new ApiError('REPLY_OUTCOME_UNKNOWN', { details: { replyId: outcome.reply.id } })
      case 'failed':
        throw new ApiError('PLATFORM_ERROR', {
          message: `${item.platform} refused the reply: ${outcome.error.message}`,
          details: { kind: outcome.error.kind },
        })
      case 'refused':
        if (outcome.code === 'WINDOW_CLOSED')
          throw new ApiError('MESSAGING_WINDOW_CLOSED', { message: outcome.message })
        throw new ApiError('INVALID_INPUT', {
          message: outcome.message,
          ...(outcome.issues ? { details: { issues: outcome.issues } } : {}),
        })
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
      const source = request.body.text === undefined ? 'suggestion' : 'manual'
      return { interaction: toBody(await sendReply(request, item, text, source)) }
    },
  )
}
