import { countText } from '@statex/core'
import type { SimResponse } from '@statex/testkit/simulator'
import { xErrors } from './errors.js'
import type { RouteOptions } from './routes.js'
import {
  newTweetMetrics,
  storedText,
  type SimAccount,
  type SimTweet,
  type XState,
} from './state.js'
import { decode } from './wire.js'

/** POST /2/tweets: the checks X makes beyond the schema, then the post as X stores it. */
export function createTweet(
  state: XState,
  account: SimAccount,
  body: Record<string, unknown>,
  options: RouteOptions,
): SimResponse {
  const text = typeof body.text === 'string' ? body.text : ''
  const media = (body.media as { media_ids?: string[] } | undefined)?.media_ids
  const poll = body.poll as SimTweet['poll']
  const reply = (body.reply as { in_reply_to_tweet_id?: string } | undefined)?.in_reply_to_tweet_id
  const quote = body.quote_tweet_id as string | undefined
  if (!text && !media?.length && !poll)
    return xErrors.invalid(['You must specify a Tweet text, media or a poll.'])
  if ((media || quote) && poll)
    return xErrors.invalid(['poll is mutually exclusive with media and quote_tweet_id.'])
  if (countText(text, 'twitter-weighted') > account.maxTextLength)
    return xErrors.forbidden(
      'Your Tweet text is too long. For more information on how Twitter determines text length see https://github.com/twitter/twitter-text.',
    )
  for (const id of media ?? []) {
    const item = state.media.get(id)
    if (!item || item.owner !== account.id || !item.finalized)
      return xErrors.invalid([`Your media IDs are invalid: ${id}.`], { 'media.media_ids': [id] })
    if (item.readyAt !== undefined && state.clock.now() < item.readyAt)
      return xErrors.invalid([
        `The media ${id} is still processing; wait for processing_info.state succeeded.`,
      ])
  }
  const parent = reply ? state.tweets.get(reply) : undefined
  if (reply && (!parent || parent.deleted))
    return xErrors.invalid(
      ['The Tweet you are replying to has been deleted or is not visible to you.'],
      { 'reply.in_reply_to_tweet_id': [reply] },
    )
  if (quote && !state.tweets.get(quote))
    return xErrors.invalid([`Could not find the Tweet to quote: ${quote}.`])
  if (options.duplicateWindowMs > 0) {
    const since = state.clock.now() - options.duplicateWindowMs
    const stored = decode(storedText(text).replace(/https:\/\/t\.co\/\S+/g, ''))
    const duplicate = state
      .liveTweets()
      .some(
        (t) =>
          t.author_id === account.id &&
          t.created_at >= since &&
          decode(t.displayText.replace(/https:\/\/t\.co\/\S+/g, '')) === stored,
      )
    if (duplicate)
      return xErrors.forbidden('You are not allowed to create a Tweet with duplicate content.')
  }
  const id = state.ids.next()
  // A reply's stored text starts with the mention of the author replied to (outside display_text_range).
  const author = parent ? state.user(parent.author_id) : undefined
  const prefix = author && parent!.author_id !== account.id ? `@${author.username} ` : ''
  const display = storedText(text)
  // Attached media show as one t.co link after the text, outside display_text_range.
  const mediaLink = media?.length ? `${display ? ' ' : ''}https://t.co/${id.slice(-10)}` : ''
  const full = prefix + display + mediaLink
  const tweet: SimTweet = {
    id,
    text: full,
    displayText: display,
    display_text_range: [[...prefix].length, [...prefix].length + [...display].length],
    author_id: account.id,
    created_at: state.clock.now(),
    conversation_id: parent?.conversation_id ?? id,
    ...(parent ? { in_reply_to_user_id: parent.author_id } : {}),
    ...(reply || quote
      ? {
          referenced_tweets: [
            ...(reply ? [{ type: 'replied_to' as const, id: reply }] : []),
            ...(quote ? [{ type: 'quoted' as const, id: quote }] : []),
          ],
        }
      : {}),
    ...(media?.length ? { media_ids: media } : {}),
    ...(poll ? { poll } : {}),
    ...(typeof body.reply_settings === 'string' ? { reply_settings: body.reply_settings } : {}),
    deleted: false,
    metrics: newTweetMetrics(),
  }
  state.tweets.set(id, tweet)
  if (parent) parent.metrics.reply_count++
  return { status: 201, body: { data: { id, text: full, edit_history_tweet_ids: [id] } } }
}

function conversationId(a: string, b: string): string {
  return BigInt(a) < BigInt(b) ? `${a}-${b}` : `${b}-${a}`
}

export function sendDm(state: XState, from: string, to: string, text: string) {
  const event = {
    id: state.ids.next(),
    event_type: 'MessageCreate' as const,
    text,
    sender_id: from,
    dm_conversation_id: conversationId(from, to),
    participant_ids: [from, to] as [string, string],
    created_at: state.clock.now(),
  }
  state.dms.push(event)
  return event
}

const DAY_MS = 86_400_000

/** X's 24-hour user cap on creating posts: headers on every answer, 429 once it is used up. */
export function withDailyCap(
  state: XState,
  account: SimAccount,
  options: RouteOptions,
  create: () => SimResponse,
): SimResponse {
  const cap = options.dailyPostCap
  if (cap === undefined) return create()
  const now = state.clock.now()
  const recent = state
    .liveTweets()
    .filter((t) => t.author_id === account.id && t.created_at > now - DAY_MS)
  const oldest = recent.reduce((min, t) => Math.min(min, t.created_at), now)
  // The header is a Unix time on the real clock, which the client measures against.
  const reset = Math.ceil((Date.now() + (oldest + DAY_MS - now)) / 1000)
  const headers = (remaining: number) => ({
    'x-user-limit-24hour-limit': String(cap),
    'x-user-limit-24hour-remaining': String(Math.max(0, remaining)),
    'x-user-limit-24hour-reset': String(reset),
    'x-rate-limit-limit': '100',
    'x-rate-limit-remaining': '99',
    'x-rate-limit-reset': String(Math.ceil(Date.now() / 1000) + 900),
  })
  if (recent.length >= cap) {
    const limited = xErrors.tooMany(0)
    return { ...limited, headers: headers(0) }
  }
  const response = create()
  return {
    ...response,
    headers: {
      ...response.headers,
      ...headers(cap - recent.length - (response.status < 300 ? 1 : 0)),
    },
  }
}
