import { describe, expect, it } from 'vitest'
import { formattingProblem, telegram } from '../src/index.js'

const provider = telegram()
const paths = (post: Parameters<typeof provider.validate>[0]) =>
  provider.validate(post).map((i) => `${i.path}:${i.code}`)

describe('validate', () => {
  it('accepts a single media item (an "album" of one is a photo message) and a 10-item album', () => {
    expect(
      provider.validate({
        text: 'one',
        media: [{ url: 'https://x.example/1.jpg', type: 'image' }],
      }),
    ).toEqual([])
    const ten = Array.from({ length: 10 }, (_, i) => ({
      url: `https://x.example/${i}.jpg`,
      type: 'image' as const,
    }))
    expect(provider.validate({ text: 'ten', media: ten })).toEqual([])
    expect(paths({ text: 'eleven', media: [...ten, ten[0]!] })).toContain('media:TOO_MANY_MEDIA')
  })

  it('uses the 1024 caption limit with media and 4096 without', () => {
    expect(
      paths({ text: 'x'.repeat(1025), media: [{ url: 'https://x.example/1.jpg', type: 'image' }] }),
    ).toContain('text:TEXT_TOO_LONG')
    expect(provider.validate({ text: 'x'.repeat(4096) })).toEqual([])
  })

  it('refuses documents mixed with photos in an album', () => {
    const media = [
      { url: 'https://x.example/a.pdf', type: 'document' as const },
      { url: 'https://x.example/b.jpg', type: 'image' as const },
    ]
    expect(paths({ text: 'mixed', media })).toContain('media:MEDIA_MIXED_TYPES')
  })

  it('checks the parse mode and the markup it applies to, for every part', () => {
    expect(
      paths({ text: 'x', options: { telegram: { parseMode: 'Markdown' as 'HTML' } } }),
    ).toEqual(['options.telegram.parseMode:OPTION_INVALID'])
    expect(
      paths({ text: 'Price: 5.00!', options: { telegram: { parseMode: 'MarkdownV2' } } }),
    ).toEqual(['text:OPTION_INVALID'])
    expect(
      provider.validate({
        text: 'Price: 5\\.00\\! *bold* _it_ [link](https://x.example/a.b)',
        options: { telegram: { parseMode: 'MarkdownV2' } },
      }),
    ).toEqual([])
    expect(
      paths({
        text: 'ok',
        thread: [{ text: '<blink>no</blink>' }],
        options: { telegram: { parseMode: 'HTML' } },
      }),
    ).toEqual(['thread[0].text:OPTION_INVALID'])
    // The link is appended to the text, so it must survive MarkdownV2 too.
    expect(
      paths({
        text: 'see',
        link: 'https://x.example/a',
        options: { telegram: { parseMode: 'MarkdownV2' } },
      }),
    ).toEqual(['text:OPTION_INVALID'])
  })

  it('limits the text of a poll with its own question to the 1024-character description', () => {
    expect(
      paths({
        text: 'y'.repeat(1025),
        poll: { question: 'Q?', options: ['a'], durationMinutes: 10 },
      }),
    ).toContain('text:TEXT_TOO_LONG')
    expect(paths({ text: 'Q?', poll: { options: ['a'], durationMinutes: 10 } })).toEqual([])
  })
})

describe('formattingProblem', () => {
  it.each([
    ['MarkdownV2', 'a.b', "Character '.' is reserved and must be escaped with the preceding '\\'"],
    ['MarkdownV2', '*open', "Can't find end of the entity starting at byte offset 0"],
    ['MarkdownV2', '`code . inside`', undefined],
    ['MarkdownV2', '>quote\n||spoiler||', undefined],
    ['HTML', '<b>bold <i>both</i></b> &amp; <a href="https://x.example">a</a>', undefined],
    ['HTML', '<b>unclosed', 'Can\'t find end tag corresponding to start tag "b"'],
    ['HTML', '<b><i>x</b></i>', 'Unexpected end tag at byte offset 7'],
  ])('%s %j → %s', (mode, text, problem) => {
    expect(formattingProblem(text, mode)).toBe(problem)
  })
})
