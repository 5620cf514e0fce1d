import type { AccountAuth, ConnectedAccount, TokenSet } from './auth.js'
import type { ContentRules } from './content-rules.js'
import type { Platform } from './platform.js'
import type { PostDraft } from './post.js'
import type {
  AccountMetrics,
  Interaction,
  InteractionType,
  PostMetrics,
  PublishCheckpoint,
  PublishResult,
  WebhookEvent,
} from './results.js'
import type { ValidationIssue } from './validation.js'

export type MetricField =
  'impressions' | 'reach' | 'likes' | 'comments' | 'shares' | 'clicks' | 'saves' | 'views'

/** What an adapter can do, stated honestly; the apps and the composer read it instead of guessing. */
export interface ProviderCapabilities {
  /** Content types, text limit and how it is counted, media limits, threads, polls, carousels. */
  content: ContentRules
  /** `async` when the platform processes a post after accepting it (Instagram containers). */
  publishing: 'sync' | 'async'
  deletes: boolean
  /** Per-post metrics the platform gives; empty when it gives none (the Telegram Bot API). */
  metrics: readonly MetricField[]
  interactions: {
    types: readonly InteractionType[]
    /** How they arrive: pushed to a webhook, or pulled by polling `listInteractions`. */
    delivery: readonly ('webhook' | 'polling')[]
  }
  /** `oauth` when accounts connect through `getAuthorizationUrl`/`exchangeCode`; `token` when a person pastes a token. */
  connection: 'oauth' | 'token'
  tokenRefresh: boolean
  /**
   * How `findPublished` can tell whether a post whose outcome is unknown landed:
   * - `exact`: the platform keeps our idempotency marker, so a match is certain;
   * - `by-content`: the adapter lists the account's recent posts and matches the text;
   * - `none`: the platform offers no way to look (a person must check before re-posting).
   */
  reconcile: 'exact' | 'by-content' | 'none'
  /**
   * What a rate limit the platform announces covers: `account` when a 429 on any call holds
   * every call of the account (Telegram's flood control is the bot's), `endpoint` (the default)
   * when reads and writes are limited apart (X, LinkedIn, Meta's Graph API), so a rate-limited
   * read never holds a post back.
   */
  rateLimitScope?: 'account' | 'endpoint'
  /** Notes a person should know (what the API cannot do). */
  notes?: readonly string[]
}

export interface PublishInput {
  account: AccountAuth
  post: PostDraft
  /**
   * Stable for every attempt at the same target. Sent to platforms that de-duplicate on it;
   * adapters for other platforms may use it to recognise their own earlier attempt.
   */
  idempotencyKey: string
  signal?: AbortSignal
  /** Progress from a `ProviderError.progress` of an earlier attempt: continue, never repeat. */
  resumeFrom?: PublishCheckpoint
}

export interface FindPublishedInput {
  account: AccountAuth
  post: PostDraft
  /** The same key the earlier `publish` attempt was given. */
  idempotencyKey: string
  /** Only posts created after this instant count (the start of the uncertain attempt, minus clock skew). */
  after: Date
  signal?: AbortSignal
}

export interface WebhookRequest {
  headers: Record<string, string | string[] | undefined>
  rawBody: string | Uint8Array
  query?: Record<string, string | undefined>
}

