import type { Interaction } from '@statex/core'
import type { DbContext } from '../../context.js'
import { NotFoundError } from '../../errors.js'
import type { Prisma } from '../../generated/prisma/client.js'
import { conversationKeyOf, REPLY_QUEUE_TYPES } from './conversation-key.js'

export interface IngestResult {
  /** How many interactions were new (the rest were already stored). */
  inserted: number
  /** Ids of the new interactions that wait for an answer (not ours, not likes): for auto-respond. */
  awaitingReply: string[]
}

const COUNTED_TYPES = new Set(['LIKE', 'SHARE', 'REACTION'])

// Rows are written in a fixed order (by key) so two deliveries of overlapping batches — a webhook
// and a poll at once — lock in the same order and never deadlock.
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Stores interactions of one account exactly once: the unique index on (account, external id)
 * decides, with `INSERT … ON CONFLICT DO NOTHING`, never a lookup first, so any number and order of
 * deliveries store one row each. In the same transaction: one contact per platform identity, the
 * conversation each belongs to (opened again when a resolved or snoozed one hears back), and the
 * like/share/reaction counts of our posts — bumped only by rows that were new.
 */
export function ingestRepository(ctx: DbContext) {
  const { prisma } = ctx
  return {
    /** Likes, shares and reactions counted for one of our posts, by type. */
    async interactionCounts(postId: string): Promise<Partial<Record<string, number>>> {
      const rows = await prisma.postInteractionCount.findMany({ where: { postId } })
      return Object.fromEntries(rows.map((row) => [row.type, row.count]))
    },

    async ingestInteractions(
      accountId: string,
      interactions: Interaction[],
    ): Promise<IngestResult> {
      if (interactions.length === 0) return { inserted: 0, awaitingReply: [] }
      const account = await prisma.socialAccount.findUnique({
        where: { id: accountId },
        select: { workspaceId: true, platform: true, externalAccountId: true },
      })
      if (!account) throw new NotFoundError('Account', accountId)
      const { workspaceId, platform } = account
      const isOurs = (item: Interaction) => item.author.externalId === account.externalAccountId
      const items = [...interactions].sort((a, b) => byString(a.externalId, b.externalId))

      return prisma.$transaction(
        async (tx) => {
          const externalPostIds = [...new Set(items.flatMap((i) => i.externalPostId ?? []))]
          const posts = externalPostIds.length
            ? await tx.socialPost.findMany({
                where: { accountId, externalId: { in: externalPostIds } },
                select: { id: true, externalId: true },
              })
            : []
          const postOf = new Map(posts.map((post) => [post.externalId, post.id]))

          const contactOf = await upsertContacts(tx, workspaceId, platform, items)

          // Conversations hear only from others: our own comments join one but never open it.
          const groups = new Map<
            string,
            {
              kind: string
              postId: string | null
              contactId: string | null
              first: Date
              last: Date
            }
          >()
          for (const item of items) {
            const conv = conversationKeyOf(item)
            if (!conv || isOurs(item)) continue
            const seen = groups.get(conv.key)
            const at = item.createdAt
            groups.set(conv.key, {
              kind: conv.kind,
              postId:
                seen?.postId ??
                (item.externalPostId ? (postOf.get(item.externalPostId) ?? null) : null),
              contactId:
                conv.kind === 'direct' ? (contactOf.get(item.author.externalId) ?? null) : null,
              first: seen && seen.first < at ? seen.first : at,
              last: seen && seen.last > at ? seen.last : at,
            })
          }
          const keys = [...groups.keys()].sort(byString)
          const conversationOf = new Map<string, string>()
          if (keys.length) {
            const g = keys.map((key) => groups.get(key)!)
            const rows = await tx.$queryRaw<{ id: string; key: string }[]>`
              INSERT INTO inbox_conversations AS c
                (workspace_id, account_id, key, kind, post_id, contact_id,
                 first_inbound_at, last_inbound_at, last_message_at, updated_at)
              SELECT ${workspaceId}::uuid, ${accountId}::uuid, x.key, x.kind::conversation_kind_enum,
                     x.post_id::uuid, x.contact_id::uuid, x.first, x.last, x.last, now()
              FROM unnest(${keys}::text[], ${g.map((v) => v.kind)}::text[],
                          ${g.map((v) => v.postId)}::text[], ${g.map((v) => v.contactId)}::text[],
                          ${g.map((v) => v.first)}::timestamptz[], ${g.map((v) => v.last)}::timestamptz[])
                AS x(key, kind, post_id, contact_id, first, last)
              ON CONFLICT (account_id, key) DO UPDATE SET
                first_inbound_at = least(c.first_inbound_at, excluded.first_inbound_at),
                last_inbound_at = greatest(c.last_inbound_at, excluded.last_inbound_at),
                last_message_at = greatest(c.last_message_at, excluded.last_message_at),
                post_id = coalesce(c.post_id, excluded.post_id),
                contact_id = coalesce(c.contact_id, excluded.contact_id),
                updated_at = now()
              RETURNING c.id, c.key`
            for (const row of rows) conversationOf.set(row.key, row.id)
          }

          const created = await tx.socialInteraction.createManyAndReturn({
            data: items.map((item): Prisma.SocialInteractionCreateManyInput => {
              const conv = conversationKeyOf(item)
              return {
                accountId,
                postId: (item.externalPostId && postOf.get(item.externalPostId)) || null,
                platform,
                externalId: item.externalId,
                type: item.type,
                authorExternalId: item.author.externalId,
                authorName: item.author.name ?? null,
                authorHandle: item.author.handle ?? null,
                authorAvatarUrl: item.author.avatarUrl ?? null,
                text: item.text ?? null,
                externalPostId: item.externalPostId ?? null,
                parentExternalId: item.parentExternalId ?? null,
                conversationId: item.conversationId ?? null,
                reaction: item.reaction ?? null,
                createdAt: item.createdAt,
                raw: (item.raw ?? null) as Prisma.InputJsonValue,
                contactId: contactOf.get(item.author.externalId) ?? null,
                inboxConversationId: (conv && conversationOf.get(conv.key)) ?? null,
              }
            }),
            skipDuplicates: true,
            select: {
              id: true,
              type: true,
              postId: true,
              inboxConversationId: true,
              authorExternalId: true,
            },
          })

          const counts = new Map<string, { postId: string; type: string; n: number }>()
          for (const row of created) {
            if (!row.postId || !COUNTED_TYPES.has(row.type)) continue
            const key = `${row.postId}|${row.type}`
            const entry = counts.get(key) ?? { postId: row.postId, type: row.type, n: 0 }
            entry.n += 1
            counts.set(key, entry)
          }
          if (counts.size) {
            const c = [...counts.entries()].sort(([a], [b]) => byString(a, b)).map(([, v]) => v)
            await tx.$executeRaw`
              INSERT INTO post_interaction_counts AS p (post_id, type, count)
              SELECT x.post_id::uuid, x.type::interaction_type_enum, x.n
              FROM unnest(${c.map((v) => v.postId)}::text[], ${c.map((v) => v.type)}::text[],
                          ${c.map((v) => v.n)}::int[]) AS x(post_id, type, n)
              ON CONFLICT (post_id, type) DO UPDATE SET count = p.count + excluded.count`
          }

          const awaiting = created.filter(
            (row) =>
              REPLY_QUEUE_TYPES.has(row.type) &&
              row.inboxConversationId !== null &&
              row.authorExternalId !== account.externalAccountId,
          )
          const reopened = [...new Set(awaiting.map((row) => row.inboxConversationId!))].sort(
            byString,
          )
          if (reopened.length)
            await tx.$executeRaw`
              UPDATE inbox_conversations
              SET status = 'open', snoozed_until = NULL, resolved_at = NULL, updated_at = now()
              WHERE id = ANY(${reopened}::uuid[]) AND status IN ('resolved', 'snoozed')`
          return { inserted: created.length, awaitingReply: awaiting.map((row) => row.id) }
        },
        // Generous: a loaded machine (or a large poll page) must not abort a correct batch.
        { timeout: 30_000, maxWait: 30_000 },
      )
    },
  }
}

