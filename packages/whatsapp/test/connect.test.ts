import { ProviderError } from '@statex/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { whatsapp } from '../src/index.js'
import { createWhatsAppSimulator, type WhatsAppSimulator } from '../src/testing.js'

let sim: WhatsAppSimulator
beforeAll(async () => {
  sim = await createWhatsAppSimulator()
})
afterAll(() => sim.close())

describe('connectWithToken (GET /{phone-number-id})', () => {
  it('reads the phone number the token reaches, with the documented fields', async () => {
    const provider = whatsapp({ baseUrl: sim.baseUrl })
    const account = sim.createAccount({ name: 'Acme Support' })
    const connected = await provider.connectWithToken(account)
    expect(connected).toMatchObject({
      platform: 'whatsapp',
      externalAccountId: account.externalAccountId,
      displayName: 'Acme Support',
      handle: expect.stringMatching(/^1555\d{7}$/),
    })
    const request = sim.requests.at(-1)!
    expect(request.method).toBe('GET')
    expect(request.query.get('fields')).toBe('id,display_phone_number,verified_name')
    expect(request.headers.authorization).toBe(`Bearer ${account.accessToken}`)
  })

  it('refuses a token for another number and a revoked token', async () => {
    const provider = whatsapp({ baseUrl: sim.baseUrl })
    const a = sim.createAccount({ name: 'A' })
    const b = sim.createAccount({ name: 'B' })
    await expect(
      provider.connectWithToken({
        accessToken: a.accessToken,
        externalAccountId: b.externalAccountId,
      }),
    ).rejects.toSatisfy((e) => ProviderError.is(e))
    sim.revokeToken(a.accessToken)
    await expect(provider.connectWithToken(a)).rejects.toMatchObject({ kind: 'auth_revoked' })
  })
})
