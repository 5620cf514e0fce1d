import type { Interaction } from '@statex/core'
import type { DbContext } from '../context.js'
import { isUuid } from '../context.js'
import { InvalidInputError, NotFoundError } from '../errors.js'
import type { SocialInteraction as InteractionRow } from '../generated/prisma/client.js'
import type { AiTier, InboxItem, Page } from '../types.js'
import { ingestRepository } from './inbox/ingest.js'

export function toInboxItem(row: InteractionRow): InboxItem {
  return {
    id: row.id,
    accountId: row.accountId,
    postId: row.postId,
    platform: row.platform,
    externalId: row.externalId,
    type: row.type,
    author: {
      externalId: row.authorExternalId,
      name: row.authorName,
      handle: row.authorHandle,
      avatarUrl: row.authorAvatarUrl,
    },
    text: row.text,
    externalPostId: row.externalPostId,
    parentExternalId: row.parentExternalId,
    conversationId: row.conversationId,
    reaction: row.reaction,
    createdAt: row.createdAt,
    receivedAt: row.receivedAt,
    aiDraftText: row.aiDraftText,
    aiTier: row.aiTier,
    repliedAt: row.repliedAt,
    replyExternalId: row.replyExternalId,
    contactId: row.contactId,
    inboxConversationId: row.inboxConversationId,
    sentiment: row.sentiment as InboxItem['sentiment'],
    intent: row.intent as InboxItem['intent'],
    hidden: row.hidden,
  }
}

// Keyset cursor over (created_at desc, id desc): stable while new items arrive at the top.
function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url')
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|')
  const createdAt = new Date(at ?? '')
  if (!id || Number.isNaN(createdAt.getTime()))
    throw new InvalidInputError('The inbox cursor is not one this API returned.')
  return { createdAt, id }
}

/** What the inbox list and its counts are narrowed to; every field optional, all must match. */
export interface InboxFilter {
  workspaceId: string
  accountIds?: string[]
  platforms?: InboxItem['platform'][]
  types?: InboxItem['type'][]
  sentiments?: NonNullable<InboxItem['sentiment']>[]
  /** Only interactions whose inbox conversation carries this label. */
  label?: string
  unrepliedOnly?: boolean
  /** Spam hidden by triage is left out unless asked for. */
  includeHidden?: boolean
}

/** The types that wait for an answer; likes, shares and reactions only count. */
const ANSWERABLE: InboxItem['type'][] = ['COMMENT', 'MENTION', 'MESSAGE']

function inboxWhere(input: InboxFilter) {
  return {
    account: { workspaceId: input.workspaceId },
    ...(input.accountIds ? { accountId: { in: input.accountIds } } : {}),
    ...(input.platforms ? { platform: { in: input.platforms } } : {}),
    ...(input.types ? { type: { in: input.types } } : {}),
    ...(input.sentiments ? { sentiment: { in: input.sentiments } } : {}),
    ...(input.label ? { conversation: { labels: { has: input.label } } } : {}),
    ...(input.unrepliedOnly ? { repliedAt: null } : {}),
    ...(input.includeHidden ? {} : { hidden: false }),
  }
}

