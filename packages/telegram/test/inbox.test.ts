import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ProviderError, type Interaction } from '@statex/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  deleteTelegramWebhook,
  setTelegramWebhook,
  telegram,
  updateToInteractions,
} from '../src/index.js'
import { harness, publishInput, type Harness } from './helpers.js'

let h: Harness
beforeAll(async () => {
  h = await harness('Inbox')
})
afterAll(() => h.sim.close())

async function publishedPost(account = h.account): Promise<string> {
  const result = await h.provider.publish(publishInput(account, { text: 'a post to talk about' }))
  if (result.status !== 'published') throw new Error('not published')
  return result.externalId
}

describe('listInteractions (getUpdates)', () => {
  it('asks for the documented parameters and confirms each page with the next offset', async () => {
    const account = h.sim.createAccount({ name: 'Polling' })
    const postId = await publishedPost(account)
    const comment = h.sim.simulateInteraction({
      account,
      externalPostId: postId,
      text: 'nice post',
      authorName: 'Ada Lovelace',
    })
    const direct = h.sim.simulateInteraction({
      account,
      text: 'hello bot',
      authorName: 'Alan Turing',
    })
    const from = h.sim.requests.length
    const page = await h.provider.listInteractions!({ account })
    const [request] = h.calls('getUpdates', from)
    expect(request!.body).toStrictEqual({
      limit: 10,
      timeout: 0,
      allowed_updates: ['message', 'channel_post', 'message_reaction'],
    })

    const byId = new Map(page.items.map((i) => [i.externalId, i]))
    const c = byId.get(comment.externalId)!
    expect(c).toMatchObject({
      type: 'COMMENT',
      externalPostId: postId,
      text: 'nice post',
      author: { name: 'Ada Lovelace' },
    })
    expect(c.conversationId).toBe(comment.externalId.split(':')[0])
    expect(byId.get(direct.externalId)).toMatchObject({
      type: 'MESSAGE',
      text: 'hello bot',
      author: { name: 'Alan Turing' },
    })
    // The automatic forward of the post into the discussion group is not an interaction.
    expect(page.items).toHaveLength(2)

    const rawIds = (page.items[1]!.raw as { update_id: number }).update_id
    expect(page.nextCursor).toBe(String(rawIds + 1))
    const next = await h.provider.listInteractions!({ account, cursor: page.nextCursor })
    expect(h.calls('getUpdates', from)[1]!.body).toMatchObject({ offset: rawIds + 1 })
    expect(next.items).toEqual([])
    expect(next.nextCursor).toBeUndefined()
    expect(h.sim.bot(account.accessToken)!.updates).toHaveLength(0)
  })

  it('maps a reaction in the discussion group to REACTION once the bot asked for message_reaction', async () => {
    const account = h.sim.createAccount({ name: 'Reactions' })
    const postId = await publishedPost(account)
    const comment = h.sim.simulateInteraction({
      account,
      externalPostId: postId,
      text: 'first!',
      authorName: 'Grace Hopper',
    })
    const first = await h.provider.listInteractions!({ account })
    h.sim.simulateReaction({
      account,
      externalId: comment.externalId,
      emoji: '🔥',
      authorName: 'Edsger Dijkstra',
    })
    const page = await h.provider.listInteractions!({ account, cursor: first.nextCursor })
    expect(page.items).toHaveLength(1)
    expect(page.items[0]).toMatchObject({
      type: 'REACTION',
      reaction: '🔥',
      parentExternalId: comment.externalId,
      author: { name: 'Edsger Dijkstra' },
    })
  })

  it('drops interactions older than `since`', async () => {
    const account = h.sim.createAccount({ name: 'Since' })
    h.sim.simulateInteraction({ account, text: 'old message' })
    const page = await h.provider.listInteractions!({
      account,
      since: new Date(Date.now() + 3600_000),
    })
    expect(page.items).toEqual([])
  })

  it('replies in the interaction chat with reply_parameters', async () => {
    const account = h.sim.createAccount({ name: 'Reply' })
    const postId = await publishedPost(account)
    const seeded = h.sim.simulateInteraction({
      account,
      externalPostId: postId,
      text: 'when?',
      authorName: 'Q',
    })
    const { items } = await h.provider.listInteractions!({ account })
    const question = items.find((i) => i.externalId === seeded.externalId)!
    const from = h.sim.requests.length
    const { externalId } = await h.provider.reply!({ account, to: question, text: 'tomorrow' })
    const [chat, messageId] = seeded.externalId.split(':').map(Number)
    expect(h.calls('sendMessage', from)[0]!.body).toStrictEqual({
      chat_id: chat,
      text: 'tomorrow',
      reply_parameters: { message_id: messageId },
    })
    expect(externalId).toMatch(new RegExp(`^${chat}:\\d+$`))
    expect(h.sim.findPost(account, externalId)?.text).toBe('tomorrow')
    // It joins the post's comment thread, as Telegram threads replies, so the post shows it.
    expect(h.sim.findPost(account, postId)?.activity?.map((a) => a.text)).toEqual([
      'Q: when?',
      expect.stringMatching(/: tomorrow$/),
    ])
    // A reply lives in the discussion group: deleting it names that chat.
    const before = h.sim.requests.length
    await h.provider.deletePost!({ account, externalId })
    expect(h.calls('deleteMessage', before)[0]!.body).toStrictEqual({
      chat_id: chat,
      message_id: Number(externalId.split(':')[1]),
    })
    expect(h.sim.findPost(account, externalId)).toBeUndefined()
  })
})

