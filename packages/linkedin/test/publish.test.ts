import { ProviderError, type PublishResult } from '@statex/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { RESERVED, linkedin, toLittleText } from '../src/index.js'
import { harness, publishInput, type Harness } from './helpers.js'

let h: Harness
beforeEach(async () => {
  h = await harness()
})
afterEach(async () => {
  expect(h.sim.invalidRequests).toEqual([])
  await h.sim.close()
})

const published = (r: PublishResult) => {
  if (r.status !== 'published') throw new Error('not published')
  return r
}

describe('POST /rest/posts', () => {
  it('sends the documented headers and body, and takes the URN from x-restli-id', async () => {
    const result = published(await h.provider.publish(publishInput(h.account, { text: 'Hello' })))
    const [call] = h.calls('POST', /^\/rest\/posts$/)
    expect(call!.headers['linkedin-version']).toBe('202611')
    expect(call!.headers['x-restli-protocol-version']).toBe('2.0.0')
    expect(call!.headers.authorization).toBe(`Bearer ${h.account.accessToken}`)
    expect(call!.body).toEqual({
      author: h.account.externalAccountId,
      commentary: 'Hello',
      visibility: 'PUBLIC',
      distribution: {
        feedDistribution: 'MAIN_FEED',
        targetEntities: [],
        thirdPartyDistributionChannels: [],
      },
      lifecycleState: 'PUBLISHED',
      isReshareDisabledByAuthor: false,
    })
    expect(result.externalId).toMatch(/^urn:li:share:\d+$/)
    expect(result.url).toBe(`https://www.linkedin.com/feed/update/${result.externalId}/`)
  })

  it('delivers text with every reserved character exactly as written', async () => {
    const text = `All of them: ${RESERVED.join(' ')} and glued ${RESERVED.join('')} (C#, #1, mail@x.y)`
    const result = published(
      await h.provider.publish(
        publishInput(h.account, { text, options: { linkedin: { hashtags: false } } }),
      ),
    )
    expect(h.sim.post(result.externalId)!.rendered).toBe(text)
    expect(h.sim.findPost(h.account, result.externalId)!.text).toBe(text)
  })

  it('an unescaped reserved character is what LinkedIn truncates at (why escaping matters)', () => {
    // The simulator renders like LinkedIn: sent raw, this text would stop before "(".
    expect(toLittleText('a (b)')).toBe('a \\(b\\)')
  })

  it('makes mentions and hashtags on purpose only', async () => {
    const org = 'urn:li:organization:2414183'
    const result = published(
      await h.provider.publish(
        publishInput(h.account, {
          text: 'Thanks @Microsoft and @nobody for #launch day, C# and issue #12',
          options: { linkedin: { mentions: [{ name: 'Microsoft', urn: org }] } },
        }),
      ),
    )
    const commentary = h.sim.post(result.externalId)!.commentary
    expect(commentary).toBe(
      `Thanks @[Microsoft](${org}) and \\@nobody for {hashtag|\\#|launch} day, C\\# and issue \\#12`,
    )
    expect(h.sim.post(result.externalId)!.rendered).toBe(
      'Thanks Microsoft and @nobody for #launch day, C# and issue #12',
    )
  })

  it('sends a link as an article with its title, description and uploaded thumbnail', async () => {
    const thumbnailUrl = h.sim.hostMedia({ bytes: new Uint8Array(300), mimeType: 'image/jpeg' })
    await h.provider.publish(
      publishInput(h.account, {
        text: 'Read this',
        link: 'https://statex.example/a',
        options: {
          linkedin: { article: { title: 'Our launch', description: 'Why', thumbnailUrl } },
        },
      }),
    )
    const [call] = h.calls('POST', /^\/rest\/posts$/)
    expect((call!.body as { content: unknown }).content).toEqual({
      article: {
        source: 'https://statex.example/a',
        title: 'Our launch',
        description: 'Why',
        thumbnail: expect.stringMatching(/^urn:li:image:/),
      },
    })
    expect(h.calls('POST', /^\/rest\/images$/)).toHaveLength(1)
  })
})

