import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { standalonePackage } from '@statex/testkit'
import { describe, expect, it } from 'vitest'

const pkg = standalonePackage({
  dir: resolve(dirname(fileURLToPath(import.meta.url)), '..'),
  name: '@statex/facebook',
})

describe('the built package', () => {
  it('loads with require() by name, main and testing entries', () => {
    expect(
      pkg.require(
        `const f = require('@statex/facebook'); const t = require('@statex/facebook/testing'); const p = f.facebook(); console.log(p.platform, typeof p.publish, typeof t.createFacebookSimulator)`,
      ),
    ).toBe('facebook function function')
  })

  it('imports as ESM from outside the repository and publishes to its simulator', () => {
    expect(
      pkg.import(`import { facebook } from '@statex/facebook'
import { createFacebookSimulator } from '@statex/facebook/testing'
const sim = await createFacebookSimulator()
const account = sim.createAccount({ name: 'Standalone' })
const result = await facebook({ baseUrl: sim.baseUrl }).publish({ account, idempotencyKey: 'smoke', post: { text: 'Hello' } })
console.log(result.status, result.externalId.startsWith(account.externalAccountId + '_'), sim.countPosts(account))
await sim.close()
`),
    ).toBe('published true 1')
  })
})