describe('webhooks', () => {
  let received: { headers: IncomingMessage['headers']; body: string }[]
  let status = 200
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
    req.on('end', () => {
      received.push({ headers: req.headers, body })
      res.writeHead(status).end()
    })
  })
  let url: string
  beforeAll(async () => {
    received = []
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('sets the webhook, receives pushed updates with the secret header, and parses them like polling', async () => {
    const account = h.sim.createAccount({ name: 'Pushed' })
    const postId = await publishedPost(account)
    await h.sim.flushWebhooks()
    const from = h.sim.requests.length
    await setTelegramWebhook({
      baseUrl: h.sim.baseUrl,
      token: account.accessToken,
      url,
      secretToken: 'push_secret',
    })
    expect(h.calls('setWebhook', from)[0]!.body).toStrictEqual({
      url,
      secret_token: 'push_secret',
      allowed_updates: ['message', 'channel_post', 'message_reaction'],
    })
    await h.sim.flushWebhooks()
    received.length = 0
    const comment = h.sim.simulateInteraction({
      account,
      externalPostId: postId,
      text: 'pushed comment',
      authorName: 'Webhook Fan',
    })
    await h.sim.flushWebhooks()
    expect(received).toHaveLength(1)
    const delivery = { headers: received[0]!.headers, rawBody: received[0]!.body }
    expect(delivery.headers['x-telegram-bot-api-secret-token']).toBe('push_secret')
    const provider = telegram({ baseUrl: h.sim.baseUrl, webhookSecret: 'push_secret' })
    expect(provider.webhooks!.verify(delivery)).toBe(true)
    expect(h.provider.webhooks!.verify(delivery)).toBe(false)
    const events = provider.webhooks!.parse({ body: JSON.parse(delivery.rawBody) })
    expect(events).toHaveLength(1)
    const event = events[0]!
    expect(event.kind === 'interaction' && event.interaction).toMatchObject({
      externalId: comment.externalId,
      type: 'COMMENT',
      externalPostId: postId,
    })
    // The comment arrives in the discussion group; the channel it answers names our account.
    expect(event.accountExternalId).toBe(account.externalAccountId)

    // While the webhook is set, polling is refused with 409, classified with what to do.
    const error = (await h.provider.listInteractions!({ account }).catch(
      (e: unknown) => e,
    )) as ProviderError
    expect(ProviderError.is(error)).toBe(true)
    expect(error.status).toBe(409)
    expect(error.kind).toBe('invalid_request')
    expect(error.message).toContain('deleteWebhook')

    // A failed delivery stays queued and goes out on the next push.
    status = 500
    h.sim.simulateInteraction({ account, text: 'retry me' })
    await h.sim.flushWebhooks()
    expect(h.sim.bot(account.accessToken)!.updates).toHaveLength(1)
    status = 200
    h.sim.advance(1000)
    await h.sim.flushWebhooks()
    expect(h.sim.bot(account.accessToken)!.updates).toHaveLength(0)
    expect(JSON.parse(received.at(-1)!.body).message.text).toBe('retry me')

    await deleteTelegramWebhook({ baseUrl: h.sim.baseUrl, token: account.accessToken })
    h.sim.simulateInteraction({ account, text: 'polled again' })
    const page = await h.provider.listInteractions!({ account })
    expect(page.items.map((i) => i.text)).toContain('polled again')
  })
})

