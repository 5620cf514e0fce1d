/** What an adapter hands the contract suite: its simulator, its provider and its fixtures. */
import type { PostDraft, SocialProvider } from '@statex/core'
import type { FaultMatch } from '../simulator/faults.js'
import type { PlatformSimulator } from '../simulator/platform-simulator.js'

export interface ProviderContractOptions<S extends PlatformSimulator> {
  /** Starts a fresh simulator; the kit closes it after the suite. */
  simulator: () => Promise<S>
  /**
   * Builds the provider against the simulator. The kit passes `baseUrl` to point it elsewhere
   * (a closed port, to test a refused connection); otherwise use `simulator.baseUrl`.
   */
  provider: (simulator: S, overrides: { baseUrl?: string }) => SocialProvider
  fixtures: {
    /** A post the platform accepts (for this account). */
    validPost: PostDraft
    /** A post with several problems at once, and every `path` validate() must report for it. */
    invalidPost: { post: PostDraft; paths: string[] }
    /** A post the platform processes asynchronously; required when `capabilities.publishing` is `async`. */
    pendingPost?: PostDraft
  }
  /**
   * The request of a publish that makes the post exist, when a publish takes several (Instagram's
   * `media_publish` after its container): the faults that model the platform failing or acting
   * target it. Default: the first request the publish sends.
   */
  publishRequest?: FaultMatch
  /** How many interactions to seed for the paging check; more than one page of the adapter's page size. */
  interactionsToSeed?: number
  /**
   * How the platform authenticates webhook deliveries. `signature` (default): an HMAC over the raw
   * body, so a changed body must fail `verify`. `shared-secret`: a secret header that does not
   * cover the body (Telegram's X-Telegram-Bot-Api-Secret-Token), so only a forged or missing
   * header must fail.
   */
  webhookAuthentication?: 'signature' | 'shared-secret'
}
