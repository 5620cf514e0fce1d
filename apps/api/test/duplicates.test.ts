import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { similarity } from '../src/services/duplicates.js'
import { bearer, setup } from './fixtures.js'

let env: Awaited<ReturnType<typeof setup>>
let twitter: string
beforeAll(async () => {
  env = await setup('duplicates')
  twitter = (
    await env.db.accounts.connectAccount(env.a.workspaceId, {
      platform: 'twitter',
      externalAccountId: '42',
      displayName: 'Acme on X',
      tokens: { accessToken: 'token-x' },
    })
  ).id
})
afterAll(async () => {
  await env.close()
})

const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString()

function schedule(accountId: string, text: string, at: string) {
  return env.app.inject({
    method: 'POST',
    url: '/v1/posts',
    headers: bearer(env.a.keys.editor),
    payload: { content: { text }, targets: [{ accountId }], schedule: { type: 'at', at } },
  })
}

describe('similarity', () => {
  it('is 1 for the same words in another case, spacing or link, high for one changed word, low for another text', () => {
    expect(
      similarity('Big launch today!  https://a.example/x', 'big launch TODAY https://b.example/y'),
    ).toBe(1)
    expect(
      similarity(
        'Our spring collection is out now in every store and online',
        'Our spring collection is out now in every store and online!!',
      ),
    ).toBe(1)
    expect(
      similarity(
        'Our spring collection is out now in every store and online',
        'Our spring collection is out today in every store and online',
      ),
    ).toBeGreaterThan(0.85)
    expect(
      similarity('Our spring collection is out now', 'Join our webinar on Thursday'),
    ).toBeLessThan(0.3)
  })
})

describe('duplicate detection on create', () => {
  it('warns with a link to the earlier post on the same account within the window', async () => {
    const first = await schedule(
      env.a.accounts.telegram,
      'The spring collection is out now in every store',
      inHours(1),
    )
    expect(first.statusCode, first.body).toBe(201)
    expect(first.json().warnings).toEqual([])
    const earlierId = first.json().post.id as string
    const again = await schedule(
      env.a.accounts.telegram,
      'The spring collection is out now, in every store!',
      inHours(5),
    )
    expect(again.statusCode, again.body).toBe(201)
    expect(again.json().warnings).toEqual([
      expect.objectContaining({
        code: 'DUPLICATE_CONTENT',
        refused: false,
        accountId: env.a.accounts.telegram,
        earlier: expect.objectContaining({ postId: earlierId, href: `/v1/posts/${earlierId}` }),
      }),
    ])
    // Another account, or outside the 72-hour window: no warning.
    expect(
      (
        await schedule(
          env.a.accounts.telegram2,
          'The spring collection is out now in every store',
          inHours(1),
        )
      ).json().warnings,
    ).toEqual([])
    expect(
      (
        await schedule(
          env.a.accounts.telegram,
          'The spring collection is out now in every store',
          inHours(24 * 5),
        )
      ).json().warnings,
    ).toEqual([])
  })

  it('refuses a duplicate on X, saying which post it repeats', async () => {
    expect(
      (await schedule(twitter, 'Webinar on Thursday at 10, sign up', inHours(2))).statusCode,
    ).toBe(201)
    const refused = await schedule(twitter, 'Webinar on Thursday at 10 — sign up!', inHours(3))
    expect(refused.statusCode).toBe(422)
    const error = refused.json().error
    expect(error.code).toBe('DUPLICATE_CONTENT')
    expect(error.message).toMatch(/X refuses duplicates/)
    expect(error.details.duplicates[0].platform).toBe('twitter')
  })
})

describe('duplicate detection on edit', () => {
  const patch = (id: string, payload: object) =>
    env.app.inject({
      method: 'PATCH',
      url: `/v1/posts/${id}`,
      headers: bearer(env.a.keys.editor),
      payload,
    })

  it('refuses an X edit that repeats another post, and leaves the post as it was', async () => {
    expect((await schedule(twitter, 'Office hours on Friday at 4', inHours(30))).statusCode).toBe(
      201,
    )
    const other = await schedule(twitter, 'Our new pricing page is live', inHours(31))
    const id = other.json().post.id as string
    const refused = await patch(id, { content: { text: 'Office hours on Friday at 4!' } })
    expect(refused.statusCode).toBe(422)
    expect(refused.json().error.code).toBe('DUPLICATE_CONTENT')
    const stored = await env.app.inject({
      url: `/v1/posts/${id}`,
      headers: bearer(env.a.keys.editor),
    })
    expect(stored.json().post.content.text).toBe('Our new pricing page is live')
    // Moving it next to the first one keeps its own text: no duplicate.
    const moved = await patch(id, { scheduledAt: inHours(30.5) })
    expect(moved.statusCode, moved.body).toBe(200)
    expect(moved.json().warnings).toEqual([])
  })

  it('warns where the platform allows it, and does not compare a post with itself', async () => {
    const first = await schedule(
      env.a.accounts.telegram2,
      'Autumn sale starts Monday in every shop',
      inHours(40),
    )
    const firstId = first.json().post.id as string
    const second = await schedule(env.a.accounts.telegram2, 'A quiet week ahead', inHours(42))
    const secondId = second.json().post.id as string
    // Rescheduling the first one alone finds nothing: its own earlier time is not a duplicate.
    expect((await patch(firstId, { scheduledAt: inHours(41) })).json().warnings).toEqual([])
    const edited = await patch(secondId, {
      content: { text: 'Autumn sale starts Monday, in every shop!' },
    })
    expect(edited.statusCode, edited.body).toBe(200)
    expect(edited.json().warnings).toEqual([
      expect.objectContaining({
        code: 'DUPLICATE_CONTENT',
        refused: false,
        earlier: expect.objectContaining({ postId: firstId }),
      }),
    ])
  })
})
