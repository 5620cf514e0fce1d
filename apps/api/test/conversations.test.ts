import type { Interaction } from '@statex/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, setup } from './fixtures.js'

let env: Awaited<ReturnType<typeof setup>>
beforeAll(async () => {
  env = await setup('conversations')
})
afterAll(async () => {
  await env.close()
})

let n = 0
const message = (at: Date, extra: Partial<Interaction> = {}): Interaction => ({
  platform: 'whatsapp',
  externalId: `wamid.${(n += 1)}`,
  type: 'MESSAGE',
  author: { externalId: '420777000111', name: 'Jana' },
  conversationId: '420777000111',
  text: 'Do you deliver on Sundays?',
  createdAt: at,
  raw: null,
  ...extra,
})

const api = (
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  key: string,
  payload?: unknown,
) =>
  env.app.inject({
    method,
    url,
    headers: bearer(key),
    ...(payload !== undefined ? { payload: payload as object } : {}),
  })

describe('conversations', () => {
  it('lists, filters and updates a conversation; notes stay internal; other workspaces see nothing', async () => {
    const { a, b } = env
    const { awaitingReply } = await env.db.inbox.ingestInteractions(a.accounts.whatsapp, [
      message(new Date()),
    ])
    const list = await api('GET', '/v1/conversations?status=open', a.keys.viewer)
    expect(list.statusCode, list.body).toBe(200)
    const [conversation] = list.json().data
    expect(conversation).toMatchObject({
      kind: 'direct',
      platform: 'whatsapp',
      status: 'open',
      firstResponseMs: null,
    })
    expect((await api('GET', '/v1/conversations', b.keys.viewer)).json().data).toEqual([])
    expect(
      (await api('GET', `/v1/conversations/${conversation.id}`, b.keys.viewer)).statusCode,
    ).toBe(404)

    const patched = await api('PATCH', `/v1/conversations/${conversation.id}`, a.keys.editor, {
      status: 'pending',
      assigneeUserId: a.ownerId,
      labels: ['delivery'],
    })
    expect(patched.statusCode, patched.body).toBe(200)
    expect(patched.json().conversation).toMatchObject({
      status: 'pending',
      assigneeUserId: a.ownerId,
      labels: ['delivery'],
    })
    const snoozeWithoutTime = await api(
      'PATCH',
      `/v1/conversations/${conversation.id}`,
      a.keys.editor,
      { status: 'snoozed' },
    )
    expect(snoozeWithoutTime.statusCode).toBe(422)
    expect(snoozeWithoutTime.json().error.message).toMatch(/snoozedUntil/)
    expect(
      (
        await api('PATCH', `/v1/conversations/${conversation.id}`, a.keys.viewer, {
          status: 'resolved',
        })
      ).statusCode,
    ).toBe(403)
    expect(
      (
        await api('GET', `/v1/conversations?assignee=${a.ownerId}&label=delivery`, a.keys.viewer)
      ).json().data,
    ).toHaveLength(1)

    const note = await api('POST', `/v1/conversations/${conversation.id}/notes`, a.keys.editor, {
      text: 'VIP customer',
    })
    expect(note.statusCode, note.body).toBe(201)
    const detail = (await api('GET', `/v1/conversations/${conversation.id}`, a.keys.viewer)).json()
    expect(detail.interactions.map((i: { id: string }) => i.id)).toEqual(awaitingReply)
    expect(detail.notes).toEqual([
      expect.objectContaining({ text: 'VIP customer', author: expect.stringMatching(/^api-key:/) }),
    ])

    const resolved = await api('PATCH', `/v1/conversations/${conversation.id}`, a.keys.editor, {
      status: 'resolved',
    })
    expect(resolved.json().conversation.resolutionMs).toBeGreaterThanOrEqual(0)
  })

  it('refuses a free-form WhatsApp reply outside the 24-hour window, and never sends again a reply whose outcome is unknown', async () => {
    const { a } = env
    const old = await env.db.inbox.ingestInteractions(a.accounts.whatsapp, [
      message(new Date(Date.now() - 25 * 3_600_000), {
        author: { externalId: '420777000222' },
        conversationId: '420777000222',
      }),
    ])
    const closed = await api(
      'POST',
      `/v1/interactions/${old.awaitingReply[0]}/reply`,
      a.keys.editor,
      { text: 'Hello!' },
    )
    expect(closed.statusCode, closed.body).toBe(422)
    expect(closed.json().error.code).toBe('MESSAGING_WINDOW_CLOSED')
    expect(await env.db.inbox.getReplyFor(old.awaitingReply[0]!)).toBeNull()

    // Inside the window the platform is called; the sandbox address answers nothing usable, so
    // the adapter cannot tell whether it landed: the reply is kept `unknown` and never re-sent.
    const fresh = await env.db.inbox.ingestInteractions(a.accounts.whatsapp, [
      message(new Date(), {
        author: { externalId: '420777000333' },
        conversationId: '420777000333',
      }),
    ])
    const failed = await api(
      'POST',
      `/v1/interactions/${fresh.awaitingReply[0]}/reply`,
      a.keys.editor,
      { text: 'Hello!' },
    )
    expect(failed.statusCode, failed.body).toBe(502)
    expect(failed.json().error.code).toBe('REPLY_OUTCOME_UNKNOWN')
    expect(await env.db.inbox.getReplyFor(fresh.awaitingReply[0]!)).toMatchObject({
      status: 'unknown',
    })
    const again = await api(
      'POST',
      `/v1/interactions/${fresh.awaitingReply[0]}/reply`,
      a.keys.editor,
      { text: 'Hello?' },
    )
    expect(again.statusCode).toBe(409)
    expect(again.json().error.details).toEqual({ replyStatus: 'unknown' })
  })
})

