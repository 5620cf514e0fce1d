import { ProviderError } from '@statex/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { harness, type Harness } from './helpers.js'

let h: Harness
beforeAll(async () => {
  h = await harness('Connect channel')
})
afterAll(() => h.sim.close())

describe('connectWithToken (getMe + getChat)', () => {
  it('checks the token and the chat, and names the account after the chat', async () => {
    const connected = await h.provider.connectWithToken!({
      accessToken: h.account.accessToken,
      externalAccountId: h.account.externalAccountId,
    })
    expect(connected).toMatchObject({
      platform: 'telegram',
      displayName: 'Connect channel',
      tokens: { accessToken: h.account.accessToken },
    })
    expect(connected.externalAccountId).toMatch(/^-?\d+$/)
    const paths = h.sim.requests.slice(-2).map((r) => r.path.split('/').pop())
    expect(paths).toEqual(['getMe', 'getChat'])
  })

  it('refuses a revoked token as auth and a chat the bot is not in as not_found', async () => {
    const account = h.sim.createAccount({ name: 'Other' })
    await expect(
      h.provider.connectWithToken!({
        accessToken: account.accessToken,
        externalAccountId: '@nowhere_at_all',
      }),
    ).rejects.toMatchObject({ kind: 'not_found' })
    h.sim.revokeToken(account.accessToken)
    const error = await h.provider.connectWithToken!({
      accessToken: account.accessToken,
      externalAccountId: account.externalAccountId,
    }).catch((e: unknown) => e)
    expect(ProviderError.is(error) && error.kind).toBe('auth_revoked')
    expect(JSON.stringify(error)).not.toContain(account.accessToken)
  })
})

describe('account-level figures (getChatMemberCount)', () => {
  it("reads the channel's subscribers as followers, and a chat the bot left as not_found", async () => {
    h.sim.bot(h.account.accessToken)!.channel.memberCount = 1_234
    const figures = await h.provider.fetchAccountMetrics!({ account: h.account })
    expect(figures).toMatchObject({ followers: 1_234, raw: { member_count: 1_234 } })
    const call = h.sim.requests.at(-1)!
    expect(call.path.split('/').pop()).toBe('getChatMemberCount')
    await expect(
      h.provider.fetchAccountMetrics!({
        account: { ...h.account, externalAccountId: '@nowhere_at_all' },
      }),
    ).rejects.toMatchObject({ kind: 'not_found' })
  })
})