describe('media', () => {
  it('uploads images (initializeUpload, PUT) and posts a multi-image post with alt text', async () => {
    const urls = [1, 2].map((i) =>
      h.sim.hostMedia({ bytes: new Uint8Array(1000 * i), mimeType: 'image/png' }),
    )
    const result = published(
      await h.provider.publish(
        publishInput(h.account, {
          text: 'Two',
          media: urls.map((url, i) => ({ url, type: 'image' as const, altText: `pic ${i}` })),
        }),
      ),
    )
    const inits = h.calls('POST', /^\/rest\/images$/)
    expect(inits.map((c) => c.query.get('action'))).toEqual([
      'initializeUpload',
      'initializeUpload',
    ])
    expect(inits[0]!.body).toEqual({
      initializeUploadRequest: { owner: h.account.externalAccountId },
    })
    expect(h.calls('PUT', /^\/dms-uploads\//).map((c) => c.rawBody.length)).toEqual([1000, 2000])
    const content = (
      h.sim.post(result.externalId)!.body as {
        content: { multiImage: { images: { id: string; altText: string }[] } }
      }
    ).content
    expect(content.multiImage.images.map((i) => i.altText)).toEqual(['pic 0', 'pic 1'])
    expect(content.multiImage.images[0]!.id).toMatch(/^urn:li:image:/)
  })

  it('uploads a video in the parts LinkedIn gives, finalizes with their ETags, and a PDF as a document', async () => {
    const size = 9 * 1024 * 1024
    const video = h.sim.hostMedia({ bytes: new Uint8Array(size).fill(3), mimeType: 'video/mp4' })
    published(
      await h.provider.publish(
        publishInput(h.account, { text: 'Video', media: [{ url: video, type: 'video' }] }),
      ),
    )
    const [init] = h
      .calls('POST', /^\/rest\/videos$/)
      .filter((c) => c.query.get('action') === 'initializeUpload')
    expect(init!.body).toEqual({
      initializeUploadRequest: {
        owner: h.account.externalAccountId,
        fileSizeBytes: size,
        uploadCaptions: false,
        uploadThumbnail: false,
      },
    })
    expect(h.calls('PUT', /^\/dms-uploads\//).map((c) => c.rawBody.length)).toEqual([
      4194304, 4194304, 1048576,
    ])
    const [finalize] = h
      .calls('POST', /^\/rest\/videos$/)
      .filter((c) => c.query.get('action') === 'finalizeUpload')
    expect(
      (finalize!.body as { finalizeUploadRequest: { uploadedPartIds: string[] } })
        .finalizeUploadRequest.uploadedPartIds,
    ).toHaveLength(3)

    const pdf = h.sim.hostMedia({ bytes: new Uint8Array(5000), mimeType: 'application/pdf' })
    const doc = published(
      await h.provider.publish(
        publishInput(h.account, {
          text: 'Deck',
          media: [{ url: pdf, type: 'document', fileName: 'Q4 deck.pdf' }],
        }),
      ),
    )
    expect((h.sim.post(doc.externalId)!.body as { content: unknown }).content).toEqual({
      media: { id: expect.stringMatching(/^urn:li:document:/), title: 'Q4 deck.pdf' },
    })
  })
})

describe('errors as LinkedIn sends them', () => {
  it('426 NONEXISTENT_VERSION names the version and the setting', async () => {
    const old = linkedin({ baseUrl: h.sim.baseUrl, version: '202001' })
    const error = (await old
      .publish(publishInput(h.account, { text: 'x' }))
      .catch((e: unknown) => e)) as ProviderError
    expect(error.kind).toBe('invalid_request')
    expect(error.status).toBe(426)
    expect(error.message).toMatch(/202001.*version/)
  })

  it('403 names the missing permission; a member without r_member_social cannot be reconciled', async () => {
    const member = h.sim.createMember({ scopes: ['openid', 'profile'] })
    const error = (await h.provider
      .publish(publishInput(member, { text: 'x' }))
      .catch((e: unknown) => e)) as ProviderError
    expect(error.kind).toBe('auth_revoked')
    expect(error.message).toContain('w_member_social')
    const allowed = h.sim.createMember()
    const check = await h.provider.findPublished!({
      account: allowed,
      post: { text: 'x' },
      idempotencyKey: 'k',
      after: new Date(0),
    }).catch((e: unknown) => e)
    expect(ProviderError.is(check) && check.message).toMatch(/r_member_social/)
  })

  it('a 429 without headers waits for midnight UTC', async () => {
    const noHeader: typeof fetch = async (input, init) => {
      const res = await fetch(input, init)
      if (!String(input).includes('/rest/posts')) return res
      return new Response(
        JSON.stringify({
          status: 429,
          serviceErrorCode: 101,
          code: 'TOO_MANY_REQUESTS',
          message:
            'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.',
        }),
        { status: 429 },
      )
    }
    const error = (await linkedin({ baseUrl: h.sim.baseUrl, fetch: noHeader })
      .publish(publishInput(h.account, { text: 'x' }))
      .catch((e: unknown) => e)) as ProviderError
    expect(error.kind).toBe('rate_limited')
    const now = new Date()
    const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1)
    expect(Math.abs(Date.now() + error.retryAfterMs! - midnight)).toBeLessThan(5000)
  })

  it('422 lists the field messages', async () => {
    const body = {
      message:
        'ERROR :: /author :: field is required but not found and has no default value\nERROR :: /lifecycleState :: field is required but not found and has no default value\n',
      status: 422,
    }
    const fake: typeof fetch = async () => new Response(JSON.stringify(body), { status: 422 })
    const error = (await linkedin({ baseUrl: h.sim.baseUrl, fetch: fake })
      .publish(publishInput(h.account, { text: 'x' }))
      .catch((e: unknown) => e)) as ProviderError
    expect(error.message).toContain('/author: field is required')
    expect(error.message).toContain('/lifecycleState: field is required')
  })
})
