/** The contract's checks of `validate`: every problem at once, nothing sent. */
import { describe, expect, it } from 'vitest'
import type { PlatformSimulator } from '../simulator/platform-simulator.js'
import type { ContractContext } from './context.js'

export function validateChecks<S extends PlatformSimulator>(ctx: ContractContext<S>): void {
  const { options } = ctx
  describe('validate', () => {
    it('accepts the valid fixture without sending anything', () => {
      const { simulator, provider } = ctx
      const before = simulator.requests.length
      expect(provider.validate(options.fixtures.validPost)).toEqual([])
      expect(simulator.requests.length).toBe(before)
    })

    it('reports every problem at once, each with a path and a message', () => {
      const { provider } = ctx
      const issues = provider.validate(options.fixtures.invalidPost.post)
      for (const issue of issues) {
        expect(issue.path).toMatch(/\S/)
        expect(issue.message.length).toBeGreaterThan(10)
      }
      expect(issues.map((i) => i.path)).toEqual(
        expect.arrayContaining(options.fixtures.invalidPost.paths),
      )
      expect(options.fixtures.invalidPost.paths.length).toBeGreaterThan(1)
    })

    it('reports an empty post', () => {
      const { provider } = ctx
      const issues = provider.validate({ text: '   ' })
      expect(issues.length).toBeGreaterThan(0)
    })
  })
}
