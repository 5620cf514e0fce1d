/**
 * `@statex/telegram/testing`: a Bot API simulator for tests and the sandbox. It serves
 * `/bot<token>/<method>` over HTTP exactly as api.telegram.org does for the methods the adapter
 * uses, keeps per-bot state (a channel with a linked discussion group, private chats, updates),
 * and pushes updates to a webhook when one is set.
 */
import { randomBytes } from 'node:crypto'
import type { AccountAuth, WebhookRequest } from '@statex/core'
import {
  FaultQueue,
  SimClock,
  seededRandom,
  startSimulatorServer,
  type PlatformSimulator,
  type SimulatedPost,
  faultControls,
} from '@statex/testkit/simulator'
import { chatSummary, storeIncoming } from './simulator/messages.js'
import { createHandler, createMethodContext, renderTelegramFault } from './simulator/http.js'
import { ChatStore, SimBot, type ApiUser, type StoredMessage } from './simulator/state.js'

export interface TelegramSimulatorOptions {
  port?: number
  host?: string
  /** The secret_token deliveries carry until setWebhook sets one. Default: a fixed test value. */
  webhookSecret?: string
}

export interface TelegramSimulator extends PlatformSimulator {
  readonly platform: 'telegram'
  /** The secret `webhookDelivery` signs with for bots that have not called setWebhook with their own. */
  readonly webhookSecret: string
  webhookDelivery(input: { account: AccountAuth; text: string }): WebhookRequest
  /** A person reacts with `emoji` to a message in the discussion group (a comment, or a post's forward). */
  simulateReaction(input: {
    account: AccountAuth
    externalId: string
    emoji: string
    authorName?: string
  }): { updateId: number }
  /** Resolves when no webhook delivery is in flight. */
  flushWebhooks(): Promise<void>
  /** The bot behind a token, for assertions on chats and pending updates. */
  bot(accessToken: string): SimBot | undefined
}

const DEFAULT_SECRET = 'statex-simulator-webhook-secret'

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_|_$/g, '')
      .slice(0, 20) || 'statex'
  )
}

