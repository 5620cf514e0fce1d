import { describe, expect, it } from 'vitest'
import {
  bodyOf,
  composerSchema,
  joinParts,
  parseRecipients,
  previewsOf,
  problemsOf,
  threadFrom,
  type ComposerAccount,
  type ComposerValues,
} from '../src/components/composer/composer-model'
import { NO_THREAD } from '../src/components/composer/composer-values'
import { firstCommentOverride } from '../src/components/composer/first-comment-model'
import { fromLocalInput, toLocalInput } from '../src/lib/local-input'

const ACCOUNTS: ComposerAccount[] = [
  { id: 'a-x', platform: 'twitter', displayName: 'X account' },
  { id: 'a-tg', platform: 'telegram', displayName: 'Channel' },
  { id: 'a-wa', platform: 'whatsapp', displayName: 'Business' },
]
const NOW = new Date('2026-12-02T08:00:00Z')

function values(patch: Partial<ComposerValues>): ComposerValues {
  return {
    text: 'Hello',
    link: '',
    media: [],
    accountIds: ['a-x', 'a-tg'],
    overrides: {},
    xThread: NO_THREAD,
    whatsappRecipients: '',
    firstComment: '',
    shortenLinks: false,
    schedule: 'at',
    at: '2026-12-02T10:00',
    ...patch,
  }
}

describe('the composer model', () => {
  it('finds nothing wrong with a post that fits every chosen platform', () => {
    expect(problemsOf(values({}), ACCOUNTS, NOW, 'UTC')).toEqual([])
  })

  it("blocks an over-long X text with core's own message, and a text of X's own fixes it", () => {
    const long = values({ text: 'a'.repeat(300) })
    expect(problemsOf(long, ACCOUNTS, NOW, 'UTC')).toEqual([
      {
        where: 'X',
        message: expect.stringMatching(
          /^The text is 300 characters as X counts them .*X allows 280\. Shorten it by 20\.$/,
        ),
        // The alert offers to write it as a thread.
        fix: 'make-thread',
      },
    ])
    const fixed = { ...long, overrides: { twitter: { enabled: true, text: 'Short for X' } } }
    expect(problemsOf(fixed, ACCOUNTS, NOW, 'UTC')).toEqual([])
    const [x, telegram] = previewsOf(fixed, ACCOUNTS)
    expect([x?.platform, x?.count, telegram?.platform, telegram?.count]).toEqual([
      'twitter',
      11,
      'telegram',
      300,
    ])
  })

  it("checks the first comment against each commenting platform's limit, as the API counts it", () => {
    // 290 code points: over X's 280 (the API counts code points here, not X's weighting).
    const long = values({ firstComment: '😀'.repeat(290) })
    expect(problemsOf(long, ACCOUNTS, NOW, 'UTC')).toEqual([
      {
        where: 'First comment',
        message: 'The first comment has 290 characters; X takes 280. Shorten it by 10.',
      },
    ])
    // Telegram has no comments: the same comment is left off there, not refused.
    expect(problemsOf(long, ACCOUNTS, NOW, 'UTC').length).toBe(1)
    expect(problemsOf(values({ firstComment: '😀'.repeat(280) }), ACCOUNTS, NOW, 'UTC')).toEqual([])
    expect(problemsOf(values({ ...long, accountIds: ['a-tg'] }), ACCOUNTS, NOW, 'UTC')).toEqual([])
  })

  it('keeps a first comment off the platforms without comments, and sends no override without one', () => {
    expect(firstCommentOverride('Ask here', 'telegram')).toEqual({ firstComment: '' })
    expect(firstCommentOverride('Ask here', 'twitter')).toBeUndefined()
    expect(firstCommentOverride('  ', 'telegram')).toBeUndefined()
  })

  it('asks for WhatsApp recipients in international form', () => {
    const wa = values({ accountIds: ['a-wa'] })
    expect(problemsOf(wa, ACCOUNTS, NOW, 'UTC').map((p) => p.message)).toEqual([
      expect.stringMatching(/^Add at least one opted-in recipient/),
    ])
    expect(
      problemsOf({ ...wa, whatsappRecipients: '+14155550101, call-me' }, ACCOUNTS, NOW, 'UTC').map(
        (p) => p.message,
      ),
    ).toEqual(['These are not phone numbers in international form: call-me.'])
    expect(parseRecipients('+14155550101,\n447700900123 ; 16505551234')).toEqual([
      '14155550101',
      '447700900123',
      '16505551234',
    ])
  })

  it('refuses no account, a time that has passed, and an impossible date', () => {
    expect(
      problemsOf(values({ accountIds: [] }), ACCOUNTS, NOW, 'UTC').map((p) => p.where),
    ).toEqual(['Accounts'])
    expect(
      problemsOf(values({ at: '2026-12-02T07:59' }), ACCOUNTS, NOW, 'UTC').map((p) => p.message),
    ).toEqual(['That time has passed: choose a later one, or "Publish now".'])
    expect(
      problemsOf(values({ at: '2026-02-31T10:00' }), ACCOUNTS, NOW, 'UTC').map((p) => p.where),
    ).toEqual(['Time'])
    expect(problemsOf(values({ schedule: 'now', at: '' }), ACCOUNTS, NOW, 'UTC')).toEqual([])
  })

  it('gives the same answer through the zod schema react-hook-form uses', () => {
    const schema = composerSchema(ACCOUNTS)
    const future = toLocalInput(new Date(Date.now() + 3_600_000))
    expect(schema.safeParse(values({ at: future })).success).toBe(true)
    const refused = schema.safeParse(values({ at: future, text: 'a'.repeat(300) }))
    expect(refused.success).toBe(false)
    expect(refused.error?.issues.map((i) => i.message)).toEqual([
      expect.stringMatching(/^X: The text is 300/),
    ])
  })
})

