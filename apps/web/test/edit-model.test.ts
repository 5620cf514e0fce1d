import type { Post, PostTarget } from '@statex/api-client'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { problemsOf, type ComposerAccount } from '../src/components/composer/composer-model'
import { editBodyOf, threadOf, valuesFromPost } from '../src/components/composer/edit-model'
import { EditTargets } from '../src/components/composer/edit-targets'
import { fromLocalInput } from '../src/lib/local-input'
import { userTimeZone } from '../src/lib/time'
import { postOf, targetOf } from './support/post-fixtures'

const ACCOUNTS: ComposerAccount[] = [
  { id: '00000000-0000-4000-8000-00000000000a', platform: 'twitter', displayName: 'X account' },
  { id: '00000000-0000-4000-8000-00000000000b', platform: 'telegram', displayName: 'Channel' },
  { id: '00000000-0000-4000-8000-00000000000c', platform: 'whatsapp', displayName: 'Business' },
  { id: '00000000-0000-4000-8000-00000000000d', platform: 'linkedin', displayName: 'Page' },
]
const [X, TG, WA, LI] = ACCOUNTS.map((a) => a.id) as [string, string, string, string]
const NOW = new Date('2026-12-03T08:00:00Z')
const AT = '2026-12-03T12:30:00.000Z'

function target(accountId: string, status: PostTarget['status'], override = {}) {
  const platform = ACCOUNTS.find((a) => a.id === accountId)!.platform
  return targetOf({
    id: `00000000-0000-4000-8000-0000000001${accountId.slice(-2)}`,
    accountId,
    platform,
    status,
    scheduledAt: status === 'SCHEDULED' ? AT : null,
    contentOverride: Object.keys(override).length ? override : null,
  })
}

/** A scheduled post as GET /v1/posts/:id answers it: X a numbered thread, LinkedIn already out. */
function post(targets = defaultTargets()): Post {
  return postOf({
    id: '00000000-0000-4000-8000-000000000001',
    content: {
      text: 'Launch day, the long version.',
      link: 'https://example.com/launch',
      media: [{ url: 'https://cdn.example.com/a.jpg', type: 'image', altText: 'A', sizeBytes: 9 }],
      firstComment: 'Questions below',
      options: { whatsapp: { recipients: ['14155550101', '447700900123'] }, telegram: { x: 1 } },
    },
    scheduledAt: AT,
    timeZone: 'Europe/Prague',
    targets,
  })
}

function defaultTargets() {
  return [
    target(X, 'SCHEDULED', { text: 'First 1/2', thread: [{ text: 'Second 2/2' }] }),
    target(TG, 'SCHEDULED', {
      text: 'Telegram only',
      poll: { options: ['a', 'b'] },
      firstComment: '',
    }),
    target(WA, 'SCHEDULED', { firstComment: '' }),
    target(LI, 'PUBLISHED'),
  ]
}

describe('an existing post as the composer values', () => {
  it('fills text, link, media, first comment, recipients, each own text and X thread, and its time', () => {
    const values = valuesFromPost(post(), userTimeZone(), NOW)
    expect(values).toMatchObject({
      text: 'Launch day, the long version.',
      link: 'https://example.com/launch',
      media: [{ id: 1, url: 'https://cdn.example.com/a.jpg', type: 'image', altText: 'A' }],
      firstComment: 'Questions below',
      whatsappRecipients: '14155550101, 447700900123',
      overrides: { telegram: { enabled: true, text: 'Telegram only' } },
      xThread: {
        on: true,
        numbered: true,
        parts: [
          { id: 1, text: 'First' },
          { id: 2, text: 'Second' },
        ],
      },
      schedule: 'keep',
    })
    // Only what an edit can still change is chosen: LinkedIn published it already.
    expect(values.accountIds).toEqual([X, TG, WA])
    expect(fromLocalInput(values.at)?.toISOString()).toBe(AT)
  })

  it('reads a thread as numbered only when every part ends in its own " i/N"', () => {
    expect(threadOf('One 1/2', [{ text: 'Two' }]).numbered).toBe(false)
    expect(threadOf('One 1/2', [{ text: 'Two 2/2' }]).parts.map((p) => p.text)).toEqual([
      'One',
      'Two',
    ])
  })

  it('a draft starts as "keep it a draft"; a passed time (a failed post) is not offered again', () => {
    const draft = { ...post([target(TG, 'DRAFT')]), scheduledAt: null }
    expect(valuesFromPost(draft, userTimeZone(), NOW)).toMatchObject({ schedule: 'draft', at: '' })
    const failed = { ...post([target(TG, 'FAILED')]), scheduledAt: '2026-12-03T07:00:00Z' }
    expect(valuesFromPost(failed, userTimeZone(), NOW)).toMatchObject({ schedule: 'keep', at: '' })
  })
})

