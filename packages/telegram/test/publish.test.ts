import { ProviderError } from '@statex/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { harness, publishInput, type Harness } from './helpers.js'

let h: Harness
beforeAll(async () => {
  h = await harness()
})
afterAll(() => h.sim.close())

const chatId = () => Number(h.account.externalAccountId)

describe('publish on the wire', () => {
  it('sends text with sendMessage: JSON body, options as the documented objects, link appended', async () => {
    const from = h.sim.requests.length
    const result = await h.provider.publish(
      publishInput(h.account, {
        text: '<b>Launch</b> day',
        link: 'https://statex.example/launch',
        options: {
          telegram: {
            parseMode: 'HTML',
            disableLinkPreview: true,
            disableNotification: true,
            protectContent: true,
          },
        },
      }),
    )
    const [request] = h.calls('sendMessage', from)
    expect(request!.method).toBe('POST')
    expect(request!.path).toBe(`/bot${h.account.accessToken}/sendMessage`)
    expect(request!.headers['content-type']).toBe('application/json')
    expect(request!.body).toStrictEqual({
      chat_id: chatId(),
      text: '<b>Launch</b> day\n\nhttps://statex.example/launch',
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      disable_notification: true,
      protect_content: true,
    })
    if (result.status !== 'published') throw new Error('not published')
    const stored = h.sim.findPost(h.account, result.externalId)
    expect(stored?.text).toBe('Launch day\n\nhttps://statex.example/launch')
    const username = (stored!.raw as { chat: { username: string } }).chat.username
    expect(result.url).toBe(`https://t.me/${username}/${result.externalId}`)
    expect(result.partIds).toBeUndefined()
  })

  it('sends chat_id as a String for an @channelusername account', async () => {
    const named = h.sim.createAccount({ name: 'Named', externalAccountId: '@statex_news' })
    const from = h.sim.requests.length
    const result = await h.provider.publish(publishInput(named, { text: 'hello' }))
    expect(h.calls('sendMessage', from)[0]!.body).toMatchObject({
      chat_id: '@statex_news',
      text: 'hello',
    })
    expect(result.status === 'published' && result.url).toMatch(
      /^https:\/\/t\.me\/statex_news\/\d+$/,
    )
  })

  it.each([
    ['image', 'sendPhoto', 'photo'],
    ['video', 'sendVideo', 'video'],
    ['document', 'sendDocument', 'document'],
  ] as const)('sends one %s with %s and its caption', async (type, method, field) => {
    const from = h.sim.requests.length
    const url = `https://cdn.statex.example/file-${type}`
    await h.provider.publish(
      publishInput(h.account, { text: 'caption here', media: [{ url, type }] }),
    )
    const [request] = h.calls(method, from)
    expect(request!.body).toStrictEqual({
      chat_id: chatId(),
      [field]: url,
      caption: 'caption here',
    })
  })

  it('sends 2–10 media as one album with InputMedia objects, caption on the first item', async () => {
    const from = h.sim.requests.length
    const urls = [1, 2, 3].map((i) => `https://cdn.statex.example/${i}.jpg`)
    const result = await h.provider.publish(
      publishInput(h.account, {
        text: 'album *caption*',
        media: [
          { url: urls[0]!, type: 'image' },
          { url: urls[1]!, type: 'video' },
          { url: urls[2]!, type: 'image' },
        ],
        options: { telegram: { parseMode: 'MarkdownV2' } },
      }),
    )
    expect(h.calls('sendMediaGroup', from)[0]!.body).toStrictEqual({
      chat_id: chatId(),
      media: [
        { type: 'photo', media: urls[0], caption: 'album *caption*', parse_mode: 'MarkdownV2' },
        { type: 'video', media: urls[1] },
        { type: 'photo', media: urls[2] },
      ],
    })
    if (result.status !== 'published') throw new Error('not published')
    expect(result.partIds).toHaveLength(3)
    expect(result.partIds![0]).toBe(result.externalId)
    const groups = result.partIds!.map(
      (id) => (h.sim.findPost(h.account, id)!.raw as { media_group_id: string }).media_group_id,
    )
    expect(new Set(groups).size).toBe(1)
    expect(h.sim.findPost(h.account, result.externalId)?.text).toBe('album caption')
  })

  it('sends a poll with InputPollOption objects and open_period in seconds', async () => {
    const from = h.sim.requests.length
    await h.provider.publish(
      publishInput(h.account, {
        text: 'Which day?',
        poll: { options: ['Monday', 'Friday'], durationMinutes: 90 },
      }),
    )
    expect(h.calls('sendPoll', from)[0]!.body).toStrictEqual({
      chat_id: chatId(),
      question: 'Which day?',
      options: [{ text: 'Monday' }, { text: 'Friday' }],
      open_period: 5400,
    })
    const from2 = h.sim.requests.length
    await h.provider.publish(
      publishInput(h.account, {
        text: 'Some context',
        poll: { question: 'Yes?', options: ['Yes'], durationMinutes: 5 },
      }),
    )
    expect(h.calls('sendPoll', from2)[0]!.body).toMatchObject({
      question: 'Yes?',
      description: 'Some context',
      open_period: 300,
    })
  })

  it('publishes a thread as a reply chain with reply_parameters and returns every part id', async () => {
    const from = h.sim.requests.length
    const result = await h.provider.publish(
      publishInput(h.account, { text: 'part 1', thread: [{ text: 'part 2' }, { text: 'part 3' }] }),
    )
    if (result.status !== 'published') throw new Error('not published')
    const bodies = h.calls('sendMessage', from).map((r) => r.body as Record<string, unknown>)
    expect(bodies.map((b) => b.text)).toEqual(['part 1', 'part 2', 'part 3'])
    expect(bodies[0]!.reply_parameters).toBeUndefined()
    expect(bodies[1]!.reply_parameters).toStrictEqual({ message_id: Number(result.partIds![0]) })
    expect(bodies[2]!.reply_parameters).toStrictEqual({ message_id: Number(result.partIds![1]) })
    const third = h.sim.findPost(h.account, result.partIds![2]!)!.raw as {
      reply_to_message: { message_id: number }
    }
    expect(third.reply_to_message.message_id).toBe(Number(result.partIds![1]))
  })

  it('deletes with deleteMessage and maps a second delete to not_found', async () => {
    const result = await h.provider.publish(publishInput(h.account, { text: 'to delete' }))
    if (result.status !== 'published') throw new Error('not published')
    const from = h.sim.requests.length
    await h.provider.deletePost!({ account: h.account, externalId: result.externalId })
    expect(h.calls('deleteMessage', from)[0]!.body).toStrictEqual({
      chat_id: chatId(),
      message_id: Number(result.externalId),
    })
    const error = await h.provider.deletePost!({
      account: h.account,
      externalId: result.externalId,
    }).catch((e: unknown) => e)
    expect(ProviderError.is(error) && error.kind).toBe('not_found')
    expect((error as ProviderError).platformMessage).toBe(
      'Bad Request: message to delete not found',
    )
  })
})

