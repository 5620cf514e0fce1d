import {
  CONTENT_RULES,
  ProviderError,
  validatePost,
  type AccountAuth,
  type ContentRules,
  type PostDraft,
  type ProviderCapabilities,
  type SocialProvider,
  type ValidationIssue,
} from '@statex/core'
import type { FetchFn } from '@statex/core/adapter'
import { z } from 'zod'
import { xClient } from './client.js'
import { listInbox } from './inbox.js'
import { fetchTweetMetrics } from './metrics.js'
import {
  DEFAULT_X_SCOPES,
  xAuthorizationUrl,
  xExchangeCode,
  xRefreshToken,
  type XOAuthConfig,
} from './oauth.js'
import { publishFrom, readCheckpoint, startCheckpoint } from './publish.js'
import { findPublishedTweet } from './reconcile.js'

export interface TwitterOptions {
  /** Origin of the X API (and its token endpoint, `/2/oauth2/token`). Default `https://api.x.com`. */
  baseUrl?: string
  /** The consent page. Default `https://x.com/i/oauth2/authorize`. */
  authorizeUrl?: string
  /** Default: the global `fetch`. Also used to download media from their URLs before upload. */
  fetch?: FetchFn
  /** OAuth 2.0 client id (X developer portal → app → Keys and tokens). Needed to connect and refresh. */
  clientId?: string
  /** Set for confidential clients (web apps): the token endpoint is then called with HTTP Basic. */
  clientSecret?: string
  /** Scopes asked on the consent page. Default: {@link DEFAULT_X_SCOPES}. */
  scopes?: string[]
  /**
   * The weighted length a post may have. 280 for most accounts; X Premium accounts may post up
   * to 25,000. Default 280.
   */
  maxTextLength?: number
  /** Ask for non-public metrics (link and profile clicks) of posts under 30 days old. Default true. */
  privateMetrics?: boolean
  /** `max_results` per listInteractions page: 5–100 for mentions, DMs take the same. Default 100. */
  pageSize?: number
  /**
   * Also read replies in the conversations of the account's latest posts through
   * GET /2/tweets/search/recent, catching replies that do not name the account. Needs a plan with
   * search (X answers 403 client-forbidden otherwise). Default false: mentions carry most replies.
   */
  searchReplies?: boolean
}

const OptionsSchema = z.object({
  baseUrl: z.url().default('https://api.x.com'),
  authorizeUrl: z.url().default('https://x.com/i/oauth2/authorize'),
  fetch: z.custom<FetchFn>((value) => typeof value === 'function').optional(),
  clientId: z.string().min(1).optional(),
  clientSecret: z.string().min(1).optional(),
  scopes: z.array(z.string().min(1)).min(1).optional(),
  maxTextLength: z.number().int().min(1).max(25_000).default(280),
  privateMetrics: z.boolean().default(true),
  pageSize: z.number().int().min(5).max(100).default(100),
  searchReplies: z.boolean().default(false),
})

const NOTES = [
  "X keeps no idempotency marker: after an unknown outcome, findPublished looks for a post with the same text among the account's posts since the attempt (reconcile: by-content).",
  'Access tokens last 2 hours; refresh tokens come only with offline.access and rotate on every refresh, so store the new one before using the new access token.',
  'X answers 401 alike for an expired and a revoked token: refresh once; a refused refresh means the account must be reconnected.',
  'Videos and GIFs are processed by X after upload: publish answers pending until processing succeeds (getPublishStatus continues).',
  'Replies to our posts arrive through the mentions timeline (a reply names the author); searchReplies also reads them by conversation_id, which needs a plan with search.',
  'X refuses a post identical to a recent one from the same account (403 duplicate content).',
  "Private metrics (link and profile clicks) exist only for the author's posts under 30 days old.",
]

export function twitterCapabilities(maxTextLength = 280): ProviderCapabilities {
  return {
    content: {
      ...CONTENT_RULES.twitter,
      text: { ...CONTENT_RULES.twitter.text, max: maxTextLength },
    },
    publishing: 'async',
    deletes: true,
    metrics: ['impressions', 'likes', 'comments', 'shares', 'saves'],
    interactions: { types: ['MENTION', 'COMMENT', 'MESSAGE'], delivery: ['polling'] },
    connection: 'oauth',
    tokenRefresh: true,
    reconcile: 'by-content',
    notes: NOTES,
  }
}

export const TWITTER_CAPABILITIES: ProviderCapabilities = twitterCapabilities()

const REPLY_SETTINGS = ['following', 'mentionedUsers', 'subscribers', 'verified']

