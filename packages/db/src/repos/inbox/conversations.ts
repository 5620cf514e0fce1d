import type { DbContext } from '../../context.js'
import { isUuid } from '../../context.js'
import { InvalidInputError, NotFoundError } from '../../errors.js'
import type { InboxConversation as ConversationRow, Prisma } from '../../generated/prisma/client.js'
import type { Conversation, ConversationStatus, ConversationTimeline, Page } from '../../types.js'
import { toInboxItem } from '../interactions.js'

const toConversation = (
  row: ConversationRow & { account: { platform: Conversation['platform'] } },
): Conversation => ({
  id: row.id,
  workspaceId: row.workspaceId,
  accountId: row.accountId,
  platform: row.account.platform,
  key: row.key,
  kind: row.kind,
  postId: row.postId,
  contactId: row.contactId,
  status: row.status,
  snoozedUntil: row.snoozedUntil,
  assigneeUserId: row.assigneeUserId,
  labels: row.labels,
  firstInboundAt: row.firstInboundAt,
  lastInboundAt: row.lastInboundAt,
  lastMessageAt: row.lastMessageAt,
  firstResponseAt: row.firstResponseAt,
  resolvedAt: row.resolvedAt,
  firstResponseMs: row.firstResponseAt
    ? row.firstResponseAt.getTime() - row.firstInboundAt.getTime()
    : null,
  resolutionMs: row.resolvedAt ? row.resolvedAt.getTime() - row.firstInboundAt.getTime() : null,
  createdAt: row.createdAt,
})

const withAccount = { account: { select: { platform: true } } } as const

function encodeCursor(row: { lastMessageAt: Date; id: string }): string {
  return Buffer.from(`${row.lastMessageAt.toISOString()}|${row.id}`).toString('base64url')
}

function decodeCursor(cursor: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|')
  const date = new Date(at ?? '')
  if (!id || !isUuid(id) || Number.isNaN(date.getTime()))
    throw new InvalidInputError('The conversations cursor is not one this API returned.')
  return { at: date, id }
}

export interface ConversationChange {
  status?: ConversationStatus
  /** Required with `snoozed`; the conversation opens again by itself at that time. */
  snoozedUntil?: Date
  /** A member of the workspace, or null to unassign. */
  assigneeUserId?: string | null
  labels?: string[]
}

