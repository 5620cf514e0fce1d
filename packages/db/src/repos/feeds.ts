import type { Platform } from '@statex/core'
import type { DbContext } from '../context.js'
import { isUuid } from '../context.js'
import { InvalidInputError, NotFoundError } from '../errors.js'
import type { Feed as FeedRow } from '../generated/prisma/client.js'
import type { CreatePostGroupInput } from './posts.js'
import { insertPostGroups } from './bulk-posts.js'

export type FeedMode = 'draft' | 'next_slot'

export interface Feed {
  id: string
  workspaceId: string
  url: string
  accountIds: string[]
  mode: FeedMode
  /** Per platform, or `default`: a template with {title}, {link}, {summary}. */
  templates: Partial<Record<Platform | 'default', string>>
  pollIntervalMinutes: number
  etag: string | null
  lastModified: string | null
  lastPolledAt: Date | null
  nextPollAt: Date
  consecutiveFailures: number
  lastError: string | null
  active: boolean
  createdAt: Date
}

/** One entry of a feed as the poller read it. */
export interface FeedEntry {
  key: string
  title: string | null
  link: string | null
  publishedAt: Date | null
}

const toFeed = (row: FeedRow): Feed => ({
  id: row.id,
  workspaceId: row.workspaceId,
  url: row.url,
  accountIds: row.accountIds,
  mode: row.mode as FeedMode,
  templates: row.templates as Feed['templates'],
  pollIntervalMinutes: row.pollIntervalMinutes,
  etag: row.etag,
  lastModified: row.lastModified,
  lastPolledAt: row.lastPolledAt,
  nextPollAt: row.nextPollAt,
  consecutiveFailures: row.consecutiveFailures,
  lastError: row.lastError,
  active: row.active,
  createdAt: row.createdAt,
})

