import {
  CONTENT_RULES,
  ProviderError,
  type AccountAuth,
  type ConnectedAccount,
  type PostMetrics,
  type ProviderCapabilities,
  type SocialProvider,
} from '@statex/core'
import type { FetchFn } from '@statex/core/adapter'
import {
  graphPageSize,
  graphWebhooks,
  facebookLoginPages,
  facebookLoginAuthorization,
  graphClientOptions,
  metaAppCredentials,
} from '@statex/graph'
import { createClient, type ClientOptions } from './client.js'
import { listMediaComments, replyTo } from './inbox.js'
import { findOnInstagram, publishStatus, publishToInstagram } from './publish.js'
import { pageWithInstagramSchema } from './schemas.js'
import { validateInstagramPost } from './validate.js'
import { parseInstagramWebhook } from './webhooks.js'

export interface InstagramOptions {
  /** Origin of the Graph API; the simulator's in tests. Default: the `login` host. */
  baseUrl?: string
  /**
   * `facebook` (default): Instagram API with Facebook Login, graph.facebook.com, a Page token and
   * the Page's linked professional account. `instagram`: Instagram API with Instagram Login,
   * graph.instagram.com and an Instagram user token.
   */
  login?: 'facebook' | 'instagram'
  apiVersion?: string
  fetch?: FetchFn
  /** The Meta app's id and secret: login, `appsecret_proof`, webhook signatures. */
  appId?: string
  appSecret?: string
  /** The verify token typed in the app's webhook settings. */
  verifyToken?: string
  dialogBaseUrl?: string
  /** Comments per `listInteractions` page, 1–100. Default 25. */
  pageSize?: number
}

/** Media insights read for metrics (2025 names: `views` replaced `impressions` and `plays`). */
export const MEDIA_METRICS = ['reach', 'likes', 'comments', 'saved', 'shares', 'views'] as const

/**
 * Account insights read daily: `reach` and `views` (which replaced `impressions`, gone for every
 * version on 2025-04-21), as one total for the last day (`metric_type=total_value`).
 */
export const ACCOUNT_METRICS = ['reach', 'views'] as const

/** Facebook Login permissions for publishing, comments, insights and messages of a linked professional account. */
export const INSTAGRAM_SCOPES = [
  'instagram_basic',
  'instagram_content_publish',
  'instagram_manage_comments',
  'instagram_manage_insights',
  'instagram_manage_messages',
  'pages_show_list',
  'pages_read_engagement',
  'business_management',
] as const

export const INSTAGRAM_CAPABILITIES: ProviderCapabilities = {
  content: CONTENT_RULES.instagram,
  publishing: 'async',
  deletes: false,
  metrics: ['reach', 'likes', 'comments', 'saves', 'shares', 'views'],
  interactions: {
    types: ['COMMENT', 'MENTION', 'MESSAGE', 'REACTION'],
    delivery: ['webhook', 'polling'],
  },
  connection: 'oauth',
  tokenRefresh: false,
  reconcile: 'by-content',
  notes: [
    'Professional (business or creator) accounts only; the Basic Display API was shut down in December 2024 and never allowed publishing.',
    'Published media cannot be deleted through the API: delete it in the Instagram app.',
    'Media must be at public https URLs: Instagram downloads them when the container is created.',
    'Each account may publish a limited number of posts per 24 hours through the API (content_publishing_limit); a carousel counts as one.',
    'Videos are processed after the container is created: the post is pending until Instagram finishes.',
    'Direct-message replies are allowed only within 24 hours of the person\u2019s last message.',
  ],
}

/**
 * The Instagram adapter (professional accounts). One account = one Instagram account:
 * `externalAccountId` is its IG user id, `accessToken` the token of its Page (Facebook Login) or
 * its Instagram user token (Instagram Login).
 * @see https://developers.facebook.com/docs/instagram-platform/content-publishing
 */
