import {
  CONTENT_RULES,
  ProviderError,
  validatePost,
  type PostDraft,
  type ProviderCapabilities,
  type SocialProvider,
  type ValidationIssue,
} from '@statex/core'
import type { FetchFn } from '@statex/core/adapter'
import { z } from 'zod'
import { linkedinClient } from './client.js'
import { listComments } from './inbox.js'
import { fetchAuthorFigures, fetchPostMetrics } from './metrics.js'
import {
  DEFAULT_LINKEDIN_SCOPES,
  linkedinAuthorizationUrl,
  linkedinExchangeCode,
  linkedinRefreshToken,
  type LinkedInOAuthConfig,
} from './oauth.js'
import { publishPost } from './publish.js'
import { findPublishedPost } from './reconcile.js'

/** A recent version; LinkedIn sunsets each about a year after release, so bump it yearly. */
export const DEFAULT_LINKEDIN_VERSION = '202611'

export interface LinkedInOptions {
  /** Origin of the REST API (`/rest/...`, `/v2/userinfo`). Default `https://api.linkedin.com`. */
  baseUrl?: string
  /** Origin of the OAuth pages and token endpoint. Default `https://www.linkedin.com`. */
  oauthBaseUrl?: string
  /** `LinkedIn-Version` header, `YYYYMM`. Default {@link DEFAULT_LINKEDIN_VERSION}. */
  version?: string
  fetch?: FetchFn
  clientId?: string
  clientSecret?: string
  scopes?: string[]
  /** Comments per listInteractions page, 1–100. Default 50. */
  pageSize?: number
  /** How many of the account's latest posts listInteractions reads comments of. Default 10. */
  recentPosts?: number
}

const OptionsSchema = z.object({
  baseUrl: z.url().default('https://api.linkedin.com'),
  oauthBaseUrl: z.url().default('https://www.linkedin.com'),
  version: z
    .string()
    .regex(/^\d{6}$/, 'LinkedIn-Version is YYYYMM, e.g. 202611')
    .default(DEFAULT_LINKEDIN_VERSION),
  fetch: z.custom<FetchFn>((value) => typeof value === 'function').optional(),
  clientId: z.string().min(1).optional(),
  clientSecret: z.string().min(1).optional(),
  scopes: z.array(z.string().min(1)).min(1).optional(),
  pageSize: z.number().int().min(1).max(100).default(50),
  recentPosts: z.number().int().min(1).max(100).default(10),
})

export const LINKEDIN_CAPABILITIES: ProviderCapabilities = {
  content: CONTENT_RULES.linkedin,
  publishing: 'sync',
  deletes: true,
  // What every account gets; organization posts also get impressions, reach, clicks and shares.
  metrics: ['likes', 'comments'],
  interactions: { types: ['COMMENT'], delivery: ['polling'] },
  connection: 'oauth',
  tokenRefresh: true,
  reconcile: 'by-content',
  notes: [
    "LinkedIn's API gives ordinary apps no messaging and no automated connection requests: the inbox holds comments only.",
    'Access tokens last 60 days; refresh tokens (365 days, not extended by refreshing) exist only for apps LinkedIn approved for programmatic refresh. Others must reconnect before expiry (tokens.expiresAt).',
    'Organization pages get impressions, unique impressions, clicks, likes, comments and shares; member posts only likes and comments (member analytics are closed to ordinary apps).',
    "LinkedIn keeps no idempotency marker: findPublished lists the author's posts and matches the commentary. Listing a member's posts needs r_member_social (approved partners only); without it a person must check.",
    'The commentary is "little text": the adapter escapes every reserved character, and makes mentions (options.linkedin.mentions) and #hashtags on purpose only.',
    'Rate limits are daily and reset at midnight UTC; LinkedIn sends no reset header.',
    'Videos are processed by LinkedIn after the post is created; the post shows once processing is done.',
  ],
}

const URN = /^urn:li:(person|organization):[A-Za-z0-9_-]+$/

