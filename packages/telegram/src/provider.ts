import {
  CONTENT_RULES,
  ProviderError,
  composeText,
  validatePost,
  type AccountAuth,
  type Interaction,
  type PostDraft,
  type ProviderCapabilities,
  type SocialProvider,
  type ValidationIssue,
} from '@statex/core'
import type { FetchFn } from '@statex/core/adapter'
import { z } from 'zod'
import { telegramClient } from './client.js'
import { formattingProblem } from './formatting.js'
import { ALLOWED_UPDATES, messageKey, updateToInteractions } from './inbox.js'
import { chatIdOf, publishPost } from './publish.js'
import { parseTelegramWebhook, verifyTelegramWebhook } from './webhooks.js'

export interface TelegramOptions {
  /** Origin of the Bot API; paths stay `/bot<token>/<method>`. Default `https://api.telegram.org`. */
  baseUrl?: string
  /** Default: the global `fetch`. */
  fetch?: FetchFn
  /** The `secret_token` given to setWebhook; `webhooks.verify` accepts only requests carrying it. */
  webhookSecret?: string
  /** getUpdates `limit` per `listInteractions` page, 1–100. Default 100. */
  pageSize?: number
}

const OptionsSchema = z.object({
  baseUrl: z.url().default('https://api.telegram.org'),
  fetch: z.custom<FetchFn>((value) => typeof value === 'function').optional(),
  webhookSecret: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, 'secret_token is 1–256 characters of A-Z, a-z, 0-9, _ and -')
    .optional(),
  pageSize: z.number().int().min(1).max(100).default(100),
})

export const TELEGRAM_CAPABILITIES: ProviderCapabilities = {
  content: CONTENT_RULES.telegram,
  publishing: 'sync',
  deletes: true,
  metrics: [],
  interactions: {
    types: ['COMMENT', 'MESSAGE', 'MENTION', 'REACTION'],
    delivery: ['polling', 'webhook'],
  },
  connection: 'token',
  tokenRefresh: false,
  // The Bot API cannot list what a bot has sent (bots get no updates for their own messages).
  reconcile: 'none',
  // Flood control answers 429 with retry_after for the bot, whatever the method.
  rateLimitScope: 'account',
  notes: [
    'The Bot API gives no view or engagement counts for channel posts, so there are no metrics.',
    'Comments exist only when the channel has a linked discussion group with the bot in it; they arrive as group messages.',
    'Updates are kept by Telegram for 24 hours; a bot polls (listInteractions) or has a webhook, never both (getUpdates answers 409 while a webhook is set).',
    'Reactions in channels are anonymous: only reactions in groups name the person (message_reaction).',
    'A bot can delete its messages only within 48 hours; deletePost removes one message, so delete each part of an album or thread by its part id.',
    'Bot tokens do not expire; a token reset in @BotFather answers 401 and the account must be reconnected.',
  ],
}

const PARSE_MODES = ['HTML', 'MarkdownV2']

function telegramIssues(post: PostDraft): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const options = post.options?.telegram
  const parseMode = options?.parseMode as string | undefined
  if (parseMode !== undefined && !PARSE_MODES.includes(parseMode)) {
    issues.push({
      path: 'options.telegram.parseMode',
      code: 'OPTION_INVALID',
      message: `parseMode must be "HTML" or "MarkdownV2"; "${parseMode}" is not one (legacy "Markdown" is not supported).`,
    })
  } else if (parseMode) {
    const texts: [string, string][] = [
      ['text', composeText(post.text ?? '', post.link, CONTENT_RULES.telegram)],
      ...(post.thread ?? []).map((part, i): [string, string] => [`thread[${i}].text`, part.text]),
    ]
    for (const [path, text] of texts) {
      const problem = formattingProblem(text, parseMode)
      if (problem)
        issues.push({
          path,
          code: 'OPTION_INVALID',
          message: `Telegram cannot parse this ${parseMode} text: ${problem}.`,
        })
    }
  }
  for (const key of ['disableLinkPreview', 'disableNotification', 'protectContent'] as const) {
    if (options?.[key] !== undefined && typeof options[key] !== 'boolean') {
      issues.push({
        path: `options.telegram.${key}`,
        code: 'OPTION_INVALID',
        message: `${key} must be true or false.`,
      })
    }
  }
  // With a separate question the post text becomes the poll's description, 0–1024 characters.
  if (post.poll?.question !== undefined && (post.text ?? '').length > 1024) {
    issues.push({
      path: 'text',
      code: 'TEXT_TOO_LONG',
      message: `With a separate poll question the text is shown as the poll's description, at most 1024 characters; it is ${post.text.length}.`,
    })
  }
  return issues
}

/** The message id inside its chat, from our ids: `123` (a post) or `chat:123[:…]` (an interaction). */
function messageIdOf(externalId: string): number {
  const [first, second] = externalId.split(':')
  return Number(second ?? first)
}