describe('update mapping (documented Update shapes)', () => {
  const channel = {
    id: -1001234567890,
    type: 'channel',
    title: 'Statex News',
    username: 'statex_news',
  }
  const group = { id: -1009876543210, type: 'supergroup', title: 'Statex News Chat' }
  const user = {
    id: 5550001,
    is_bot: false,
    first_name: 'Ada',
    last_name: 'Lovelace',
    username: 'ada',
  }
  const forward = {
    message_id: 40,
    from: { id: 777000, is_bot: false, first_name: 'Telegram' },
    sender_chat: channel,
    chat: group,
    date: 1764000000,
    is_automatic_forward: true,
    forward_origin: { type: 'channel', chat: channel, message_id: 12, date: 1764000000 },
    text: 'the post',
  }
  const one = (update: unknown): Interaction | undefined => updateToInteractions(update)[0]

  it('a mention in a group → MENTION', () => {
    const update = {
      update_id: 9,
      message: {
        message_id: 41,
        from: user,
        chat: group,
        date: 1764000100,
        text: 'hey @statex_bot',
        entities: [{ type: 'mention', offset: 4, length: 11 }],
      },
    }
    expect(one(update)).toMatchObject({
      type: 'MENTION',
      externalId: `${group.id}:41`,
      author: { externalId: '5550001', name: 'Ada Lovelace', handle: 'ada' },
    })
  })

  it('a reply to a comment → COMMENT with parentExternalId; the automatic forward itself → nothing', () => {
    const reply = {
      message_id: 43,
      from: user,
      chat: group,
      date: 1764000200,
      message_thread_id: 40,
      text: 'agreed',
      reply_to_message: { message_id: 42, from: user, chat: group, date: 1764000150, text: 'x' },
    }
    expect(one({ update_id: 10, message: reply })).toMatchObject({
      type: 'COMMENT',
      parentExternalId: `${group.id}:42`,
    })
    expect(one({ update_id: 11, message: forward })).toBeUndefined()
    expect(
      one({
        update_id: 12,
        message: { message_id: 44, from: user, chat: group, date: 1764000300, text: 'chatter' },
      }),
    ).toBeUndefined()
  })

  it('a comment on the channel post → COMMENT with the channel message id', () => {
    const comment = {
      message_id: 45,
      from: user,
      chat: group,
      date: 1764000400,
      message_thread_id: 40,
      reply_to_message: forward,
      text: 'great',
    }
    expect(one({ update_id: 13, message: comment })).toMatchObject({
      type: 'COMMENT',
      externalPostId: '12',
      createdAt: new Date(1764000400 * 1000),
    })
  })

  it('channel posts, edits and removed reactions → nothing; an added reaction → REACTION', () => {
    expect(
      one({
        update_id: 14,
        channel_post: {
          message_id: 13,
          sender_chat: channel,
          chat: channel,
          date: 1764000500,
          text: 'by an admin',
        },
      }),
    ).toBeUndefined()
    expect(
      one({
        update_id: 15,
        edited_message: {
          message_id: 45,
          from: user,
          chat: group,
          date: 1764000400,
          text: 'edited',
        },
      }),
    ).toBeUndefined()
    const reaction = {
      chat: group,
      message_id: 45,
      user,
      date: 1764000600,
      old_reaction: [{ type: 'emoji', emoji: '👍' }],
      new_reaction: [],
    }
    expect(one({ update_id: 16, message_reaction: reaction })).toBeUndefined()
    const added = { ...reaction, old_reaction: [], new_reaction: [{ type: 'emoji', emoji: '❤' }] }
    expect(one({ update_id: 17, message_reaction: added })).toMatchObject({
      type: 'REACTION',
      reaction: '❤',
      externalId: `${group.id}:45:reaction:17`,
    })
  })
})
