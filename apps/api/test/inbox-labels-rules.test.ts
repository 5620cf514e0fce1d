import type { Interaction } from '@statex/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, setup } from './fixtures.js'

let env: Awaited<ReturnType<typeof setup>>
beforeAll(async () => {
  env = await setup('inbox-labels-rules')
})
afterAll(async () => {
  await env.close()
})

let n = 0
const message = (person: string): Interaction => ({
  platform: 'whatsapp',
  externalId: `wamid.labels.${(n += 1)}`,
  type: 'MESSAGE',
  author: { externalId: person, name: `Person ${person}` },
  conversationId: person,
  text: 'Is my order on its way?',
  createdAt: new Date(),
  raw: null,
})

const api = (
  method: 'GET' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  key: string,
  payload?: object,
) => env.app.inject({ method, url, headers: bearer(key), ...(payload ? { payload } : {}) })

describe('labels in use', () => {
  it('lists the labels of the workspace most used first, and filters the inbox by one', async () => {
    const { a, b } = env
    const { awaitingReply } = await env.db.inbox.ingestInteractions(a.accounts.whatsapp, [
      message('420700000001'),
      message('420700000002'),
      message('420700000003'),
    ])
    const conversationOf = async (id: string) =>
      (await api('GET', `/v1/interactions/${id}`, a.keys.viewer)).json().interaction
        .inboxConversationId as string
    const [c1, c2] = await Promise.all(awaitingReply.slice(0, 2).map(conversationOf))
    for (const [id, labels] of [
      [c1, ['vip', 'delivery']],
      [c2, ['delivery']],
    ] as const) {
      const patched = await api('PATCH', `/v1/conversations/${id}`, a.keys.editor, { labels })
      expect(patched.statusCode, patched.body).toBe(200)
    }

    const labels = await api('GET', '/v1/conversations/labels', a.keys.viewer)
    expect(labels.statusCode, labels.body).toBe(200)
    expect(labels.json().data).toEqual([
      { label: 'delivery', conversations: 2 },
      { label: 'vip', conversations: 1 },
    ])
    expect((await api('GET', '/v1/conversations/labels', b.keys.viewer)).json().data).toEqual([])

    const vip = await api('GET', '/v1/interactions?label=vip', a.keys.viewer)
    expect(vip.statusCode, vip.body).toBe(200)
    expect(vip.json().data.map((i: { id: string }) => i.id)).toEqual([awaitingReply[0]])
    const delivery = await api('GET', '/v1/interactions?label=delivery', a.keys.viewer)
    expect(
      delivery
        .json()
        .data.map((i: { id: string }) => i.id)
        .sort(),
    ).toEqual(awaitingReply.slice(0, 2).sort())
    const counted = await api('GET', '/v1/interactions/counts?label=vip', a.keys.viewer)
    expect(counted.json().needsReply.total).toBe(1)
    const blank = await api('GET', '/v1/interactions?label=', a.keys.viewer)
    expect(blank.statusCode).toBe(400)
  })
})

describe('per-account rules', () => {
  it('sets an account its own rule and removes it again, so the workspace rule applies', async () => {
    const { a, b } = env
    const base = { mode: 'suggest', hourlyCap: 5 }
    expect(
      (await api('PUT', '/v1/inbox/rules', a.keys.editor, { ...base, accountId: null })).statusCode,
    ).toBe(200)
    const own = await api('PUT', '/v1/inbox/rules', a.keys.editor, {
      accountId: a.accounts.telegram,
      mode: 'auto',
      types: ['COMMENT'],
    })
    expect(own.statusCode, own.body).toBe(200)
    const rules = (await api('GET', '/v1/inbox/rules', a.keys.viewer)).json().data
    expect(
      rules.map((r: { accountId: string | null; mode: string }) => [r.accountId, r.mode]),
    ).toEqual([
      [null, 'suggest'],
      [a.accounts.telegram, 'auto'],
    ])

    const path = `/v1/inbox/rules/${a.accounts.telegram}`
    expect((await api('DELETE', path, a.keys.viewer)).statusCode).toBe(403)
    expect((await api('DELETE', path, b.keys.editor)).statusCode).toBe(404)
    expect((await api('DELETE', path, a.keys.editor)).statusCode).toBe(204)
    expect((await env.db.inboxSettings.ruleFor(a.workspaceId, a.accounts.telegram))?.mode).toBe(
      'suggest',
    )
    const again = await api('DELETE', path, a.keys.editor)
    expect(again.statusCode).toBe(404)
    expect(again.json().error.message).toMatch(/already follows the workspace rule/)
    expect((await api('GET', '/v1/inbox/rules', a.keys.viewer)).json().data).toHaveLength(1)
  })
})
