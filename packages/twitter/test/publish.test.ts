import { ProviderError, type PublishResult } from '@statex/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { twitter } from '../src/index.js'
import { harness, publishInput, videoBytes, type Harness } from './helpers.js'

let h: Harness
beforeEach(async () => {
  h = await harness()
})
afterEach(async () => {
  // Every request of every test validated against the X OpenAPI file.
  expect(h.sim.invalidRequests).toEqual([])
  await h.sim.close()
})

const published = (r: PublishResult) => {
  if (r.status !== 'published') throw new Error(`not published: ${JSON.stringify(r)}`)
  return r
}

describe('POST /2/tweets', () => {
  it('sends the text with the bearer token, and the link appended', async () => {
    const result = published(
      await h.provider.publish(
        publishInput(h.account, { text: 'Hello', link: 'https://statex.example/a' }),
      ),
    )
    const [call] = h.calls('POST', /^\/2\/tweets$/)
    expect(call!.headers.authorization).toBe(`Bearer ${h.account.accessToken}`)
    expect(call!.body).toEqual({ text: 'Hello\n\nhttps://statex.example/a' })
    expect(result.url).toBe(`https://x.com/i/web/status/${result.externalId}`)
  })

  it('sends a poll, reply settings and a quote exactly as TweetCreateRequest names them', async () => {
    const quoted = published(
      await h.provider.publish(publishInput(h.account, { text: 'Original' })),
    )
    await h.provider.publish(
      publishInput(h.account, {
        text: 'Which one?',
        poll: { options: ['A', 'B', 'C'], durationMinutes: 60 },
        options: { twitter: { replySettings: 'following' } },
      }),
    )
    await h.provider.publish(
      publishInput(h.account, {
        text: 'Quoting',
        options: { twitter: { quoteTweetId: quoted.externalId } },
      }),
    )
    const bodies = h.calls('POST', /^\/2\/tweets$/).map((c) => c.body)
    expect(bodies[1]).toEqual({
      text: 'Which one?',
      poll: { options: ['A', 'B', 'C'], duration_minutes: 60 },
      reply_settings: 'following',
    })
    expect(bodies[2]).toEqual({ text: 'Quoting', quote_tweet_id: quoted.externalId })
  })

  it('publishes a thread as a reply chain and records every part', async () => {
    const result = published(
      await h.provider.publish(
        publishInput(h.account, {
          text: 'Part 1',
          thread: [{ text: 'Part 2' }, { text: 'Part 3' }],
        }),
      ),
    )
    expect(result.partIds).toHaveLength(3)
    const bodies = h.calls('POST', /^\/2\/tweets$/).map((c) => c.body as Record<string, unknown>)
    // Once: one create per part, no more.
    expect(bodies).toHaveLength(3)
    expect(bodies[0]).toEqual({ text: 'Part 1' })
    expect(bodies[1]).toEqual({
      text: 'Part 2',
      reply: { in_reply_to_tweet_id: result.partIds![0] },
    })
    expect(bodies[2]).toEqual({
      text: 'Part 3',
      reply: { in_reply_to_tweet_id: result.partIds![1] },
    })
    expect(h.sim.tweet(result.partIds![2]!)?.conversation_id).toBe(result.externalId)
  })

  it('resumes a thread that failed part-way from the last part that succeeded, without repeating parts', async () => {
    const post = { text: 'One', thread: [{ text: 'Two' }, { text: 'Three' }, { text: 'Four' }] }
    const failing = faultBefore(h, 2, { type: 'server_error', status: 503 })
    const error = await failing.provider
      .publish(publishInput(h.account, post))
      .catch((e: unknown) => e)
    expect(ProviderError.is(error)).toBe(true)
    const failure = error as ProviderError
    expect(failure.kind).toBe('transient')
    expect(failure.message).toContain('1 part(s) were already published')
    expect(h.sim.countPosts(h.account)).toBe(1)

    const from = h.sim.requests.length
    const result = published(
      await h.provider.publish({ ...publishInput(h.account, post), resumeFrom: failure.progress }),
    )
    const bodies = h
      .calls('POST', /^\/2\/tweets$/, from)
      .map((c) => c.body as Record<string, unknown>)
    expect(bodies.map((b) => b.text)).toEqual(['Two', 'Three', 'Four'])
    expect(bodies[0]!.reply).toEqual({ in_reply_to_tweet_id: result.externalId })
    expect(result.partIds).toHaveLength(4)
    expect(h.sim.countPosts(h.account)).toBe(4)
  })

  it('finds a thread whose third part timed out after X created it, then adds only the missing part', async () => {
    const post = { text: 'Alpha', thread: [{ text: 'Beta' }, { text: 'Gamma' }, { text: 'Delta' }] }
    const after = new Date(Date.now() - 60_000)
    const dropping = faultBefore(h, 3, { type: 'drop_after_receive' })
    const error = (await dropping.provider
      .publish(publishInput(h.account, post))
      .catch((e: unknown) => e)) as ProviderError
    expect(error.outcome).toBe('unknown')
    expect(h.sim.countPosts(h.account)).toBe(3)

    const found = await h.provider.findPublished!({
      account: h.account,
      post,
      idempotencyKey: 'k',
      after,
    }).catch((e: unknown) => e)
    expect(ProviderError.is(found)).toBe(true)
    const partial = found as ProviderError
    expect(partial.message).toContain('3 of the thread')
    const result = published(
      await h.provider.publish({ ...publishInput(h.account, post), resumeFrom: partial.progress }),
    )
    expect(h.sim.countPosts(h.account)).toBe(4)
    expect(result.partIds).toHaveLength(4)
    const again = await h.provider.findPublished!({
      account: h.account,
      post,
      idempotencyKey: 'k',
      after,
    })
    expect(again).toMatchObject({
      status: 'published',
      externalId: result.externalId,
      partIds: result.partIds,
    })
  })

  it('finds a single post despite t.co links and HTML entities, and the oldest of duplicates', async () => {
    const post = { text: 'Fish & chips <today>', link: 'https://statex.example/menu' }
    const after = new Date(Date.now() - 1000)
    const first = published(await h.provider.publish(publishInput(h.account, post)))
    expect(h.sim.tweet(first.externalId)!.text).toMatch(
      /^Fish &amp; chips &lt;today&gt;\n\nhttps:\/\/t\.co\//,
    )
    h.sim.advance(1000)
    await h.provider.publish(publishInput(h.account, post))
    const found = await h.provider.findPublished!({
      account: h.account,
      post,
      idempotencyKey: 'k',
      after,
    })
    expect(found).toMatchObject({ status: 'published', externalId: first.externalId })
    const [lookup] = h.calls('GET', /\/2\/users\/\d+\/tweets$/)
    expect(lookup!.query.get('start_time')).toBe(after.toISOString().replace(/\.\d{3}Z$/, 'Z'))
    expect(
      await h.provider.findPublished!({
        account: h.account,
        post: { text: 'Never sent' },
        idempotencyKey: 'k',
        after,
      }),
    ).toBeNull()
  })
})

