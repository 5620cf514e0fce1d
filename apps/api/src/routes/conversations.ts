import type { Conversation, InboxReply } from '@statex/db'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppDeps } from '../deps.js'
import { ApiError } from '../errors.js'
import { principalOf } from '../plugins/auth.js'
import { ErrorBody, Id, Instant, Platform, authErrors, listOf } from '../schemas/common.js'
import { InteractionBody, toInteractionBody } from './interactions.js'

const tags = ['inbox']
const Status = z.enum(['open', 'pending', 'resolved', 'snoozed'])
const Label = z.string().trim().min(1).max(40)

const ConversationBody = z
  .object({
    id: Id,
    accountId: Id,
    platform: Platform,
    kind: z.enum(['comments', 'direct']),
    postId: Id.nullable(),
    contactId: Id.nullable(),
    status: Status,
    snoozedUntil: Instant.nullable(),
    assigneeUserId: Id.nullable(),
    labels: z.array(z.string()),
    firstInboundAt: Instant,
    lastInboundAt: Instant,
    lastMessageAt: Instant,
    firstResponseAt: Instant.nullable(),
    resolvedAt: Instant.nullable(),
    /** Milliseconds from the person's first message to our first reply / to resolution. */
    firstResponseMs: z.number().int().nullable(),
    resolutionMs: z.number().int().nullable(),
  })
  .meta({ id: 'Conversation' })

const ReplyBody = z
  .object({
    id: Id,
    interactionId: Id,
    text: z.string(),
    source: z.enum(['manual', 'suggestion', 'auto']),
    aiTier: z.enum(['ollama', 'openai', 'azure']).nullable(),
    status: z.enum(['sending', 'sent', 'unknown', 'failed']),
    externalId: z.string().nullable(),
    actor: z.string(),
    createdAt: Instant,
    sentAt: Instant.nullable(),
  })
  .meta({ id: 'InboxReply' })

/** The post a comment thread is under, as the person saw it (the target's own text if it had one). */
const AnsweredPost = z
  .object({
    /** The post's id in /v1/posts; `targetId` is the one target the comments are under. */
    id: Id,
    targetId: Id,
    text: z.string().nullable(),
    url: z.string().nullable(),
    publishedAt: Instant.nullable(),
  })
  .meta({ id: 'ConversationPost' })

const NoteBody = z
  .object({ id: Id, author: z.string(), text: z.string(), createdAt: Instant })
  .meta({ id: 'InboxNote' })

const iso = (d: Date | null) => d?.toISOString() ?? null
const toConversation = (c: Conversation): z.infer<typeof ConversationBody> => ({
  id: c.id,
  accountId: c.accountId,
  platform: c.platform,
  kind: c.kind,
  postId: c.postId,
  contactId: c.contactId,
  status: c.status,
  snoozedUntil: iso(c.snoozedUntil),
  assigneeUserId: c.assigneeUserId,
  labels: c.labels,
  firstInboundAt: c.firstInboundAt.toISOString(),
  lastInboundAt: c.lastInboundAt.toISOString(),
  lastMessageAt: c.lastMessageAt.toISOString(),
  firstResponseAt: iso(c.firstResponseAt),
  resolvedAt: iso(c.resolvedAt),
  firstResponseMs: c.firstResponseMs,
  resolutionMs: c.resolutionMs,
})
const toReply = (r: InboxReply): z.infer<typeof ReplyBody> => ({
  id: r.id,
  interactionId: r.interactionId,
  text: r.text,
  source: r.source,
  aiTier: r.aiTier,
  status: r.status,
  externalId: r.externalId,
  actor: r.actor,
  createdAt: r.createdAt.toISOString(),
  sentAt: iso(r.sentAt),
})

/**
 * Conversations of the shared inbox: the comments under a post, a private chat, a WhatsApp
 * contact; status (snoozed until a time), assignee, labels, internal notes (never sent), and the
 * first-response and resolution times.
 */
