import { describe, expect, it } from 'vitest'
import type { PostDraft } from '@statex/core'
import { previewFor, toDraft } from '../src/components/composer/preview-model'

describe('toDraft', () => {
  it('leaves out a blank link and blank alt text instead of sending them empty', () => {
    const draft = toDraft({
      text: 'Hi',
      link: '   ',
      media: [{ id: 1, url: ' https://cdn.example.com/a.jpg ', type: 'image', altText: ' ' }],
    })
    expect(draft).toEqual({
      text: 'Hi',
      media: [{ url: 'https://cdn.example.com/a.jpg', type: 'image' }],
    })
  })
})

describe('previewFor', () => {
  it('counts an X thread by its heaviest post, and says how many posts it is', () => {
    const preview = previewFor('twitter', {
      text: 'a'.repeat(100),
      thread: [{ text: 'b'.repeat(250) }, { text: 'c'.repeat(300) }],
    })
    expect([preview.count, preview.posts]).toEqual([300, 3])
    expect(previewFor('twitter', { text: 'hi' }).posts).toBe(1)
    // Telegram has threads too; LinkedIn none, so a thread there is just refused, not counted.
    expect(previewFor('linkedin', { text: 'hi', thread: [{ text: 'x'.repeat(40) }] }).count).toBe(2)
  })

  it('appends the link on X and counts it as 23', () => {
    const preview = previewFor(
      'twitter',
      toDraft({ text: 'abc', link: `https://example.com/${'x'.repeat(80)}`, media: [] }),
    )
    expect(preview.text).toBe(`abc\n\nhttps://example.com/${'x'.repeat(80)}`)
    expect(preview.count).toBe(3 + 2 + 23)
    expect(preview.link).toBe('appended')
  })

  it('switches to the caption limit when media is attached where the platform has one', () => {
    const draft = toDraft({
      text: 'a'.repeat(1025),
      link: '',
      media: [{ id: 1, url: 'https://cdn.example.com/a.jpg', type: 'image', altText: '' }],
    })
    const telegram = previewFor('telegram', draft)
    expect(telegram).toMatchObject({ limit: 1024, isCaption: true, count: 1025 })
    expect(telegram.issues.map((issue) => issue.code)).toEqual(['TEXT_TOO_LONG'])
    expect(previewFor('linkedin', draft)).toMatchObject({
      limit: 3000,
      isCaption: false,
      issues: [],
    })
  })

  it('reports a media row without a URL at its path', () => {
    const preview = previewFor(
      'facebook',
      toDraft({ text: 'Hi', link: '', media: [{ id: 7, url: '', type: 'video', altText: '' }] }),
    )
    expect(preview.issues).toEqual([
      expect.objectContaining({ path: 'media[0].url', code: 'MEDIA_URL_INVALID' }),
    ])
  })
})

const image = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: i,
    url: `https://cdn.example.com/${i}.jpg`,
    type: 'image' as const,
    altText: '',
  }))
const viewOf = (platform: Parameters<typeof previewFor>[0], draft: PostDraft) =>
  previewFor(platform, draft).view

describe('the X preview', () => {
  it('shows an over-long text as the one post X would refuse, marked where it passes 280', () => {
    const text = `Launch day. ${'a'.repeat(288)}`
    const preview = previewFor('twitter', toDraft({ text, link: '', media: [] }))
    expect(preview.view).toEqual({
      platform: 'twitter',
      tweets: [{ text, fitsUpTo: 280, media: [] }],
    })
    expect(preview.issues.map((i) => i.code)).toEqual(['TEXT_TOO_LONG'])
  })

  it('numbers a thread "1/N" part by part, as the adapter replies each to the one before', () => {
    const draft: PostDraft = {
      text: 'First',
      thread: [{ text: 'Second' }, { text: `Third https://example.com/more` }],
    }
    const view = viewOf('twitter', draft)
    if (view.platform !== 'twitter') throw new Error('not an X view')
    expect(view.tweets.map((t) => [t.position, t.text])).toEqual([
      ['1/3', 'First'],
      ['2/3', 'Second'],
      ['3/3', 'Third https://example.com/more'],
    ])
    expect(view.tweets[2]?.card).toEqual({ url: 'https://example.com/more', domain: 'example.com' })
  })

  it('unfurls the appended link into a card unless the post has media', () => {
    const link = 'https://www.example.com/article'
    const plain = viewOf('twitter', toDraft({ text: 'Read', link, media: [] }))
    const withImage = viewOf('twitter', toDraft({ text: 'Read', link, media: image(1) }))
    if (plain.platform !== 'twitter' || withImage.platform !== 'twitter') throw new Error()
    expect(plain.tweets[0]?.card).toEqual({ url: link, domain: 'example.com' })
    expect(withImage.tweets[0]?.card).toBeUndefined()
  })
})

