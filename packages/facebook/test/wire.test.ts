import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ProviderError, type AccountAuth, type Interaction } from '@statex/core'
import { appSecretProof } from '@statex/graph'
import { MESSENGER_WINDOW_MESSAGE, facebook } from '../src/index.js'
import {
  MESSENGER_WINDOW_MS,
  SIMULATED_PEOPLE,
  createFacebookSimulator,
  type FacebookSimulator,
} from '../src/testing.js'

const appSecret = 'wire-app-secret'
let sim: FacebookSimulator
let account: AccountAuth
let provider: ReturnType<typeof facebook>
let key = 0

beforeAll(async () => {
  sim = await createFacebookSimulator({ appSecret, requireAppSecretProof: true })
  provider = facebook({ baseUrl: sim.baseUrl, appId: sim.appId, appSecret, verifyToken: 'vt' })
  account = sim.createAccount({ name: 'Wire Page' })
})
afterAll(() => sim.close())

const publish = (post: Parameters<typeof provider.publish>[0]['post']) =>
  provider.publish({ account, post, idempotencyKey: `wire-${++key}` })
const since = (from: number) =>
  sim.requests
    .slice(from)
    .map((r) => ({ method: r.method, path: r.path, body: r.body, query: r.query }))

describe('requests on the wire', () => {
  it('posts text and link to /{page-id}/feed with the bearer Page token and appsecret_proof', async () => {
    const from = sim.requests.length
    const result = await publish({ text: 'Hello Page', link: 'https://example.com/a' })
    const [call] = since(from)
    expect(call).toMatchObject({
      method: 'POST',
      path: `/v23.0/${account.externalAccountId}/feed`,
      body: { message: 'Hello Page', link: 'https://example.com/a' },
    })
    expect(sim.requests.at(-1)!.headers.authorization).toBe(`Bearer ${account.accessToken}`)
    expect(call!.query.get('appsecret_proof')).toBe(appSecretProof(account.accessToken, appSecret))
    expect(result).toMatchObject({
      status: 'published',
      url: `https://www.facebook.com/${result.status === 'published' ? result.externalId : ''}`,
    })
  })

  it('publishes one photo to /photos with caption and alt text, returning the feed post id', async () => {
    const from = sim.requests.length
    const result = await publish({
      text: 'A photo',
      media: [{ url: 'https://example.com/a.jpg', type: 'image', altText: 'A red door' }],
    })
    const calls = since(from)
    expect(calls).toHaveLength(1)
    expect(calls[0]).toMatchObject({
      path: `/v23.0/${account.externalAccountId}/photos`,
      body: { url: 'https://example.com/a.jpg', caption: 'A photo', alt_text_custom: 'A red door' },
    })
    expect(result.status === 'published' && result.externalId).toMatch(
      new RegExp(`^${account.externalAccountId}_`),
    )
  })

  it('publishes several photos as unpublished photos, then one /feed post with attached_media', async () => {
    const from = sim.requests.length
    const result = await publish({
      text: 'Album',
      media: [
        { url: 'https://example.com/1.jpg', type: 'image' },
        { url: 'https://example.com/2.jpg', type: 'image' },
      ],
    })
    const calls = since(from)
    expect(calls.map((c) => c.path.split('/').at(-1))).toEqual(['photos', 'photos', 'feed'])
    expect(calls[0]!.body).toMatchObject({ published: false })
    const ids = result.status === 'published' ? result.partIds! : []
    expect(calls[2]!.body).toEqual({
      message: 'Album',
      attached_media: ids.map((media_fbid) => ({ media_fbid })),
    })
    expect(sim.countPosts(account)).toBeGreaterThan(0)
  })

  it('publishes a video by file_url to /videos and a photo story through /photo_stories', async () => {
    const from = sim.requests.length
    await publish({ text: 'Watch', media: [{ url: 'https://example.com/v.mp4', type: 'video' }] })
    expect(since(from)[0]).toMatchObject({
      path: `/v23.0/${account.externalAccountId}/videos`,
      body: { file_url: 'https://example.com/v.mp4', description: 'Watch' },
    })
    const story = sim.requests.length
    const result = await publish({
      text: '',
      media: [{ url: 'https://example.com/s.jpg', type: 'image' }],
      options: { facebook: { story: true } },
    })
    const calls = since(story)
    expect(calls.map((c) => c.path.split('/').at(-1))).toEqual(['photos', 'photo_stories'])
    expect(calls[1]!.body).toEqual({
      photo_id: result.status === 'published' ? result.partIds![0] : '',
    })
  })

  it('refuses a story with more than one image, and a link next to photos, before sending anything', () => {
    const issues = provider.validate({
      text: 'x',
      link: 'https://example.com',
      media: [
        { url: 'https://example.com/1.jpg', type: 'image' },
        { url: 'https://example.com/2.jpg', type: 'image' },
      ],
      options: { facebook: { story: true } },
    })
    expect(issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['options.facebook.story', 'link']),
    )
  })

  it('reads metrics from the current insight names and the reactions/comments/shares summaries', async () => {
    const result = await publish({ text: 'Metrics' })
    if (result.status !== 'published') throw new Error('not published')
    sim.advance(3600_000)
    const from = sim.requests.length
    const [metrics] = await provider.fetchMetrics({ account, externalIds: [result.externalId] })
    const calls = since(from)
    expect(calls[1]!.query.get('metric')).toBe(
      'post_media_view,post_total_media_view_unique,post_clicks',
    )
    expect(calls[0]!.query.get('fields')).toContain('reactions.summary(total_count)')
    expect(metrics).toMatchObject({
      views: 180,
      reach: 126,
      clicks: 9,
      likes: 18,
      comments: 0,
      shares: 3,
    })
  })

  it('reads account-level figures: followers of the Page and the last day of page_media_view / page_total_media_view_unique', async () => {
    const page = sim.createAccount({ name: 'Figures Page' })
    sim.setFollowers(page, 2_400)
    const published = await provider.publish({
      account: page,
      post: { text: 'Counted on the Page' },
      idempotencyKey: 'figures-1',
    })
    if (published.status !== 'published') throw new Error('not published')
    sim.advance(3600_000)
    const from = sim.requests.length
    const figures = await provider.fetchAccountMetrics({ account: page })
    const [profile, insights] = since(from)
    expect(profile).toMatchObject({ method: 'GET', path: `/v23.0/${page.externalAccountId}` })
    expect(profile!.query.get('fields')).toBe('followers_count,fan_count')
    expect(insights).toMatchObject({
      method: 'GET',
      path: `/v23.0/${page.externalAccountId}/insights`,
    })
    expect(insights!.query.get('metric')).toBe('page_media_view,page_total_media_view_unique')
    expect(insights!.query.get('period')).toBe('day')
    // One post an hour old: the same views and viewers as its own insights above.
    expect(figures).toMatchObject({ followers: 2_400, impressions: 180, reach: 126 })
  })

  it('a call without appsecret_proof is refused when the app requires it', async () => {
    const bare = facebook({ baseUrl: sim.baseUrl })
    const error = await bare
      .publish({ account, post: { text: 'x' }, idempotencyKey: 'bare' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProviderError)
    expect((error as ProviderError).platformMessage).toMatch(/appsecret_proof/)
  })
})

