import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppDeps } from '../deps.js'
import { ApiError } from '../errors.js'
import { principalOf } from '../plugins/auth.js'
import { ErrorBody, Id, Instant, authErrors } from '../schemas/common.js'

const tags = ['inbox']
const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be "HH:MM" (00:00–23:59)')
const InteractionType = z.enum(['COMMENT', 'LIKE', 'SHARE', 'MENTION', 'MESSAGE', 'REACTION'])

const RuleBody = z
  .object({
    /** Null: the workspace's rule, for accounts without their own. */
    accountId: Id.nullable(),
    mode: z.enum(['off', 'suggest', 'auto']),
    types: z.array(InteractionType),
    keywords: z.array(z.string()),
    quietStart: HHMM.nullable(),
    quietEnd: HHMM.nullable(),
    hourlyCap: z.number().int(),
  })
  .meta({ id: 'AutoRespondRule' })

const VoiceBody = z
  .object({
    tone: z.string().trim().min(1).max(200),
    signature: z.string().trim().max(200).nullable(),
    dos: z.array(z.string().trim().min(1).max(200)).max(20),
    donts: z.array(z.string().trim().min(1).max(200)).max(20),
  })
  .meta({ id: 'BrandVoice' })

const KnowledgeBody = z
  .object({ id: Id, question: z.string(), answer: z.string(), createdAt: Instant })
  .meta({ id: 'KnowledgeEntry' })

/** Auto-respond rules, the brand voice, the FAQ knowledge and what AI replies cost. */
export const inboxSettingsRoutes: FastifyPluginAsyncZod<Pick<AppDeps, 'db'>> = async (
  app,
  { db },
) => {
  const settings = db.inboxSettings

  app.get(
    '/v1/inbox/rules',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags,
        summary: 'Auto-respond rules (the workspace one, and per account)',
        response: { 200: z.object({ data: z.array(RuleBody) }), ...authErrors },
      },
    },
    async (request) => ({
      data: (await settings.listRules(principalOf(request).workspaceId)).map(
        ({ id: _id, workspaceId: _w, ...rule }) => rule,
      ),
    }),
  )

  app.put(
    '/v1/inbox/rules',
    {
      preHandler: app.authorize('editor'),
      schema: {
        tags,
        summary: 'Set the auto-respond rule of the workspace (accountId null) or of one account',
        description:
          'mode: off | suggest (a draft waits for approval) | auto (sent at once, unless quiet hours, the hourly cap, a complaint, negative sentiment or a closed 24-hour window hold it back as a draft).',
        body: RuleBody.extend({
          types: z.array(InteractionType).max(6).default([]),
          keywords: z.array(z.string().trim().min(1).max(60)).max(50).default([]),
          quietStart: HHMM.nullable().default(null),
          quietEnd: HHMM.nullable().default(null),
          hourlyCap: z.number().int().min(0).max(1000).default(20),
        }).strict(),
        response: {
          200: z.object({ rule: RuleBody }),
          ...authErrors,
          400: ErrorBody,
          422: ErrorBody,
        },
      },
    },
    async (request) => {
      const {
        id: _id,
        workspaceId: _w,
        ...rule
      } = await settings.putRule(principalOf(request).workspaceId, request.body)
      return { rule }
    },
  )

  app.delete(
    '/v1/inbox/rules/:accountId',
    {
      preHandler: app.authorize('editor'),
      schema: {
        tags,
        summary: 'Remove an account’s own rule: it follows the workspace rule again',
        params: z.object({ accountId: Id }),
        response: { 204: z.null(), ...authErrors },
      },
    },
    async (request, reply) => {
      if (!(await settings.deleteRule(principalOf(request).workspaceId, request.params.accountId)))
        throw new ApiError('NOT_FOUND', {
          message: `Account ${request.params.accountId} has no rule of its own in this workspace; it already follows the workspace rule.`,
        })
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/v1/inbox/brand-voice',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags,
        summary: 'The brand voice AI replies are written in',
        response: { 200: z.object({ voice: VoiceBody }), ...authErrors },
      },
    },
    async (request) => ({ voice: await settings.getBrandVoice(principalOf(request).workspaceId) }),
  )

  app.put(
    '/v1/inbox/brand-voice',
    {
      preHandler: app.authorize('editor'),
      schema: {
        tags,
        summary: 'Set the brand voice (tone, signature, do and don’t)',
        body: VoiceBody.strict(),
        response: { 200: z.object({ voice: VoiceBody }), ...authErrors, 400: ErrorBody },
      },
    },
    async (request) => ({
      voice: await settings.putBrandVoice(principalOf(request).workspaceId, request.body),
    }),
  )

  const toKnowledge = (k: { id: string; question: string; answer: string; createdAt: Date }) => ({
    ...k,
    createdAt: k.createdAt.toISOString(),
  })

  app.get(
    '/v1/inbox/knowledge',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags,
        summary:
          'FAQ entries AI replies may quote (all, or those matching `q` by full-text search)',
        querystring: z.object({ q: z.string().trim().min(1).max(500).optional() }).strict(),
        response: {
          200: z.object({ data: z.array(KnowledgeBody) }),
          ...authErrors,
          400: ErrorBody,
        },
      },
    },
    async (request) => {
      const { workspaceId } = principalOf(request)
      const rows = request.query.q
        ? await settings.searchKnowledge(workspaceId, request.query.q, 10)
        : await settings.listKnowledge(workspaceId)
      return { data: rows.map(toKnowledge) }
    },
  )

  app.post(
    '/v1/inbox/knowledge',
    {
      preHandler: app.authorize('editor'),
      schema: {
        tags,
        summary: 'Add a short FAQ entry',
        body: z
          .object({
            question: z.string().trim().min(1).max(300),
            answer: z.string().trim().min(1).max(2000),
          })
          .strict(),
        response: { 201: z.object({ entry: KnowledgeBody }), ...authErrors, 400: ErrorBody },
      },
    },
    async (request, reply) =>
      reply.code(201).send({
        entry: toKnowledge(
          await settings.addKnowledge(principalOf(request).workspaceId, request.body),
        ),
      }),
  )

  app.delete(
    '/v1/inbox/knowledge/:id',
    {
      preHandler: app.authorize('editor'),
      schema: {
        tags,
        summary: 'Delete an FAQ entry',
        params: z.object({ id: Id }),
        response: { 204: z.null(), ...authErrors },
      },
    },
    async (request, reply) => {
      if (!(await settings.deleteKnowledge(principalOf(request).workspaceId, request.params.id)))
        throw new ApiError('NOT_FOUND', {
          message: `No FAQ entry ${request.params.id} in this workspace.`,
        })
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/v1/inbox/ai-usage',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags,
        summary: 'What AI calls cost per tier since a time (default: the last 30 days)',
        querystring: z.object({ since: Instant.optional() }).strict(),
        response: {
          200: z.object({
            data: z.array(
              z.object({
                tier: z.enum(['ollama', 'openai', 'azure']),
                calls: z.number().int(),
                tokensIn: z.number().int(),
                tokensOut: z.number().int(),
                costUsd: z.number(),
              }),
            ),
          }),
          ...authErrors,
          400: ErrorBody,
        },
      },
    },
    async (request) => {
      const since = request.query.since
        ? new Date(request.query.since)
        : new Date(Date.now() - 30 * 86_400_000)
      return { data: await settings.usageSummary(principalOf(request).workspaceId, since) }
    },
  )
}
