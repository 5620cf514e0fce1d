import { describe, expect, it } from 'vitest'
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