describe('threads publish each part exactly once', () => {
  it('carries the parts already sent as progress and resumes after them', async () => {
    const account = h.sim.createAccount({ name: 'Threads' })
    const post = {
      text: 'first, with a photo',
      media: [{ url: 'https://cdn.statex.example/t.jpg', type: 'image' as const }],
      thread: [{ text: 'second' }, { text: 'third' }],
    }
    // The first sendMessage is part 2: the photo (part 1) has already gone out.
    h.sim.injectFault(
      { type: 'rate_limit', retryAfterSeconds: 3 },
      { match: { path: 'sendMessage' } },
    )
    const error = (await h.provider
      .publish(publishInput(account, post))
      .catch((e: unknown) => e)) as ProviderError
    expect(ProviderError.is(error)).toBe(true)
    expect(error.kind).toBe('rate_limited')
    expect(error.retryAfterMs).toBe(3000)
    expect(error.progress).toBeDefined()
    expect(h.sim.countPosts(account)).toBe(1)

    const from = h.sim.requests.length
    const result = await h.provider.publish({
      ...publishInput(account, post),
      resumeFrom: error.progress,
    })
    if (result.status !== 'published') throw new Error('not published')
    expect(h.calls('sendPhoto', from)).toHaveLength(0)
    expect(h.calls('sendMessage', from).map((r) => (r.body as { text: string }).text)).toEqual([
      'second',
      'third',
    ])
    const texts = h.sim.listPosts(account).map((p) => p.text)
    expect(texts.sort()).toEqual(['first, with a photo', 'second', 'third'])
    expect(result.partIds).toHaveLength(3)
    expect(h.sim.findPost(account, result.externalId)?.text).toBe('first, with a photo')
    const second = h.calls('sendMessage', from)[0]!.body as {
      reply_parameters: { message_id: number }
    }
    expect(second.reply_parameters.message_id).toBe(Number(result.externalId))
  })

  it('reports the parts sent before a 5xx on a later part, and resumes with only the missing one', async () => {
    const account = h.sim.createAccount({ name: 'Threads 2' })
    const post = {
      text: 'one',
      thread: [
        { text: 'two' },
        {
          text: 'three',
          media: [{ url: 'https://cdn.statex.example/3.png', type: 'image' as const }],
        },
      ],
    }
    h.sim.injectFault({ type: 'server_error', status: 502 }, { match: { path: 'sendPhoto' } })
    const error = (await h.provider
      .publish(publishInput(account, post))
      .catch((e: unknown) => e)) as ProviderError
    expect(error.kind).toBe('transient')
    // A 5xx to a send may hide a delivered message: not retryable blindly.
    expect(error.outcome).toBe('unknown')
    expect(error.retryable).toBe(false)
    expect(error.message).toContain('2 part(s) were already published')
    expect(h.sim.countPosts(account)).toBe(2)

    const from = h.sim.requests.length
    const result = await h.provider.publish({
      ...publishInput(account, post),
      resumeFrom: error.progress,
    })
    expect(h.calls('sendMessage', from)).toHaveLength(0)
    expect(h.calls('sendPhoto', from)).toHaveLength(1)
    expect(h.sim.countPosts(account)).toBe(3)
    if (result.status !== 'published') throw new Error('not published')
    expect(result.partIds).toHaveLength(3)
  })

  it('ignores a checkpoint made for another chat', async () => {
    const account = h.sim.createAccount({ name: 'Threads 3' })
    const foreign = { telegram: 1, chat: '-100999', parts: [[1]] }
    const result = await h.provider.publish({
      ...publishInput(account, { text: 'fresh' }),
      resumeFrom: foreign,
    })
    expect(result.status).toBe('published')
    expect(h.sim.countPosts(account)).toBe(1)
  })
})