/**
 * The Telegram Bot API adapter. The account is a bot (`accessToken` = bot token from @BotFather)
 * and the chat it posts to (`externalAccountId` = numeric chat id or `@channelusername`).
 * @see https://core.telegram.org/bots/api
 */
export function telegram(options: TelegramOptions = {}): SocialProvider {
  const config = OptionsSchema.parse(options)
  const fetchFn: FetchFn = config.fetch ?? ((...args) => globalThis.fetch(...args))
  const clientFor = (account: AccountAuth) =>
    telegramClient({ baseUrl: config.baseUrl, fetch: fetchFn, token: account.accessToken })
  const isAccountChat = (account: AccountAuth, chat: { id: number; username?: string }) => {
    const id = String(chatIdOf(account)).toLowerCase()
    return (
      id === String(chat.id) ||
      (chat.username !== undefined && id === `@${chat.username.toLowerCase()}`)
    )
  }

  return {
    platform: 'telegram',
    capabilities: TELEGRAM_CAPABILITIES,

    validate(post) {
      return [...validatePost(post, CONTENT_RULES.telegram), ...telegramIssues(post)]
    },

    publish({ account, post, resumeFrom, signal }) {
      return publishPost(clientFor(account), { account, post, resumeFrom, signal })
    },

    /**
     * getMe proves the token; getChat proves the bot is in the chat (a bot sees a channel only
     * once it was added as an administrator, which posting needs anyway).
     */
    async connectWithToken({ accessToken, externalAccountId, signal }) {
      const account: AccountAuth = { accessToken, externalAccountId }
      const client = clientFor(account)
      const bot = await client.getMe(signal)
      const chat = await client.getChat(chatIdOf(account), signal)
      return {
        platform: 'telegram',
        // The numeric id: a channel's @username can change, its id cannot.
        externalAccountId: String(chat.id),
        displayName:
          chat.title ||
          [chat.first_name, chat.last_name].filter(Boolean).join(' ') ||
          String(chat.id),
        ...(chat.username ? { handle: `@${chat.username}` } : {}),
        tokens: { accessToken },
        raw: {
          bot: { id: bot.id, username: bot.username },
          chat: { id: chat.id, type: chat.type },
        },
      }
    },

    /** The chat's members (a channel's subscribers): the one account-level figure the Bot API gives. */
    async fetchAccountMetrics({ account, signal }) {
      const followers = await clientFor(account).getChatMemberCount(chatIdOf(account), signal)
      return { collectedAt: new Date(), followers, raw: { member_count: followers } }
    },

    async deletePost({ account, externalId, signal }) {
      // `chat:id` names a message outside the account's chat (a reply in the discussion group).
      const [chat] = externalId.split(':')
      await clientFor(account).deleteMessage(
        {
          chat_id: externalId.includes(':') ? Number(chat) : chatIdOf(account),
          message_id: messageIdOf(externalId),
        },
        signal,
      )
    },

    async listInteractions({ account, cursor, since, signal }) {
      const offset = cursor === undefined ? undefined : Number(cursor)
      if (offset !== undefined && !Number.isInteger(offset)) {
        throw new ProviderError({
          kind: 'invalid_request',
          platform: 'telegram',
          message: `The cursor "${cursor}" is not a getUpdates offset.`,
        })
      }
      const updates = await clientFor(account).getUpdates(
        {
          ...(offset !== undefined ? { offset } : {}),
          limit: config.pageSize,
          timeout: 0,
          allowed_updates: [...ALLOWED_UPDATES],
        },
        signal,
      )
      const items = updates
        .flatMap((update) => updateToInteractions(update))
        .filter((item: Interaction) => !since || item.createdAt >= since)
      const last = updates.at(-1)
      // The next offset confirms every update returned so far, so each is taken once. It is given
      // for any non-empty page, not only a full one: an unconfirmed partial page would come back
      // on the next call made without a cursor.
      return last ? { items, nextCursor: String(last.update_id + 1) } : { items }
    },

    async reply({ account, to, text, signal }) {
      const chat = to.conversationId ?? String(chatIdOf(account))
      const target =
        to.type === 'REACTION'
          ? (to.parentExternalId ?? to.externalPostId ?? to.externalId)
          : to.externalId
      const message = await clientFor(account).sendMessage(
        {
          chat_id: /^-?\d+$/.test(chat) ? Number(chat) : chat,
          text,
          reply_parameters: { message_id: messageIdOf(target) },
        },
        signal,
      )
      return {
        externalId: isAccountChat(account, message.chat)
          ? String(message.message_id)
          : messageKey(message.chat.id, message.message_id),
      }
    },

    webhooks: {
      verify: (request) => verifyTelegramWebhook(request, config.webhookSecret),
      parse: ({ body }) => parseTelegramWebhook(body),
    },
  }
}
