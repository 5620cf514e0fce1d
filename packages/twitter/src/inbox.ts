import type { Interaction } from '@statex/core'
import { decodeCursor, encodeCursor } from '@statex/core/adapter'
import type { XClient } from './client.js'
import type { XDmEvent, XTweet, XUser } from './schemas.js'

/**
 * Where polling stands, carried in `nextCursor` (base64url JSON, opaque to callers). A pass reads
 * the mentions timeline, then the DM events; when both are read, the cursor keeps the newest ids
 * seen so the next poll returns only what is newer.
 */
interface InboxCursor {
  v: 1
  phase: 'mentions' | 'replies' | 'dms'
  /** `pagination_token` within the current pass. */
  next?: string
  /** Newest id seen in the current pass, kept until the pass ends. */
  newest?: string
  /** Newest mention / DM event id of the last finished pass. */
  mentionsSince?: string
  repliesSince?: string
  dmsSince?: string
  /** The conversations searched for replies in this pass (our recent posts). */
  conversations?: string[]
}

const isCursor = (value: unknown): value is InboxCursor =>
  typeof value === 'object' &&
  value !== null &&
  (value as InboxCursor).v === 1 &&
  ['mentions', 'replies', 'dms'].includes((value as InboxCursor).phase)

const TWEET_FIELDS = [
  'author_id',
  'display_text_range',
  'conversation_id',
  'created_at',
  'in_reply_to_user_id',
  'referenced_tweets',
]
const USER_FIELDS = ['name', 'username', 'profile_image_url']

/** The newest ids of finished passes, kept from pass to pass. */
function carry(state: InboxCursor) {
  return {
    ...(state.mentionsSince ? { mentionsSince: state.mentionsSince } : {}),
    ...(state.repliesSince ? { repliesSince: state.repliesSince } : {}),
    ...(state.dmsSince ? { dmsSince: state.dmsSince } : {}),
  }
}

/** Snowflake ids grow with time; compared as integers (they exceed 2^53). */
const newer = (a: string, b: string | undefined) => b === undefined || BigInt(a) > BigInt(b)

