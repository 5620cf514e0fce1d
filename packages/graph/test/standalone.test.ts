import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { standalonePackage } from '@statex/testkit'
import { describe, expect, it } from 'vitest'

const pkg = standalonePackage({
  dir: resolve(dirname(fileURLToPath(import.meta.url)), '..'),
  name: '@statex/graph',
})

describe('the built package', () => {
  it('loads with require() by name, main and testing entries', () => {
    expect(
      pkg.require(
        `const g = require('@statex/graph'); const t = require('@statex/graph/testing'); console.log(g.graphBaseUrl(), typeof t.signedDelivery)`,
      ),
    ).toBe('https://graph.facebook.com/v23.0 function')
  })

  it('imports as ESM and verifies a delivery it signed', () => {
    expect(
      pkg.import(`import { verifyGraphSignature } from '@statex/graph'
import { signedDelivery } from '@statex/graph/testing'
console.log(verifyGraphSignature(signedDelivery({ object: 'page', entry: [] }, 's'), 's'))
`),
    ).toBe('true')
  })
})
