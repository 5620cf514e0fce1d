import { describe, expect, it } from 'vitest'
import { twitter } from '../src/index.js'
import { harness, publishInput } from './helpers.js'

const paths = (
  provider: ReturnType<typeof twitter>,
  post: Parameters<ReturnType<typeof twitter>['validate']>[0],
) => provider.validate(post).map((i) => `${i.path}:${i.code}`)

describe('validate', () => {
  const x = twitter()

  it('counts as X does: a link weighs 23, CJK and emoji 2', () => {
    expect(
      x.validate({
        text: `${'a'.repeat(256)} https://statex.com/a/very/long/path/that/is/longer/than/23`,
      }),
    ).toEqual([])
    expect(paths(x, { text: `${'a'.repeat(258)} https://statex.com/x` })).toEqual([
      'text:TEXT_TOO_LONG',
    ])
    expect(x.validate({ text: '字'.repeat(140) })).toEqual([])
    expect(paths(x, { text: '😀'.repeat(141) })).toEqual(['text:TEXT_TOO_LONG'])
  })

  it('states the limit per account: a Premium account may post longer', () => {
    const premium = twitter({ maxTextLength: 25_000 })
    expect(premium.validate({ text: 'a'.repeat(2000) })).toEqual([])
    expect(premium.capabilities.content.text.max).toBe(25_000)
  })

  it('takes up to 4 images, or one video, or one GIF alone', () => {
    const image = { url: 'https://a.example/i.png', type: 'image' as const, mimeType: 'image/png' }
    expect(x.validate({ text: 'x', media: [image, image, image, image] })).toEqual([])
    expect(paths(x, { text: 'x', media: [image, image, image, image, image] })).toContain(
      'media:TOO_MANY_MEDIA',
    )
    const gif = { url: 'https://a.example/g.gif', type: 'image' as const, mimeType: 'image/gif' }
    expect(paths(x, { text: 'x', media: [gif, image] })).toContain('media[0]:MEDIA_MUST_BE_ALONE')
    const video = { url: 'https://a.example/v.mp4', type: 'video' as const, mimeType: 'video/mp4' }
    expect(
      paths(x, { text: 'x', media: [video, image] }).some((p) => p.includes('MEDIA_MUST_BE_ALONE')),
    ).toBe(true)
  })

  it('checks polls (2–4 options of ≤ 25, 5–10,080 minutes, no media) and quotes', () => {
    expect(x.validate({ text: 'q', poll: { options: ['a', 'b'], durationMinutes: 5 } })).toEqual([])
    const bad = paths(x, {
      text: 'q',
      poll: { options: ['a', 'b'.repeat(26), 'c', 'd', 'e'], durationMinutes: 10_081 },
    })
    expect(bad).toEqual(
      expect.arrayContaining([
        'poll.options:POLL_OPTIONS_COUNT',
        'poll.durationMinutes:POLL_DURATION',
      ]),
    )
    expect(
      paths(x, { text: 'q', options: { twitter: { quoteTweetId: 'https://x.com/a/status/1' } } }),
    ).toEqual(['options.twitter.quoteTweetId:OPTION_INVALID'])
  })

  it('a text X finds too long is a clear invalid_request, never a retry', async () => {
    const h = await harness({ maxTextLength: 1000 })
    const error = await h.provider
      .publish(publishInput(h.account, { text: 'a'.repeat(300) }))
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ kind: 'invalid_request', status: 403 })
    expect(String((error as Error).message)).toMatch(/shorten it, or raise maxTextLength/)
    await h.sim.close()
  })
})