describe('the LinkedIn preview', () => {
  it('folds after about 210 characters at a word end and titles the article card with its URL', () => {
    const text = 'word '.repeat(60).trim()
    const link = 'https://news.example.org/2026/launch'
    const view = viewOf('linkedin', toDraft({ text, link, media: [] }))
    if (view.platform !== 'linkedin') throw new Error()
    const shown = view.text.folded?.map((s) => s.text).join('') ?? ''
    expect(shown.length).toBeLessThanOrEqual(210)
    expect(shown.endsWith('word')).toBe(true)
    expect(view.card).toEqual({ url: link, domain: 'news.example.org', title: link })
    expect(view.linkDropped).toBe(false)
  })

  it('folds after three lines however short, and says a link with media is not sent', () => {
    const view = viewOf(
      'linkedin',
      toDraft({ text: 'a\nb\nc\nd', link: 'https://example.com', media: image(1) }),
    )
    if (view.platform !== 'linkedin') throw new Error()
    expect(view.text.folded).toEqual([{ text: 'a\nb\nc' }])
    expect(view.card).toBeUndefined()
    expect(view.linkDropped).toBe(true)
  })
})

describe('the Instagram preview', () => {
  it('makes several images a carousel and highlights hashtags and mentions in the caption', () => {
    const preview = previewFor(
      'instagram',
      toDraft({ text: 'New in #Berlin with @statex, mail a@b.co', link: '', media: image(2) }),
    )
    expect(preview.view).toMatchObject({ platform: 'instagram', kind: 'CAROUSEL' })
    if (preview.view.platform !== 'instagram') throw new Error()
    expect(preview.view.caption.full).toEqual([
      { text: 'New in ' },
      { text: '#Berlin', tag: 'hashtag' },
      { text: ' with ' },
      { text: '@statex', tag: 'mention' },
      { text: ', mail a@b.co' },
    ])
    expect(preview.issues).toEqual([])
  })

  it('needs media, by the core rule', () => {
    const preview = previewFor('instagram', toDraft({ text: 'Hi', link: '', media: [] }))
    expect(preview.issues.map((i) => i.message)).toEqual([
      'Instagram needs at least 1 image or video in a post.',
    ])
  })
})

describe('the Telegram and WhatsApp previews', () => {
  it('Telegram: a text message previews its first link; with media the text is a 1024 caption', () => {
    const link = 'https://example.com/a'
    expect(viewOf('telegram', toDraft({ text: 'Hi', link, media: [] }))).toEqual({
      platform: 'telegram',
      message: 'text',
      card: { url: link, domain: 'example.com' },
    })
    const album = previewFor('telegram', toDraft({ text: 'Hi', link, media: image(3) }))
    expect(album.view).toEqual({ platform: 'telegram', message: 'album' })
    expect(album.limit).toBe(1024)
  })

  it('WhatsApp: a text with a link preview, or the one media item with the text as caption', () => {
    const link = 'https://shop.example.com/sale'
    const text = previewFor('whatsapp', toDraft({ text: 'Sale', link, media: [] }))
    expect(text.text).toBe(`Sale\n\n${link}`)
    expect(text.view).toEqual({
      platform: 'whatsapp',
      message: 'text',
      card: { url: link, domain: 'shop.example.com' },
    })
    // No link field: the URL typed into the text alone is not previewed (preview_url is false).
    expect(viewOf('whatsapp', toDraft({ text: `See ${link}`, link: '', media: [] }))).toEqual({
      platform: 'whatsapp',
      message: 'text',
    })
    expect(viewOf('whatsapp', toDraft({ text: 'Sale', link: '', media: image(1) }))).toEqual({
      platform: 'whatsapp',
      message: 'image',
    })
  })
})
