import type { SavedReply } from '@statex/db'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppDeps } from '../deps.js'
import { ApiError } from '../errors.js'
import { principalOf } from '../plugins/auth.js'
import { ErrorBody, Id, Instant, authErrors } from '../schemas/common.js'
import {
  SAVED_REPLY_PLACEHOLDERS,
  fillPlaceholders,
  unknownPlaceholders,
} from '../services/saved-reply-text.js'

const tags = ['inbox']

const SavedReplyBody = z
  .object({ id: Id, name: z.string(), text: z.string(), createdAt: Instant, updatedAt: Instant })
  .meta({ id: 'SavedReply' })

const toBody = (r: SavedReply): z.infer<typeof SavedReplyBody> => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
})

const Name = z.string().trim().min(1).max(80)
const Text = z.string().trim().min(1).max(4000)

function checkPlaceholders(text: string | undefined) {
  const unknown = text ? unknownPlaceholders(text) : []
  if (unknown.length)
    throw new ApiError('INVALID_INPUT', {
      message: `Unknown placeholder(s) ${unknown.map((u) => `{{${u}}}`).join(', ')}; use ${SAVED_REPLY_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}.`,
    })
}

/** Saved replies: reusable answers with `{{name}}`, `{{handle}}` and `{{account}}` placeholders. */
export const savedReplyRoutes: FastifyPluginAsyncZod<Pick<AppDeps, 'db'>> = async (app, { db }) => {
  const notFound = (id: string) =>
    new ApiError('NOT_FOUND', { message: `No saved reply ${id} in this workspace.` })

  app.get(
    '/v1/saved-replies',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags,
        summary: 'Saved replies, by name',
        response: { 200: z.object({ data: z.array(SavedReplyBody) }), ...authErrors },
      },
    },
    async (request) => ({
      data: (await db.inbox.listSavedReplies(principalOf(request).workspaceId)).map(toBody),
    }),
  )

  app.post(
    '/v1/saved-replies',
    {
      preHandler: app.authorize('editor'),
      schema: {
        tags,
        summary: 'Save a reply',
        body: z.object({ name: Name, text: Text }).strict(),
        response: {
          201: z.object({ savedReply: SavedReplyBody }),
          ...authErrors,
          400: ErrorBody,
          422: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      checkPlaceholders(request.body.text)
      const saved = await db.inbox.createSavedReply(principalOf(request).workspaceId, request.body)
      return reply.code(201).send({ savedReply: toBody(saved) })
    },
  )

  app.patch(
    '/v1/saved-replies/:id',
    {
      preHandler: app.authorize('editor'),
      schema: {
        tags,
        summary: 'Rename or rewrite a saved reply',
        params: z.object({ id: Id }),
        body: z.object({ name: Name.optional(), text: Text.optional() }).strict(),
        response: {
          200: z.object({ savedReply: SavedReplyBody }),
          ...authErrors,
          400: ErrorBody,
          422: ErrorBody,
        },
      },
    },
    async (request) => {
      checkPlaceholders(request.body.text)
      const b = request.body
      const saved = await db.inbox.updateSavedReply(
        principalOf(request).workspaceId,
        request.params.id,
        {
          ...(b.name ? { name: b.name } : {}),
          ...(b.text ? { text: b.text } : {}),
        },
      )
      if (!saved) throw notFound(request.params.id)
      return { savedReply: toBody(saved) }
    },
  )

  app.delete(
    '/v1/saved-replies/:id',
    {
      preHandler: app.authorize('editor'),
      schema: {
        tags,
        summary: 'Delete a saved reply',
        params: z.object({ id: Id }),
        response: { 204: z.null(), ...authErrors },
      },
    },
    async (request, reply) => {
      if (!(await db.inbox.deleteSavedReply(principalOf(request).workspaceId, request.params.id)))
        throw notFound(request.params.id)
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/v1/saved-replies/:id/render',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags,
        summary: 'The saved reply with its placeholders filled for one interaction',
        params: z.object({ id: Id }),
        body: z.object({ interactionId: Id }).strict(),
        response: { 200: z.object({ text: z.string() }), ...authErrors, 400: ErrorBody },
      },
    },
    async (request) => {
      const { workspaceId } = principalOf(request)
      const saved = await db.inbox.getSavedReply(workspaceId, request.params.id)
      if (!saved) throw notFound(request.params.id)
      const context = await db.inbox.replyContext(request.body.interactionId)
      if (!context || context.workspaceId !== workspaceId)
        throw new ApiError('NOT_FOUND', {
          message: `No interaction ${request.body.interactionId} in this workspace.`,
        })
      const account = await db.accounts.getAccount(context.interaction.accountId)
      const author = context.interaction.author
      return {
        text: fillPlaceholders(saved.text, {
          name: author.name ?? author.handle ?? 'there',
          handle: author.handle ? `@${author.handle.replace(/^@/, '')}` : (author.name ?? ''),
          account: account?.displayName ?? '',
        }),
      }
    },
  )
}
