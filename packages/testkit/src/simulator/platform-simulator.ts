import type { AccountAuth, Platform, WebhookRequest } from '@statex/core'
import type { Fault, FaultMatch } from './faults.js'
import type { RecordedRequest } from './server.js'

/** What a simulator holds for one published post or message. */
export interface SimulatedPost {
  externalId: string
  createdAt: Date
  /** Comments, messages or statuses attached to it, in the simulator's own words (for the sandbox page). */
  activity?: { kind: string; text: string; at: Date }[]
  /** The text as the platform stored it. */
  text: string
  /** The raw stored object, in the platform's shape. */
  raw: unknown
}

/**
 * The control surface every platform simulator offers to tests, the contract kit and the sandbox.
 * The platform itself is reached over HTTP at `baseUrl`, exactly as the adapter reaches the real one.
 */
export interface PlatformSimulator {
  readonly platform: Platform
  /** Origin that replaces the platform's API origin (the adapter's `baseUrl` option). */
  readonly baseUrl: string
  /** Every request received, in order. */
  readonly requests: readonly RecordedRequest[]

  /**
   * Creates an account (bot + channel, phone number, page…) and returns the auth an adapter needs.
   * The sandbox passes fixed `accessToken`/`externalAccountId` so its accounts survive restarts.
   */
  createAccount(input?: {
    name?: string
    accessToken?: string
    externalAccountId?: string
  }): AccountAuth

  /** Every account, for the sandbox pages. */
  listAccounts(): { name: string; auth: AccountAuth }[]
  /** Every post/message the account published, newest first, for the sandbox pages. */
  listPosts(account: AccountAuth): SimulatedPost[]

  /** Queues a fault for the next matching request(s). */
  injectFault(fault: Fault, options?: { match?: FaultMatch; times?: number }): void
  clearFaults(): void

  /** Makes the token answer as expired. Absent when the platform's tokens never expire. */
  expireToken?(accessToken: string): void
  /** Makes the token answer as revoked (the user removed the app, the bot token was reset). */
  revokeToken(accessToken: string): void

  /** The post as the platform holds it, or `undefined` when it has none with this id. */
  findPost(account: AccountAuth, externalId: string): SimulatedPost | undefined
  /** How many posts/messages the account has published. */
  countPosts(account: AccountAuth): number

  /**
   * A person answers: a comment on a post, a message to the account. Returns the id the platform
   * gave it. Also queued for webhook delivery where the platform pushes.
   */
  simulateInteraction(input: {
    account: AccountAuth
    externalPostId?: string
    text: string
    authorName?: string
  }): { externalId: string }

  /** Moves the simulator's clock: engagement grows, windows close, containers finish. */
  advance(ms: number): void

  /**
   * A webhook delivery for one inbound interaction, signed as the platform signs it. Absent for
   * platforms (or setups) that do not push.
   */
  webhookDelivery?(input: { account: AccountAuth; text: string }): WebhookRequest

  close(): Promise<void>
}