describe('saved replies and inbox settings', () => {
  it('saves replies with known placeholders only and fills them for an interaction', async () => {
    const { a } = env
    const bad = await api('POST', '/v1/saved-replies', a.keys.editor, {
      name: 'x',
      text: 'Hi {{firstname}}',
    })
    expect(bad.statusCode).toBe(422)
    expect(bad.json().error.message).toMatch(/\{\{firstname\}\}.*\{\{name\}\}/)
    const saved = await api('POST', '/v1/saved-replies', a.keys.editor, {
      name: 'Thanks',
      text: 'Thanks {{name}}! — {{account}}',
    })
    expect(saved.statusCode, saved.body).toBe(201)
    expect(
      (await api('POST', '/v1/saved-replies', a.keys.editor, { name: 'Thanks', text: 'again' }))
        .statusCode,
    ).toBe(422)
    const { awaitingReply } = await env.db.inbox.ingestInteractions(a.accounts.whatsapp, [
      message(new Date()),
    ])
    const rendered = await api(
      'POST',
      `/v1/saved-replies/${saved.json().savedReply.id}/render`,
      a.keys.viewer,
      {
        interactionId: awaitingReply[0],
      },
    )
    expect(rendered.statusCode, rendered.body).toBe(200)
    expect(rendered.json().text).toMatch(/^Thanks Jana! — conversations-a whatsapp 1000001$/)
    expect((await api('GET', '/v1/saved-replies', env.b.keys.viewer)).json().data).toEqual([])
  })

  it('sets rules, brand voice and FAQ knowledge, and reports AI cost per tier', async () => {
    const { a } = env
    const rule = await api('PUT', '/v1/inbox/rules', a.keys.editor, {
      accountId: null,
      mode: 'suggest',
      quietStart: '22:00',
      quietEnd: '07:00',
    })
    expect(rule.statusCode, rule.body).toBe(200)
    expect(rule.json().rule).toMatchObject({ mode: 'suggest', hourlyCap: 20, types: [] })
    const half = await api('PUT', '/v1/inbox/rules', a.keys.editor, {
      accountId: null,
      mode: 'auto',
      quietStart: '22:00',
    })
    expect(half.statusCode).toBe(422)
    expect((await api('GET', '/v1/inbox/rules', a.keys.viewer)).json().data).toHaveLength(1)

    const voice = await api('PUT', '/v1/inbox/brand-voice', a.keys.editor, {
      tone: 'warm',
      signature: '— Acme',
      dos: [],
      donts: ['promise dates'],
    })
    expect(voice.json().voice).toMatchObject({ tone: 'warm' })
    await api('POST', '/v1/inbox/knowledge', a.keys.editor, {
      question: 'Sunday delivery',
      answer: 'We deliver Monday to Saturday.',
    })
    const found = await api('GET', '/v1/inbox/knowledge?q=do+you+deliver+on+sundays', a.keys.viewer)
    expect(found.json().data.map((k: { question: string }) => k.question)).toEqual([
      'Sunday delivery',
    ])

    await env.db.inboxSettings.recordUsage({
      workspaceId: a.workspaceId,
      purpose: 'reply',
      tier: 'openai',
      model: 'gpt-4o-mini',
      tokensIn: 1000,
      tokensOut: 200,
      latencyMs: 300,
      costUsd: 0.00027,
    })
    const usage = await api('GET', '/v1/inbox/ai-usage', a.keys.viewer)
    expect(usage.json().data).toEqual([
      { tier: 'openai', calls: 1, tokensIn: 1000, tokensOut: 200, costUsd: 0.00027 },
    ])
  })
})