describe('Messenger', () => {
  const message = (psid: string, text: string): Interaction => ({
    platform: 'facebook',
    externalId: 'm_x',
    type: 'MESSAGE',
    author: { externalId: psid },
    conversationId: psid,
    text,
    createdAt: new Date(),
    raw: {},
  })

  it('replies through the Send API inside the 24-hour window', async () => {
    const person = SIMULATED_PEOPLE[1]!
    sim.simulateMessage({ account, text: 'Are you open?', from: person.id })
    const { externalId } = await provider.reply({
      account,
      to: message(person.id, 'Are you open?'),
      text: 'Yes, until 6.',
    })
    const call = sim.requests.at(-1)!
    expect(call.path).toBe(`/v23.0/${account.externalAccountId}/messages`)
    expect(call.body).toEqual({
      recipient: { id: person.id },
      messaging_type: 'RESPONSE',
      message: { text: 'Yes, until 6.' },
    })
    expect(sim.findPost(account, externalId)?.text).toBe('Yes, until 6.')
  })

  it('outside the window, refuses with invalid_request saying why, and sends nothing', async () => {
    const page = sim.createAccount({ name: 'Quiet Page' })
    const person = SIMULATED_PEOPLE[2]!
    sim.advance(MESSENGER_WINDOW_MS + 60_000)
    const error = await provider
      .reply({ account: page, to: message(person.id, 'old'), text: 'Late answer' })
      .catch((e: unknown) => e as ProviderError)
    expect(error).toMatchObject({
      kind: 'invalid_request',
      platformCode: 10,
      platformSubcode: 2018278,
      message: MESSENGER_WINDOW_MESSAGE,
    })
    expect((error as ProviderError).retryable).toBe(false)
  })
})

