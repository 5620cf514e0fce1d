import { createHash } from 'node:crypto'
import { ProviderError } from '@statex/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { twitter } from '../src/index.js'
import { harness, publishInput, type Harness } from './helpers.js'

let h: Harness
beforeEach(async () => {
  h = await harness({ pageSize: 5 })
})
afterEach(async () => {
  expect(h.sim.invalidRequests).toEqual([])
  await h.sim.close()
})

const publishText = async (text: string) => {
  const result = await h.provider.publish(publishInput(h.account, { text }))
  if (result.status !== 'published') throw new Error('not published')
  return result.externalId
}

describe('listInteractions', () => {
  it('reads mentions with since_id on the next poll, then DMs, each once', async () => {
    const post = await publishText('Ask me anything')
    for (let i = 0; i < 7; i++)
      h.sim.simulateInteraction({
        account: h.account,
        externalPostId: post,
        text: `q${i}`,
        authorName: 'Ann',
      })
    h.sim.simulateInteraction({ account: h.account, text: 'a private question', authorName: 'Bob' })

    const texts: string[] = []
    let cursor: string | undefined
    for (let i = 0; i < 4; i++) {
      const page = await h.provider.listInteractions!({ account: h.account, cursor })
      texts.push(...page.items.map((x) => `${x.type}:${x.text}`))
      cursor = page.nextCursor
    }
    expect(texts.sort()).toEqual(
      [
        ...Array.from({ length: 7 }, (_, i) => `COMMENT:q${i}`),
        'MESSAGE:a private question',
      ].sort(),
    )
    const mentions = h.calls('GET', /\/mentions$/)
    expect(mentions[0]!.query.get('max_results')).toBe('5')
    expect(mentions[1]!.query.get('pagination_token')).toBeTruthy()
    expect(mentions[0]!.query.get('expansions')).toBe('author_id')

    h.sim.simulateInteraction({
      account: h.account,
      externalPostId: post,
      text: 'late',
      authorName: 'Cy',
    })
    // One page per call: the cursor stands on the DM phase, so the new mention is a call later.
    const late: string[] = []
    for (let i = 0; i < 2; i++) {
      const page = await h.provider.listInteractions!({ account: h.account, cursor })
      late.push(...page.items.map((x) => x.text!))
      cursor = page.nextCursor
    }
    expect(late).toEqual(['late'])
    expect(
      h
        .calls('GET', /\/mentions$/)
        .at(-1)!
        .query.get('since_id'),
    ).toBeTruthy()
  })

  it('replies to a comment with a reply post and to a DM through dm_conversations', async () => {
    const post = await publishText('Replies welcome')
    h.sim.simulateInteraction({
      account: h.account,
      externalPostId: post,
      text: 'nice',
      authorName: 'Dee',
    })
    h.sim.simulateInteraction({ account: h.account, text: 'hello there', authorName: 'Eve' })
    const { items: comments } = await h.provider.listInteractions!({ account: h.account })
    const { items: dms } = await h.provider.listInteractions!({
      account: h.account,
      cursor: (await h.provider.listInteractions!({ account: h.account })).nextCursor,
    })
    const comment = comments.find((c) => c.text === 'nice')!
    const dm = dms.find((d) => d.text === 'hello there')!
    expect(comment).toMatchObject({
      type: 'COMMENT',
      externalPostId: post,
      parentExternalId: post,
      author: { name: 'Dee' },
    })
    const reply = await h.provider.reply!({ account: h.account, to: comment, text: 'thanks' })
    expect(h.calls('POST', /^\/2\/tweets$/).at(-1)!.body).toEqual({
      text: 'thanks',
      reply: { in_reply_to_tweet_id: comment.externalId },
    })
    expect(h.sim.findPost(h.account, reply.externalId)?.text).toBe('thanks')
    const answer = await h.provider.reply!({ account: h.account, to: dm, text: 'hi Eve' })
    const [sent] = h.calls('POST', /^\/2\/dm_conversations\/with\/\d+\/messages$/)
    expect(sent!.path).toBe(`/2/dm_conversations/with/${dm.author.externalId}/messages`)
    expect(sent!.body).toEqual({ text: 'hi Eve' })
    expect(h.sim.findPost(h.account, answer.externalId)?.text).toBe('hi Eve')
  })
})

describe('fetchMetrics', () => {
  it('asks 100 ids per GET /2/tweets, private metrics only for posts under 30 days old', async () => {
    const ids: string[] = []
    for (let i = 0; i < 3; i++) ids.push(await publishText(`old ${i}`))
    h.sim.advance(31 * 86_400_000)
    for (let i = 0; i < 102; i++) ids.push(await publishText(`new ${i}`))
    h.sim.advance(3_600_000)
    const metrics = await twitter({ baseUrl: h.sim.baseUrl }).fetchMetrics!({
      account: h.account,
      externalIds: [...ids, '1999999999999999999'],
    })
    expect(metrics).toHaveLength(105)
    const lookups = h.calls('GET', /^\/2\/tweets$/)
    // Snowflake ids carry their creation time: the 105 new ones are recent (private metrics, 100
    // then 5), the unknown id dates from 2025 and is asked for public metrics only.
    expect(lookups.map((l) => l.query.get('ids')!.split(',').length)).toEqual([100, 5, 1])
    expect(lookups[2]!.query.get('tweet.fields')).toBe('public_metrics,created_at')
    expect(lookups[0]!.query.get('tweet.fields')).toBe(
      'public_metrics,non_public_metrics,organic_metrics,created_at',
    )
    const recent = metrics.find((m) => m.externalId === ids[5])!
    expect(recent.clicks).toBeGreaterThanOrEqual(0)
    expect(recent.impressions).toBeGreaterThanOrEqual(0)
  })
})

