import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { standalonePackage } from '@statex/testkit'
import { describe, expect, it } from 'vitest'

const pkg = standalonePackage({
  dir: resolve(dirname(fileURLToPath(import.meta.url)), '..'),
  name: '@statex/whatsapp',
})

describe('the built package', () => {
  it('loads with require() from dist/index.cjs', () => {
    const main = JSON.stringify(join(pkg.dist, 'index.cjs'))
    expect(
      pkg.require(
        `const w = require(${main}); const p = w.whatsapp(); console.log(p.platform, typeof p.publish, p.validate({ text: 'hi' }).length)`,
      ),
    ).toBe('whatsapp function 1')
  })

  it('imports as ESM by package name from a directory outside the repository, and publishes to its simulator', () => {
    expect(
      pkg.import(`import { whatsapp } from '@statex/whatsapp'
import { createWhatsAppSimulator, SIMULATED_CUSTOMERS } from '@statex/whatsapp/testing'
const sim = await createWhatsAppSimulator()
const account = sim.createAccount({ name: 'Standalone' })
const provider = whatsapp({ baseUrl: sim.baseUrl })
const result = await provider.publish({ account, idempotencyKey: 'smoke', post: { text: 'Hello', options: { whatsapp: { recipients: [SIMULATED_CUSTOMERS[0].waId] } } } })
console.log(result.status, result.externalId.startsWith('wamid.'), sim.countPosts(account))
await sim.close()
`),
    ).toBe('published true 1')
  })

  it('requires the testing entry as CommonJS too', () => {
    expect(existsSync(join(pkg.dist, 'testing.js')), 'dist/testing.js: run the build').toBe(true)
    expect(
      pkg.require(
        `const t = require('@statex/whatsapp/testing'); console.log(typeof t.createWhatsAppSimulator)`,
      ),
    ).toBe('function')
  })
})
