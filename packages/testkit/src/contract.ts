/**
 * The SocialProvider contract suite every adapter runs against its simulator. Each capability's
 * checks live in their own file under ./contract; this file only sets the run up and keeps the
 * order the checks run in (they share one simulator and account).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assertProviderImplements } from '@statex/core'
import { createContractContext } from './contract/context.js'
import { inboxChecks } from './contract/inbox.js'
import { metricsChecks } from './contract/metrics.js'
import type { ProviderContractOptions } from './contract/options.js'
import { deleteChecks, publishChecks } from './contract/publish.js'
import { reconcileChecks } from './contract/reconcile.js'
import { tokenChecks } from './contract/tokens.js'
import { validateChecks } from './contract/validate.js'
import type { PlatformSimulator } from './simulator/platform-simulator.js'

export type { ProviderContractOptions } from './contract/options.js'

/**
 * The contract every adapter passes against its simulator. Call it at the top level of a test
 * file. Checks that depend on an optional capability run when the capability is claimed, and
 * otherwise check that it is honestly absent.
 */
export function runProviderContract<S extends PlatformSimulator>(
  options: ProviderContractOptions<S>,
): void {
  const ctx = createContractContext(options)

  describe('SocialProvider contract', () => {
    beforeAll(() => ctx.start())
    afterAll(() => ctx.stop())

    it('implements every method its capabilities claim, for its own platform', () => {
      const { simulator, provider } = ctx
      expect(() => assertProviderImplements(provider)).not.toThrow()
      expect(provider.capabilities.content.platform).toBe(provider.platform)
      expect(simulator.platform).toBe(provider.platform)
    })

    validateChecks(ctx)
    publishChecks(ctx)
    tokenChecks(ctx)
    reconcileChecks(ctx)
    metricsChecks(ctx)
    inboxChecks(ctx)
    deleteChecks(ctx)
  })
}
