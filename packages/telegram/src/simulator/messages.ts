import { formattingProblem } from '../formatting.js'
import { ApiError, badRequest } from './params.js'
import type { ApiChat, ApiMessage, ApiUser, ChatStore, SimBot, StoredMessage } from './state.js'

/** The user id Telegram shows as the sender of automatic forwards into discussion groups. */
export const TELEGRAM_SERVICE_USER: ApiUser = { id: 777000, is_bot: false, first_name: 'Telegram' }

export const TEXT_MAX = 4096
export const CAPTION_MAX = 1024

/** Text after entity parsing, as Telegram stores it (markup removed); rejects text Telegram cannot parse. */
export function parseFormatted(text: string, parseMode: unknown): string {
  if (parseMode === undefined) return text
  if (parseMode !== 'HTML' && parseMode !== 'MarkdownV2' && parseMode !== 'Markdown')
    throw badRequest(`unsupported parse_mode "${String(parseMode)}"`)
  const problem = parseMode === 'Markdown' ? undefined : formattingProblem(text, parseMode)
  if (problem) throw badRequest(`can't parse entities: ${problem}`)
  if (parseMode === 'HTML') {
    return text
      .replace(/<[^>]*>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
  }
  return text
    .replace(/\[([^\]]*)\]\((?:\\.|[^)])*\)/g, '$1')
    .replace(/\\(.)|[*_~`|]/g, (_, escaped: string | undefined) => escaped ?? '')
}

/** `mention` entities for @usernames, offsets in UTF-16 code units as Telegram counts them. */
export function mentionEntities(text: string): { type: string; offset: number; length: number }[] {
  return [...text.matchAll(/(^|[^\w])(@[A-Za-z0-9_]{4,32})/g)].map((m) => ({
    type: 'mention',
    offset: m.index! + m[1]!.length,
    length: m[2]!.length,
  }))
}

export function checkCaption(params: Record<string, unknown>): { caption?: string } {
  if (params.caption === undefined) return {}
  const caption = parseFormatted(String(params.caption), params.parse_mode)
  if (caption.length > CAPTION_MAX) throw badRequest('MEDIA_CAPTION_TOO_LONG')
  return caption ? { caption } : {}
}

/** The chat to send to, if the bot is in it: "chat not found" otherwise, as Telegram answers. */
export function targetChat(bot: SimBot, chatId: unknown): ChatStore {
  const store = bot.findChat(chatId)
  if (!store) throw badRequest('chat not found')
  return store
}

/** `reply_parameters`: the message replied to must exist unless allow_sending_without_reply. */
export function replyTarget(
  bot: SimBot,
  store: ChatStore,
  params: Record<string, unknown>,
): StoredMessage | undefined {
  const reply = params.reply_parameters as
    { message_id?: unknown; chat_id?: unknown; allow_sending_without_reply?: unknown } | undefined
  if (!reply) return undefined
  if (typeof reply.message_id !== 'number')
    throw badRequest("can't parse reply parameters JSON object")
  const chat = reply.chat_id === undefined ? store : bot.findChat(reply.chat_id)
  const target = chat?.get(reply.message_id)
  if (!target && reply.allow_sending_without_reply !== true)
    throw badRequest('message to be replied not found')
  return target
}

/**
 * The thread a reply in a group joins: the one its parent is in (a post's comment thread starts at
 * the post's automatic forward), else the parent starts one.
 */
function threadOf(parent: StoredMessage): number {
  const thread = parent.message.message_thread_id
  return typeof thread === 'number' ? thread : parent.message.message_id
}

/** Telegram includes the replied-to message one level deep, without its own reply_to_message. */
function shallow(message: ApiMessage): ApiMessage {
  const { reply_to_message: _ignored, ...rest } = message
  return rest as ApiMessage
}

/**
 * Stores a message the bot sent. In the channel, Telegram also forwards it automatically into
 * the linked discussion group, where people comment on it; the bot receives that forward.
 */
export function storeOutgoing(
  bot: SimBot,
  store: ChatStore,
  content: Record<string, unknown>,
  params: Record<string, unknown>,
  replyTo: StoredMessage | undefined,
): StoredMessage {
  const date = bot.now()
  const isChannel = store.chat.type === 'channel'
  const stored = store.add((message_id) => ({
    message_id,
    ...(isChannel ? { sender_chat: store.chat } : { from: bot.user }),
    chat: store.chat,
    date,
    ...(replyTo
      ? {
          ...(isChannel ? {} : { message_thread_id: threadOf(replyTo) }),
          reply_to_message: shallow(replyTo.message),
        }
      : {}),
    ...(params.protect_content === true ? { has_protected_content: true } : {}),
    ...content,
  }))
  if (isChannel) {
    stored.reactions = new Map()
    const forward = bot.group.add((message_id) => ({
      message_id,
      from: TELEGRAM_SERVICE_USER,
      sender_chat: store.chat,
      chat: bot.group.chat,
      date,
      is_automatic_forward: true,
      forward_origin: {
        type: 'channel',
        chat: store.chat,
        message_id: stored.message.message_id,
        date,
      },
      ...content,
    }))
    stored.forwardId = forward.message.message_id
    bot.update('message', forward.message)
  }
  return stored
}

/** A message a person sent: a comment in the discussion group or a private message to the bot. */
export function storeIncoming(
  bot: SimBot,
  store: ChatStore,
  from: ApiUser,
  text: string,
  replyTo?: StoredMessage,
): StoredMessage {
  const entities = mentionEntities(text)
  const stored = store.add((message_id) => ({
    message_id,
    from,
    chat: store.chat,
    date: bot.now(),
    ...(replyTo
      ? {
          message_thread_id: threadOf(replyTo),
          reply_to_message: shallow(replyTo.message),
        }
      : {}),
    text,
    ...(entities.length ? { entities } : {}),
  }))
  bot.update('message', stored.message)
  return stored
}

export function chatSummary(chat: ApiChat): string {
  return chat.title ?? chat.first_name ?? String(chat.id)
}

export { ApiError }
