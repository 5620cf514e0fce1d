/**
 * `@statex/twitter/testing`: an X API v2 simulator for tests and the sandbox. It serves the
 * endpoints the adapter uses over HTTP as api.x.com does, checks every request against the
 * official OpenAPI file (paths, parameters, bodies, the scopes each operation needs), and keeps
 * per-account state: posts, replies, mentions, DMs, chunked media uploads, OAuth 2.0 with PKCE.
 */
import type { AccountAuth } from '@statex/core'
import {
  FaultQueue,
  SimClock,
  seededRandom,
  startSimulatorServer,
  type PlatformSimulator,
  type SimulatedPost,
  faultControls,
  tokenControls,
} from '@statex/testkit/simulator'
import { createXHandler, renderXFault, sendDm, type RouteOptions } from './simulator/routes.js'
import {
  XState,
  newTweetMetrics,
  token,
  type SimAccount,
  type SimTweet,
} from './simulator/state.js'
import { DEFAULT_X_SCOPES } from './oauth.js'

export interface XSimulatorOptions {
  port?: number
  host?: string
  /**
   * X refuses a post whose text equals a recent one of the same account (403 duplicate content).
   * Off by default (0) because tests publish one fixture many times; give a window to turn it on.
   */
  duplicateWindowMs?: number
  /** X's per-user 24-hour cap on creating posts (plan-dependent); default: none. */
  dailyPostCap?: number
}

export interface XSimulator extends PlatformSimulator {
  readonly platform: 'twitter'
  /** Requests that did not validate against the X OpenAPI file; tests assert it stays empty. */
  readonly invalidRequests: RouteOptions['invalidRequests']
  expireToken(accessToken: string): void
  /** Serves bytes at a URL of the simulator, for media items to point at. */
  hostMedia(input: { bytes: Uint8Array; mimeType: string; name?: string }): string
  /** The stored post, as X holds it. */
  tweet(id: string): SimTweet | undefined
  /** The account behind an access token (its scopes, limits), for assertions and setup. */
  account(accessToken: string): SimAccount | undefined
  /** Which account the next consent (GET /i/oauth2/authorize) connects; default: a new one. */
  nextConsent(account?: AccountAuth): void
}