export async function createTelegramSimulator(
  options: TelegramSimulatorOptions = {},
): Promise<TelegramSimulator> {
  const clock = new SimClock()
  const faults = new FaultQueue()
  const random = seededRandom(20261125)
  const bots = new Map<string, SimBot>()
  const users = new Map<string, ApiUser>()
  let counter = 0
  const webhookSecret = options.webhookSecret ?? DEFAULT_SECRET

  const server = await startSimulatorServer({
    handler: createHandler(bots, createMethodContext()),
    faults,
    port: options.port,
    host: options.host,
    renderFault: renderTelegramFault,
  })

  function botOf(account: AccountAuth): SimBot {
    const bot = bots.get(account.accessToken)
    if (!bot)
      throw new Error('The simulator has no bot with this token; create it with createAccount().')
    return bot
  }

  function person(name: string): ApiUser {
    let user = users.get(name)
    if (!user) {
      const [first, ...rest] = name.trim().split(/\s+/)
      user = {
        id: 5_000_000_000 + users.size * 7919 + 17,
        is_bot: false,
        first_name: first || 'Someone',
        ...(rest.length ? { last_name: rest.join(' ') } : {}),
        username: `${slug(name)}_${users.size + 1}`,
      }
      users.set(name, user)
    }
    return user
  }

  /** The message an id from the adapter names: `123` (a post in the account's chat) or `chat:123`. */
  function findMessage(bot: SimBot, externalId: string): StoredMessage | undefined {
    const parts = externalId.split(':')
    if (parts.length === 1)
      return (
        bot.findChat(Number(bot.externalAccountId))?.get(Number(parts[0])) ??
        bot.channel.get(Number(parts[0]))
      )
    return bot.findChat(Number(parts[0]))?.get(Number(parts[1]))
  }

  function asPost(bot: SimBot, store: ChatStore, stored: StoredMessage): SimulatedPost {
    const message = stored.message
    const comments =
      stored.forwardId === undefined
        ? []
        : bot.group
            .live()
            .filter(
              (m) =>
                m.message.message_thread_id === stored.forwardId && !m.message.is_automatic_forward,
            )
    const reactions = [...(stored.reactions ?? [])].filter(([, n]) => n > 0)
    const poll = message.poll as { question?: string } | undefined
    return {
      externalId:
        store === bot.channel
          ? String(message.message_id)
          : `${store.chat.id}:${message.message_id}`,
      createdAt: new Date(message.date * 1000),
      text: String(message.text ?? message.caption ?? poll?.question ?? ''),
      raw: message,
      activity: [
        ...comments.map((c) => ({
          kind: 'comment',
          text: `${(c.message.from as ApiUser | undefined)?.first_name ?? chatSummary(c.message.chat)}: ${String(c.message.text ?? '')}`,
          at: new Date(c.message.date * 1000),
        })),
        ...(reactions.length
          ? [
              {
                kind: 'reactions',
                text: reactions.map(([e, n]) => `${e} ${n}`).join(' '),
                at: clock.date(),
              },
            ]
          : []),
      ],
    }
  }

  const simulator: TelegramSimulator = {
    platform: 'telegram',
    baseUrl: server.url,
    requests: server.requests,
    webhookSecret,

    createAccount(input = {}) {
      if (input.accessToken && bots.has(input.accessToken)) {
        return {
          accessToken: input.accessToken,
          externalAccountId: bots.get(input.accessToken)!.externalAccountId,
        }
      }
      counter++
      const name = input.name ?? `Channel ${counter}`
      const botId = 7_000_000_000 + counter * 1_031
      const token =
        input.accessToken ?? `${botId}:AA${randomBytes(32).toString('base64url').slice(0, 33)}`
      const requested = input.externalAccountId
      const channelId =
        requested && /^-100\d+$/.test(requested)
          ? Number(requested)
          : -1_002_000_000_000 - counter * 7
      const username = requested?.startsWith('@') ? requested.slice(1) : `${slug(name)}_${counter}`
      const channel = new ChatStore({ id: channelId, type: 'channel', title: name, username })
      const group = new ChatStore({
        id: channelId - 1_000_003,
        type: 'supergroup',
        title: `${name} Chat`,
      })
      const botUser: ApiUser = {
        id: Number(token.split(':')[0]),
        is_bot: true,
        first_name: `${name} Bot`,
        username: `${slug(name)}_${counter}_bot`,
      }
      const externalAccountId = requested ?? String(channelId)
      bots.set(
        token,
        new SimBot(name, token, botUser, channel, group, externalAccountId, clock, webhookSecret),
      )
      return { accessToken: token, externalAccountId }
    },

    listAccounts: () =>
      [...bots.values()].map((bot) => ({
        name: bot.name,
        auth: { accessToken: bot.token, externalAccountId: bot.externalAccountId },
      })),

    listPosts(account) {
      const bot = botOf(account)
      return bot.channel
        .live()
        .map((stored) => asPost(bot, bot.channel, stored))
        .sort(
          (a, b) =>
            b.createdAt.getTime() - a.createdAt.getTime() ||
            Number(b.externalId) - Number(a.externalId),
        )
    },

    ...faultControls(faults),

    revokeToken(accessToken) {
      const bot = bots.get(accessToken)
      if (bot) bot.revoked = true
    },

    findPost(account, externalId) {
      const bot = botOf(account)
      const stored = findMessage(bot, externalId)
      if (!stored) return undefined
      const store = bot.findChat(stored.message.chat.id)!
      return asPost(bot, store, stored)
    },

    countPosts: (account) => botOf(account).channel.live().length,

    simulateInteraction({ account, externalPostId, text, authorName }) {
      const bot = botOf(account)
      const from = person(authorName ?? 'Telegram User')
      if (externalPostId === undefined) {
        const chat = bot.privateChat(from)
        const stored = storeIncoming(bot, chat, from, text)
        return { externalId: `${chat.chat.id}:${stored.message.message_id}` }
      }
      const post = bot.channel.get(Number(externalPostId))
      const forward = post?.forwardId === undefined ? undefined : bot.group.get(post.forwardId)
      if (!forward)
        throw new Error(
          `The simulated channel has no post ${externalPostId} with a discussion thread.`,
        )
      const stored = storeIncoming(bot, bot.group, from, text, forward)
      return { externalId: `${bot.group.chat.id}:${stored.message.message_id}` }
    },

    simulateReaction({ account, externalId, emoji, authorName }) {
      const bot = botOf(account)
      const [chatId, messageId] = externalId.includes(':')
        ? externalId.split(':').map(Number)
        : [bot.group.chat.id, bot.channel.get(Number(externalId))?.forwardId]
      const store = bot.findChat(chatId)
      if (!store || messageId === undefined || !store.get(messageId))
        throw new Error(`No message ${externalId} to react to.`)
      const update = bot.update('message_reaction', {
        chat: store.chat,
        message_id: messageId,
        user: person(authorName ?? 'Telegram User'),
        date: bot.now(),
        old_reaction: [],
        new_reaction: [{ type: 'emoji', emoji }],
      })
      return { updateId: update.update_id }
    },

    advance(ms) {
      clock.advance(ms)
      const hours = ms / 3_600_000
      for (const bot of bots.values()) {
        for (const post of bot.channel.live()) {
          const reactions = post.reactions ?? new Map<string, number>()
          let changed = false
          for (const emoji of ['👍', '❤', '🔥']) {
            const added = Math.floor(hours * random() * 3)
            if (added > 0) {
              reactions.set(emoji, (reactions.get(emoji) ?? 0) + added)
              changed = true
            }
          }
          post.reactions = reactions
          if (changed) {
            bot.update('message_reaction_count', {
              chat: bot.channel.chat,
              message_id: post.message.message_id,
              date: bot.now(),
              reactions: [...reactions].map(([emoji, total_count]) => ({
                type: { type: 'emoji', emoji },
                total_count,
              })),
            })
          }
        }
        bot.pushPending()
      }
    },

    webhookDelivery({ account, text }) {
      const bot = botOf(account)
      const from = person('Webhook Sender')
      const chat = bot.privateChat(from)
      const message = chat.add((message_id) => ({
        message_id,
        from,
        chat: chat.chat,
        date: bot.now(),
        text,
      })).message
      // Built, not queued: this delivery is the one way the update reaches the bot.
      const update = bot.update('message', message, false)
      return {
        headers: {
          'content-type': 'application/json',
          'x-telegram-bot-api-secret-token': bot.secretToken,
        },
        rawBody: JSON.stringify(update),
        query: {},
      }
    },

    async flushWebhooks() {
      for (const bot of bots.values()) await bot.flush()
    },

    bot: (accessToken) => bots.get(accessToken),

    async close() {
      for (const bot of bots.values()) bot.webhook = undefined
      await simulator.flushWebhooks()
      await server.close()
    },
  }
  return simulator
}

export type { SimBot } from './simulator/state.js'
