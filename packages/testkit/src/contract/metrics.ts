/** The contract's metrics check: the claimed fields are non-negative integers that grow. */
import { describe, expect, it } from 'vitest'
import type { PlatformSimulator } from '../simulator/platform-simulator.js'
import type { ContractContext } from './context.js'

export function metricsChecks<S extends PlatformSimulator>(ctx: ContractContext<S>): void {
  const { publishSettled } = ctx
  describe('metrics', () => {
    it('normalises metrics for the fields it claims, and they grow over time', async () => {
      const { simulator, provider, account } = ctx
      if (provider.capabilities.metrics.length === 0) {
        expect(provider.fetchMetrics).toBeUndefined()
        return
      }
      const result = await publishSettled(account)
      simulator.advance(3 * 3600_000)
      const [first] = await provider.fetchMetrics!({ account, externalIds: [result.externalId] })
      expect(first?.externalId).toBe(result.externalId)
      expect(first?.collectedAt).toBeInstanceOf(Date)
      expect(first?.raw).toBeDefined()
      for (const field of provider.capabilities.metrics) {
        const value = first?.[field]
        expect(
          Number.isInteger(value) && (value as number) >= 0,
          `${field} = ${String(value)}`,
        ).toBe(true)
      }
      simulator.advance(24 * 3600_000)
      const [later] = await provider.fetchMetrics!({ account, externalIds: [result.externalId] })
      for (const field of provider.capabilities.metrics) {
        expect(later![field]!).toBeGreaterThanOrEqual(first![field]!)
      }
    })
  })
}
