import { describe, expect, it } from 'vitest'
import {
  CONTENT_RULES,
  countText,
  validatePost,
  type PostDraft,
  type Platform,
} from '../src/index.js'

const validate = (platform: Platform, post: PostDraft) =>
  validatePost(post, CONTENT_RULES[platform])
const codes = (platform: Platform, post: PostDraft) => validate(platform, post).map((i) => i.code)
const image = (n = 1) =>
  Array.from({ length: n }, (_, i) => ({
    url: `https://cdn.example.com/${i}.jpg`,
    type: 'image' as const,
    mimeType: 'image/jpeg',
  }))

describe('X (weighted characters)', () => {
  const url = 'https://example.com/a/very/long/path/that/is/far/longer/than/twenty-three/characters'

  it('counts every URL as 23 and emoji as 2', () => {
    expect(countText(url, 'twitter-weighted')).toBe(23)
    expect(countText('😀', 'twitter-weighted')).toBe(2)
    expect(countText('日本', 'twitter-weighted')).toBe(4)
  })

  it('accepts 280 weighted characters with a URL and emoji, refuses 281', () => {
    // 23 (URL) + 1 (space) + 2×10 (emoji) + 236 letters = 280
    const at = `${url} ${'😀'.repeat(10)}${'a'.repeat(236)}`
    expect(countText(at, 'twitter-weighted')).toBe(280)
    expect(validate('twitter', { text: at })).toEqual([])
    const over = `${at}b`
    const issues = validate('twitter', { text: over })
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatchObject({ path: 'text', code: 'TEXT_TOO_LONG' })
    expect(issues[0]!.message).toContain('281')
    expect(issues[0]!.message).toContain('Shorten it by 1')
  })

  it('counts the appended link as 23 plus the separator', () => {
    const text = 'a'.repeat(255)
    expect(validate('twitter', { text, link: url })).toEqual([]) // 255 + 2 newlines + 23 = 280
    expect(codes('twitter', { text: `${text}b`, link: url })).toEqual(['TEXT_TOO_LONG'])
  })

  it('allows at most 4 images, and a video only alone', () => {
    expect(validate('twitter', { text: 'hi', media: image(4) })).toEqual([])
    expect(codes('twitter', { text: 'hi', media: image(5) })).toContain('TOO_MANY_MEDIA')
    expect(
      codes('twitter', {
        text: 'hi',
        media: [...image(1), { url: 'https://cdn.example.com/v.mp4', type: 'video' }],
      }),
    ).toContain('MEDIA_MUST_BE_ALONE')
    expect(
      codes('twitter', {
        text: 'hi',
        media: [{ url: 'https://cdn.example.com/d.pdf', type: 'document' }],
      }),
    ).toEqual(['MEDIA_TYPE_UNSUPPORTED'])
  })

  it('checks polls against the documented bounds and refuses a poll with media', () => {
    expect(
      validate('twitter', { text: 'Which?', poll: { options: ['a', 'b'], durationMinutes: 5 } }),
    ).toEqual([])
    const issues = validate('twitter', {
      text: 'Which?',
      media: image(1),
      poll: { options: ['a', 'x'.repeat(26), 'c', 'd', 'e'], durationMinutes: 10081 },
    })
    expect(issues.map((i) => i.path).sort()).toEqual([
      'poll',
      'poll.durationMinutes',
      'poll.options',
      'poll.options[1]',
    ])
  })

  it('validates every part of a thread', () => {
    const issues = validate('twitter', {
      text: 'one',
      thread: [{ text: 'two' }, { text: 'x'.repeat(281) }, { text: ' ' }],
    })
    expect(issues.map((i) => i.path)).toEqual(['thread[1].text', 'thread[2].text'])
  })
})

describe('character limits at the boundary', () => {
  const cases: [Platform, number][] = [
    ['linkedin', 3000],
    ['instagram', 2200],
    ['telegram', 4096],
    ['whatsapp', 4096],
    ['facebook', 63206],
  ]
  for (const [platform, limit] of cases) {
    it(`${platform}: ${limit} passes, ${limit + 1} fails`, () => {
      const media = platform === 'instagram' ? image(1) : undefined
      expect(validate(platform, { text: 'a'.repeat(limit), media })).toEqual([])
      const issues = validate(platform, { text: 'a'.repeat(limit + 1), media })
      expect(issues.map((i) => i.code)).toEqual(['TEXT_TOO_LONG'])
    })
  }

  it('telegram and whatsapp captions stop at 1,024 characters', () => {
    for (const platform of ['telegram', 'whatsapp'] as const) {
      expect(validate(platform, { text: 'a'.repeat(1024), media: image(1) })).toEqual([])
      expect(codes(platform, { text: 'a'.repeat(1025), media: image(1) })).toEqual([
        'TEXT_TOO_LONG',
      ])
    }
  })

  it('telegram counts an emoji as 2 (UTF-16), linkedin as 1', () => {
    expect(codes('telegram', { text: '😀'.repeat(2049) })).toEqual(['TEXT_TOO_LONG'])
    expect(validate('linkedin', { text: '😀'.repeat(3000) })).toEqual([])
  })
})