function linkedinIssues(post: PostDraft): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const options = post.options?.linkedin
  if (
    options?.visibility !== undefined &&
    !['PUBLIC', 'CONNECTIONS', 'LOGGED_IN'].includes(options.visibility)
  )
    issues.push({
      path: 'options.linkedin.visibility',
      code: 'OPTION_INVALID',
      message: 'visibility must be PUBLIC, CONNECTIONS or LOGGED_IN.',
    })
  options?.mentions?.forEach((m, i) => {
    if (!URN.test(m.urn))
      issues.push({
        path: `options.linkedin.mentions[${i}].urn`,
        code: 'OPTION_INVALID',
        message: `A mention needs a person or organization URN (urn:li:person:… or urn:li:organization:…); "${m.urn}" is not one.`,
      })
    if (!m.name.trim() || !(post.text ?? '').includes(`@${m.name}`))
      issues.push({
        path: `options.linkedin.mentions[${i}].name`,
        code: 'OPTION_INVALID',
        message: `The text has no "@${m.name}" to turn into a mention.`,
      })
  })
  return issues
}

/**
 * The LinkedIn adapter (Posts API, versioned REST). The account is an author: `externalAccountId`
 * is its URN (`urn:li:person:…` for a member, `urn:li:organization:…` for a page), `accessToken`
 * the member's OAuth token (a page is acted for by an administrator's token).
 * @see https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api
 */
export function linkedin(options: LinkedInOptions = {}): SocialProvider {
  const config = OptionsSchema.parse(options)
  const fetchFn: FetchFn = config.fetch ?? ((...args) => globalThis.fetch(...args))
  const clientFor = (accessToken: string) =>
    linkedinClient({
      baseUrl: config.baseUrl,
      fetch: fetchFn,
      token: accessToken,
      version: config.version,
    })
  const oauth: LinkedInOAuthConfig = {
    baseUrl: config.baseUrl,
    oauthBaseUrl: config.oauthBaseUrl,
    fetch: fetchFn,
    version: config.version,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    scopes: config.scopes ?? DEFAULT_LINKEDIN_SCOPES,
  }

  return {
    platform: 'linkedin',
    capabilities: LINKEDIN_CAPABILITIES,
    validate: (post) => [...validatePost(post, CONTENT_RULES.linkedin), ...linkedinIssues(post)],
    publish: ({ account, post, signal }) =>
      publishPost(clientFor(account.accessToken), fetchFn, { account, post, signal }),
    findPublished: (input) => findPublishedPost(clientFor(input.account.accessToken), input),
    deletePost: ({ account, externalId, signal }) =>
      clientFor(account.accessToken).deletePost(externalId, signal),
    fetchMetrics: ({ account, externalIds, signal }) =>
      fetchPostMetrics(clientFor(account.accessToken), {
        author: account.externalAccountId,
        externalIds,
        signal,
      }),
    fetchAccountMetrics: ({ account, signal }) =>
      fetchAuthorFigures(clientFor(account.accessToken), {
        author: account.externalAccountId,
        signal,
      }),
    listInteractions: ({ account, cursor, since, signal }) =>
      listComments(clientFor(account.accessToken), {
        author: account.externalAccountId,
        cursor,
        since,
        pageSize: config.pageSize,
        recentPosts: config.recentPosts,
        signal,
      }),
    async reply({ account, to, text, signal }) {
      const post = to.externalPostId
      if (to.type !== 'COMMENT' || !post)
        throw new ProviderError({
          kind: 'invalid_request',
          platform: 'linkedin',
          message: 'LinkedIn replies are comments on a post: answer a COMMENT interaction.',
        })
      const urn = await clientFor(account.accessToken).createComment(
        post,
        {
          actor: account.externalAccountId,
          object: post,
          message: { text },
          // LinkedIn nests one level: an answer to a reply joins its top-level comment's thread.
          parentComment: to.parentExternalId ?? to.externalId,
        },
        signal,
      )
      return { externalId: urn }
    },
    async comment({ account, externalPostId, text, signal }) {
      const urn = await clientFor(account.accessToken).createComment(
        externalPostId,
        { actor: account.externalAccountId, object: externalPostId, message: { text } },
        signal,
      )
      return { externalId: urn }
    },
    getAuthorizationUrl: (input) => linkedinAuthorizationUrl(oauth, input),
    exchangeCode: (input) => linkedinExchangeCode(oauth, input),
    refreshToken: ({ refreshToken }) => linkedinRefreshToken(oauth, refreshToken),
  }
}
