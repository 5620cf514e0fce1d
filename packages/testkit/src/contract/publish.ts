/** The contract's checks that a publish lands (sync, or pending until getPublishStatus says so) and that a delete removes it. */
import { describe, expect, it } from 'vitest'
import type { PlatformSimulator } from '../simulator/platform-simulator.js'
import type { ContractContext } from './context.js'
import { publishFailureChecks } from './errors.js'
import { settle } from './support.js'

export function publishChecks<S extends PlatformSimulator>(ctx: ContractContext<S>): void {
  const { options, publish } = ctx
  describe('publish', () => {
    it('publishes and returns an external id the platform holds', async () => {
      const { simulator, provider, account } = ctx
      const result = await settle(
        provider,
        simulator,
        account,
        await publish(options.fixtures.validPost),
      )
      expect(result.status).toBe('published')
      if (result.status !== 'published') return
      expect(result.externalId).toMatch(/\S/)
      expect(result.publishedAt).toBeInstanceOf(Date)
      expect(simulator.findPost(account, result.externalId)).toBeDefined()
    })

    if (options.fixtures.pendingPost) {
      it('turns a pending publish into a published one through getPublishStatus', async () => {
        const { simulator, provider, account } = ctx
        const first = await publish(options.fixtures.pendingPost!)
        expect(first.status).toBe('pending')
        expect(typeof provider.getPublishStatus).toBe('function')
        const result = await settle(provider, simulator, account, first)
        expect(result.status).toBe('published')
        if (result.status === 'published')
          expect(simulator.findPost(account, result.externalId)).toBeDefined()
      })
    } else {
      it('publishes synchronously, as its capabilities say (never pending)', async () => {
        const { provider } = ctx
        expect(provider.capabilities.publishing).toBe('sync')
        const result = await publish(options.fixtures.validPost)
        expect(result.status).toBe('published')
      })
    }

    publishFailureChecks(ctx)
  })
}

export function deleteChecks<S extends PlatformSimulator>(ctx: ContractContext<S>): void {
  const { publishSettled } = ctx
  describe('delete', () => {
    it('deletes a published post when it claims it can', async () => {
      const { simulator, provider, account } = ctx
      if (!provider.capabilities.deletes) return expect(provider.deletePost).toBeUndefined()
      const result = await publishSettled(account)
      await provider.deletePost!({ account, externalId: result.externalId })
      expect(simulator.findPost(account, result.externalId)).toBeUndefined()
    })
  })
}
