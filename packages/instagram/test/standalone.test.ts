import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { standalonePackage } from '@statex/testkit'
import { describe, expect, it } from 'vitest'

const pkg = standalonePackage({
  dir: resolve(dirname(fileURLToPath(import.meta.url)), '..'),
  name: '@statex/instagram',
})

describe('the built package', () => {
  it('loads with require() by name, main and testing entries', () => {
    expect(
      pkg.require(
        `const i = require('@statex/instagram'); const t = require('@statex/instagram/testing'); const p = i.instagram(); console.log(p.platform, p.capabilities.publishing, typeof t.createInstagramSimulator)`,
      ),
    ).toBe('instagram async function')
  })

  it('imports as ESM from outside the repository and publishes an image to its simulator', () => {
    expect(
      pkg.import(`import { instagram } from '@statex/instagram'
import { createInstagramSimulator } from '@statex/instagram/testing'
const sim = await createInstagramSimulator()
const account = sim.createAccount({ name: 'Standalone' })
const post = { text: 'Hello', media: [{ url: 'https://example.com/a.jpg', type: 'image' }] }
const result = await instagram({ baseUrl: sim.baseUrl }).publish({ account, idempotencyKey: 'smoke', post })
console.log(result.status, sim.countPosts(account))
await sim.close()
`),
    ).toBe('published 1')
  })
})