export interface SocialProvider {
  readonly platform: Platform
  readonly capabilities: ProviderCapabilities
  /** Every problem with `post` at once; pure. */
  validate(post: PostDraft): ValidationIssue[]
  publish(input: PublishInput): Promise<PublishResult>
  /**
   * After a timeout or a dropped connection, says whether the post landed: the published result
   * when a post of this account created after `after` matches (by the idempotency marker where the
   * platform keeps one, else by its text), `null` when it certainly does not exist, and a
   * `ProviderError` when it cannot tell. Present exactly when `capabilities.reconcile` is not `none`.
   */
  findPublished?(input: FindPublishedInput): Promise<PublishResult | null>
  getPublishStatus?(input: {
    account: AccountAuth
    checkpoint: PublishCheckpoint
    signal?: AbortSignal
  }): Promise<PublishResult>
  deletePost?(input: {
    account: AccountAuth
    externalId: string
    signal?: AbortSignal
  }): Promise<void>
  /**
   * The current figures of any number of the account's posts, in as few calls as the platform
   * allows (X: 100 ids per call). A post deleted on the platform is left out of the answer (or,
   * asked alone, may throw `not_found`); the metrics sync marks a post left out a few times in a
   * row as deleted.
   */
  fetchMetrics?(input: {
    account: AccountAuth
    externalIds: string[]
    signal?: AbortSignal
  }): Promise<PostMetrics[]>
  /**
   * Account-level figures (followers, page reach) now. Optional and independent of
   * `capabilities.metrics` (which lists per-post fields); the metrics sync asks once a day.
   */
  fetchAccountMetrics?(input: {
    account: AccountAuth
    signal?: AbortSignal
  }): Promise<AccountMetrics>
  listInteractions?(input: {
    account: AccountAuth
    since?: Date
    cursor?: string
    signal?: AbortSignal
  }): Promise<{ items: Interaction[]; nextCursor?: string }>
  reply?(input: {
    account: AccountAuth
    to: Interaction
    text: string
    signal?: AbortSignal
  }): Promise<{ externalId: string }>
  /**
   * A comment under one of our own published posts (`externalPostId` as `publish` returned it):
   * the "first comment" posted right after the post. A reply tweet on X. Never retried by the
   * adapter; the engine sends it at most once.
   */
  comment?(input: {
    account: AccountAuth
    externalPostId: string
    text: string
    signal?: AbortSignal
  }): Promise<{ externalId: string }>
  getAuthorizationUrl?(input: {
    state: string
    redirectUri: string
    codeChallenge?: string
    scopes?: string[]
  }): URL
  exchangeCode?(input: {
    code: string
    redirectUri: string
    codeVerifier?: string
  }): Promise<ConnectedAccount>
  refreshToken?(input: { refreshToken: string }): Promise<TokenSet>
  /**
   * For `connection: 'token'` platforms: checks a pasted token against the platform (it is valid
   * and reaches `externalAccountId`) and returns the account to store. Throws `ProviderError`
   * (`auth_revoked`/`auth_expired` for a bad token, `not_found` or `invalid_request` for an account it cannot reach).
   */
  connectWithToken?(input: {
    accessToken: string
    externalAccountId: string
    signal?: AbortSignal
  }): Promise<ConnectedAccount>
  webhooks?: {
    /** True only for a request the platform signed; uses the raw body, compares in constant time. */
    verify(input: WebhookRequest): boolean
    /** The answer to the platform's subscription handshake, or `undefined` to refuse it. */
    challenge?(input: { query: Record<string, string | undefined> }): string | undefined
    parse(input: { body: unknown }): WebhookEvent[]
  }
}

export class CapabilityMismatchError extends Error {
  override readonly name = 'CapabilityMismatchError'
}

/**
 * Checks at start-up that a provider has the methods its capabilities claim, so a gap shows when
 * the app boots rather than when the first job needs it. Returns the provider for chaining.
 */
export function assertProviderImplements<P extends SocialProvider>(provider: P): P {
  const c = provider.capabilities
  const missing: string[] = []
  const need = (cond: boolean, method: string) => {
    if (cond && typeof (provider as unknown as Record<string, unknown>)[method] !== 'function')
      missing.push(method)
  }
  need(c.publishing === 'async', 'getPublishStatus')
  need(c.deletes, 'deletePost')
  need(c.metrics.length > 0, 'fetchMetrics')
  need(c.interactions.delivery.includes('polling'), 'listInteractions')
  need(c.connection === 'oauth', 'getAuthorizationUrl')
  need(c.connection === 'oauth', 'exchangeCode')
  need(c.tokenRefresh, 'refreshToken')
  need(c.connection === 'token', 'connectWithToken')
  need(c.reconcile !== 'none', 'findPublished')
  if (c.interactions.delivery.includes('webhook') && !provider.webhooks) missing.push('webhooks')
  if (c.content.platform !== provider.platform)
    missing.push(`capabilities.content for ${provider.platform}`)
  if (missing.length) {
    throw new CapabilityMismatchError(
      `The ${provider.platform} provider claims capabilities it does not implement: ${missing.join(', ')}.`,
    )
  }
  return provider
}