export const conversationRoutes: FastifyPluginAsyncZod<Pick<AppDeps, 'db'>> = async (
  app,
  { db },
) => {
  const notFound = (id: string) =>
    new ApiError('NOT_FOUND', { message: `No conversation ${id} in this workspace.` })

  app.get(
    '/v1/conversations',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags,
        summary: 'Conversations, most recent activity first',
        querystring: z
          .object({
            status: listOf(Status).optional(),
            accountId: listOf(Id).optional(),
            /** A member's id, or `none` for unassigned conversations. */
            assignee: z.union([Id, z.literal('none')]).optional(),
            label: Label.optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            cursor: z.string().max(200).optional(),
          })
          .strict(),
        response: {
          200: z.object({ data: z.array(ConversationBody), nextCursor: z.string().nullable() }),
          ...authErrors,
          400: ErrorBody,
          422: ErrorBody,
        },
      },
    },
    async (request) => {
      const q = request.query
      const page = await db.inbox.listConversations({
        workspaceId: principalOf(request).workspaceId,
        ...(q.status ? { status: q.status } : {}),
        ...(q.accountId ? { accountIds: q.accountId } : {}),
        ...(q.assignee ? { assigneeUserId: q.assignee === 'none' ? null : q.assignee } : {}),
        ...(q.label ? { label: q.label } : {}),
        limit: q.limit,
        ...(q.cursor ? { cursor: q.cursor } : {}),
      })
      return { data: page.items.map(toConversation), nextCursor: page.nextCursor }
    },
  )

  app.get(
    '/v1/conversations/labels',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags,
        summary: 'The labels in use, with how many conversations carry each, most used first',
        response: {
          200: z.object({
            data: z.array(
              z
                .object({ label: z.string(), conversations: z.number().int() })
                .meta({ id: 'ConversationLabel' }),
            ),
          }),
          ...authErrors,
        },
      },
    },
    async (request) => ({
      data: await db.inbox.listLabels(principalOf(request).workspaceId),
    }),
  )

  app.get(
    '/v1/conversations/:id',
    {
      preHandler: app.authorize('viewer'),
      schema: {
        tags,
        summary: 'One conversation with its interactions, our replies and internal notes',
        params: z.object({ id: Id }),
        response: {
          200: z.object({
            conversation: ConversationBody,
            post: AnsweredPost.nullable(),
            interactions: z.array(InteractionBody),
            replies: z.array(ReplyBody),
            notes: z.array(NoteBody),
          }),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const { workspaceId } = principalOf(request)
      // Read through getConversation first: it ends a snooze whose time has passed.
      if (!(await db.inbox.getConversation(workspaceId, request.params.id)))
        throw notFound(request.params.id)
      const timeline = await db.inbox.getTimeline(workspaceId, request.params.id)
      if (!timeline) throw notFound(request.params.id)
      const post = timeline.conversation.postId
        ? await db.posts.getPost(timeline.conversation.postId)
        : null
      return {
        conversation: toConversation(timeline.conversation),
        post: post
          ? {
              id: post.groupId,
              targetId: post.id,
              text: post.contentOverride?.text ?? post.content.text ?? null,
              url: post.url,
              publishedAt: iso(post.publishedAt),
            }
          : null,
        interactions: timeline.interactions.map(toInteractionBody),
        replies: timeline.replies.map(toReply),
        notes: timeline.notes.map((n) => ({ ...n, createdAt: n.createdAt.toISOString() })),
      }
    },
  )

  app.patch(
    '/v1/conversations/:id',
    {
      preHandler: app.authorize('editor'),
      schema: {
        tags,
        summary: 'Set status (snoozed until a time), assignee or labels',
        params: z.object({ id: Id }),
        body: z
          .object({
            status: Status.optional(),
            snoozedUntil: Instant.optional(),
            assigneeUserId: Id.nullable().optional(),
            labels: z.array(Label).max(20).optional(),
          })
          .strict()
          .refine(
            (b) => Object.keys(b).length > 0,
            'Give at least one of status, assigneeUserId, labels.',
          ),
        response: {
          200: z.object({ conversation: ConversationBody }),
          ...authErrors,
          400: ErrorBody,
          422: ErrorBody,
        },
      },
    },
    async (request) => {
      const b = request.body
      const updated = await db.inbox.updateConversation(
        principalOf(request).workspaceId,
        request.params.id,
        {
          ...(b.status ? { status: b.status } : {}),
          ...(b.snoozedUntil ? { snoozedUntil: new Date(b.snoozedUntil) } : {}),
          ...(b.assigneeUserId !== undefined ? { assigneeUserId: b.assigneeUserId } : {}),
          ...(b.labels ? { labels: b.labels } : {}),
        },
      )
      if (!updated) throw notFound(request.params.id)
      return { conversation: toConversation(updated) }
    },
  )

  app.post(
    '/v1/conversations/:id/notes',
    {
      preHandler: app.authorize('editor'),
      schema: {
        tags,
        summary: 'Add an internal note (seen by the team, never sent to the platform)',
        params: z.object({ id: Id }),
        body: z.object({ text: z.string().trim().min(1).max(4000) }).strict(),
        response: { 201: z.object({ note: NoteBody }), ...authErrors, 400: ErrorBody },
      },
    },
    async (request, reply) => {
      const { workspaceId, actor } = principalOf(request)
      if (!(await db.inbox.getConversation(workspaceId, request.params.id)))
        throw notFound(request.params.id)
      const note = await db.inbox.addNote(workspaceId, request.params.id, {
        author: actor,
        text: request.body.text,
      })
      return reply.code(201).send({ note: { ...note, createdAt: note.createdAt.toISOString() } })
    },
  )
}
