import type { DbContext } from '../../context.js'
import { isUniqueViolation, isUuid } from '../../context.js'
import { NotFoundError } from '../../errors.js'
import type { InboxReply as ReplyRow } from '../../generated/prisma/client.js'
import type { AiTier, InboxItem, InboxReply, ReplySource } from '../../types.js'
import { toInboxItem } from '../interactions.js'

export const toReply = (r: ReplyRow): InboxReply => ({
  id: r.id,
  interactionId: r.interactionId,
  text: r.text,
  source: r.source as ReplySource,
  aiTier: r.aiTier,
  status: r.status,
  externalId: r.externalId,
  error: r.error,
  actor: r.actor,
  createdAt: r.createdAt,
  sentAt: r.sentAt,
})

export type ClaimResult =
  | { claimed: true; reply: InboxReply; capped?: never }
  | { claimed: false; reply: InboxReply; capped?: never }
  /** The account's automatic replies in the last hour reached `hourlyCap`: nothing claimed. */
  | { claimed: false; capped: true; reply?: never }

/**
 * Our replies, sent exactly once: a reply row is claimed (unique per interaction) before the
 * platform is called, so a second attempt — a double click, a retried job, a rule and a person at
 * once — finds the claim and stops. An outcome that may have reached the platform stays `unknown`
 * and blocks any other send; only a certain "not sent" frees the claim.
 */
export function repliesRepository(ctx: DbContext) {
  const { prisma } = ctx
  return {
    async claimReply(input: {
      interactionId: string
      text: string
      source: ReplySource
      aiTier?: AiTier | null
      actor: string
      /**
       * For automatic replies: at most this many per account per rolling hour. Checked and
       * claimed under a lock on the account row, so concurrent jobs cannot both take the last one.
       */
      hourlyCap?: number
      now?: Date
    }): Promise<ClaimResult> {
      const interaction = await prisma.socialInteraction.findUnique({
        where: { id: input.interactionId },
        select: { accountId: true, inboxConversationId: true },
      })
      if (!interaction) throw new NotFoundError('Interaction', input.interactionId)
      const { accountId } = interaction
      const create = (client: Pick<typeof prisma, 'inboxReply'>) =>
        client.inboxReply.create({
          data: {
            interactionId: input.interactionId,
            conversationId: interaction.inboxConversationId,
            accountId,
            text: input.text,
            source: input.source,
            aiTier: input.aiTier ?? null,
            actor: input.actor,
          },
        })
      try {
        const cap = input.hourlyCap
        const since = new Date((input.now ?? new Date()).getTime() - 3_600_000)
        const row =
          cap === undefined
            ? await create(prisma)
            : await prisma.$transaction(async (tx) => {
                await tx.$queryRaw`SELECT id FROM social_accounts WHERE id = ${accountId}::uuid FOR UPDATE`
                const sent = await tx.inboxReply.count({
                  where: { accountId, source: input.source, createdAt: { gte: since } },
                })
                return sent >= cap ? null : create(tx)
              })
        if (!row) return { claimed: false, capped: true }
        return { claimed: true, reply: toReply(row) }
      } catch (error) {
        if (!isUniqueViolation(error)) throw error
        const existing = await prisma.inboxReply.findUniqueOrThrow({
          where: { interactionId: input.interactionId },
        })
        return { claimed: false, reply: toReply(existing) }
      }
    },

    /**
     * Ends a claimed send. `sent` marks the interaction answered and records the conversation's
     * first response; `unknown` keeps the claim (never re-sent); `not_sent` deletes it so a person
     * may try again.
     */
    async finishReply(
      id: string,
      outcome:
        | { status: 'sent'; externalId: string; at?: Date }
        | { status: 'unknown'; error: string }
        | { status: 'not_sent'; error: string },
    ): Promise<InboxReply | null> {
      if (outcome.status === 'not_sent') {
        await prisma.inboxReply.deleteMany({ where: { id, status: 'sending' } })
        return null
      }
      if (outcome.status === 'unknown') {
        const row = await prisma.inboxReply.update({
          where: { id },
          data: { status: 'unknown', error: outcome.error },
        })
        return toReply(row)
      }
      const at = outcome.at ?? new Date()
      return prisma.$transaction(async (tx) => {
        const row = await tx.inboxReply.update({
          where: { id },
          data: { status: 'sent', externalId: outcome.externalId, sentAt: at, error: null },
        })
        await tx.socialInteraction.update({
          where: { id: row.interactionId },
          data: { repliedAt: at, replyExternalId: outcome.externalId },
        })
        if (row.conversationId)
          await tx.$executeRaw`
            UPDATE inbox_conversations
            SET first_response_at = coalesce(first_response_at, ${at}),
                last_message_at = greatest(last_message_at, ${at}), updated_at = now()
            WHERE id = ${row.conversationId}::uuid`
        return toReply(row)
      })
    },

    /** What a send needs to decide: the interaction, its workspace and account, the window's start. */
    async replyContext(interactionId: string): Promise<{
      interaction: InboxItem
      workspaceId: string
      /** The workspace's IANA zone (quiet hours). */
      timeZone: string
      accountExternalId: string
      /** The person's latest message in the conversation (the interaction itself without one). */
      lastInboundAt: Date | null
    } | null> {
      if (!isUuid(interactionId)) return null
      const row = await prisma.socialInteraction.findUnique({
        where: { id: interactionId },
        include: {
          account: {
            select: {
              workspaceId: true,
              externalAccountId: true,
              workspace: { select: { timeZone: true } },
            },
          },
          conversation: { select: { lastInboundAt: true } },
        },
      })
      if (!row) return null
      const ours = row.authorExternalId === row.account.externalAccountId
      return {
        interaction: toInboxItem(row),
        workspaceId: row.account.workspaceId,
        timeZone: row.account.workspace.timeZone,
        accountExternalId: row.account.externalAccountId,
        lastInboundAt: row.conversation?.lastInboundAt ?? (ours ? null : row.createdAt),
      }
    },

    async getReplyFor(interactionId: string): Promise<InboxReply | null> {
      if (!isUuid(interactionId)) return null
      const row = await prisma.inboxReply.findUnique({ where: { interactionId } })
      return row ? toReply(row) : null
    },

    /** Automatic replies of an account since `since`, claimed or sent: the hourly cap counts them all. */
    async countAutoReplies(accountId: string, since: Date): Promise<number> {
      return prisma.inboxReply.count({
        where: { accountId, source: 'auto', createdAt: { gte: since } },
      })
    },

    /** External ids of replies we sent from this account: an interaction with one of them is ours. */
    async isOurReply(accountId: string, externalId: string): Promise<boolean> {
      const row = await prisma.inboxReply.findFirst({
        where: { accountId, externalId },
        select: { id: true },
      })
      return row !== null
    },
  }
}

export type RepliesRepository = ReturnType<typeof repliesRepository>
