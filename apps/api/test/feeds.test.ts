import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, setup } from './fixtures.js'

let env: Awaited<ReturnType<typeof setup>>
beforeAll(async () => {
  env = await setup('feeds')
})
afterAll(async () => {
  await env.close()
})

const call = (
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  key: string,
  payload?: unknown,
) =>
  env.app.inject({
    method,
    url,
    headers: bearer(key),
    ...(payload === undefined ? {} : { payload: payload as object }),
  })

describe('/v1/feeds', () => {
  it('adds, lists, changes and removes a feed of the workspace', async () => {
    const created = await call('POST', '/v1/feeds', env.a.keys.editor, {
      url: 'https://blog.example.com/feed.xml',
      accountIds: [env.a.accounts.telegram],
      mode: 'next_slot',
      templates: { telegram: '{title} {link}' },
    })
    expect(created.statusCode, created.body).toBe(201)
    const { feed } = created.json()
    expect(feed).toMatchObject({
      mode: 'next_slot',
      active: true,
      pollIntervalMinutes: 30,
      lastError: null,
    })
    expect((await call('GET', '/v1/feeds', env.a.keys.viewer)).json().data).toHaveLength(1)
    expect((await call('GET', '/v1/feeds', env.b.keys.viewer)).json().data).toHaveLength(0)
    expect((await call('GET', `/v1/feeds/${feed.id}`, env.b.keys.viewer)).statusCode).toBe(404)
    const patched = await call('PATCH', `/v1/feeds/${feed.id}`, env.a.keys.editor, {
      mode: 'draft',
      active: false,
    })
    expect(patched.json().feed).toMatchObject({ mode: 'draft', active: false })
    const shown = (await call('GET', `/v1/feeds/${feed.id}`, env.a.keys.viewer)).json()
    expect(shown.items).toEqual([])
    expect((await call('DELETE', `/v1/feeds/${feed.id}`, env.a.keys.editor)).statusCode).toBe(204)
  })

  it('refuses a private address, another workspace’s account and a viewer', async () => {
    const local = await call('POST', '/v1/feeds', env.a.keys.editor, {
      url: 'http://127.0.0.1:8080/feed',
      accountIds: [env.a.accounts.telegram],
    })
    expect(local.statusCode).toBe(422)
    expect(local.json().error.message).toMatch(/public addresses/)
    const foreign = await call('POST', '/v1/feeds', env.a.keys.editor, {
      url: 'https://blog.example.com/feed.xml',
      accountIds: [env.b.accounts.telegram],
    })
    expect(foreign.statusCode).toBe(422)
    expect(
      (
        await call('POST', '/v1/feeds', env.a.keys.viewer, {
          url: 'https://blog.example.com/feed.xml',
          accountIds: [env.a.accounts.telegram],
        })
      ).statusCode,
    ).toBe(403)
  })
})