describe('media', () => {
  it('uploads an image in chunks (initialize, append, finalize), sets alt text, then attaches it', async () => {
    const url = h.sim.hostMedia({
      bytes: new Uint8Array(9 * 1024 * 1024).fill(1),
      mimeType: 'image/png',
    })
    const result = published(
      await h.provider.publish(
        publishInput(h.account, {
          text: 'A picture',
          media: [{ url, type: 'image', altText: 'A red square' }],
        }),
      ),
    )
    const [init] = h.calls('POST', /\/2\/media\/upload\/initialize$/)
    expect(init!.body).toEqual({
      media_type: 'image/png',
      total_bytes: 9 * 1024 * 1024,
      media_category: 'tweet_image',
    })
    const appends = h.calls('POST', /\/append$/)
    expect(appends.map((a) => (a.body as Record<string, unknown>).segment_index)).toEqual([
      '0',
      '1',
      '2',
    ])
    const [meta] = h.calls('POST', /\/2\/media\/metadata$/)
    const mediaId = (meta!.body as { id: string }).id
    expect(meta!.body).toEqual({ id: mediaId, metadata: { alt_text: { text: 'A red square' } } })
    expect(h.sim.tweet(result.externalId)!.media_ids).toEqual([mediaId])
  })

  it('answers pending while X processes a video, and publishes once processing succeeded', async () => {
    const url = h.sim.hostMedia({ bytes: videoBytes(), mimeType: 'video/mp4' })
    const first = await h.provider.publish(
      publishInput(h.account, { text: 'Video', media: [{ url, type: 'video' }] }),
    )
    expect(first.status).toBe('pending')
    if (first.status !== 'pending') return
    expect(first.retryAfterMs).toBe(5000)
    expect(h.sim.countPosts(h.account)).toBe(0)
    const still = await h.provider.getPublishStatus!({
      account: h.account,
      checkpoint: first.checkpoint,
    })
    expect(still.status).toBe('pending')
    const [status] = h.calls('GET', /^\/2\/media\/upload$/)
    expect(status!.query.get('command')).toBe('STATUS')
    h.sim.advance(10_000)
    const done = published(
      await h.provider.getPublishStatus!({ account: h.account, checkpoint: first.checkpoint }),
    )
    expect(h.sim.tweet(done.externalId)!.media_ids).toHaveLength(1)
    expect(h.calls('POST', /\/2\/media\/upload\/initialize$/)).toHaveLength(1)
  })
})

