import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withUtm } from '../src/services/short-links.js'
import { bearer, setup } from './fixtures.js'

let env: Awaited<ReturnType<typeof setup>>
beforeAll(async () => {
  env = await setup('links', { linkBaseUrl: 'https://go.example.test' })
})
afterAll(async () => {
  await env.close()
})

describe('withUtm', () => {
  it('adds the platform’s UTM parameters and keeps ones the URL sets itself', () => {
    expect(withUtm('https://shop.example.com/spring?ref=1', 'telegram')).toBe(
      'https://shop.example.com/spring?ref=1&utm_source=telegram&utm_medium=social&utm_campaign=statex',
    )
    expect(withUtm('https://shop.example.com/?utm_campaign=spring', 'twitter')).toBe(
      'https://shop.example.com/?utm_campaign=spring&utm_source=twitter&utm_medium=social',
    )
  })
})

describe('short links', () => {
  it('shortens each URL per target, redirects with UTM parameters and counts clicks per post and platform', async () => {
    const created = await env.app.inject({
      method: 'POST',
      url: '/v1/posts',
      headers: bearer(env.a.keys.editor),
      payload: {
        content: {
          text: 'Spring sale: https://shop.example.com/spring. Details https://shop.example.com/faq',
          options: { whatsapp: { recipients: ['+420600000001'] } },
        },
        targets: [{ accountId: env.a.accounts.telegram }, { accountId: env.a.accounts.whatsapp }],
        shortenLinks: true,
      },
    })
    expect(created.statusCode, created.body).toBe(201)
    const post = created.json().post as {
      id: string
      targets: { platform: string; contentOverride: { text: string } | null }[]
    }
    const telegramText = post.targets.find((t) => t.platform === 'telegram')!.contentOverride!.text
    expect(telegramText).toMatch(
      /^Spring sale: https:\/\/go\.example\.test\/l\/[\w-]+\. Details https:\/\/go\.example\.test\/l\/[\w-]+$/,
    )
    const links = (
      await env.app.inject({
        method: 'GET',
        url: `/v1/posts/${post.id}/links`,
        headers: bearer(env.a.keys.viewer),
      })
    ).json().data as {
      code: string
      platform: string
      originalUrl: string
      destination: string
      clicks: number
    }[]
    expect(links).toHaveLength(4)
    const spring = links.find(
      (l) => l.platform === 'telegram' && l.originalUrl === 'https://shop.example.com/spring',
    )!
    expect(telegramText).toContain(`/l/${spring.code}.`)
    for (let i = 0; i < 3; i++) {
      const click = await env.app.inject({ method: 'GET', url: `/l/${spring.code}` })
      expect(click.statusCode).toBe(302)
      expect(click.headers.location).toBe(
        'https://shop.example.com/spring?utm_source=telegram&utm_medium=social&utm_campaign=statex',
      )
    }
    const after = (
      await env.app.inject({
        method: 'GET',
        url: `/v1/posts/${post.id}/links`,
        headers: bearer(env.a.keys.viewer),
      })
    ).json().data as { code: string; clicks: number }[]
    expect(after.find((l) => l.code === spring.code)!.clicks).toBe(3)
    expect(after.filter((l) => l.code !== spring.code).every((l) => l.clicks === 0)).toBe(true)
    expect((await env.app.inject({ method: 'GET', url: '/l/doesnotexist' })).statusCode).toBe(404)
  })

  it('leaves the text alone without shortenLinks', async () => {
    const created = await env.app.inject({
      method: 'POST',
      url: '/v1/posts',
      headers: bearer(env.a.keys.editor),
      payload: {
        content: { text: 'See https://example.com' },
        targets: [{ accountId: env.a.accounts.telegram }],
      },
    })
    expect(created.json().post.targets[0].contentOverride).toBeNull()
  })
})
