/** The contract's token checks: expired and revoked tokens map to their kinds; a refused refresh ends as revoked. */
import { describe, expect, it } from 'vitest'
import type { PlatformSimulator } from '../simulator/platform-simulator.js'
import type { ContractContext } from './context.js'
import { expectNoSecret, expectProviderError } from './support.js'

export function tokenChecks<S extends PlatformSimulator>(ctx: ContractContext<S>): void {
  const { options, publish } = ctx
  describe('tokens', () => {
    it('maps an expired token to auth_expired (or has nothing to refresh when tokens never expire)', async () => {
      const { simulator, provider } = ctx
      if (!simulator.expireToken) {
        expect(provider.refreshToken).toBeUndefined()
        expect(provider.capabilities.tokenRefresh).toBe(false)
        return
      }
      const expiring = simulator.createAccount({ name: 'Expiring' })
      simulator.expireToken(expiring.accessToken)
      const error = await expectProviderError(
        publish(options.fixtures.validPost, undefined, expiring),
      )
      expect(error.kind).toBe('auth_expired')
      expectNoSecret(error, expiring)
    })

    it('maps a revoked token to auth_revoked', async () => {
      const { simulator, provider } = ctx
      const revoked = simulator.createAccount({ name: 'Revoked' })
      simulator.revokeToken(revoked.accessToken)
      const error = await expectProviderError(
        publish(options.fixtures.validPost, undefined, revoked),
      )
      expect(error.retryable).toBe(false)
      expectNoSecret(error, revoked)
      // Some platforms (X) answer an expired and a revoked access token alike; then the one
      // refresh the worker tries must be refused as revoked, which ends in the same place.
      if (error.kind === 'auth_expired' && provider.refreshToken && revoked.refreshToken) {
        const refused = await expectProviderError(
          provider.refreshToken({ refreshToken: revoked.refreshToken }),
        )
        expect(refused.kind).toBe('auth_revoked')
        expectNoSecret(refused, revoked)
        return
      }
      expect(error.kind).toBe('auth_revoked')
    })
  })
}
