/**
 * The state one contract run shares across its checks: the simulator, the provider and the main
 * account (set in `beforeAll`, so read them inside a test, never at describe time), and the
 * publish helpers built on them.
 */
import type { AccountAuth, PostDraft, PublishResult, SocialProvider } from '@statex/core'
import type { FaultMatch } from '../simulator/faults.js'
import type { PlatformSimulator } from '../simulator/platform-simulator.js'
import type { ProviderContractOptions } from './options.js'
import { idempotencyKey, settle } from './support.js'

export interface ContractContext<S extends PlatformSimulator> {
  readonly options: ProviderContractOptions<S>
  readonly simulator: S
  readonly provider: SocialProvider
  readonly account: AccountAuth
  /** Where the faults that model the platform failing or acting go (see `publishRequest`). */
  readonly onPublish: { match: FaultMatch } | undefined
  publish(post: PostDraft, signal?: AbortSignal, auth?: AccountAuth): Promise<PublishResult>
  /** Publishes the valid fixture for `auth` and waits until the platform has it. */
  publishSettled(auth: AccountAuth): Promise<Extract<PublishResult, { status: 'published' }>>
  start(): Promise<void>
  stop(): Promise<void>
}

export function createContractContext<S extends PlatformSimulator>(
  options: ProviderContractOptions<S>,
): ContractContext<S> {
  let simulator: S | undefined
  let provider: SocialProvider | undefined
  let account: AccountAuth | undefined
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the contract context is read before beforeAll ran')
    return value
  }
  const ctx: ContractContext<S> = {
    options,
    get simulator() {
      return started(simulator)
    },
    get provider() {
      return started(provider)
    },
    get account() {
      return started(account)
    },
    onPublish: options.publishRequest ? { match: options.publishRequest } : undefined,
    publish: (post, signal, auth = ctx.account) =>
      ctx.provider.publish({ account: auth, post, idempotencyKey: idempotencyKey(), signal }),
    async publishSettled(auth) {
      const result = await settle(
        ctx.provider,
        ctx.simulator,
        auth,
        await ctx.publish(options.fixtures.validPost, undefined, auth),
      )
      if (result.status !== 'published')
        throw new Error(`publish did not settle: ${JSON.stringify(result)}`)
      return result
    },
    async start() {
      simulator = await options.simulator()
      provider = options.provider(simulator, {})
      account = simulator.createAccount({ name: 'Contract account' })
    },
    async stop() {
      await simulator?.close()
    },
  }
  return ctx
}
