import {
  CONTENT_RULES,
  validatePost,
  type AccountAuth,
  type ConnectedAccount,
  type PostDraft,
  type PostMetrics,
  type ProviderCapabilities,
  type SocialProvider,
  type ValidationIssue,
} from '@statex/core'
import type { FetchFn } from '@statex/core/adapter'
import {
  graphPageSize,
  graphWebhooks,
  facebookLoginAuthorization,
  graphClientOptions,
  metaAppCredentials,
} from '@statex/graph'
import { createClient, type ClientOptions } from './client.js'
import { listPageComments, replyTo } from './inbox.js'
import { FACEBOOK_SCOPES, connectPages, noPages } from './oauth.js'
import { findOnPage, publishToPage } from './publish.js'
import { parseFacebookWebhook } from './webhooks.js'

export interface FacebookOptions {
  /** Origin of the Graph API; the simulator's in tests. Default `https://graph.facebook.com`. */
  baseUrl?: string
  /** Graph API version in the path. Default `DEFAULT_GRAPH_API_VERSION` of `@statex/graph`. */
  apiVersion?: string
  fetch?: FetchFn
  /** The Meta app's id: needed for login (`getAuthorizationUrl`, `exchangeCode`). */
  appId?: string
  /** The app secret: login, `appsecret_proof` on every call, and webhook signatures. */
  appSecret?: string
  /** The verify token typed in the app's webhook settings (`hub.verify_token`). */
  verifyToken?: string
  /** Origin of the login dialog. Default `https://www.facebook.com`. */
  dialogBaseUrl?: string
  /** Comments per `listInteractions` page, 1–100. Default 25. */
  pageSize?: number
}

/** Post insights read for metrics (the 2025 "views" names; `post_impressions*` are deprecated). */
export const POST_METRICS = [
  'post_media_view',
  'post_total_media_view_unique',
  'post_clicks',
] as const

/** Page insights read daily for account-level figures (the current names, period `day`). */
export const PAGE_METRICS = ['page_media_view', 'page_total_media_view_unique'] as const

export const FACEBOOK_CAPABILITIES: ProviderCapabilities = {
  content: CONTENT_RULES.facebook,
  publishing: 'sync',
  deletes: true,
  metrics: ['views', 'reach', 'clicks', 'likes', 'comments', 'shares'],
  interactions: {
    types: ['COMMENT', 'REACTION', 'MENTION', 'MESSAGE'],
    delivery: ['webhook', 'polling'],
  },
  connection: 'oauth',
  tokenRefresh: false,
  reconcile: 'by-content',
  notes: [
    'One connected account per Page; Page tokens from a long-lived login do not expire, but a password change, a lost Page role or removing the app revokes them.',
    'Posts go out when the engine says: Graph\u2019s own scheduling (scheduled_publish_time) is not used.',
    'Page events cannot be created through the Graph API any more; create them on Facebook.',
    'Messenger replies are allowed only within 24 hours of the person\u2019s last message.',
    'An unknown outcome is checked by finding a post with the same text among the Page\u2019s recent posts.',
    'Videos are published from a public URL (file_url); Facebook processes them after the post exists.',
  ],
}

function validateFacebookPost(post: PostDraft): ValidationIssue[] {
  const issues = validatePost(post, CONTENT_RULES.facebook)
  const media = post.media ?? []
  if (post.options?.facebook?.story) {
    if (media.length !== 1 || media[0]!.type !== 'image')
      issues.push({
        path: 'options.facebook.story',
        code: 'OPTION_INVALID',
        message:
          'A Page photo story is exactly one image; attach one image or publish a feed post instead.',
      })
  }
  if (post.link && media.length > 0)
    issues.push({
      path: 'link',
      code: 'OPTION_INVALID',
      message:
        'Facebook shows a link preview only on posts without photos or video: put the link in the text, or remove the media.',
    })
  return issues
}

/**
 * The Facebook Pages adapter. One account = one Page: `externalAccountId` is the Page id,
 * `accessToken` its Page token.
 * @see https://developers.facebook.com/docs/pages-api
 */