/** Checks only X knows: one GIF alone, quote exclusivity, reply settings. */
function twitterIssues(post: PostDraft): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const check = (path: string, media: PostDraft['media']) => {
    const items = media ?? []
    items.forEach((item, i) => {
      if (item.mimeType === 'image/gif' && items.length > 1)
        issues.push({
          path: `${path}[${i}]`,
          code: 'MEDIA_MUST_BE_ALONE',
          message: 'X takes one GIF alone in a post: up to 4 images, or 1 video, or 1 GIF.',
        })
    })
  }
  check('media', post.media)
  post.thread?.forEach((part, i) => check(`thread[${i}].media`, part.media))
  const options = post.options?.twitter
  if (options?.quoteTweetId !== undefined) {
    if (!/^\d{1,19}$/.test(options.quoteTweetId))
      issues.push({
        path: 'options.twitter.quoteTweetId',
        code: 'OPTION_INVALID',
        message: `quoteTweetId must be the numeric id of a post (from its URL, x.com/…/status/<id>); "${options.quoteTweetId}" is not.`,
      })
    if (post.poll || post.media?.length)
      issues.push({
        path: 'options.twitter.quoteTweetId',
        code: 'OPTION_INVALID',
        message: 'X does not take a quote together with media or a poll in one post.',
      })
  }
  if (options?.replySettings !== undefined && !REPLY_SETTINGS.includes(options.replySettings))
    issues.push({
      path: 'options.twitter.replySettings',
      code: 'OPTION_INVALID',
      message: `replySettings must be one of ${REPLY_SETTINGS.join(', ')}.`,
    })
  return issues
}

/**
 * The X adapter (API v2, OAuth 2.0 user context). The account is an X user: `accessToken` is its
 * OAuth 2.0 access token, `externalAccountId` its numeric user id.
 * @see https://docs.x.com/x-api/introduction
 */
export function twitter(options: TwitterOptions = {}): SocialProvider {
  const config = OptionsSchema.parse(options)
  const fetchFn: FetchFn = config.fetch ?? ((...args) => globalThis.fetch(...args))
  const capabilities = twitterCapabilities(config.maxTextLength)
  const rules: ContentRules = capabilities.content
  const clientFor = (account: AccountAuth) =>
    xClient({ baseUrl: config.baseUrl, fetch: fetchFn, token: account.accessToken })
  const oauth: XOAuthConfig = {
    baseUrl: config.baseUrl,
    authorizeUrl: config.authorizeUrl,
    fetch: fetchFn,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    scopes: config.scopes ?? DEFAULT_X_SCOPES,
  }

  return {
    platform: 'twitter',
    capabilities,

    validate: (post) => [...validatePost(post, rules), ...twitterIssues(post)],

    publish({ account, post, resumeFrom, signal }) {
      return publishFrom(
        clientFor(account),
        fetchFn,
        startCheckpoint(account, post, resumeFrom),
        signal,
      )
    },

    getPublishStatus({ account, checkpoint, signal }) {
      const state = readCheckpoint(checkpoint, account)
      if (!state)
        throw new ProviderError({
          kind: 'invalid_request',
          platform: 'twitter',
          message: 'This checkpoint was not made by the X adapter for this account.',
        })
      return publishFrom(
        clientFor(account),
        fetchFn,
        startCheckpoint(account, state.post, checkpoint),
        signal,
      )
    },

    findPublished: (input) => findPublishedTweet(clientFor(input.account), input),

    async deletePost({ account, externalId, signal }) {
      if (externalId.startsWith('dm:'))
        throw new ProviderError({
          kind: 'invalid_request',
          platform: 'twitter',
          message: 'deletePost removes posts; a direct message is not one.',
        })
      const answer = await clientFor(account).deleteTweet(externalId, signal)
      if (!answer.data.deleted)
        throw new ProviderError({
          kind: 'transient',
          platform: 'twitter',
          message: `X did not delete post ${externalId} (deleted: false).`,
        })
    },

    fetchMetrics: ({ account, externalIds, signal }) =>
      fetchTweetMetrics(clientFor(account), {
        externalIds: externalIds.filter((id) => !id.startsWith('dm:')),
        privateMetrics: config.privateMetrics,
        signal,
      }),

    /** Followers, following and post count of the account (`GET /2/users/me`, `public_metrics`). */
    async fetchAccountMetrics({ account, signal }) {
      const { data } = await clientFor(account).me({ 'user.fields': 'public_metrics' }, signal)
      const m = data.public_metrics
      return {
        collectedAt: new Date(),
        ...(m?.followers_count !== undefined ? { followers: m.followers_count } : {}),
        ...(m?.following_count !== undefined ? { following: m.following_count } : {}),
        ...(m?.tweet_count !== undefined ? { posts: m.tweet_count } : {}),
        raw: data,
      }
    },

    listInteractions: ({ account, cursor, since, signal }) =>
      listInbox(clientFor(account), {
        userId: account.externalAccountId,
        cursor,
        since,
        pageSize: config.pageSize,
        searchReplies: config.searchReplies,
        signal,
      }),

    async reply({ account, to, text, signal }) {
      const client = clientFor(account)
      if (to.type === 'MESSAGE') {
        const sent = await client.sendDm(to.author.externalId, text, signal)
        return { externalId: `dm:${sent.data.dm_event_id}` }
      }
      const created = await client.createTweet(
        { text, reply: { in_reply_to_tweet_id: to.externalId } },
        signal,
      )
      return { externalId: created.data.id }
    },

    async comment({ account, externalPostId, text, signal }) {
      const created = await clientFor(account).createTweet(
        { text, reply: { in_reply_to_tweet_id: externalPostId } },
        signal,
      )
      return { externalId: created.data.id }
    },

    getAuthorizationUrl: (input) => xAuthorizationUrl(oauth, input),
    exchangeCode: (input) => xExchangeCode(oauth, input),
    refreshToken: ({ refreshToken }) => xRefreshToken(oauth, refreshToken),
  }
}