/** Conversations of the inbox: list, one with its timeline, status, assignee, labels and notes. */
export function conversationsRepository(ctx: DbContext) {
  const { prisma } = ctx

  // A snooze ends by itself: rows whose time passed are opened before any read shows them.
  async function wakeSnoozed(workspaceId: string, now: Date) {
    await prisma.inboxConversation.updateMany({
      where: { workspaceId, status: 'snoozed', snoozedUntil: { lte: now } },
      data: { status: 'open', snoozedUntil: null },
    })
  }

  async function findOwned(workspaceId: string, id: string) {
    if (!isUuid(id)) return null
    return prisma.inboxConversation.findFirst({ where: { id, workspaceId }, include: withAccount })
  }

  return {
    async listConversations(input: {
      workspaceId: string
      status?: ConversationStatus[]
      accountIds?: string[]
      assigneeUserId?: string | null
      label?: string
      limit?: number
      cursor?: string
      /** The clock snoozes are compared with; default now. */
      now?: Date
    }): Promise<Page<Conversation>> {
      await wakeSnoozed(input.workspaceId, input.now ?? new Date())
      const limit = Math.min(Math.max(input.limit ?? 50, 1), 200)
      const after = input.cursor ? decodeCursor(input.cursor) : undefined
      const where: Prisma.InboxConversationWhereInput = {
        workspaceId: input.workspaceId,
        ...(input.status ? { status: { in: input.status } } : {}),
        ...(input.accountIds ? { accountId: { in: input.accountIds } } : {}),
        ...(input.assigneeUserId !== undefined ? { assigneeUserId: input.assigneeUserId } : {}),
        ...(input.label ? { labels: { has: input.label } } : {}),
        ...(after
          ? {
              OR: [
                { lastMessageAt: { lt: after.at } },
                { lastMessageAt: after.at, id: { lt: after.id } },
              ],
            }
          : {}),
      }
      const rows = await prisma.inboxConversation.findMany({
        where,
        include: withAccount,
        orderBy: [{ lastMessageAt: 'desc' }, { id: 'desc' }],
        take: limit + 1,
      })
      const page = rows.slice(0, limit)
      const last = page.at(-1)
      return {
        items: page.map(toConversation),
        nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
      }
    },

    async getConversation(
      workspaceId: string,
      id: string,
      now = new Date(),
    ): Promise<Conversation | null> {
      await wakeSnoozed(workspaceId, now)
      const row = await findOwned(workspaceId, id)
      return row ? toConversation(row) : null
    },

    /** The conversation's interactions (hidden spam left out), our replies and internal notes, oldest first. */
    async getTimeline(workspaceId: string, id: string): Promise<ConversationTimeline | null> {
      const row = await findOwned(workspaceId, id)
      if (!row) return null
      const [interactions, replies, notes] = await Promise.all([
        prisma.socialInteraction.findMany({
          where: { inboxConversationId: id, hidden: false },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          take: 500,
        }),
        prisma.inboxReply.findMany({
          where: { conversationId: id },
          orderBy: { createdAt: 'asc' },
        }),
        prisma.inboxNote.findMany({ where: { conversationId: id }, orderBy: { createdAt: 'asc' } }),
      ])
      return {
        conversation: toConversation(row),
        interactions: interactions.map(toInboxItem),
        replies: replies.map((r) => ({
          id: r.id,
          interactionId: r.interactionId,
          text: r.text,
          source: r.source as 'manual' | 'suggestion' | 'auto',
          aiTier: r.aiTier,
          status: r.status,
          externalId: r.externalId,
          error: r.error,
          actor: r.actor,
          createdAt: r.createdAt,
          sentAt: r.sentAt,
        })),
        notes: notes.map((n) => ({
          id: n.id,
          author: n.author,
          text: n.text,
          createdAt: n.createdAt,
        })),
      }
    },

    /**
     * Changes status, snooze, assignee or labels. Resolving records the resolution time; opening
     * (or any other status) clears it. Throws `InvalidInputError` for a snooze without a future
     * time or an assignee who is not a member; null when the conversation is not the workspace's.
     */
    async updateConversation(
      workspaceId: string,
      id: string,
      change: ConversationChange,
    ): Promise<Conversation | null> {
      const row = await findOwned(workspaceId, id)
      if (!row) return null
      const data: Prisma.InboxConversationUpdateInput = {}
      if (change.status) {
        if (
          change.status === 'snoozed' &&
          !(change.snoozedUntil && change.snoozedUntil > new Date())
        )
          throw new InvalidInputError('A snooze needs `snoozedUntil`, a time in the future.')
        data.status = change.status
        data.snoozedUntil = change.status === 'snoozed' ? change.snoozedUntil! : null
        data.resolvedAt =
          change.status === 'resolved'
            ? row.status === 'resolved'
              ? row.resolvedAt
              : new Date()
            : null
      } else if (change.snoozedUntil) {
        throw new InvalidInputError('`snoozedUntil` goes with `status: "snoozed"`.')
      }
      if (change.assigneeUserId !== undefined) {
        if (change.assigneeUserId !== null) {
          const member = isUuid(change.assigneeUserId)
            ? await prisma.workspaceMember.findUnique({
                where: { workspaceId_userId: { workspaceId, userId: change.assigneeUserId } },
              })
            : null
          if (!member)
            throw new InvalidInputError(
              `User ${change.assigneeUserId} is not a member of this workspace; assign a member.`,
            )
          data.assignee = { connect: { id: change.assigneeUserId } }
        } else {
          data.assignee = { disconnect: true }
        }
      }
      if (change.labels)
        data.labels = [...new Set(change.labels.map((l) => l.trim()).filter(Boolean))]
      const updated = await prisma.inboxConversation.update({
        where: { id },
        data,
        include: withAccount,
      })
      return toConversation(updated)
    },

    /**
     * The labels the workspace's conversations carry, with how many carry each, most used first
     * (then by name): what a label picker suggests and a label filter offers.
     */
    async listLabels(workspaceId: string): Promise<{ label: string; conversations: number }[]> {
      const rows = await prisma.$queryRaw<{ label: string; conversations: bigint }[]>`
        SELECT label, count(*) AS conversations
        FROM inbox_conversations, unnest(labels) AS label
        WHERE workspace_id = ${workspaceId}::uuid
        GROUP BY label
        ORDER BY conversations DESC, label ASC`
      return rows.map((r) => ({ label: r.label, conversations: Number(r.conversations) }))
    },

    async addNote(
      workspaceId: string,
      id: string,
      note: { author: string; text: string },
    ): Promise<{ id: string; author: string; text: string; createdAt: Date }> {
      const row = await findOwned(workspaceId, id)
      if (!row) throw new NotFoundError('Conversation', id)
      const created = await prisma.inboxNote.create({
        data: { conversationId: id, author: note.author, text: note.text },
      })
      return {
        id: created.id,
        author: created.author,
        text: created.text,
        createdAt: created.createdAt,
      }
    },
  }
}

export type ConversationsRepository = ReturnType<typeof conversationsRepository>