describe('empty posts and media rules', () => {
  it('refuses an empty or blank post everywhere', () => {
    for (const platform of ['twitter', 'linkedin', 'facebook', 'telegram', 'whatsapp'] as const) {
      expect(codes(platform, { text: '  \n ' })).toEqual(['EMPTY_POST'])
    }
    expect(codes('instagram', { text: '' })).toEqual(['MEDIA_REQUIRED'])
  })

  it('instagram needs 1–10 JPEG images or videos and no more than 30 hashtags', () => {
    expect(validate('instagram', { text: 'hello', media: image(10) })).toEqual([])
    expect(codes('instagram', { text: 'hello', media: image(11) })).toEqual(['TOO_MANY_MEDIA'])
    expect(
      codes('instagram', {
        text: 'hello',
        media: [{ url: 'https://x.io/a.png', type: 'image', mimeType: 'image/png' }],
      }),
    ).toEqual(['MEDIA_FORMAT_UNSUPPORTED'])
    const tags = Array.from({ length: 31 }, (_, i) => `#tag${i}`).join(' ')
    expect(codes('instagram', { text: tags, media: image(1) })).toEqual(['TOO_MANY_HASHTAGS'])
    expect(validate('instagram', { text: tags.replace(' #tag30', ''), media: image(1) })).toEqual(
      [],
    )
  })

  it('linkedin allows 20 images, and a document only alone', () => {
    expect(validate('linkedin', { text: 'hi', media: image(20) })).toEqual([])
    expect(codes('linkedin', { text: 'hi', media: image(21) })).toEqual(['TOO_MANY_MEDIA'])
    expect(
      codes('linkedin', {
        text: 'hi',
        media: [...image(1), { url: 'https://x.io/a.pdf', type: 'document' }],
      }),
    ).toEqual(['MEDIA_MUST_BE_ALONE'])
  })

  it('telegram groups documents only with documents and takes at most 10', () => {
    const doc = { url: 'https://x.io/a.pdf', type: 'document' as const }
    expect(validate('telegram', { text: 'files', media: [doc, doc] })).toEqual([])
    expect(codes('telegram', { text: 'mixed', media: [doc, ...image(1)] })).toEqual([
      'MEDIA_MIXED_TYPES',
    ])
    expect(codes('telegram', { text: 'many', media: image(11) })).toEqual(['TOO_MANY_MEDIA'])
  })

  it('whatsapp sends one media item per message', () => {
    expect(validate('whatsapp', { text: 'hi', media: image(1) })).toEqual([])
    expect(codes('whatsapp', { text: 'hi', media: image(2) })).toEqual(['TOO_MANY_MEDIA'])
  })

  it('refuses media too large and URLs a platform cannot fetch', () => {
    const issues = validate('whatsapp', {
      text: 'x',
      media: [{ url: 'file:///etc/passwd', type: 'image', sizeBytes: 6 * 1024 * 1024 }],
    })
    expect(issues.map((i) => i.path)).toEqual(['media[0].url', 'media[0].sizeBytes'])
    expect(issues[1]!.message).toContain('5 MB')
  })

  it('reports every problem at once, each with its own path', () => {
    const issues = validate('twitter', {
      text: 'x'.repeat(300),
      link: 'not a url',
      media: [...image(4), { url: 'nope', type: 'document' }],
      thread: [{ text: '' }],
    })
    expect(issues.map((i) => i.path)).toEqual(
      expect.arrayContaining([
        'text',
        'link',
        'media',
        'media[4].url',
        'media[4].type',
        'thread[0].text',
      ]),
    )
    for (const issue of issues) expect(issue.message).toMatch(/\w{3,}/)
  })

  it('says platforms without polls or threads cannot take them', () => {
    expect(
      codes('linkedin', { text: 'q', poll: { options: ['a', 'b'], durationMinutes: 60 } }),
    ).toEqual(['POLL_UNSUPPORTED'])
    expect(codes('facebook', { text: 'q', thread: [{ text: 'more' }] })).toEqual([
      'THREAD_UNSUPPORTED',
    ])
    expect(codes('instagram', { text: 'q', media: image(1), link: 'https://example.com' })).toEqual(
      ['LINK_UNSUPPORTED'],
    )
  })
})