describe('OAuth 2.0 with PKCE', () => {
  it('builds the consent URL, exchanges the code with Basic auth and the verifier, and rotates refresh tokens', async () => {
    const provider = twitter({
      baseUrl: h.sim.baseUrl,
      authorizeUrl: `${h.sim.baseUrl}/i/oauth2/authorize`,
      clientId: 'client-1',
      clientSecret: 'secret-1',
    })
    const verifier = 'a'.repeat(50)
    const challenge = createHash('sha256').update(verifier).digest('base64url')
    const url = provider.getAuthorizationUrl!({
      state: 'st',
      redirectUri: 'https://app.example/cb',
      codeChallenge: challenge,
    })
    expect(url.searchParams.get('code_challenge_method')).toBe('S256')
    expect(url.searchParams.get('scope')).toContain('offline.access')
    const consent = await fetch(url, { redirect: 'manual' })
    const back = new URL(consent.headers.get('location')!)
    expect(back.searchParams.get('state')).toBe('st')
    const connected = await provider.exchangeCode!({
      code: back.searchParams.get('code')!,
      redirectUri: 'https://app.example/cb',
      codeVerifier: verifier,
    })
    const [exchange] = h.calls('POST', /^\/2\/oauth2\/token$/)
    expect(exchange!.headers.authorization).toBe(
      `Basic ${Buffer.from('client-1:secret-1').toString('base64')}`,
    )
    expect(exchange!.body).toMatchObject({
      grant_type: 'authorization_code',
      code_verifier: verifier,
      redirect_uri: 'https://app.example/cb',
    })
    expect(connected.tokens.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 7000_000)
    expect(connected.externalAccountId).toMatch(/^\d+$/)

    const refreshed = await provider.refreshToken!({ refreshToken: connected.tokens.refreshToken! })
    expect(refreshed.refreshToken).not.toBe(connected.tokens.refreshToken)
    const reused = await provider.refreshToken!({
      refreshToken: connected.tokens.refreshToken!,
    }).catch((e: unknown) => e)
    expect(ProviderError.is(reused) && reused.kind).toBe('auth_revoked')
    expect(String((reused as Error).message)).not.toContain(connected.tokens.refreshToken!)
  })

  it('refuses to start without PKCE', () => {
    expect(() =>
      h.provider.getAuthorizationUrl!({ state: 's', redirectUri: 'https://a.example/cb' }),
    ).toThrow(/PKCE/)
  })
})

describe('searchReplies', () => {
  it('also finds replies in our conversations that do not name us, by conversation_id search', async () => {
    const provider = twitter({ baseUrl: h.sim.baseUrl, pageSize: 10, searchReplies: true })
    const post = await publishText('A conversation starter')
    const { externalId: comment } = h.sim.simulateInteraction({
      account: h.account,
      externalPostId: post,
      text: 'first!',
      authorName: 'Pat',
    })
    const other = h.sim.createAccount({ name: 'Other' })
    // Other answers Pat, not us: the reply names only Pat.
    await provider.reply!({
      account: other,
      to: {
        platform: 'twitter',
        externalId: comment,
        type: 'COMMENT',
        author: { externalId: 'x' },
        createdAt: new Date(),
        raw: {},
      },
      text: 'welcome Pat',
    })
    const texts: string[] = []
    let cursor: string | undefined
    for (let i = 0; i < 3; i++) {
      const page = await provider.listInteractions!({ account: h.account, cursor })
      texts.push(...page.items.map((x) => x.text!))
      cursor = page.nextCursor
    }
    expect(texts).toContain('welcome Pat')
    const [search] = h.calls('GET', /^\/2\/tweets\/search\/recent$/)
    expect(search!.query.get('query')).toBe(`conversation_id:${post}`)
    // The next pass asks only for newer replies.
    for (let i = 0; i < 3; i++)
      cursor = (await provider.listInteractions!({ account: h.account, cursor })).nextCursor
    expect(
      h
        .calls('GET', /^\/2\/tweets\/search\/recent$/)
        .at(-1)!
        .query.get('since_id'),
    ).toBeTruthy()
  })
})

describe('fetchAccountMetrics', () => {
  it('reads followers and the post count from GET /2/users/me public_metrics', async () => {
    await publishText('One')
    await publishText('Two')
    h.sim.advance(24 * 3_600_000)
    const figures = await h.provider.fetchAccountMetrics!({ account: h.account })
    const call = h.sim.requests.findLast((r) => r.path === '/2/users/me')!
    expect(call.query.get('user.fields')).toBe('public_metrics')
    expect(figures.posts).toBe(2)
    expect(figures.followers).toBe(h.sim.account(h.account.accessToken)!.followers ?? 0)
    expect(figures.followers).toBeGreaterThan(0)
    expect(figures.raw).toMatchObject({ id: h.account.externalAccountId })
  })
})