export function interactionsRepository(ctx: DbContext) {
  const { prisma } = ctx
  const ingest = ingestRepository(ctx)
  return {
    /**
     * Stores interactions of one account; one already stored (same account and external id) is
     * ignored, so webhooks and polling may both deliver it. Links each to our post when its
     * `externalPostId` is one we published. Returns how many were new. (`inbox.ingestInteractions`
     * also says which new ones wait for an answer.)
     */
    async upsertInteractions(
      accountId: string,
      interactions: Interaction[],
    ): Promise<{ inserted: number }> {
      const { inserted } = await ingest.ingestInteractions(accountId, interactions)
      return { inserted }
    },

    /** Records the triage of an interaction; spam is hidden from the inbox. */
    async saveTriage(
      id: string,
      triage: {
        sentiment: NonNullable<InboxItem['sentiment']>
        intent: NonNullable<InboxItem['intent']>
      },
    ): Promise<void> {
      await prisma.socialInteraction.update({
        where: { id },
        data: {
          sentiment: triage.sentiment,
          intent: triage.intent,
          hidden: triage.intent === 'spam',
        },
      })
    },

    /** The inbox of a workspace (or some of its accounts), newest first, `limit` per page. */
    async listInbox(
      input: InboxFilter & { limit?: number; cursor?: string },
    ): Promise<Page<InboxItem>> {
      const limit = Math.min(Math.max(input.limit ?? 50, 1), 200)
      const after = input.cursor ? decodeCursor(input.cursor) : undefined
      const rows = await prisma.socialInteraction.findMany({
        where: {
          ...inboxWhere(input),
          ...(after
            ? {
                OR: [
                  { createdAt: { lt: after.createdAt } },
                  { createdAt: after.createdAt, id: { lt: after.id } },
                ],
              }
            : {}),
        },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: limit + 1,
      })
      const page = rows.slice(0, limit)
      const last = page.at(-1)
      return {
        items: page.map(toInboxItem),
        nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
      }
    },

    /**
     * How many comments, mentions and messages wait for an answer (not replied, not hidden), per
     * platform, under the same filter as the list (the inbox's unread badges).
     */
    async countNeedingReply(
      input: Omit<InboxFilter, 'unrepliedOnly' | 'includeHidden'>,
    ): Promise<Partial<Record<InboxItem['platform'], number>>> {
      const groups = await prisma.socialInteraction.groupBy({
        by: ['platform'],
        where: {
          ...inboxWhere({ ...input, unrepliedOnly: true }),
          type: { in: (input.types ?? ANSWERABLE).filter((t) => ANSWERABLE.includes(t)) },
        },
        _count: { _all: true },
      })
      return Object.fromEntries(groups.map((g) => [g.platform, g._count._all]))
    },

    async getInteraction(id: string): Promise<InboxItem | null> {
      if (!isUuid(id)) return null
      const row = await prisma.socialInteraction.findUnique({ where: { id } })
      return row ? toInboxItem(row) : null
    },

    /** Stores the AI's suggested reply and which tier wrote it. */
    /**
     * A person's edit of the AI draft (the tier stays: it says who wrote the first version), or
     * `null` to reject it. Refused once the interaction is answered.
     */
    async editAiDraft(id: string, text: string | null): Promise<InboxItem | null> {
      if (!isUuid(id)) return null
      const { count } = await prisma.socialInteraction.updateMany({
        where: { id, repliedAt: null },
        data: text === null ? { aiDraftText: null, aiTier: null } : { aiDraftText: text },
      })
      if (count === 0) return null
      return toInboxItem(await prisma.socialInteraction.findUniqueOrThrow({ where: { id } }))
    },

    async saveAiDraft(id: string, draft: { text: string; tier: AiTier }): Promise<InboxItem> {
      const { count } = await prisma.socialInteraction.updateMany({
        where: { id },
        data: { aiDraftText: draft.text, aiTier: draft.tier },
      })
      if (count === 0) throw new NotFoundError('Interaction', id)
      return toInboxItem(await prisma.socialInteraction.findUniqueOrThrow({ where: { id } }))
    },

    /** Records that a reply was sent; `replyExternalId` is the platform's id of the reply. */
    async markReplied(id: string, reply: { externalId?: string; at?: Date }): Promise<InboxItem> {
      const { count } = await prisma.socialInteraction.updateMany({
        where: { id },
        data: { repliedAt: reply.at ?? new Date(), replyExternalId: reply.externalId ?? null },
      })
      if (count === 0) throw new NotFoundError('Interaction', id)
      return toInboxItem(await prisma.socialInteraction.findUniqueOrThrow({ where: { id } }))
    },
  }
}

export type InteractionsRepository = ReturnType<typeof interactionsRepository>
