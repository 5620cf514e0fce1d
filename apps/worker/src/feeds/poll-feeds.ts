import { nextFreeSlot, type Platform, type PostDraft, type SocialProvider } from '@statex/core'
import type { CreatePostGroupInput, Db, Feed, SocialAccount } from '@statex/db'
import { safeGet, type Logger } from '@statex/runtime'
import type { EngineEvents } from '../engine/events.js'
import { DEFAULT_TEMPLATE, parseFeed, renderTemplate, type ParsedEntry } from './parse-feed.js'

export interface PollFeedsOptions {
  db: Db
  providers: Partial<Record<Platform, SocialProvider>>
  log: Logger
  /** Tells the workspace's webhooks about items that went straight to review. */
  events?: Pick<EngineEvents, 'submitted'>
  /** Tests only: reach feeds on this machine. */
  allowPrivate?: boolean
  /** Feeds polled per tick. Default 20. */
  batch?: number
  /** A feed switched off after this many failed polls in a row. Default 10. */
  maxFailures?: number
  now?: () => Date
}

const MAX_FEED_BYTES = 5 * 1024 * 1024
const FETCH_TIMEOUT_MS = 15_000
const SLOT_HORIZON_MS = 61 * 86_400_000

/** The content an entry becomes on each account: the platform's template, else the default. */
function draftsFor(
  feed: Feed,
  entry: ParsedEntry,
  accounts: SocialAccount[],
): { content: PostDraft; targets: CreatePostGroupInput['targets'] } {
  const base = renderTemplate(feed.templates.default ?? DEFAULT_TEMPLATE, entry)
  return {
    content: { text: base },
    targets: accounts.map((a) => {
      const own = feed.templates[a.platform]
      return own
        ? { accountId: a.id, override: { text: renderTemplate(own, entry) } }
        : { accountId: a.id }
    }),
  }
}

/**
 * One poll tick: feeds that are due are claimed, fetched with a conditional GET from public
 * addresses only, and their new entries become posts (drafts, or the next free slots). A feed
 * that fails is reported on itself and backs off; it never holds the others up.
 */
export function createFeedPoller(options: PollFeedsOptions) {
  const { db, providers, log } = options
  const now = options.now ?? (() => new Date())

  async function pollOne(feed: Feed): Promise<{ posted: number }> {
    const at = now()
    let answer: Awaited<ReturnType<typeof safeGet>>
    let entries: ParsedEntry[]
    try {
      answer = await safeGet(feed.url, {
        what: 'feed',
        maxBytes: MAX_FEED_BYTES,
        timeoutMs: FETCH_TIMEOUT_MS,
        ...(options.allowPrivate ? { allowPrivate: true } : {}),
        headers: {
          accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5',
          'user-agent': 'StatexSocial-Feeds/1',
          ...(feed.etag ? { 'if-none-match': feed.etag } : {}),
          ...(feed.lastModified ? { 'if-modified-since': feed.lastModified } : {}),
        },
      })
      if (answer.status === 304) {
        await db.feeds.recordNotModified(feed, at)
        return { posted: 0 }
      }
      entries = parseFeed(answer.body.toString('utf8'))
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      const result = await db.feeds.recordFailure(feed, {
        error: message,
        now: at,
        maxFailures: options.maxFailures ?? 10,
      })
      log.warn(
        { feed: feed.id, failures: result.failures, disabled: result.disabled },
        'feed poll failed',
      )
      return { posted: 0 }
    }

    const accounts = (
      await db.accounts.getAccountsOfWorkspace(feed.workspaceId, feed.accountIds)
    ).filter((a): a is SocialAccount => a !== null && a.status !== 'disabled')
    const policy = await db.approvals.getPolicy(feed.workspaceId)
    const schedule =
      feed.mode === 'next_slot' ? await db.slots.getPostingSchedule(feed.workspaceId) : null
    const taken =
      schedule && accounts.length
        ? await db.posts.takenTimes(
            accounts.map((a) => a.id),
            at,
            new Date(at.getTime() + SLOT_HORIZON_MS),
          )
        : []
    // The first read of a feed takes in what it already has without posting it: only items
    // published since the feed was added (or seen later) become posts.
    const firstRead = feed.lastPolledAt === null
    const { postIds, submittedIds } = await db.feeds.recordPoll({
      feed,
      entries,
      etag: (answer.headers.etag as string | undefined) ?? null,
      lastModified: (answer.headers['last-modified'] as string | undefined) ?? null,
      now: at,
      postFor: (entry) => {
        if (accounts.length === 0) return null
        if (firstRead && !(entry.publishedAt && entry.publishedAt >= feed.createdAt)) return null
        const parsed = entry as ParsedEntry
        const { content, targets } = draftsFor(feed, parsed, accounts)
        // Content a platform would refuse stays a draft for a person to fix, never a failure.
        const valid = targets.every((t) => {
          const account = accounts.find((a) => a.id === t.accountId)!
          const provider = providers[account.platform]
          return provider && provider.validate({ ...content, ...t.override }).length === 0
        })
        const slot =
          valid && schedule ? nextFreeSlot(schedule.slots, schedule.timeZone, at, taken) : null
        if (slot) taken.push(slot)
        const status = slot ? (policy.required ? 'IN_REVIEW' : 'SCHEDULED') : 'DRAFT'
        return {
          content,
          targets,
          status,
          ...(slot ? { scheduledAt: slot, timeZone: schedule!.timeZone } : {}),
          ...(policy.required && status === 'DRAFT' ? { approvalStatus: 'pending' as const } : {}),
        }
      },
    })
    if (postIds.length) log.info({ feed: feed.id, posts: postIds.length }, 'feed items posted')
    await options.events?.submitted(feed.workspaceId, submittedIds, `feed:${feed.id}`)
    return { posted: postIds.length }
  }

  return {
    pollOne,
    async tick(): Promise<{ polled: number; posted: number }> {
      const feeds = await db.feeds.claimDueFeeds({
        now: now(),
        limit: options.batch ?? 20,
        // Longer than one fetch can take: a poll in progress is not claimed twice.
        leaseMs: FETCH_TIMEOUT_MS * 4,
      })
      let posted = 0
      for (const feed of feeds) posted += (await pollOne(feed)).posted
      return { polled: feeds.length, posted }
    },
  }
}