describe('an X thread', () => {
  const long = `${'First thought, said at length. '.repeat(6)}\n\n${'And a second one here. '.repeat(8)}`
  const thread = (texts: string[], numbered = false) => ({
    on: true,
    numbered,
    parts: texts.map((text, i) => ({ id: i + 1, text })),
  })

  it('made from an over-long X text, passes and previews as the posts X will show', () => {
    const made = threadFrom(long, false)
    expect(made.parts.map((p) => p.text)).toEqual([
      'First thought, said at length. '.repeat(6).trim(),
      'And a second one here. '.repeat(8).trim(),
    ])
    const v = values({ text: long, xThread: made })
    expect(problemsOf(v, ACCOUNTS, NOW, 'UTC')).toEqual([])
    const [x, telegram] = previewsOf(v, ACCOUNTS)
    expect(x?.view.platform === 'twitter' && x.view.tweets.map((t) => t.position)).toEqual([
      '1/2',
      '2/2',
    ])
    // Telegram keeps the shared text, whole.
    expect(telegram?.text).toBe(long)
  })

  it('leaves room in the first post for the link X appends to it', () => {
    const text = `${'Word '.repeat(50).trim()}. ${'More '.repeat(40).trim()}.`
    const withLink = values({ text, link: 'https://example.com/launch' })
    const made = threadFrom(text, false, withLink.link)
    expect(made.parts.length).toBe(2)
    expect(problemsOf({ ...withLink, xThread: made }, ACCOUNTS, NOW, 'UTC')).toEqual([])
    // Split without the room, the first post plus the link is over.
    const tight = threadFrom(`${'a '.repeat(139)}b ${'c '.repeat(20)}`, false)
    expect(
      problemsOf(
        { ...values({ link: 'https://example.com/launch' }), xThread: tight },
        ACCOUNTS,
        NOW,
        'UTC',
      ).map((p) => p.message),
    ).toEqual([expect.stringMatching(/^X post 1 of 2: The text is 30\d /)])
  })

  it('goes to the API as X’s override: the first post as text, the rest as thread, media on the first', () => {
    const v = values({
      text: long,
      media: [{ id: 1, url: 'https://cdn.example.com/a.jpg', type: 'image', altText: '' }],
      xThread: thread(['One', 'Two', 'Three'], true),
    })
    const body = bodyOf(v, ACCOUNTS)
    expect(body.content).toMatchObject({
      text: long,
      media: [{ url: 'https://cdn.example.com/a.jpg', type: 'image' }],
    })
    expect(body.targets).toEqual([
      {
        accountId: 'a-x',
        override: { text: 'One 1/3', thread: [{ text: 'Two 2/3' }, { text: 'Three 3/3' }] },
      },
      { accountId: 'a-tg' },
    ])
  })

  it('blocks a part over 280, naming the part, and a numbered part counts its number', () => {
    const v = values({ xThread: thread(['One', 'a'.repeat(300), 'Three']) })
    expect(problemsOf(v, ACCOUNTS, NOW, 'UTC')).toEqual([
      {
        where: 'X',
        message: expect.stringMatching(
          /^X post 2 of 3: The text is 300 characters as X counts them .*Shorten it by 20\.$/,
        ),
      },
    ])
    // 280 fits alone; with " 2/2" it is 284.
    expect(
      problemsOf(values({ xThread: thread(['One', 'a'.repeat(280)]) }), ACCOUNTS, NOW, 'UTC'),
    ).toEqual([])
    expect(
      problemsOf(
        values({ xThread: thread(['One', 'a'.repeat(280)], true) }),
        ACCOUNTS,
        NOW,
        'UTC',
      ).map((p) => p.message),
    ).toEqual([expect.stringMatching(/^X post 2 of 2: The text is 284 /)])
  })

  it('turned off, its parts become X’s own text again', () => {
    expect(joinParts(thread(['One', '  ', 'Two ']).parts)).toBe('One\n\nTwo')
  })
})

describe('times in the person’s zone', () => {
  it('reads a datetime-local value as wall-clock time in the zone, seconds included', () => {
    expect(fromLocalInput('2026-07-01T09:30', 'Europe/Prague')?.toISOString()).toBe(
      '2026-07-01T07:30:00.000Z',
    )
    expect(fromLocalInput('2026-12-01T09:30:15', 'Europe/Prague')?.toISOString()).toBe(
      '2026-12-01T08:30:15.000Z',
    )
    // The skipped hour of spring moves forward, as core's scheduling does.
    expect(fromLocalInput('2026-03-29T02:30', 'Europe/Prague')?.toISOString()).toBe(
      '2026-03-29T01:00:00.000Z',
    )
    expect(fromLocalInput('not a time', 'UTC')).toBeNull()
  })

  it('writes an instant back as the same wall-clock value', () => {
    expect(toLocalInput(new Date('2026-07-01T07:30:00Z'), 'Europe/Prague')).toBe('2026-07-01T09:30')
  })
})
