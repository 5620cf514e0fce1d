import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccountAuth, Interaction, ProviderError, PublishResult } from '@statex/core'
import { DM_WINDOW_MESSAGE, instagram } from '../src/index.js'
import {
  CONTAINER_TTL_MS,
  DM_WINDOW_MS,
  SIMULATED_FOLLOWERS,
  createInstagramSimulator,
  type InstagramSimulator,
} from '../src/testing.js'

let sim: InstagramSimulator
let provider: ReturnType<typeof instagram>
let key = 0

beforeAll(async () => {
  sim = await createInstagramSimulator()
  provider = instagram({ baseUrl: sim.baseUrl, appSecret: sim.appSecret, verifyToken: 'vt' })
})
afterAll(() => sim.close())

const publish = (account: AccountAuth, post: Parameters<typeof provider.publish>[0]['post']) =>
  provider.publish({ account, post, idempotencyKey: `wire-${++key}` })
const calls = (from: number) =>
  sim.requests
    .slice(from)
    .map((r) => ({ method: r.method, path: r.path, body: r.body, query: r.query }))
const edge = (path: string) => path.split('/').slice(2).join('/')

describe('publishing an image', () => {
  it('reads the quota, creates the container, checks it once and publishes it in the same call', async () => {
    const account = sim.createAccount({ name: 'Images' })
    const from = sim.requests.length
    const result = await publish(account, {
      text: 'Caption',
      media: [{ url: 'https://example.com/a.jpg', type: 'image', altText: 'A red door' }],
    })
    const sent = calls(from)
    const user = account.externalAccountId
    expect(sent.map((c) => `${c.method} ${edge(c.path)}`)).toEqual([
      `GET ${user}/content_publishing_limit`,
      `POST ${user}/media`,
      `GET ${sent[2]!.path.split('/')[2]}`,
      `POST ${user}/media_publish`,
      `GET ${sent[4]!.path.split('/')[2]}`,
    ])
    expect(sent[0]!.query.get('fields')).toBe('config,quota_usage')
    expect(sent[1]!.body).toEqual({
      image_url: 'https://example.com/a.jpg',
      caption: 'Caption',
      alt_text: 'A red door',
    })
    expect(sent[2]!.query.get('fields')).toBe('id,status_code,status')
    expect(sent[3]!.body).toEqual({ creation_id: sent[2]!.path.split('/')[2] })
    expect(result).toMatchObject({
      status: 'published',
      url: expect.stringMatching(/^https:\/\/www\.instagram\.com\/p\//),
    })
  })
})

describe('pending → published', () => {
  it('a reel stays pending while the container is IN_PROGRESS, then getPublishStatus publishes it', async () => {
    const account = sim.createAccount({ name: 'Reels' })
    const first = await publish(account, {
      text: 'Reel',
      media: [{ url: 'https://example.com/r.mp4', type: 'video' }],
      options: { instagram: { shareToFeed: true } },
    })
    expect(first).toMatchObject({ status: 'pending', retryAfterMs: 60_000 })
    const container = sim.containers(account).at(-1)!
    expect(container.params).toEqual({
      media_type: 'REELS',
      video_url: 'https://example.com/r.mp4',
      caption: 'Reel',
      share_to_feed: true,
    })
    expect(sim.countPosts(account)).toBe(0)
    if (first.status !== 'pending') return
    const still = await provider.getPublishStatus({ account, checkpoint: first.checkpoint })
    expect(still.status).toBe('pending')
    sim.advance(120_000)
    const done = await provider.getPublishStatus({ account, checkpoint: first.checkpoint })
    expect(done.status).toBe('published')
    expect(sim.countPosts(account)).toBe(1)
  })

  it('an expired container is re-created from the same parameters, not reused', async () => {
    const account = sim.createAccount({ name: 'Expiry' })
    const first = await publish(account, {
      text: 'Later',
      media: [{ url: 'https://example.com/l.mp4', type: 'video' }],
    })
    if (first.status !== 'pending') throw new Error('expected pending')
    sim.advance(CONTAINER_TTL_MS + 60_000)
    const [old] = sim.containers(account)
    const again = await provider.getPublishStatus({ account, checkpoint: first.checkpoint })
    expect(again.status).toBe('pending')
    const all = sim.containers(account)
    expect(all).toHaveLength(2)
    expect(all[1]!.params).toEqual(old!.params)
    if (again.status !== 'pending') return
    expect(again.checkpoint.containerId).toBe(all[1]!.id)
    sim.advance(120_000)
    const done = await provider.getPublishStatus({ account, checkpoint: again.checkpoint })
    expect(done.status).toBe('published')
    expect(old!.publishedMediaId).toBeUndefined()
  })

  it('a container that failed processing is invalid_request with Instagram\u2019s status', async () => {
    const account = sim.createAccount({ name: 'Broken' })
    const error = (await publish(account, {
      text: 'x',
      media: [{ url: 'https://example.com/clip.avi', type: 'video' }],
    }).catch((e: unknown) => e)) as ProviderError
    expect(error).toMatchObject({ kind: 'invalid_request', platformMessage: 'Error: 2207026' })
  })
})

describe('quota', () => {
  it('fails with a clear invalid_request when the quota is spent, without creating a container', async () => {
    const account = sim.createAccount({ name: 'Busy' })
    sim.setQuota(account, 1)
    const post = {
      text: 'One',
      media: [{ url: 'https://example.com/1.jpg', type: 'image' as const }],
    }
    expect((await publish(account, post)).status).toBe('published')
    const before = sim.containers(account).length
    const error = (await publish(account, { ...post, text: 'Two' }).catch(
      (e: unknown) => e,
    )) as ProviderError
    expect(error).toMatchObject({ kind: 'invalid_request', outcome: 'not_sent' })
    expect(error.message).toMatch(/1 posts published through the API per 24 hours.*used 1/)
    expect(sim.containers(account)).toHaveLength(before)
    sim.advance(24 * 3600_000)
    expect((await publish(account, { ...post, text: 'Three' })).status).toBe('published')
  })
})

describe('carousels and stories', () => {
  it('creates each item with is_carousel_item, then the CAROUSEL parent with the children ids', async () => {
    const account = sim.createAccount({ name: 'Carousel' })
    const from = sim.requests.length
    const result: PublishResult = await publish(account, {
      text: 'Three views',
      media: [
        { url: 'https://example.com/1.jpg', type: 'image', altText: 'one' },
        { url: 'https://example.com/2.jpg', type: 'image' },
        { url: 'https://example.com/3.mp4', type: 'video' },
      ],
    })
    const creates = calls(from).filter((c) => c.method === 'POST' && c.path.endsWith('/media'))
    expect(creates.map((c) => c.body)).toEqual([
      { is_carousel_item: true, image_url: 'https://example.com/1.jpg', alt_text: 'one' },
      { is_carousel_item: true, image_url: 'https://example.com/2.jpg' },
      { is_carousel_item: true, media_type: 'VIDEO', video_url: 'https://example.com/3.mp4' },
      {
        media_type: 'CAROUSEL',
        caption: 'Three views',
        children: sim
          .containers(account)
          .slice(0, 3)
          .map((c) => c.id)
          .join(','),
      },
    ])
    // The video item is still processing, so the carousel is pending.
    expect(result.status).toBe('pending')
  })

  it('publishes a story as media_type STORIES, and validates the kinds', async () => {
    const account = sim.createAccount({ name: 'Stories' })
    const result = await publish(account, {
      text: '',
      media: [{ url: 'https://example.com/s.jpg', type: 'image' }],
      options: { instagram: { kind: 'STORIES' } },
    })
    expect(sim.containers(account)[0]!.params).toEqual({
      media_type: 'STORIES',
      image_url: 'https://example.com/s.jpg',
    })
    expect(result.status).toBe('published')
    const issues = provider.validate({
      text: 'caption',
      media: [
        { url: 'https://example.com/1.jpg', type: 'image' },
        { url: 'https://example.com/2.jpg', type: 'image' },
      ],
      options: { instagram: { kind: 'STORIES', shareToFeed: true } },
    })
    expect(issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['options.instagram.kind', 'text', 'options.instagram.shareToFeed']),
    )
    const tooMany = provider.validate({
      text: Array.from({ length: 21 }, (_, i) => `@p${i}`).join(' '),
      media: Array.from({ length: 11 }, () => ({
        url: 'https://e.com/a.jpg',
        type: 'image' as const,
      })),
    })
    expect(tooMany.map((i) => i.code)).toEqual(
      expect.arrayContaining(['TOO_MANY_MENTIONS', 'TOO_MANY_MEDIA']),
    )
  })

  it('a media URL Instagram cannot fetch fails saying it must be public', async () => {
    const account = sim.createAccount({ name: 'Private URL' })
    const error = (await publish(account, {
      text: 'x',
      media: [{ url: 'ftp://intranet/a.jpg', type: 'image' }],
    }).catch((e: unknown) => e)) as ProviderError
    expect(error).toMatchObject({
      kind: 'invalid_request',
      platformCode: 9004,
      platformSubcode: 2207052,
    })
    expect(error.message).toMatch(/public https URL/)
  })
})

