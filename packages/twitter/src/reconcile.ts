import {
  CONTENT_RULES,
  ProviderError,
  composeText,
  type FindPublishedInput,
  type PublishCheckpoint,
  type PublishResult,
} from '@statex/core'
import { comparableText } from '@statex/core/adapter'
import type { XClient } from './client.js'
import { startCheckpoint, tweetUrl } from './publish.js'
import type { XTweet } from './schemas.js'

/**
 * Whether a post's text is the text sent, up to X's rewriting: links become t.co, entities are
 * encoded, and attached media add one t.co link at the end of `text`.
 */
export function sameTweetText(published: string, sent: string): boolean {
  const a = comparableText(published)
  const b = comparableText(sent)
  if (a === b) return true
  return a.startsWith(b) && /^( ?<link>)$/.test(a.slice(b.length))
}

/** Enough for any account's posts in the minutes an unknown outcome spans; X allows 3,200 back. */
const MAX_PAGES = 5

/**
 * X keeps no idempotency marker, so this lists the account's own posts created after `after`
 * (GET /2/users/:id/tweets with start_time) and matches the text, up to X's rewriting (t.co links,
 * HTML entities). With several matches the oldest wins: it is the earliest attempt. For a thread
 * the later parts are followed as replies to the part before; a thread found only in part is a
 * ProviderError whose `progress` lets `publish` continue with the missing parts.
 */
export async function findPublishedTweet(
  client: XClient,
  input: FindPublishedInput,
): Promise<PublishResult | null> {
  const { account, post, after, signal } = input
  const tweets: XTweet[] = []
  let token: string | undefined
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await client.userTweets(
      account.externalAccountId,
      {
        // X takes RFC 3339 to the second; rounding down keeps every post after `after`.
        start_time: after.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        max_results: 100,
        exclude: ['retweets'],
        'tweet.fields': ['created_at', 'conversation_id', 'referenced_tweets'],
        ...(token ? { pagination_token: token } : {}),
      },
      signal,
    )
    tweets.push(...(answer.data ?? []))
    token = answer.meta?.next_token
    if (!token) break
  }
  const texts = [
    composeText(post.text ?? '', post.link, CONTENT_RULES.twitter),
    ...(post.thread ?? []).map((p) => p.text),
  ]
  const isReplyTo = (tweet: XTweet, id: string) =>
    tweet.referenced_tweets?.some((r) => r.type === 'replied_to' && r.id === id) ?? false
  const firsts = tweets
    .filter(
      (t) =>
        sameTweetText(t.text, texts[0]!) &&
        !t.referenced_tweets?.some((r) => r.type === 'replied_to'),
    )
    .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1))
  const first = firsts[0]
  if (!first) return null

  const chain = [first.id]
  for (let part = 1; part < texts.length; part++) {
    const previous = chain[part - 1]!
    const next = tweets
      .filter((t) => isReplyTo(t, previous) && sameTweetText(t.text, texts[part]!))
      .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1))[0]
    if (!next) break
    chain.push(next.id)
  }
  if (chain.length < texts.length) {
    const checkpoint = startCheckpoint(account, post, undefined)
    checkpoint.tweets = chain
    throw new ProviderError({
      kind: 'transient',
      platform: 'twitter',
      outcome: 'not_sent',
      message: `${chain.length} of the thread's ${texts.length} parts are on X; publish with this error's progress as resumeFrom to add the rest.`,
      progress: checkpoint as unknown as PublishCheckpoint,
    })
  }
  return {
    status: 'published',
    externalId: first.id,
    url: tweetUrl(first.id),
    publishedAt: new Date(first.created_at ?? Date.now()),
    ...(chain.length > 1 ? { partIds: chain } : {}),
  }
}
