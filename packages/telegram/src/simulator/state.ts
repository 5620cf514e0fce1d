import type { SimClock } from '@statex/testkit/simulator'

/** Objects as the Bot API serialises them; the simulator stores and returns exactly these. */
export interface ApiUser {
  id: number
  is_bot: boolean
  first_name: string
  last_name?: string
  username?: string
}
export interface ApiChat {
  id: number
  type: 'private' | 'group' | 'supergroup' | 'channel'
  title?: string
  username?: string
  first_name?: string
  last_name?: string
}
export type ApiMessage = { message_id: number; date: number; chat: ApiChat } & Record<
  string,
  unknown
>
export type ApiUpdate = { update_id: number } & Record<string, unknown>

export interface StoredMessage {
  message: ApiMessage
  deleted?: boolean
  /** For a channel post: the id of its automatic forward in the discussion group. */
  forwardId?: number
  /** For a channel post: anonymous reaction counts, by emoji. */
  reactions?: Map<string, number>
}

export class ChatStore {
  readonly messages = new Map<number, StoredMessage>()
  /** What getChatMemberCount answers: the bot and the people in the chat (subscribers of a channel). */
  memberCount = 2
  #nextId = 1
  constructor(readonly chat: ApiChat) {}

  add(
    build: (messageId: number) => ApiMessage,
    extra: Omit<StoredMessage, 'message'> = {},
  ): StoredMessage {
    const stored = { message: build(this.#nextId++), ...extra }
    this.messages.set(stored.message.message_id, stored)
    return stored
  }

  get(messageId: number): StoredMessage | undefined {
    const stored = this.messages.get(messageId)
    return stored?.deleted ? undefined : stored
  }

  live(): StoredMessage[] {
    return [...this.messages.values()].filter((m) => !m.deleted)
  }
}

export interface Webhook {
  url: string
  secretToken?: string
  maxConnections: number
  lastErrorDate?: number
  lastErrorMessage?: string
}

// Types Telegram leaves out unless asked for (getUpdates `allowed_updates`).
const OPT_IN_UPDATES = new Set(['chat_member', 'message_reaction', 'message_reaction_count'])

/** One bot: its token, its channel and linked discussion group, private chats, pending updates. */
export class SimBot {
  revoked = false
  readonly privateChats = new Map<number, ChatStore>()
  readonly updates: ApiUpdate[] = []
  allowedUpdates: string[] | undefined
  webhook: Webhook | undefined
  #nextUpdateId: number
  #pumping: Promise<void> | undefined

  constructor(
    readonly name: string,
    readonly token: string,
    readonly user: ApiUser,
    readonly channel: ChatStore,
    readonly group: ChatStore,
    readonly externalAccountId: string,
    readonly clock: SimClock,
    /** The secret used for deliveries before setWebhook gives one. */
    readonly defaultSecret: string,
  ) {
    this.#nextUpdateId = 100_000_000 + (user.id % 1_000_000) * 10
  }

  get secretToken(): string {
    return this.webhook?.secretToken ?? this.defaultSecret
  }

  now(): number {
    return Math.floor(this.clock.now() / 1000)
  }

  /** A chat the bot is in, by numeric id or `@username` (case-insensitive), like Telegram resolves `chat_id`. */
  findChat(chatId: unknown): ChatStore | undefined {
    const stores = [this.channel, this.group, ...this.privateChats.values()]
    if (typeof chatId === 'number') return stores.find((s) => s.chat.id === chatId)
    if (typeof chatId === 'string' && chatId.startsWith('@')) {
      const name = chatId.slice(1).toLowerCase()
      return stores.find((s) => s.chat.username?.toLowerCase() === name)
    }
    return undefined
  }

  privateChat(user: ApiUser): ChatStore {
    let store = this.privateChats.get(user.id)
    if (!store) {
      store = new ChatStore({
        id: user.id,
        type: 'private',
        first_name: user.first_name,
        ...(user.last_name ? { last_name: user.last_name } : {}),
        ...(user.username ? { username: user.username } : {}),
      })
      this.privateChats.set(user.id, store)
    }
    return store
  }

  /** Whether an update of this type is produced under the current `allowed_updates`. */
  wants(type: string): boolean {
    if (!this.allowedUpdates || this.allowedUpdates.length === 0) return !OPT_IN_UPDATES.has(type)
    return this.allowedUpdates.includes(type)
  }

  /**
   * Builds an update with the next id. It is queued (and pushed when a webhook is set) unless
   * `queue` is false or its type was not asked for: as on Telegram, `allowed_updates` applies
   * to updates created after it was set.
   */
  update(type: string, payload: unknown, queue = true): ApiUpdate {
    const update: ApiUpdate = { update_id: this.#nextUpdateId++, [type]: payload }
    if (queue && this.wants(type)) {
      this.updates.push(update)
      this.pushPending()
    }
    return update
  }

  /** getUpdates: `offset` confirms (drops) every earlier update; a negative one keeps the last -offset. */
  takeUpdates(offset: number | undefined, limit: number): ApiUpdate[] {
    if (offset !== undefined && offset < 0)
      this.updates.splice(0, Math.max(0, this.updates.length + offset))
    else if (offset !== undefined) {
      while (this.updates.length && this.updates[0]!.update_id < offset) this.updates.shift()
    }
    return this.updates.slice(0, limit)
  }

  /** Delivers queued updates to the webhook, one at a time, in order; a failure leaves them queued for the next try. */
  pushPending(): void {
    if (!this.webhook || this.#pumping) return
    this.#pumping = this.#pump().finally(() => {
      this.#pumping = undefined
    })
  }

  /** Resolves when no delivery is in flight. */
  async flush(): Promise<void> {
    while (this.#pumping) await this.#pumping
  }

  async #pump(): Promise<void> {
    while (this.webhook && this.updates.length) {
      const webhook = this.webhook
      const update = this.updates[0]!
      try {
        const response = await fetch(webhook.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(webhook.secretToken
              ? { 'x-telegram-bot-api-secret-token': webhook.secretToken }
              : {}),
          },
          body: JSON.stringify(update),
        })
        await response.arrayBuffer()
        if (response.status < 200 || response.status > 299)
          throw new Error(
            `Wrong response from the webhook: ${response.status} ${response.statusText}`,
          )
        if (this.updates[0] === update) this.updates.shift()
      } catch (error) {
        webhook.lastErrorDate = this.now()
        webhook.lastErrorMessage = error instanceof Error ? error.message : String(error)
        return
      }
    }
  }
}