/** The adapter with a fetch that queues `fault` on the simulator just before the n-th POST /2/tweets. */
function faultBefore(h: Harness, n: number, fault: Parameters<Harness['sim']['injectFault']>[0]) {
  let count = 0
  const fetch: typeof globalThis.fetch = (input, init) => {
    const url = new URL(String(input))
    if (init?.method === 'POST' && url.pathname === '/2/tweets' && ++count === n)
      h.sim.injectFault(fault)
    return globalThis.fetch(input, init)
  }
  return { provider: twitter({ baseUrl: h.sim.baseUrl, fetch }) }
}

describe('rate limits', () => {
  it("waits for the 24-hour user cap's reset, not the 15-minute window's", async () => {
    const capped = await harness({}, { dailyPostCap: 2 })
    await capped.provider.publish(publishInput(capped.account, { text: 'one' }))
    capped.sim.advance(3_600_000)
    await capped.provider.publish(publishInput(capped.account, { text: 'two' }))
    const [, second] = capped.calls('POST', /^\/2\/tweets$/)
    expect(second).toBeDefined()
    const error = (await capped.provider
      .publish(publishInput(capped.account, { text: 'three' }))
      .catch((e: unknown) => e)) as ProviderError
    expect(error.kind).toBe('rate_limited')
    // The first post leaves the 24-hour window 23 hours from now (the simulated hour has passed).
    expect(error.retryAfterMs! / 3_600_000).toBeCloseTo(23, 1)
    expect(capped.sim.countPosts(capped.account)).toBe(2)
    await capped.sim.close()
  })
})

describe('findPublished with media', () => {
  it('matches a post whose text X ends with the media t.co link', async () => {
    const url = h.sim.hostMedia({ bytes: new Uint8Array(2000), mimeType: 'image/jpeg' })
    const post = { text: 'Photo of the day', media: [{ url, type: 'image' as const }] }
    const after = new Date(Date.now() - 1000)
    const result = published(await h.provider.publish(publishInput(h.account, post)))
    expect(h.sim.tweet(result.externalId)!.text).toMatch(/^Photo of the day https:\/\/t\.co\/\w+$/)
    const found = await h.provider.findPublished!({
      account: h.account,
      post,
      idempotencyKey: 'k',
      after,
    })
    expect(found).toMatchObject({ status: 'published', externalId: result.externalId })
    const mediaOnly = { text: '', media: [{ url, type: 'image' as const }] }
    const second = published(await h.provider.publish(publishInput(h.account, mediaOnly)))
    const again = await h.provider.findPublished!({
      account: h.account,
      post: mediaOnly,
      idempotencyKey: 'k',
      after,
    })
    expect(again).toMatchObject({ externalId: second.externalId })
  })
})
