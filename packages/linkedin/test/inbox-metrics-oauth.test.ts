import type { ProviderError } from '@statex/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { harness, publishInput, type Harness } from './helpers.js'

let h: Harness
beforeEach(async () => {
  h = await harness({ pageSize: 3 })
})
afterEach(async () => {
  expect(h.sim.invalidRequests).toEqual([])
  await h.sim.close()
})

const post = async (text: string) => {
  const r = await h.provider.publish(publishInput(h.account, { text }))
  if (r.status !== 'published') throw new Error('not published')
  return r.externalId
}

describe('URNs on the wire', () => {
  it('percent-encodes URNs in paths and keeps List( , ) literal in share statistics', async () => {
    const a = await post('one')
    const b = await post('two')
    await h.provider.fetchMetrics!({ account: h.account, externalIds: [a, b] })
    const [stats] = h.calls('GET', /^\/rest\/organizationalEntityShareStatistics$/)
    const enc = (u: string) => encodeURIComponent(u)
    expect(stats!.url).toBe(
      `/rest/organizationalEntityShareStatistics?q=organizationalEntity&organizationalEntity=${enc(h.account.externalAccountId)}&shares=List(${enc(a)},${enc(b)})`,
    )
    await h.provider.deletePost!({ account: h.account, externalId: a })
    const [del] = h.calls('DELETE', /^\/rest\/posts\//)
    expect(del!.url).toBe(`/rest/posts/${enc(a)}`)
    expect(h.sim.findPost(h.account, a)).toBeUndefined()
  })
})

describe('metrics', () => {
  it('gives organization posts impressions, reach, clicks, likes, comments and shares; member posts likes and comments', async () => {
    const id = await post('stats')
    h.sim.advance(5 * 3_600_000)
    const [m] = await h.provider.fetchMetrics!({ account: h.account, externalIds: [id] })
    for (const field of ['impressions', 'reach', 'clicks', 'likes', 'comments', 'shares'] as const)
      expect(m![field], field).toBeGreaterThanOrEqual(0)
    const member = h.sim.createMember()
    const mine = await h.provider.publish(publishInput(member, { text: 'member post' }))
    if (mine.status !== 'published') throw new Error('not published')
    const [mm] = await h.provider.fetchMetrics!({ account: member, externalIds: [mine.externalId] })
    expect(Object.keys(mm!).sort()).toEqual([
      'collectedAt',
      'comments',
      'externalId',
      'likes',
      'raw',
    ])
    expect(h.calls('GET', /^\/rest\/socialActions\/[^/]+$/)).toHaveLength(1)
  })
})

describe('account-level figures', () => {
  it("reads an organization's followers from networkSizes, and gives a member account none", async () => {
    h.sim.organization(h.account)!.followers = 4_321
    const figures = await h.provider.fetchAccountMetrics!({ account: h.account })
    expect(figures).toMatchObject({ followers: 4_321, raw: { firstDegreeSize: 4_321 } })
    const [call] = h.calls('GET', /^\/rest\/networkSizes\//)
    expect(call!.url).toBe(
      `/rest/networkSizes/${encodeURIComponent(h.account.externalAccountId)}?edgeType=COMPANY_FOLLOWED_BY_MEMBER`,
    )
    const member = h.sim.createMember()
    const none = await h.provider.fetchAccountMetrics!({ account: member })
    expect(Object.keys(none).sort()).toEqual(['collectedAt', 'raw'])
    expect(h.calls('GET', /^\/rest\/networkSizes\//)).toHaveLength(1)
  })
})

describe('comments', () => {
  it('pages through comments of the recent posts, each once, and replies as the page in the thread', async () => {
    const first = await post('first')
    const second = await post('second')
    for (let i = 0; i < 4; i++)
      h.sim.simulateInteraction({
        account: h.account,
        externalPostId: first,
        text: `f${i}`,
        authorName: 'Ann',
      })
    h.sim.simulateInteraction({
      account: h.account,
      externalPostId: second,
      text: 's0',
      authorName: 'Bob',
    })
    const seen: string[] = []
    let cursor: string | undefined
    for (let i = 0; i < 4; i++) {
      const page = await h.provider.listInteractions!({ account: h.account, cursor })
      seen.push(...page.items.map((x) => x.text!))
      cursor = page.nextCursor
    }
    expect(seen.sort()).toEqual(['f0', 'f1', 'f2', 'f3', 's0'])
    const again = await h.provider.listInteractions!({ account: h.account, cursor })
    expect(again.items).toEqual([])

    const { items } = await h.provider.listInteractions!({ account: h.account })
    const question =
      items.find((i) => i.text === 's0') ??
      (
        await h.provider.listInteractions!({
          account: h.account,
          cursor: (await h.provider.listInteractions!({ account: h.account })).nextCursor,
        })
      ).items[0]!
    const reply = await h.provider.reply!({
      account: h.account,
      to: question,
      text: 'thanks (really)',
    })
    const [call] = h.calls('POST', /^\/rest\/socialActions\/[^/]+\/comments$/)
    expect(call!.body).toEqual({
      actor: h.account.externalAccountId,
      object: question.externalPostId,
      message: { text: 'thanks (really)' },
      parentComment: question.externalId,
    })
    expect(h.sim.findPost(h.account, reply.externalId)?.text).toBe('thanks (really)')
  })
})

describe('findPublished', () => {
  it('finds a post whose answer was lost, by its commentary, after `after` only', async () => {
    const draft = { text: 'Exactly (once) #please' }
    const before = new Date(Date.now() - 1000)
    h.sim.injectFault({ type: 'drop_after_receive' })
    const lost = (await h.provider
      .publish(publishInput(h.account, draft))
      .catch((e: unknown) => e)) as ProviderError
    expect(lost.outcome).toBe('unknown')
    const found = await h.provider.findPublished!({
      account: h.account,
      post: draft,
      idempotencyKey: 'k',
      after: before,
    })
    expect(found?.status).toBe('published')
    if (found?.status === 'published')
      expect(h.sim.findPost(h.account, found.externalId)).toBeDefined()
    h.sim.advance(60_000)
    const later = await h.provider.findPublished!({
      account: h.account,
      post: draft,
      idempotencyKey: 'k',
      after: new Date(Date.now() + 30_000),
    })
    expect(later).toBeNull()
  })
})

describe('OAuth', () => {
  it('exchanges the code (client secret in the body), lists the administered organizations, exposes the 60-day expiry', async () => {
    const url = h.provider.getAuthorizationUrl!({
      state: 's1',
      redirectUri: 'https://app.example/cb',
    })
    expect(url.pathname).toBe('/oauth/v2/authorization')
    expect(url.searchParams.get('scope')).toContain('w_organization_social')
    const consent = await fetch(url, { redirect: 'manual' })
    const code = new URL(consent.headers.get('location')!).searchParams.get('code')!
    const account = await h.provider.exchangeCode!({ code, redirectUri: 'https://app.example/cb' })
    const [token] = h.calls('POST', /^\/oauth\/v2\/accessToken$/)
    expect(token!.body).toMatchObject({
      grant_type: 'authorization_code',
      client_id: 'client-1',
      client_secret: 'secret-1',
      redirect_uri: 'https://app.example/cb',
    })
    expect(account.externalAccountId).toMatch(/^urn:li:person:/)
    expect(account.managedAccounts?.map((a) => a.externalAccountId)).toEqual([
      expect.stringMatching(/^urn:li:organization:\d+$/),
    ])
    expect(account.managedAccounts![0]!.displayName).toBe('Connected Company')
    const days = (account.tokens.expiresAt!.getTime() - Date.now()) / 86_400_000
    expect(Math.round(days)).toBe(60)
    const refreshed = await h.provider.refreshToken!({ refreshToken: account.tokens.refreshToken! })
    expect(refreshed.accessToken).not.toBe(account.tokens.accessToken)
  })

  it('maps a revoked token (65601) to auth_revoked and an expired one (65602) to auth_expired', async () => {
    const a = h.sim.createAccount({ name: 'R' })
    h.sim.revokeToken(a.accessToken)
    const revoked = (await h.provider
      .publish(publishInput(a, { text: 'x' }))
      .catch((e: unknown) => e)) as ProviderError
    expect([revoked.kind, revoked.platformCode]).toEqual(['auth_revoked', 'REVOKED_ACCESS_TOKEN'])
    const b = h.sim.createAccount({ name: 'E' })
    h.sim.expireToken(b.accessToken)
    const expired = (await h.provider
      .publish(publishInput(b, { text: 'x' }))
      .catch((e: unknown) => e)) as ProviderError
    expect([expired.kind, expired.platformSubcode]).toEqual(['auth_expired', 65602])
  })
})
