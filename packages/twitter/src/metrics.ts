import { ProviderError, type PostMetrics } from '@statex/core'
import type { XClient } from './client.js'
import type { XTweet } from './schemas.js'

/** GET /2/tweets takes at most 100 ids. */
export const IDS_PER_CALL = 100
/** X gives non_public and organic metrics only to the author, for posts under 30 days old. */
const PRIVATE_METRICS_DAYS = 30
const TWITTER_EPOCH_MS = 1288834974657n

/** When a post was created, read from its snowflake id (timestamp in the top 41 bits). */
export function createdAtOf(id: string): Date | undefined {
  if (!/^\d+$/.test(id)) return undefined
  return new Date(Number((BigInt(id) >> 22n) + TWITTER_EPOCH_MS))
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

const count = (record: Record<string, unknown> | undefined, key: string) =>
  typeof record?.[key] === 'number' ? (record[key] as number) : undefined

export function toMetrics(tweet: XTweet, collectedAt: Date): PostMetrics {
  const pub = tweet.public_metrics as Record<string, unknown> | undefined
  const priv = tweet.non_public_metrics as Record<string, unknown> | undefined
  const linkClicks = count(priv, 'url_link_clicks')
  const profileClicks = count(priv, 'user_profile_clicks')
  const retweets = count(pub, 'retweet_count')
  const quotes = count(pub, 'quote_count')
  const impressions = count(priv, 'impression_count') ?? count(pub, 'impression_count')
  return {
    externalId: tweet.id,
    collectedAt,
    ...(impressions !== undefined ? { impressions } : {}),
    ...(count(pub, 'like_count') !== undefined ? { likes: count(pub, 'like_count') } : {}),
    ...(count(pub, 'reply_count') !== undefined ? { comments: count(pub, 'reply_count') } : {}),
    ...(retweets !== undefined ? { shares: retweets + (quotes ?? 0) } : {}),
    ...(count(pub, 'bookmark_count') !== undefined ? { saves: count(pub, 'bookmark_count') } : {}),
    ...(linkClicks !== undefined || profileClicks !== undefined
      ? { clicks: (linkClicks ?? 0) + (profileClicks ?? 0) }
      : {}),
    raw: tweet,
  }
}

/**
 * Metrics for any number of posts, 100 ids per GET /2/tweets. Posts under 30 days old are asked
 * for their private metrics too (link and profile clicks), older ones for public metrics only,
 * so X does not refuse the fields. Deleted posts are left out, not thrown.
 */
export async function fetchTweetMetrics(
  client: XClient,
  input: { externalIds: string[]; privateMetrics: boolean; now?: Date; signal?: AbortSignal },
): Promise<PostMetrics[]> {
  const now = input.now ?? new Date()
  const cutoff = now.getTime() - PRIVATE_METRICS_DAYS * 86_400_000
  const recent: string[] = []
  const old: string[] = []
  for (const id of new Set(input.externalIds)) {
    const created = createdAtOf(id)
    if (input.privateMetrics && created && created.getTime() > cutoff) recent.push(id)
    else old.push(id)
  }
  const batches = [
    ...chunks(recent, IDS_PER_CALL).map((ids) => ({
      ids,
      fields: ['public_metrics', 'non_public_metrics', 'organic_metrics', 'created_at'],
    })),
    ...chunks(old, IDS_PER_CALL).map((ids) => ({ ids, fields: ['public_metrics', 'created_at'] })),
  ]
  const out: PostMetrics[] = []
  for (const batch of batches) {
    let page: Awaited<ReturnType<XClient['getTweets']>>
    try {
      page = await client.getTweets({ ids: batch.ids, 'tweet.fields': batch.fields }, input.signal)
    } catch (error) {
      // Every id of the batch was deleted: X answers 200 with errors only.
      if (ProviderError.is(error) && error.kind === 'not_found') continue
      throw error
    }
    const collectedAt = new Date()
    for (const tweet of page.data ?? []) out.push(toMetrics(tweet, collectedAt))
  }
  return out
}