describe('webhooks', () => {
  it('parses feed comments, reactions, mentions and Messenger messages from signed deliveries', async () => {
    const page = sim.createAccount({ name: 'Hooks Page' })
    const from = sim.webhookLog.length
    const post = await provider.publish({
      account: page,
      post: { text: 'Hook me' },
      idempotencyKey: 'hooks',
    })
    if (post.status !== 'published') throw new Error('not published')
    sim.simulateInteraction({
      account: page,
      externalPostId: post.externalId,
      text: 'Nice!',
      authorName: 'Mia Torres',
    })
    sim.simulateReaction({
      account: page,
      externalPostId: post.externalId,
      type: 'love',
      authorName: 'Noah Williams',
    })
    sim.simulateMention({ account: page, text: 'Thanks @Hooks Page', authorName: 'Lena Fischer' })
    sim.simulateMessage({ account: page, text: 'Hi there' })
    const events = sim.webhookLog.slice(from).flatMap((entry) => {
      expect(provider.webhooks.verify(entry.delivery)).toBe(true)
      return provider.webhooks.parse({ body: JSON.parse(entry.delivery.rawBody) })
    })
    const interactions = events.flatMap((e) => (e.kind === 'interaction' ? [e.interaction] : []))
    expect(interactions.map((i) => [i.type, i.text ?? i.reaction])).toEqual([
      ['COMMENT', 'Nice!'],
      ['REACTION', 'love'],
      ['MENTION', 'Thanks @Hooks Page'],
      ['MESSAGE', 'Hi there'],
    ])
    expect(interactions[0]).toMatchObject({
      externalPostId: post.externalId,
      author: { name: 'Mia Torres' },
    })
    expect(
      events.every(
        (e) => e.kind === 'interaction' && e.accountExternalId === page.externalAccountId,
      ),
    ).toBe(true)
  })

  it('answers the hub.challenge handshake only with the verify token', () => {
    expect(
      provider.webhooks.challenge({
        query: { 'hub.mode': 'subscribe', 'hub.verify_token': 'vt', 'hub.challenge': '42' },
      }),
    ).toBe('42')
    expect(
      provider.webhooks.challenge({
        query: { 'hub.mode': 'subscribe', 'hub.verify_token': 'no', 'hub.challenge': '42' },
      }),
    ).toBeUndefined()
  })
})

describe('login', () => {
  it('exchanges the code, then for a long-lived token, then lists the Pages with their tokens', async () => {
    const url = provider.getAuthorizationUrl({ state: 's1', redirectUri: 'https://app.example/cb' })
    expect(url.pathname).toBe('/v23.0/dialog/oauth')
    expect(url.searchParams.get('scope')).toContain('pages_manage_posts')
    const code = sim.issueLoginCode('https://app.example/cb')
    const from = sim.requests.length
    const pages = await provider.exchangeCodeForPages({
      code,
      redirectUri: 'https://app.example/cb',
    })
    const calls = since(from)
    expect(calls.map((c) => c.path)).toEqual([
      '/v23.0/oauth/access_token',
      '/v23.0/oauth/access_token',
      '/v23.0/me/accounts',
    ])
    expect(calls[1]!.query.get('grant_type')).toBe('fb_exchange_token')
    expect(pages.map((p) => p.externalAccountId)).toContain(account.externalAccountId)
    expect(pages.find((p) => p.externalAccountId === account.externalAccountId)?.tokens).toEqual({
      accessToken: account.accessToken,
      tokenType: 'bearer',
    })
    // A code is single use.
    await expect(
      provider.exchangeCode({ code, redirectUri: 'https://app.example/cb' }),
    ).rejects.toMatchObject({ kind: 'invalid_request' })
  })
})
