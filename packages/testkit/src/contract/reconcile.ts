/** The contract's idempotency check: `findPublished` finds a publish whose outcome was unknown, and only that. */
import { describe, expect, it } from 'vitest'
import type { PlatformSimulator } from '../simulator/platform-simulator.js'
import type { ContractContext } from './context.js'
import { expectProviderError, idempotencyKey } from './support.js'

export function reconcileChecks<S extends PlatformSimulator>(ctx: ContractContext<S>): void {
  const { options, onPublish } = ctx
  describe('reconcile (findPublished)', () => {
    {
      it('finds a post whose outcome was unknown, and says null for one that never landed', async () => {
        const { simulator, provider, account } = ctx
        if (provider.capabilities.reconcile === 'none') {
          expect(provider.findPublished).toBeUndefined()
          return
        }
        // Simulator clocks start at the real time and only move forward (advance).
        const after = new Date(Date.now() - 60_000)
        const key = idempotencyKey()
        // Dropped after the platform acted: the caller cannot know it landed.
        simulator.injectFault({ type: 'drop_after_receive' }, onPublish)
        const error = await expectProviderError(
          provider.publish({ account, post: options.fixtures.validPost, idempotencyKey: key }),
        )
        expect(error.outcome).toBe('unknown')
        simulator.advance(60_000)
        const found = await provider.findPublished!({
          account,
          post: options.fixtures.validPost,
          idempotencyKey: key,
          after,
        })
        expect(found?.status).toBe('published')
        if (found?.status === 'published')
          expect(simulator.findPost(account, found.externalId)).toBeDefined()

        const fresh = simulator.createAccount({ name: 'Never posted' })
        const missing = await provider.findPublished!({
          account: fresh,
          post: options.fixtures.validPost,
          idempotencyKey: idempotencyKey(),
          after,
        })
        expect(missing).toBeNull()
      })
    }
  })
}