export function feedsRepository(ctx: DbContext) {
  const { prisma } = ctx

  async function assertAccounts(workspaceId: string, accountIds: string[]) {
    const ids = accountIds.filter(isUuid)
    const n = await prisma.socialAccount.count({ where: { workspaceId, id: { in: ids } } })
    if (ids.length !== accountIds.length || n !== new Set(ids).size)
      throw new InvalidInputError(
        'Every account of a feed must be a connected account of the workspace.',
      )
  }

  return {
    async createFeed(input: {
      workspaceId: string
      url: string
      accountIds: string[]
      mode: FeedMode
      templates: Feed['templates']
      pollIntervalMinutes: number
    }): Promise<Feed> {
      await assertAccounts(input.workspaceId, input.accountIds)
      return toFeed(await prisma.feed.create({ data: input }))
    },

    async listFeeds(workspaceId: string): Promise<Feed[]> {
      const rows = await prisma.feed.findMany({
        where: { workspaceId },
        orderBy: { createdAt: 'asc' },
      })
      return rows.map(toFeed)
    },

    async getFeed(workspaceId: string, id: string): Promise<Feed | null> {
      if (!isUuid(id)) return null
      const row = await prisma.feed.findFirst({ where: { id, workspaceId } })
      return row ? toFeed(row) : null
    },

    async updateFeed(
      workspaceId: string,
      id: string,
      input: Partial<
        Pick<Feed, 'accountIds' | 'mode' | 'templates' | 'pollIntervalMinutes' | 'active'>
      >,
    ): Promise<Feed> {
      if (input.accountIds) await assertAccounts(workspaceId, input.accountIds)
      const { count } = await prisma.feed.updateMany({
        where: { id, workspaceId },
        // Re-enabling a broken feed polls it now and forgets its failures.
        data: {
          ...input,
          ...(input.active ? { consecutiveFailures: 0, nextPollAt: new Date() } : {}),
        },
      })
      if (count === 0) throw new NotFoundError('Feed', id)
      return toFeed((await prisma.feed.findUnique({ where: { id } }))!)
    },

    async deleteFeed(workspaceId: string, id: string): Promise<boolean> {
      if (!isUuid(id)) return false
      return (await prisma.feed.deleteMany({ where: { id, workspaceId } })).count > 0
    },

    /**
     * Feeds due for a poll, claimed by pushing their next poll `leaseMs` ahead in the same
     * statement (SKIP LOCKED), so two workers never poll one feed at once and a worker that
     * dies mid-poll leaves it to be tried again after the lease, not never.
     */
    async claimDueFeeds(input: { now: Date; limit: number; leaseMs: number }): Promise<Feed[]> {
      const rows = await prisma.$queryRaw<{ id: string }[]>`
        UPDATE feeds SET next_poll_at = ${new Date(input.now.getTime() + input.leaseMs)}
        WHERE id IN (
          SELECT id FROM feeds WHERE active AND next_poll_at <= ${input.now}
          ORDER BY next_poll_at LIMIT ${input.limit} FOR UPDATE SKIP LOCKED)
        RETURNING id::text`
      if (rows.length === 0) return []
      const feeds = await prisma.feed.findMany({ where: { id: { in: rows.map((r) => r.id) } } })
      return feeds.map(toFeed)
    },

    /**
     * Records a successful poll: the entries not seen before, and the posts made from them, in
     * one transaction, so an entry is posted once however often (or after however many crashes)
     * it is read. `postFor` returns the post of an entry, or null to record it unposted.
     */
    async recordPoll(input: {
      feed: Feed
      entries: FeedEntry[]
      etag: string | null
      lastModified: string | null
      now: Date
      postFor: (entry: FeedEntry) => Omit<CreatePostGroupInput, 'workspaceId' | 'actor'> | null
    }): Promise<{ newEntries: number; postIds: string[]; submittedIds: string[] }> {
      const { feed } = input
      return prisma.$transaction(async (tx) => {
        const unique = [...new Map(input.entries.map((e) => [e.key, e])).values()]
        const inserted = unique.length
          ? await tx.$queryRaw<{ key: string }[]>`
              INSERT INTO feed_items (feed_id, key, title, link, published_at)
              SELECT ${feed.id}::uuid, x.key, x.title, x.link, x.published_at
              FROM jsonb_to_recordset(${JSON.stringify(
                unique.map((e) => ({ ...e, published_at: e.publishedAt?.toISOString() ?? null })),
              )}::jsonb) AS x(key text, title text, link text, published_at timestamptz)
              ON CONFLICT (feed_id, key) DO NOTHING
              RETURNING key`
          : []
        const fresh = new Set(inserted.map((r) => r.key))
        const posts = unique
          .filter((e) => fresh.has(e.key))
          .map((entry) => ({ entry, post: input.postFor(entry) }))
          .filter((p) => p.post !== null)
        let postIds: string[] = []
        let submittedIds: string[] = []
        if (posts.length) {
          const { groupIds } = await insertPostGroups(tx, {
            workspaceId: feed.workspaceId,
            actor: `feed:${feed.id}`,
            reason: 'from feed',
            posts: posts.map((p) => p.post!),
          })
          postIds = groupIds
          submittedIds = groupIds.filter((_, i) => posts[i]!.post!.status === 'IN_REVIEW')
          for (const [i, p] of posts.entries())
            await tx.feedItem.update({
              where: { feedId_key: { feedId: feed.id, key: p.entry.key } },
              data: { groupId: groupIds[i]! },
            })
        }
        await tx.feed.update({
          where: { id: feed.id },
          data: {
            etag: input.etag,
            lastModified: input.lastModified,
            lastPolledAt: input.now,
            nextPollAt: new Date(input.now.getTime() + feed.pollIntervalMinutes * 60_000),
            consecutiveFailures: 0,
            lastError: null,
          },
        })
        return { newEntries: fresh.size, postIds, submittedIds }
      })
    },

    /** A 304: nothing changed; poll again after the interval. */
    async recordNotModified(feed: Feed, now: Date): Promise<void> {
      await prisma.feed.update({
        where: { id: feed.id },
        data: {
          lastPolledAt: now,
          nextPollAt: new Date(now.getTime() + feed.pollIntervalMinutes * 60_000),
          consecutiveFailures: 0,
          lastError: null,
        },
      })
    },

    /**
     * A failed poll: reported on the feed, and the next one backs off (the interval doubled per
     * failure, at most a day); after `maxFailures` in a row the feed is switched off until a
     * person fixes and re-enables it.
     */
    async recordFailure(feed: Feed, input: { error: string; now: Date; maxFailures: number }) {
      const failures = feed.consecutiveFailures + 1
      const backoff = Math.min(feed.pollIntervalMinutes * 60_000 * 2 ** failures, 86_400_000)
      await prisma.feed.update({
        where: { id: feed.id },
        data: {
          lastPolledAt: input.now,
          consecutiveFailures: failures,
          lastError: input.error.slice(0, 2000),
          nextPollAt: new Date(input.now.getTime() + backoff),
          ...(failures >= input.maxFailures ? { active: false } : {}),
        },
      })
      return { failures, disabled: failures >= input.maxFailures }
    },

    async listFeedItems(feedId: string, limit = 50) {
      if (!isUuid(feedId)) return []
      return prisma.feedItem.findMany({
        where: { feedId },
        orderBy: { createdAt: 'desc' },
        take: Math.min(limit, 200),
      })
    },
  }
}

export type FeedsRepository = ReturnType<typeof feedsRepository>