describe('the composer values as a PATCH of the post', () => {
  it('sends back what it loaded unchanged: the X thread as stored, other fields kept, the time left', () => {
    const loaded = post()
    const { body, publishNow } = editBodyOf(
      valuesFromPost(loaded, userTimeZone(), NOW),
      loaded,
      ACCOUNTS,
    )
    expect(publishNow).toBe(false)
    expect(body.content).toEqual(loaded.content)
    expect(body.overrides).toEqual({
      [X]: { text: 'First 1/2', thread: [{ text: 'Second 2/2' }] },
      // Telegram and WhatsApp have no comments: the first comment stays off them, as on create.
      [TG]: { text: 'Telegram only', poll: { options: ['a', 'b'] }, firstComment: '' },
      [WA]: { firstComment: '' },
    })
    // The published target is not sent: an edit would not change what is live.
    expect(body.overrides).not.toHaveProperty(LI)
    expect(body).not.toHaveProperty('scheduledAt')
  })

  it('an edited thread part, a new time, a cleared own text', () => {
    const loaded = post()
    const values = valuesFromPost(loaded, userTimeZone(), NOW)
    values.xThread.parts[1]!.text = 'Second, edited'
    values.overrides.telegram = { enabled: false, text: 'Telegram only' }
    values.schedule = 'at'
    values.at = '2026-12-04T09:15'
    expect(problemsOf(values, ACCOUNTS, NOW)).toEqual([])
    const { body } = editBodyOf(values, loaded, ACCOUNTS)
    expect(body.overrides?.[X]).toEqual({
      text: 'First 1/2',
      thread: [{ text: 'Second, edited 2/2' }],
    })
    // The poll stays; only the text the form owns is gone.
    expect(body.overrides?.[TG]).toEqual({ poll: { options: ['a', 'b'] }, firstComment: '' })
    expect(body.scheduledAt).toBe(fromLocalInput('2026-12-04T09:15')!.toISOString())
    expect(body.timeZone).toBe(userTimeZone())
  })

  it('"back to draft" unschedules with null; "publish now" leaves the time to the publish route', () => {
    const loaded = post()
    const values = valuesFromPost(loaded, userTimeZone(), NOW)
    expect(
      editBodyOf({ ...values, schedule: 'draft' }, loaded, ACCOUNTS).body.scheduledAt,
    ).toBeNull()
    const now = editBodyOf({ ...values, schedule: 'now' }, loaded, ACCOUNTS)
    expect(now.publishNow).toBe(true)
    expect(now.body).not.toHaveProperty('scheduledAt')
    const noOwn = { ...post([target(TG, 'SCHEDULED', { text: 'own' })]) }
    const cleared = valuesFromPost(noOwn, userTimeZone(), NOW)
    cleared.overrides = {}
    cleared.firstComment = ''
    expect(editBodyOf(cleared, noOwn, ACCOUNTS).body.overrides).toEqual({ [TG]: null })
  })
})

describe('the edited post’s accounts', () => {
  it('locks what is sent or may be, saying why, and lets the rest take the edit', () => {
    const html = renderToStaticMarkup(
      createElement(EditTargets, {
        targets: [
          target(LI, 'PUBLISHED'),
          target(X, 'UNKNOWN'),
          target(TG, 'PUBLISHING'),
          target(WA, 'FAILED'),
        ],
        accountNames: new Map([[LI, 'Page']]),
      }),
    )
    expect(html).toContain('Published on LinkedIn: edits do not change what is live.')
    expect(html).toContain('May be live on X (the outcome is unknown): edits do not reach it.')
    expect(html).toContain('Being published on Telegram now: edits do not reach it.')
    expect(html).toContain('Failed: gets this edit')
    expect(html.match(/data-locked="true"/g)).toHaveLength(3)
    expect(html).toContain('The accounts of an existing post are fixed')
  })
})