describe('metrics, comments, messages', () => {
  it('reads the current insight names (views, not impressions)', async () => {
    const account = sim.createAccount({ name: 'Insights' })
    const result = await publish(account, {
      text: 'm',
      media: [{ url: 'https://example.com/m.jpg', type: 'image' }],
    })
    if (result.status !== 'published') throw new Error('not published')
    sim.advance(60 * 60_000)
    const from = sim.requests.length
    const [metrics] = await provider.fetchMetrics({ account, externalIds: [result.externalId] })
    expect(calls(from)[0]!.query.get('metric')).toBe('reach,likes,comments,saved,shares,views')
    expect(metrics).toMatchObject({
      views: 240,
      reach: 180,
      likes: 30,
      saves: 6,
      shares: 4,
      comments: 0,
    })
  })

  it('reads account-level figures: profile counts and the last day of reach and views as total_value', async () => {
    const account = sim.createAccount({ name: 'Figures' })
    sim.setFollowers(account, 5_100)
    const result = await publish(account, {
      text: 'f',
      media: [{ url: 'https://example.com/f.jpg', type: 'image' }],
    })
    if (result.status !== 'published') throw new Error('not published')
    sim.advance(60 * 60_000)
    const from = sim.requests.length
    const figures = await provider.fetchAccountMetrics({ account })
    const [profile, insights] = calls(from)
    expect(profile!.path.endsWith(`/${account.externalAccountId}`)).toBe(true)
    expect(profile!.query.get('fields')).toBe('followers_count,follows_count,media_count')
    expect(edge(insights!.path)).toBe(`${account.externalAccountId}/insights`)
    expect(Object.fromEntries(insights!.query)).toMatchObject({
      metric: 'reach,views',
      period: 'day',
      metric_type: 'total_value',
    })
    // One image an hour old: the same reach and views as its own insights.
    expect(figures).toMatchObject({
      followers: 5_100,
      following: 120,
      posts: 1,
      reach: 180,
      impressions: 240,
    })
  })

  it('replies to a comment under it and to a mention through /mentions', async () => {
    const account = sim.createAccount({ name: 'Replies' })
    const post = await publish(account, {
      text: 'p',
      media: [{ url: 'https://example.com/p.jpg', type: 'image' }],
    })
    if (post.status !== 'published') throw new Error('not published')
    sim.simulateInteraction({
      account,
      externalPostId: post.externalId,
      text: 'Love it',
      authorName: 'mia.travels',
    })
    const [comment] = (await provider.listInteractions({ account })).items
    expect(comment).toMatchObject({
      type: 'COMMENT',
      text: 'Love it',
      author: { handle: '@mia.travels' },
    })
    const reply = await provider.reply({ account, to: comment!, text: 'Thank you!' })
    expect(sim.requests.at(-1)!.path).toBe(`/v23.0/${comment!.externalId}/replies`)
    expect(sim.findPost(account, reply.externalId)?.text).toBe('Thank you!')
    const mention = sim.simulateMention({ account, text: '@replies look at this' })
    const events = provider.webhooks.parse({
      body: JSON.parse(sim.webhookLog.at(-1)!.delivery.rawBody),
    })
    const interaction = events[0]!.kind === 'interaction' ? events[0]!.interaction : undefined
    expect(interaction).toMatchObject({
      type: 'MENTION',
      externalId: mention.externalId,
      externalPostId: mention.mediaId,
    })
    await provider.reply({ account, to: interaction!, text: 'Thanks for the mention' })
    const last = sim.requests.at(-1)!
    expect(last.path).toBe(`/v23.0/${account.externalAccountId}/mentions`)
    expect(last.body).toEqual({
      media_id: mention.mediaId,
      comment_id: mention.externalId,
      message: 'Thanks for the mention',
    })
  })

  const dm = (igsid: string): Interaction => ({
    platform: 'instagram',
    externalId: 'mid',
    type: 'MESSAGE',
    author: { externalId: igsid },
    conversationId: igsid,
    text: 'hello',
    createdAt: new Date(),
    raw: {},
  })

  it('answers a direct message inside the 24-hour window through the Send API', async () => {
    const account = sim.createAccount({ name: 'DMs' })
    const { externalId } = await provider.reply({
      account,
      to: dm(SIMULATED_FOLLOWERS[0]!.id),
      text: 'Hi back',
    })
    expect(sim.requests.at(-1)!.path).toBe('/v23.0/me/messages')
    expect(sim.requests.at(-1)!.body).toEqual({
      recipient: { id: SIMULATED_FOLLOWERS[0]!.id },
      messaging_type: 'RESPONSE',
      message: { text: 'Hi back' },
    })
    expect(sim.findPost(account, externalId)?.text).toBe('Hi back')
  })

  it('outside the window refuses with invalid_request saying why', async () => {
    const account = sim.createAccount({ name: 'Old DMs' })
    sim.advance(DM_WINDOW_MS + 1000)
    const error = (await provider
      .reply({ account, to: dm(SIMULATED_FOLLOWERS[1]!.id), text: 'late' })
      .catch((e: unknown) => e)) as ProviderError
    expect(error).toMatchObject({
      kind: 'invalid_request',
      message: DM_WINDOW_MESSAGE,
      platformSubcode: 2534022,
    })
  })

  it('parses comment and message webhooks, signed with the app secret', async () => {
    const account = sim.createAccount({ name: 'Hooks' })
    const post = await publish(account, {
      text: 'h',
      media: [{ url: 'https://example.com/h.jpg', type: 'image' }],
    })
    if (post.status !== 'published') throw new Error('not published')
    const from = sim.webhookLog.length
    sim.simulateInteraction({ account, externalPostId: post.externalId, text: 'Where is this?' })
    sim.simulateMessage({ account, text: 'Do you ship abroad?' })
    const interactions = sim.webhookLog.slice(from).flatMap((entry) => {
      expect(provider.webhooks.verify(entry.delivery)).toBe(true)
      return provider.webhooks
        .parse({ body: JSON.parse(entry.delivery.rawBody) })
        .flatMap((e) => (e.kind === 'interaction' ? [e.interaction] : []))
    })
    expect(interactions.map((i) => [i.type, i.text, i.externalPostId])).toEqual([
      ['COMMENT', 'Where is this?', post.externalId],
      ['MESSAGE', 'Do you ship abroad?', undefined],
    ])
  })
})

describe('login', () => {
  it('connects each professional account linked to a granted Page, with the Page token', async () => {
    const app = instagram({ baseUrl: sim.baseUrl, appId: sim.appId, appSecret: sim.appSecret })
    const account = sim.createAccount({ name: 'Linked' })
    expect(
      app
        .getAuthorizationUrl({ state: 's', redirectUri: 'https://a.example/cb' })
        .searchParams.get('scope'),
    ).toContain('instagram_content_publish')
    const code = sim.issueLoginCode('https://a.example/cb')
    const connected = await app.exchangeCodeForAccounts({
      code,
      redirectUri: 'https://a.example/cb',
    })
    expect(connected.find((c) => c.externalAccountId === account.externalAccountId)).toMatchObject({
      platform: 'instagram',
      displayName: 'Linked',
      handle: '@linked',
      tokens: { accessToken: account.accessToken },
    })
    await expect(
      app.exchangeCode({ code, redirectUri: 'https://a.example/cb' }),
    ).rejects.toMatchObject({
      kind: 'invalid_request',
    })
  })
})