function author(id: string | undefined, users: XUser[] | undefined) {
  const user = users?.find((u) => u.id === id)
  return {
    externalId: id ?? 'unknown',
    ...(user ? { name: user.name, handle: user.username } : {}),
    ...(user?.profile_image_url ? { avatarUrl: user.profile_image_url } : {}),
  }
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' }

/**
 * What a person wrote: v2 `text` is HTML-entity encoded and a reply's starts with the
 * auto-populated mentions, which `display_text_range` (code points) leaves out.
 */
export function visibleText(tweet: XTweet): string {
  const range = tweet.display_text_range
  const text = range ? [...tweet.text].slice(range[0], range[1]).join('') : tweet.text
  return text.replace(/&(amp|lt|gt);/g, (entity) => ENTITIES[entity] ?? entity)
}

/** A mention; a reply to one of our posts (it names the author, so it is a mention too) is a COMMENT. */
export function tweetToInteraction(tweet: XTweet, users: XUser[] | undefined): Interaction {
  const repliedTo = tweet.referenced_tweets?.find((r) => r.type === 'replied_to')?.id
  return {
    platform: 'twitter',
    externalId: tweet.id,
    type: repliedTo ? 'COMMENT' : 'MENTION',
    author: author(tweet.author_id, users),
    text: visibleText(tweet),
    ...(repliedTo
      ? { externalPostId: tweet.conversation_id ?? repliedTo, parentExternalId: repliedTo }
      : {}),
    ...(tweet.conversation_id ? { conversationId: tweet.conversation_id } : {}),
    createdAt: new Date(tweet.created_at ?? Date.now()),
    raw: tweet,
  }
}

export function dmToInteraction(event: XDmEvent, users: XUser[] | undefined): Interaction {
  return {
    platform: 'twitter',
    externalId: `dm:${event.id}`,
    type: 'MESSAGE',
    author: author(event.sender_id, users),
    ...(event.text !== undefined ? { text: event.text } : {}),
    ...(event.dm_conversation_id ? { conversationId: event.dm_conversation_id } : {}),
    createdAt: new Date(event.created_at ?? Date.now()),
    raw: event,
  }
}

/**
 * One page of the inbox: mentions (GET /2/users/:id/mentions with since_id) then DMs
 * (GET /2/dm_events, which has no since_id: older events are cut off by id).
 */
export async function listInbox(
  client: XClient,
  input: {
    userId: string
    cursor?: string
    since?: Date
    pageSize: number
    /** Also search replies in our recent posts' conversations (GET /2/tweets/search/recent). */
    searchReplies?: boolean
    signal?: AbortSignal
  },
): Promise<{ items: Interaction[]; nextCursor: string }> {
  const state = decodeCursor(
    'twitter',
    input.cursor,
    { v: 1, phase: 'mentions' } as InboxCursor,
    isCursor,
  )
  const keep = (item: Interaction) => !input.since || item.createdAt >= input.since
  if (state.phase === 'mentions') {
    const page = await client.mentions(
      input.userId,
      {
        max_results: Math.max(5, input.pageSize),
        ...(state.next ? { pagination_token: state.next } : {}),
        ...(state.mentionsSince ? { since_id: state.mentionsSince } : {}),
        'tweet.fields': TWEET_FIELDS,
        expansions: ['author_id'],
        'user.fields': USER_FIELDS,
      },
      input.signal,
    )
    const items = (page.data ?? [])
      .map((t) => tweetToInteraction(t, page.includes?.users))
      .filter(keep)
    const newest = state.newest ?? page.meta?.newest_id
    const next: InboxCursor = page.meta?.next_token
      ? { ...state, next: page.meta.next_token, ...(newest ? { newest } : {}) }
      : {
          ...carry(state),
          v: 1,
          phase: input.searchReplies ? 'replies' : 'dms',
          ...((newest ?? state.mentionsSince)
            ? { mentionsSince: newest ?? state.mentionsSince }
            : {}),
        }
    return { items, nextCursor: encodeCursor(next) }
  }

  if (state.phase === 'replies') {
    // Replies in the conversations of our latest posts, also those that do not name us.
    const conversations =
      state.conversations ??
      (
        (
          await client.userTweets(
            input.userId,
            {
              max_results: 10,
              exclude: ['retweets', 'replies'],
              'tweet.fields': ['conversation_id'],
            },
            input.signal,
          )
        ).data ?? []
      ).map((t) => t.conversation_id ?? t.id)
    if (!conversations.length)
      return { items: [], nextCursor: encodeCursor({ ...carry(state), v: 1, phase: 'dms' }) }
    const page = await client.searchRecent(
      {
        query: conversations.map((id) => `conversation_id:${id}`).join(' OR '),
        max_results: Math.max(10, input.pageSize),
        ...(state.next ? { next_token: state.next } : {}),
        ...(state.repliesSince ? { since_id: state.repliesSince } : {}),
        'tweet.fields': TWEET_FIELDS,
        expansions: ['author_id'],
        'user.fields': USER_FIELDS,
      },
      input.signal,
    )
    const items = (page.data ?? [])
      .filter((t) => t.author_id !== input.userId)
      .map((t) => tweetToInteraction(t, page.includes?.users))
      .filter(keep)
    const newest = state.newest ?? page.meta?.newest_id
    const next: InboxCursor = page.meta?.next_token
      ? { ...state, conversations, next: page.meta.next_token, ...(newest ? { newest } : {}) }
      : {
          ...carry(state),
          v: 1,
          phase: 'dms',
          ...((newest ?? state.repliesSince) ? { repliesSince: newest ?? state.repliesSince } : {}),
        }
    return { items, nextCursor: encodeCursor(next) }
  }

  const page = await client.dmEvents(
    {
      max_results: input.pageSize,
      ...(state.next ? { pagination_token: state.next } : {}),
      event_types: ['MessageCreate'],
      'dm_event.fields': [
        'id',
        'text',
        'sender_id',
        'dm_conversation_id',
        'created_at',
        'event_type',
      ],
      expansions: ['sender_id'],
      'user.fields': USER_FIELDS,
    },
    input.signal,
  )
  const events = page.data ?? []
  const fresh = events.filter((e) => newer(e.id, state.dmsSince))
  const items = fresh
    .filter((e) => e.sender_id !== input.userId)
    .map((e) => dmToInteraction(e, page.includes?.users))
    .filter(keep)
  const newest = state.newest ?? events[0]?.id
  const reachedSeen = fresh.length < events.length
  const next: InboxCursor =
    page.meta?.next_token && !reachedSeen
      ? { ...state, next: page.meta.next_token, ...(newest ? { newest } : {}) }
      : {
          ...carry(state),
          v: 1,
          phase: 'mentions',
          ...((newest ?? state.dmsSince) ? { dmsSince: newest ?? state.dmsSince } : {}),
        }
  return { items, nextCursor: encodeCursor(next) }
}