async function upsertContacts(
  tx: Prisma.TransactionClient,
  workspaceId: string,
  platform: string,
  items: Interaction[],
): Promise<Map<string, string>> {
  const authors = new Map<string, Interaction>()
  for (const item of items) {
    const seen = authors.get(item.author.externalId)
    if (!seen || seen.createdAt < item.createdAt) authors.set(item.author.externalId, item)
  }
  const ids = [...authors.keys()].sort(byString)
  if (ids.length === 0) return new Map()
  const latest = ids.map((id) => authors.get(id)!)
  const rows = await tx.$queryRaw<{ id: string; external_id: string }[]>`
    INSERT INTO inbox_contacts AS k
      (workspace_id, platform, external_id, name, handle, avatar_url, first_seen_at, last_seen_at)
    SELECT ${workspaceId}::uuid, ${platform}::social_platform_enum, x.external_id, x.name, x.handle,
           x.avatar_url, x.seen, x.seen
    FROM unnest(${ids}::text[], ${latest.map((i) => i.author.name ?? null)}::text[],
                ${latest.map((i) => i.author.handle ?? null)}::text[],
                ${latest.map((i) => i.author.avatarUrl ?? null)}::text[],
                ${latest.map((i) => i.createdAt)}::timestamptz[])
      AS x(external_id, name, handle, avatar_url, seen)
    ON CONFLICT (workspace_id, platform, external_id) DO UPDATE SET
      name = coalesce(excluded.name, k.name),
      handle = coalesce(excluded.handle, k.handle),
      avatar_url = coalesce(excluded.avatar_url, k.avatar_url),
      first_seen_at = least(k.first_seen_at, excluded.first_seen_at),
      last_seen_at = greatest(k.last_seen_at, excluded.last_seen_at)
    RETURNING k.id, k.external_id`
  return new Map(rows.map((row) => [row.external_id, row.id]))
}