export function facebook(options: FacebookOptions = {}) {
  const clientOptions: ClientOptions = graphClientOptions(options)
  const client = (account: AccountAuth) => createClient(clientOptions, account.accessToken)
  const pageSize = graphPageSize(options.pageSize)

  const appCredentials = () => metaAppCredentials('facebook', options)

  const provider = {
    platform: 'facebook',
    capabilities: FACEBOOK_CAPABILITIES,
    validate: validateFacebookPost,
    publish: (input: Parameters<SocialProvider['publish']>[0]) =>
      publishToPage(client(input.account), input),
    findPublished: (input: Parameters<NonNullable<SocialProvider['findPublished']>>[0]) =>
      findOnPage(client(input.account), input),

    async deletePost(input: { account: AccountAuth; externalId: string; signal?: AbortSignal }) {
      await client(input.account).deleteObject(input.externalId, input.signal)
    },

    async fetchMetrics(input: {
      account: AccountAuth
      externalIds: string[]
      signal?: AbortSignal
    }) {
      const api = client(input.account)
      const results: PostMetrics[] = []
      for (const externalId of input.externalIds) {
        const engagement = await api.engagement(externalId, input.signal)
        const insights = await api.insights(externalId, POST_METRICS, input.signal)
        const value = (name: string) => {
          const found = insights.data.find((m) => m.name === name)?.values?.[0]?.value
          return typeof found === 'number' ? found : undefined
        }
        results.push({
          externalId,
          collectedAt: new Date(),
          views: value('post_media_view'),
          reach: value('post_total_media_view_unique'),
          clicks: value('post_clicks'),
          likes: engagement.reactions?.summary?.total_count ?? 0,
          comments: engagement.comments?.summary?.total_count ?? 0,
          shares: engagement.shares?.count ?? 0,
          raw: { engagement, insights: insights.data },
        })
      }
      return results
    },

    /**
     * Followers (`followers_count`) and the last day's Page views and viewers: `page_media_view`
     * and `page_total_media_view_unique`, which replaced `page_impressions` and
     * `page_impressions_unique` (deprecated for every version on 2025-11-15 and 2025-06-15).
     * @see https://developers.facebook.com/docs/platforminsights/page/deprecated-metrics
     */
    async fetchAccountMetrics(input: { account: AccountAuth; signal?: AbortSignal }) {
      const api = client(input.account)
      const pageId = input.account.externalAccountId
      const page = await api.pageFigures(pageId, input.signal)
      const insights = await api.pageInsights(pageId, PAGE_METRICS, input.signal)
      const lastDay = (name: string) => {
        const found = insights.data.find((m) => m.name === name)?.values?.at(-1)?.value
        return typeof found === 'number' ? found : undefined
      }
      const followers = page.followers_count ?? page.fan_count
      const impressions = lastDay('page_media_view')
      const reach = lastDay('page_total_media_view_unique')
      return {
        collectedAt: new Date(),
        ...(followers !== undefined ? { followers } : {}),
        ...(impressions !== undefined ? { impressions } : {}),
        ...(reach !== undefined ? { reach } : {}),
        raw: { page, insights: insights.data },
      }
    },

    listInteractions: (input: {
      account: AccountAuth
      since?: Date
      cursor?: string
      signal?: AbortSignal
    }) => listPageComments(client(input.account), { ...input, pageSize }),

    reply: (input: Parameters<NonNullable<SocialProvider['reply']>>[0]) =>
      replyTo(client(input.account), input),

    comment: async ({ account, externalPostId, text, signal }) => ({
      externalId: (await client(account).comment(externalPostId, text, signal)).id,
    }),

    /** The Facebook Login dialog asking for the Pages permissions. */
    getAuthorizationUrl: facebookLoginAuthorization({
      platform: 'facebook',
      options,
      apiVersion: clientOptions.apiVersion!,
      defaultScopes: FACEBOOK_SCOPES,
    }),

    /** Every Page the person granted, one connected account each. */
    exchangeCodeForPages(input: {
      code: string
      redirectUri: string
    }): Promise<ConnectedAccount[]> {
      const credentials = appCredentials()
      return connectPages(
        createClient(clientOptions, undefined).graph,
        (token) => createClient(clientOptions, token).graph,
        {
          ...input,
          ...credentials,
        },
      )
    },

    /** The first Page granted; `exchangeCodeForPages` gives them all. */
    async exchangeCode(input: { code: string; redirectUri: string }): Promise<ConnectedAccount> {
      const [first] = await provider.exchangeCodeForPages(input)
      if (!first) throw noPages()
      return first
    },

    webhooks: graphWebhooks(options, parseFacebookWebhook),
  } satisfies SocialProvider & Record<string, unknown>
  return provider
}

export type FacebookProvider = ReturnType<typeof facebook>
