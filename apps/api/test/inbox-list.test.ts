import type { Interaction } from '@statex/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, setup } from './fixtures.js'

let env: Awaited<ReturnType<typeof setup>>
beforeAll(async () => {
  env = await setup('inbox-list')
})
afterAll(async () => {
  await env.close()
})

let n = 0
const item = (
  platform: 'telegram' | 'whatsapp',
  extra: Partial<Interaction> = {},
): Interaction => ({
  platform,
  externalId: `${platform}-${(n += 1)}`,
  type: platform === 'whatsapp' ? 'MESSAGE' : 'COMMENT',
  author: { externalId: `person-${n}`, name: `Person ${n}` },
  conversationId: `chat-${n}`,
  text: `Question ${n}?`,
  createdAt: new Date(Date.now() - n * 1000),
  raw: null,
  ...extra,
})

const get = (url: string) =>
  env.app.inject({ method: 'GET', url, headers: bearer(env.a.keys.viewer) })
const texts = async (url: string) => {
  const answer = await get(url)
  expect(answer.statusCode, answer.body).toBe(200)
  return (answer.json().data as { text: string }[]).map((i) => i.text).sort()
}

describe('the inbox list', () => {
  it('filters by platform, type and sentiment, and counts what waits for an answer per platform', async () => {
    const { a, b } = env
    await env.db.inbox.ingestInteractions(a.accounts.telegram, [
      item('telegram', { text: 'tg comment' }),
      item('telegram', { type: 'REACTION', text: 'tg reaction', reaction: '👍' }),
    ])
    const { awaitingReply } = await env.db.inbox.ingestInteractions(a.accounts.whatsapp, [
      item('whatsapp', { text: 'wa angry' }),
      item('whatsapp', { text: 'wa happy' }),
    ])
    await env.db.inbox.ingestInteractions(b.accounts.telegram, [item('telegram')])
    const list = await get('/v1/interactions?platform=whatsapp')
    const byText = new Map(
      (list.json().data as { id: string; text: string }[]).map((i) => [i.text, i.id]),
    )
    expect(awaitingReply).toHaveLength(2)
    await env.db.interactions.saveTriage(byText.get('wa angry')!, {
      sentiment: 'negative',
      intent: 'complaint',
    })
    await env.db.interactions.saveTriage(byText.get('wa happy')!, {
      sentiment: 'positive',
      intent: 'praise',
    })

    expect(await texts('/v1/interactions?platform=whatsapp')).toEqual(['wa angry', 'wa happy'])
    expect(await texts('/v1/interactions?type=REACTION')).toEqual(['tg reaction'])
    expect(await texts('/v1/interactions?sentiment=negative,positive&platform=whatsapp')).toEqual([
      'wa angry',
      'wa happy',
    ])
    expect(await texts('/v1/interactions?sentiment=negative')).toEqual(['wa angry'])
    const bad = await get('/v1/interactions?platform=myspace')
    expect(bad.statusCode).toBe(400)

    // The reaction waits for no answer; the other workspace's comment is not ours to count.
    const counts = await get('/v1/interactions/counts')
    expect(counts.statusCode, counts.body).toBe(200)
    expect(counts.json()).toEqual({
      needsReply: { total: 3, byPlatform: { telegram: 1, whatsapp: 2 } },
    })
    expect((await get('/v1/interactions/counts?sentiment=negative')).json()).toEqual({
      needsReply: { total: 1, byPlatform: { whatsapp: 1 } },
    })
  })
})

describe('a conversation under a post', () => {
  it('comes with the post it answers: its id in /v1/posts, the target, the text and link', async () => {
    const { db, a } = env
    const group = await db.posts.createPostGroup({
      workspaceId: a.workspaceId,
      createdByUserId: a.ownerId,
      content: { text: 'Our launch post' },
      targets: [{ accountId: a.accounts.telegram }],
      scheduledAt: new Date(),
      timeZone: 'UTC',
      actor: 'test',
    })
    const target = group.targets[0]!
    const attempt = await db.publishing.beginPublishAttempt(target.id)
    if (!attempt.started) throw new Error('expected to start')
    await db.publishing.finishPublishAttempt(attempt.attempt.id, {
      outcome: 'published',
      externalId: '777',
      url: 'https://t.me/c/1/777',
      publishedAt: new Date(),
    })
    await db.inbox.ingestInteractions(a.accounts.telegram, [
      item('telegram', { text: 'on the launch', externalPostId: '777' }),
    ])
    const comment = (
      (await get('/v1/interactions?type=COMMENT')).json().data as {
        text: string
        postId: string
        inboxConversationId: string
      }[]
    ).find((i) => i.text === 'on the launch')
    expect(comment).toMatchObject({ text: 'on the launch', postId: target.id })
    const detail = await get(`/v1/conversations/${comment!.inboxConversationId}`)
    expect(detail.statusCode, detail.body).toBe(200)
    expect(detail.json().post).toEqual({
      id: group.id,
      targetId: target.id,
      text: 'Our launch post',
      url: 'https://t.me/c/1/777',
      publishedAt: expect.any(String),
    })
    // A direct chat answers no post.
    const [direct] = (await get('/v1/interactions?type=MESSAGE')).json().data as {
      inboxConversationId: string
    }[]
    expect((await get(`/v1/conversations/${direct!.inboxConversationId}`)).json().post).toBeNull()
  })
})