export function instagram(options: InstagramOptions = {}) {
  const clientOptions: ClientOptions = {
    ...graphClientOptions(options),
    host: options.login === 'instagram' ? 'instagram' : 'facebook',
  }
  const client = (account: AccountAuth) => createClient(clientOptions, account.accessToken)
  const pageSize = graphPageSize(options.pageSize)

  const appCredentials = () => metaAppCredentials('instagram', options)

  const provider = {
    platform: 'instagram',
    capabilities: INSTAGRAM_CAPABILITIES,
    validate: validateInstagramPost,
    publish: (input: Parameters<SocialProvider['publish']>[0]) =>
      publishToInstagram(client(input.account), input),
    getPublishStatus: (input: Parameters<NonNullable<SocialProvider['getPublishStatus']>>[0]) =>
      publishStatus(client(input.account), input),
    findPublished: (input: Parameters<NonNullable<SocialProvider['findPublished']>>[0]) =>
      findOnInstagram(client(input.account), input),

    async fetchMetrics(input: {
      account: AccountAuth
      externalIds: string[]
      signal?: AbortSignal
    }) {
      const api = client(input.account)
      const results: PostMetrics[] = []
      for (const externalId of input.externalIds) {
        const insights = await api.insights(externalId, MEDIA_METRICS, input.signal)
        const value = (name: string) => {
          const metric = insights.data.find((m) => m.name === name)
          const found = metric?.total_value?.value ?? metric?.values?.[0]?.value
          return typeof found === 'number' ? found : undefined
        }
        results.push({
          externalId,
          collectedAt: new Date(),
          reach: value('reach'),
          likes: value('likes'),
          comments: value('comments'),
          saves: value('saved'),
          shares: value('shares'),
          views: value('views'),
          raw: insights.data,
        })
      }
      return results
    },

    /** Followers, follows and media count of the profile, and the last day's reach and views. */
    async fetchAccountMetrics(input: { account: AccountAuth; signal?: AbortSignal }) {
      const api = client(input.account)
      const userId = input.account.externalAccountId
      const profile = await api.profile(userId, input.signal)
      const insights = await api.accountInsights(userId, ACCOUNT_METRICS, input.signal)
      const total = (name: string) => {
        const found = insights.data.find((m) => m.name === name)?.total_value?.value
        return typeof found === 'number' ? found : undefined
      }
      const figures = {
        followers: profile.followers_count,
        following: profile.follows_count,
        posts: profile.media_count,
        reach: total('reach'),
        impressions: total('views'),
      }
      return {
        collectedAt: new Date(),
        ...Object.fromEntries(Object.entries(figures).filter(([, v]) => v !== undefined)),
        raw: { profile, insights: insights.data },
      }
    },

    listInteractions: (input: {
      account: AccountAuth
      since?: Date
      cursor?: string
      signal?: AbortSignal
    }) => listMediaComments(client(input.account), { ...input, pageSize }),

    reply: (input: Parameters<NonNullable<SocialProvider['reply']>>[0]) =>
      replyTo(client(input.account), input),

    comment: async ({ account, externalPostId, text, signal }) => ({
      externalId: (await client(account).commentOnMedia(externalPostId, text, signal)).id,
    }),

    /** The Facebook Login dialog asking for the Instagram permissions. */
    getAuthorizationUrl: facebookLoginAuthorization({
      platform: 'instagram',
      options,
      apiVersion: clientOptions.apiVersion!,
      defaultScopes: INSTAGRAM_SCOPES,
    }),

    /** Every professional account linked to a Page the person granted, one connected account each. */
    async exchangeCodeForAccounts(input: {
      code: string
      redirectUri: string
    }): Promise<ConnectedAccount[]> {
      const pages = await facebookLoginPages({
        app: createClient(clientOptions, undefined).graph,
        user: (token) => createClient(clientOptions, token).graph,
        ...appCredentials(),
        ...input,
        fields:
          'id,name,access_token,instagram_business_account{id,username,name,profile_picture_url}',
        page: pageWithInstagramSchema,
      })
      return pages.flatMap((page) => {
        const ig = page.instagram_business_account
        if (!ig) return []
        return [
          {
            platform: 'instagram' as const,
            externalAccountId: ig.id,
            displayName: ig.name ?? ig.username ?? page.name,
            ...(ig.username ? { handle: `@${ig.username}` } : {}),
            ...(ig.profile_picture_url ? { avatarUrl: ig.profile_picture_url } : {}),
            tokens: { accessToken: page.access_token, tokenType: 'bearer' },
            raw: { pageId: page.id, pageName: page.name, instagram: ig },
          },
        ]
      })
    },

    async exchangeCode(input: { code: string; redirectUri: string }): Promise<ConnectedAccount> {
      const [first] = await provider.exchangeCodeForAccounts(input)
      if (!first)
        throw new ProviderError({
          kind: 'invalid_request',
          platform: 'instagram',
          message:
            'None of the granted Pages has an Instagram professional account linked: switch the Instagram account to business or creator, link it to a Page, and select that Page at login.',
        })
      return first
    },

    webhooks: graphWebhooks(options, parseInstagramWebhook),
  } satisfies SocialProvider & Record<string, unknown>
  return provider
}

export type InstagramProvider = ReturnType<typeof instagram>
