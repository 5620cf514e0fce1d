import type { RecordedRequest, SimResponse } from '@statex/testkit/simulator'
import type { SimAccount, SimTweet, SimUser, XState } from './state.js'

export const iso = (ms: number) => new Date(ms).toISOString()
export const decode = (text: string) =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')

export function fieldsOf(request: RecordedRequest, name: string): Set<string> {
  return new Set((request.query.get(name) ?? '').split(',').filter(Boolean))
}
export function tweetJson(state: XState, tweet: SimTweet, fields: Set<string>, viewer: SimAccount) {
  const recent = state.clock.now() - tweet.created_at < 30 * 86_400_000
  const own = tweet.author_id === viewer.id
  const m = tweet.metrics
  return {
    id: tweet.id,
    text: tweet.text,
    edit_history_tweet_ids: [tweet.id],
    ...(fields.has('author_id') ? { author_id: tweet.author_id } : {}),
    ...(fields.has('created_at') ? { created_at: iso(tweet.created_at) } : {}),
    ...(fields.has('conversation_id') ? { conversation_id: tweet.conversation_id } : {}),
    ...(fields.has('display_text_range') ? { display_text_range: tweet.display_text_range } : {}),
    ...(fields.has('in_reply_to_user_id') && tweet.in_reply_to_user_id
      ? { in_reply_to_user_id: tweet.in_reply_to_user_id }
      : {}),
    ...(fields.has('referenced_tweets') && tweet.referenced_tweets
      ? { referenced_tweets: tweet.referenced_tweets }
      : {}),
    ...(fields.has('public_metrics')
      ? {
          public_metrics: {
            retweet_count: m.retweet_count,
            reply_count: m.reply_count,
            like_count: m.like_count,
            quote_count: m.quote_count,
            bookmark_count: m.bookmark_count,
            impression_count: m.impression_count,
          },
        }
      : {}),
    ...(fields.has('non_public_metrics') && own && recent
      ? {
          non_public_metrics: {
            impression_count: m.impression_count,
            url_link_clicks: m.url_link_clicks,
            user_profile_clicks: m.user_profile_clicks,
          },
        }
      : {}),
    ...(fields.has('organic_metrics') && own && recent
      ? {
          organic_metrics: {
            impression_count: m.impression_count,
            like_count: m.like_count,
            reply_count: m.reply_count,
            retweet_count: m.retweet_count,
            url_link_clicks: m.url_link_clicks,
            user_profile_clicks: m.user_profile_clicks,
          },
        }
      : {}),
  }
}

/** `counts`: what the state knows of the user's own posts, for `public_metrics`. */
export function userJson(
  user: SimUser,
  fields: Set<string>,
  counts: { tweets: number } = { tweets: 0 },
) {
  return {
    id: user.id,
    name: user.name,
    username: user.username,
    ...(fields.has('profile_image_url') ? { profile_image_url: user.profile_image_url } : {}),
    ...(fields.has('public_metrics')
      ? {
          public_metrics: {
            followers_count: user.followers ?? 0,
            following_count: 0,
            tweet_count: counts.tweets,
            listed_count: 0,
            like_count: 0,
            media_count: 0,
          },
        }
      : {}),
  }
}

/** Newest first, `pagination_token` = the id to continue below, as an opaque token. */
export function page<T extends { id: string }>(
  items: T[],
  request: RecordedRequest,
  defaultMax: number,
) {
  const max = Number(request.query.get('max_results') ?? defaultMax)
  // Search pages with `next_token`; timelines with `pagination_token`.
  const token = request.query.get('pagination_token') ?? request.query.get('next_token')
  const below = token ? Buffer.from(token, 'base64url').toString('utf8') : undefined
  const sorted = [...items].sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1))
  const start = below ? sorted.filter((i) => BigInt(i.id) < BigInt(below)) : sorted
  const data = start.slice(0, max)
  const more = start.length > max
  return {
    data,
    meta: {
      result_count: data.length,
      ...(data.length ? { newest_id: data[0]!.id, oldest_id: data.at(-1)!.id } : {}),
      ...(more ? { next_token: Buffer.from(data.at(-1)!.id).toString('base64url') } : {}),
    },
  }
}

export function includesUsers(
  state: XState,
  ids: (string | undefined)[],
  request: RecordedRequest,
) {
  const users = [...new Set(ids.filter((id): id is string => !!id))]
    .map((id) => state.user(id))
    .filter((u): u is SimUser => !!u)
    .map((u) => userJson(u, fieldsOf(request, 'user.fields')))
  return users.length ? { includes: { users } } : {}
}
export function listTweets(
  state: XState,
  request: RecordedRequest,
  viewer: SimAccount,
  tweets: SimTweet[],
): SimResponse {
  const paged = page(tweets, request, 10)
  const fields = fieldsOf(request, 'tweet.fields')
  const expand = fieldsOf(request, 'expansions').has('author_id')
  return {
    status: 200,
    body: {
      ...(paged.data.length
        ? { data: paged.data.map((t) => tweetJson(state, t, fields, viewer)) }
        : {}),
      ...(expand
        ? includesUsers(
            state,
            paged.data.map((t) => t.author_id),
            request,
          )
        : {}),
      meta: paged.meta,
    },
  }
}
