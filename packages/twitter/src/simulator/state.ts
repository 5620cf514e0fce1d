import { randomBytes } from 'node:crypto'
import { createMediaHost, type SimClock } from '@statex/testkit/simulator'

const TWITTER_EPOCH_MS = 1288834974657n

/** Snowflake ids from the simulated clock, so an id tells its creation time as X's do. */
export class IdSource {
  #sequence = 0n
  constructor(private readonly clock: SimClock) {}
  next(): string {
    this.#sequence = (this.#sequence + 1n) & 4095n
    return String(
      ((BigInt(this.clock.now()) - TWITTER_EPOCH_MS) << 22n) | (1n << 12n) | this.#sequence,
    )
  }
}

export interface SimUser {
  id: string
  name: string
  username: string
  profile_image_url: string
  /** Grows as the simulated clock advances (`advance`), for account-level figures. */
  followers?: number
}

export interface SimAccount extends SimUser {
  accessToken: string
  refreshToken: string
  scopes: Set<string>
  /** Simulated time after which the access token answers 401; undefined: never. */
  accessExpiresAt?: number
  expired: boolean
  revoked: boolean
  /** Weighted characters a post may have (Premium accounts post longer). */
  maxTextLength: number
}

export interface SimTweet {
  id: string
  /** As X returns it: links rewritten to t.co, `& < >` as HTML entities, reply mentions first. */
  text: string
  /** What a person sees: the text without the auto-populated reply mentions (display_text_range). */
  displayText: string
  display_text_range: [number, number]
  author_id: string
  created_at: number
  conversation_id: string
  in_reply_to_user_id?: string
  referenced_tweets?: { type: 'replied_to' | 'quoted'; id: string }[]
  media_ids?: string[]
  poll?: { options: string[]; duration_minutes: number }
  reply_settings?: string
  deleted: boolean
  metrics: {
    retweet_count: number
    reply_count: number
    like_count: number
    quote_count: number
    bookmark_count: number
    impression_count: number
    url_link_clicks: number
    user_profile_clicks: number
  }
}

/** A new post's counters: X starts every public and non-public metric at zero. */
export const newTweetMetrics = (): SimTweet['metrics'] => ({
  retweet_count: 0,
  reply_count: 0,
  like_count: 0,
  quote_count: 0,
  bookmark_count: 0,
  impression_count: 0,
  url_link_clicks: 0,
  user_profile_clicks: 0,
})

export interface SimDmEvent {
  id: string
  event_type: 'MessageCreate'
  text: string
  sender_id: string
  dm_conversation_id: string
  participant_ids: [string, string]
  created_at: number
}

export interface SimMedia {
  id: string
  media_key: string
  owner: string
  media_type: string
  media_category: string
  total_bytes: number
  received: Map<number, number>
  finalized: boolean
  /** Simulated time at which processing of a video or GIF finishes. */
  readyAt?: number
  alt_text?: string
}

export interface SimAuthorization {
  clientId: string
  redirectUri: string
  codeChallenge: string
  scopes: string[]
  accountId: string
  expiresAt: number
}

export const token = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`

/** Everything one simulator holds. */
export class XState {
  readonly accounts = new Map<string, SimAccount>()
  readonly people = new Map<string, SimUser>()
  readonly tweets = new Map<string, SimTweet>()
  readonly dms: SimDmEvent[] = []
  readonly media = new Map<string, SimMedia>()
  readonly codes = new Map<string, SimAuthorization>()
  readonly hostedFiles = createMediaHost()
  readonly ids: IdSource

  constructor(readonly clock: SimClock) {
    this.ids = new IdSource(clock)
  }

  accountByToken(accessToken: string): SimAccount | undefined {
    for (const account of this.accounts.values())
      if (account.accessToken === accessToken) return account
    return undefined
  }

  accountByRefreshToken(refreshToken: string): SimAccount | undefined {
    for (const account of this.accounts.values())
      if (account.refreshToken === refreshToken) return account
    return undefined
  }

  user(id: string): SimUser | undefined {
    return this.accounts.get(id) ?? this.people.get(id)
  }

  person(name: string): SimUser {
    for (const user of this.people.values()) if (user.name === name) return user
    const id = this.ids.next()
    const handle =
      name
        .toLowerCase()
        .replace(/[^a-z0-9_]+/g, '_')
        .replace(/^_|_$/g, '')
        .slice(0, 10) || 'someone'
    const user = {
      id,
      name,
      username: `${handle}_${this.people.size + 1}`,
      profile_image_url: `https://pbs.twimg.com/profile_images/${id}/normal.jpg`,
    }
    this.people.set(id, user)
    return user
  }

  liveTweets(): SimTweet[] {
    return [...this.tweets.values()].filter((t) => !t.deleted)
  }
}

const TCO = () => `https://t.co/${randomBytes(8).toString('base64url').slice(0, 10)}`

/** The text as X stores it: links shortened to t.co, then `& < >` escaped (v2 `text` is entity-encoded). */
export function storedText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/https?:\/\/\S+/g, () => TCO())
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
}