export async function createXSimulator(options: XSimulatorOptions = {}): Promise<XSimulator> {
  const clock = new SimClock()
  const faults = new FaultQueue()
  const random = seededRandom(20261201)
  const state = new XState(clock)
  const invalidRequests: RouteOptions['invalidRequests'] = []
  let counter = 0
  let consentFor: string | undefined

  function newAccount(
    input: { name?: string; accessToken?: string; externalAccountId?: string } = {},
  ): SimAccount {
    counter++
    const name = input.name ?? `X Account ${counter}`
    const id = input.externalAccountId ?? state.ids.next()
    const handle =
      name
        .toLowerCase()
        .replace(/[^a-z0-9_]+/g, '_')
        .replace(/^_|_$/g, '')
        .slice(0, 10) || 'statex'
    const account: SimAccount = {
      id,
      name,
      username: `${handle}_${counter}`,
      profile_image_url: `https://pbs.twimg.com/profile_images/${id}/normal.jpg`,
      accessToken: input.accessToken ?? token('sim-x-access-'),
      refreshToken: token('sim-x-refresh-'),
      scopes: new Set(DEFAULT_X_SCOPES),
      expired: false,
      revoked: false,
      maxTextLength: 280,
    }
    state.accounts.set(id, account)
    return account
  }

  const connect = () => {
    const existing = consentFor ? state.accounts.get(consentFor) : undefined
    consentFor = undefined
    return existing ?? newAccount({ name: 'Connected X Account' })
  }

  const server = await startSimulatorServer({
    handler: createXHandler(
      state,
      {
        duplicateWindowMs: options.duplicateWindowMs ?? 0,
        ...(options.dailyPostCap !== undefined ? { dailyPostCap: options.dailyPostCap } : {}),
        invalidRequests,
      },
      connect,
    ),
    faults,
    port: options.port,
    host: options.host,
    renderFault: renderXFault,
  })

  const accountOf = (auth: AccountAuth) => {
    const account = state.accounts.get(auth.externalAccountId)
    if (!account)
      throw new Error(
        'The simulator has no X account with this id; create it with createAccount().',
      )
    return account
  }
  const auth = (a: SimAccount): AccountAuth => ({
    accessToken: a.accessToken,
    externalAccountId: a.id,
    refreshToken: a.refreshToken,
  })
  const visible = (text: string) =>
    text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')

  function asPost(tweet: SimTweet): SimulatedPost {
    const replies = state
      .liveTweets()
      .filter((t) => t.referenced_tweets?.some((r) => r.type === 'replied_to' && r.id === tweet.id))
    const m = tweet.metrics
    return {
      externalId: tweet.id,
      createdAt: new Date(tweet.created_at),
      text: visible(tweet.displayText),
      raw: tweet,
      activity: [
        ...replies.map((r) => ({
          kind: 'reply',
          text: `@${state.user(r.author_id)?.username ?? r.author_id}: ${visible(r.displayText)}`,
          at: new Date(r.created_at),
        })),
        {
          kind: 'metrics',
          text: `${m.impression_count} impressions, ${m.like_count} likes, ${m.retweet_count} reposts, ${m.reply_count} replies`,
          at: clock.date(),
        },
      ],
    }
  }

  const simulator: XSimulator = {
    platform: 'twitter',
    baseUrl: server.url,
    requests: server.requests,
    invalidRequests,

    createAccount(input = {}) {
      const existing = input.externalAccountId
        ? state.accounts.get(input.externalAccountId)
        : undefined
      return auth(existing ?? newAccount(input))
    },
    listAccounts: () =>
      [...state.accounts.values()].map((a) => ({
        name: `${a.name} (@${a.username})`,
        auth: auth(a),
      })),
    listPosts(account) {
      const a = accountOf(account)
      return state
        .liveTweets()
        .filter((t) => t.author_id === a.id)
        .sort((x, y) => (BigInt(y.id) > BigInt(x.id) ? 1 : -1))
        .map(asPost)
    },
    ...faultControls(faults),
    // Revoking stands for removing the app in X's settings: it ends access and refresh tokens alike.
    ...tokenControls((accessToken) => state.accountByToken(accessToken)),
    findPost(account, externalId) {
      const a = accountOf(account)
      if (externalId.startsWith('dm:')) {
        const event = state.dms.find((e) => e.id === externalId.slice(3) && e.sender_id === a.id)
        return (
          event && {
            externalId,
            createdAt: new Date(event.created_at),
            text: event.text,
            raw: event,
          }
        )
      }
      const tweet = state.tweets.get(externalId)
      return tweet && !tweet.deleted && tweet.author_id === a.id ? asPost(tweet) : undefined
    },
    countPosts: (account) =>
      state.liveTweets().filter((t) => t.author_id === accountOf(account).id).length,

    simulateInteraction({ account, externalPostId, text, authorName }) {
      const a = accountOf(account)
      const person = state.person(authorName ?? 'X User')
      if (externalPostId === undefined)
        return { externalId: `dm:${sendDm(state, person.id, a.id, text).id}` }
      const parent = state.tweets.get(externalPostId)
      if (!parent || parent.deleted)
        throw new Error(`The simulated account has no post ${externalPostId}.`)
      const id = state.ids.next()
      const prefix = `@${a.username} `
      state.tweets.set(id, {
        id,
        text: prefix + text,
        displayText: text,
        display_text_range: [[...prefix].length, [...prefix].length + [...text].length],
        author_id: person.id,
        created_at: clock.now(),
        conversation_id: parent.conversation_id,
        in_reply_to_user_id: parent.author_id,
        referenced_tweets: [{ type: 'replied_to', id: parent.id }],
        deleted: false,
        metrics: newTweetMetrics(),
      })
      parent.metrics.reply_count++
      return { externalId: id }
    },

    advance(ms) {
      clock.advance(ms)
      const hours = ms / 3_600_000
      for (const a of state.accounts.values())
        a.followers = (a.followers ?? 0) + Math.floor(hours * 5 * random())
      for (const tweet of state.liveTweets()) {
        const m = tweet.metrics
        const grow = (scale: number) => Math.floor(hours * scale * random())
        m.impression_count += grow(120)
        m.like_count += grow(8)
        m.retweet_count += grow(2)
        m.quote_count += grow(1)
        m.bookmark_count += grow(1)
        m.url_link_clicks += grow(3)
        m.user_profile_clicks += grow(2)
      }
    },

    hostMedia: (input) => state.hostedFiles.host(server.url, input, () => state.ids.next()),
    tweet: (id) => state.tweets.get(id),
    account: (accessToken) => state.accountByToken(accessToken),
    nextConsent(account) {
      consentFor = account?.externalAccountId
    },

    close: () => server.close(),
  }
  return simulator
}

export type { SimAccount, SimTweet } from './simulator/state.js'
