import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTelegramSimulator, type TelegramSimulator } from '../src/testing.js'
import type { AccountAuth } from '@statex/core'

let sim: TelegramSimulator
let account: AccountAuth
beforeAll(async () => {
  sim = await createTelegramSimulator()
  account = sim.createAccount({ name: 'Raw' })
})
afterAll(() => sim.close())

async function call(
  method: string,
  init: RequestInit & { query?: string } = {},
  token = account.accessToken,
) {
  const response = await fetch(`${sim.baseUrl}/bot${token}/${method}${init.query ?? ''}`, init)
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}
const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
})
const chat = () => Number(account.externalAccountId)

describe('Bot API simulator', () => {
  it('creates bots with tokens shaped like real ones, and a channel with a linked discussion group', () => {
    expect(account.accessToken).toMatch(/^\d+:[A-Za-z0-9_-]{35}$/)
    expect(account.externalAccountId).toMatch(/^-100\d+$/)
    const bot = sim.bot(account.accessToken)!
    expect(bot.channel.chat.type).toBe('channel')
    expect(bot.group.chat.type).toBe('supergroup')
    expect(sim.listAccounts().map((a) => a.auth.accessToken)).toContain(account.accessToken)
  })

  it('answers unknown tokens 401, malformed tokens and unknown methods 404, as Telegram does', async () => {
    expect(await call('getMe', {}, '123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).toEqual({
      status: 401,
      body: { ok: false, error_code: 401, description: 'Unauthorized' },
    })
    expect(await call('getMe', {}, 'not-a-token')).toEqual({
      status: 404,
      body: { ok: false, error_code: 404, description: 'Not Found' },
    })
    expect(await call('sendTelepathy')).toEqual({
      status: 404,
      body: { ok: false, error_code: 404, description: 'Not Found' },
    })
  })

  it('matches method names case-insensitively and takes GET query parameters', async () => {
    const me = await call('GETME')
    expect(me.body).toMatchObject({ ok: true, result: { is_bot: true } })
    const sent = await call('sendmessage', { query: `?chat_id=${chat()}&text=via%20query` })
    expect(sent.body).toMatchObject({
      ok: true,
      result: { text: 'via query', chat: { id: chat(), type: 'channel' } },
    })
  })

  it('takes form-urlencoded and multipart bodies with JSON-serialized objects', async () => {
    const first = await call('sendMessage', json({ chat_id: chat(), text: 'root' }))
    const rootId = (first.body.result as { message_id: number }).message_id
    const form = new URLSearchParams({
      chat_id: String(chat()),
      text: 'form reply',
      reply_parameters: JSON.stringify({ message_id: rootId }),
    })
    const viaForm = await call('sendMessage', { method: 'POST', body: form })
    expect(viaForm.body).toMatchObject({
      ok: true,
      result: { text: 'form reply', reply_to_message: { message_id: rootId } },
    })
    const multipart = new FormData()
    multipart.set('chat_id', String(chat()))
    multipart.set('photo', 'https://cdn.statex.example/p.jpg')
    multipart.set('caption', 'multipart')
    const viaMultipart = await call('sendPhoto', { method: 'POST', body: multipart })
    const photo = viaMultipart.body.result as {
      caption: string
      photo: { file_id: string; width: number }[]
    }
    expect(photo.caption).toBe('multipart')
    expect(photo.photo.length).toBeGreaterThan(1)
    // A file_id from an earlier answer can be sent again.
    const again = await call('sendPhoto', json({ chat_id: chat(), photo: photo.photo[0]!.file_id }))
    expect(again.body.ok).toBe(true)
  })

  it.each([
    ['sendMessage', { text: 'no chat' }, 'Bad Request: chat_id is empty'],
    ['sendMessage', { chat_id: -100123, text: 'x' }, 'Bad Request: chat not found'],
    ['sendMessage', { chat_id: 'CHAT' }, 'Bad Request: message text is empty'],
    ['sendMessage', { chat_id: 'CHAT', text: '   ' }, 'Bad Request: message text is empty'],
    [
      'sendMessage',
      { chat_id: 'CHAT', text: 'x'.repeat(4097) },
      'Bad Request: message is too long',
    ],
    [
      'sendMessage',
      { chat_id: 'CHAT', text: 'a.b', parse_mode: 'MarkdownV2' },
      "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'",
    ],
    [
      'sendMessage',
      { chat_id: 'CHAT', text: 'x', reply_parameters: { message_id: 999999 } },
      'Bad Request: message to be replied not found',
    ],
    [
      'sendPhoto',
      { chat_id: 'CHAT', photo: 'https://x.example/a.jpg', caption: 'c'.repeat(1025) },
      'Bad Request: MEDIA_CAPTION_TOO_LONG',
    ],
    ['sendPhoto', { chat_id: 'CHAT' }, 'Bad Request: there is no photo in the request'],
    [
      'sendMediaGroup',
      { chat_id: 'CHAT', media: [{ type: 'photo', media: 'https://x.example/a.jpg' }] },
      'Bad Request: wrong number of media in the album: must include 2-10 items',
    ],
    [
      'sendMediaGroup',
      {
        chat_id: 'CHAT',
        media: Array.from({ length: 11 }, () => ({
          type: 'photo',
          media: 'https://x.example/a.jpg',
        })),
      },
      'Bad Request: wrong number of media in the album: must include 2-10 items',
    ],
    [
      'sendMediaGroup',
      {
        chat_id: 'CHAT',
        media: [
          { type: 'document', media: 'https://x.example/a.pdf' },
          { type: 'photo', media: 'https://x.example/a.jpg' },
        ],
      },
      "Bad Request: document can't be mixed with other media types",
    ],
    [
      'sendPoll',
      { chat_id: 'CHAT', question: 'Q?', options: ['bare string'] },
      'Bad Request: can\'t parse InputPollOption: field "text" must be of type String',
    ],
    [
      'sendPoll',
      { chat_id: 'CHAT', question: 'Q?', options: [{ text: 'a' }], open_period: 2 },
      'Bad Request: wrong open period specified',
    ],
    [
      'deleteMessage',
      { chat_id: 'CHAT', message_id: 999999 },
      'Bad Request: message to delete not found',
    ],
    [
      'setWebhook',
      { url: 'http://example.com/hook' },
      'Bad Request: bad webhook: An HTTPS URL must be provided for webhook',
    ],
    [
      'setWebhook',
      { url: 'https://example.com/hook', secret_token: 'has space' },
      'Bad Request: secret token contains unallowed characters',
    ],
  ])('%s %j → 400 %s', async (method, params, description) => {
    const body = JSON.parse(JSON.stringify(params).replace('"CHAT"', String(chat())))
    expect(await call(method, json(body))).toEqual({
      status: 400,
      body: { ok: false, error_code: 400, description },
    })
  })

  it('renders injected faults in the Bot API error format', async () => {
    sim.injectFault({ type: 'rate_limit', retryAfterSeconds: 9 })
    expect(await call('getMe')).toEqual({
      status: 429,
      body: {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 9',
        parameters: { retry_after: 9 },
      },
    })
    sim.injectFault({ type: 'server_error', status: 502 })
    expect(await call('getMe')).toEqual({
      status: 502,
      body: { ok: false, error_code: 502, description: 'Bad Gateway' },
    })
    sim.injectFault({ type: 'reject_content', message: 'nope' })
    expect(await call('getMe')).toEqual({
      status: 400,
      body: { ok: false, error_code: 400, description: 'Bad Request: nope' },
    })
  })

  it('keeps updates until an offset confirms them, honours limit, and answers 409 while a webhook is set', async () => {
    const inbox = sim.createAccount({ name: 'Updates' })
    for (let i = 0; i < 5; i++) sim.simulateInteraction({ account: inbox, text: `m${i}` })
    const first = await call('getUpdates', json({ limit: 2 }), inbox.accessToken)
    const updates = first.body.result as { update_id: number; message: { text: string } }[]
    expect(updates.map((u) => u.message.text)).toEqual(['m0', 'm1'])
    expect(updates[1]!.update_id).toBe(updates[0]!.update_id + 1)
    // Without an offset nothing is confirmed: the same updates come back.
    const repeat = await call('getUpdates', json({ limit: 2 }), inbox.accessToken)
    expect((repeat.body.result as unknown[]).length).toBe(2)
    const rest = await call(
      'getUpdates',
      json({ offset: updates[1]!.update_id + 1 }),
      inbox.accessToken,
    )
    expect(
      (rest.body.result as { message: { text: string } }[]).map((u) => u.message.text),
    ).toEqual(['m2', 'm3', 'm4'])

    expect(
      (
        await call(
          'setWebhook',
          json({ url: 'https://example.com/hook', secret_token: 'abc' }),
          inbox.accessToken,
        )
      ).body,
    ).toEqual({ ok: true, result: true })
    expect(await call('getUpdates', json({}), inbox.accessToken)).toEqual({
      status: 409,
      body: {
        ok: false,
        error_code: 409,
        description:
          "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      },
    })
    const info = await call('getWebhookInfo', json({}), inbox.accessToken)
    expect(info.body.result).toMatchObject({
      url: 'https://example.com/hook',
      has_custom_certificate: false,
    })
    await call('deleteWebhook', json({ drop_pending_updates: true }), inbox.accessToken)
    expect((await call('getWebhookInfo', json({}), inbox.accessToken)).body.result).toMatchObject({
      url: '',
      pending_update_count: 0,
    })
  })

  it('answers 401 for a revoked token and has no expireToken (bot tokens do not expire)', async () => {
    const revoked = sim.createAccount({ name: 'Revoked' })
    sim.revokeToken(revoked.accessToken)
    expect((await call('getMe', {}, revoked.accessToken)).status).toBe(401)
    expect((sim as { expireToken?: unknown }).expireToken).toBeUndefined()
  })

  it('lists posts newest first with their comments, and grows reactions with advance', async () => {
    const feed = sim.createAccount({ name: 'Feed', externalAccountId: '@statex_feed' })
    const older = await call(
      'sendMessage',
      json({ chat_id: '@statex_feed', text: 'older' }),
      feed.accessToken,
    )
    await call('sendMessage', json({ chat_id: '@statex_feed', text: 'newer' }), feed.accessToken)
    const olderId = String((older.body.result as { message_id: number }).message_id)
    sim.simulateInteraction({
      account: feed,
      externalPostId: olderId,
      text: 'a comment',
      authorName: 'Linus',
    })
    sim.advance(5 * 3600_000)
    const posts = sim.listPosts(feed)
    expect(posts.map((p) => p.text)).toEqual(['newer', 'older'])
    expect(posts[1]!.activity).toContainEqual(
      expect.objectContaining({ kind: 'comment', text: 'Linus: a comment' }),
    )
    expect(posts.some((p) => p.activity?.some((a) => a.kind === 'reactions'))).toBe(true)
    // The account has not asked for message_reaction_count, so no such update was queued.
    expect(sim.bot(feed.accessToken)!.updates.some((u) => 'message_reaction_count' in u)).toBe(
      false,
    )
  })
})
