import type { Interaction, InteractionAuthor } from '@statex/core'
import {
  UpdateSchema,
  type TelegramChat,
  type TelegramMessage,
  type TelegramMessageReaction,
  type TelegramUser,
} from './schemas.js'

/**
 * The update types the adapter asks for. `message_reaction` is never sent unless asked for
 * (https://core.telegram.org/bots/api#getupdates, `allowed_updates`); `channel_post` keeps the
 * bot aware of posts made in the channel by people.
 */
export const ALLOWED_UPDATES: readonly string[] = ['message', 'channel_post', 'message_reaction']

/** `${chat_id}:${message_id}`: message ids are only unique inside one chat. */
export const messageKey = (chatId: number | string, messageId: number) => `${chatId}:${messageId}`

function chatAuthor(chat: TelegramChat): InteractionAuthor {
  const name = chat.title ?? [chat.first_name, chat.last_name].filter(Boolean).join(' ')
  return {
    externalId: String(chat.id),
    ...(name ? { name } : {}),
    ...(chat.username ? { handle: chat.username } : {}),
  }
}

function userAuthor(user: TelegramUser): InteractionAuthor {
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ')
  return { externalId: String(user.id), name, ...(user.username ? { handle: user.username } : {}) }
}

function messageAuthor(message: TelegramMessage): InteractionAuthor | undefined {
  // Anonymous group admins and channels speak as a chat; `from` is then a placeholder bot.
  if (message.sender_chat) return chatAuthor(message.sender_chat)
  if (message.from) return userAuthor(message.from)
  return undefined
}

const hasMention = (message: TelegramMessage) =>
  [...(message.entities ?? []), ...(message.caption_entities ?? [])].some(
    (e) => e.type === 'mention' || e.type === 'text_mention',
  )

/** The id of the channel post a discussion-group message answers, from the automatic forward it replies to. */
function commentedPostId(message: TelegramMessage): string | undefined {
  const parent = message.reply_to_message
  if (!parent?.is_automatic_forward) return undefined
  const origin = parent.forward_origin
  return origin?.type === 'channel' && origin.message_id !== undefined
    ? String(origin.message_id)
    : undefined
}

function fromMessage(message: TelegramMessage, raw: unknown): Interaction | undefined {
  const author = messageAuthor(message)
  if (!author || message.is_automatic_forward) return undefined
  const base = {
    platform: 'telegram' as const,
    externalId: messageKey(message.chat.id, message.message_id),
    author,
    conversationId: String(message.chat.id),
    createdAt: new Date(message.date * 1000),
    raw,
    ...((message.text ?? message.caption) ? { text: message.text ?? message.caption } : {}),
  }
  if (message.chat.type === 'private') return { ...base, type: 'MESSAGE' }
  if (message.chat.type === 'channel') return undefined
  const postId = commentedPostId(message)
  if (postId !== undefined) return { ...base, type: 'COMMENT', externalPostId: postId }
  if (hasMention(message)) return { ...base, type: 'MENTION' }
  const parent = message.reply_to_message
  // A reply to a comment inside a post's comment thread.
  if (parent)
    return {
      ...base,
      type: 'COMMENT',
      parentExternalId: messageKey(message.chat.id, parent.message_id),
    }
  return undefined
}

function fromReaction(
  reaction: TelegramMessageReaction,
  updateId: number,
  raw: unknown,
): Interaction | undefined {
  const before = new Set(reaction.old_reaction.map((r) => r.emoji ?? r.custom_emoji_id ?? r.type))
  const added = reaction.new_reaction
    .map((r) => r.emoji ?? r.custom_emoji_id ?? r.type)
    .find((r) => !before.has(r))
  const author = reaction.user
    ? userAuthor(reaction.user)
    : reaction.actor_chat
      ? chatAuthor(reaction.actor_chat)
      : undefined
  // A removed reaction is not something a person did to answer the account.
  if (added === undefined || !author) return undefined
  const target = messageKey(reaction.chat.id, reaction.message_id)
  return {
    platform: 'telegram',
    externalId: `${target}:reaction:${updateId}`,
    type: 'REACTION',
    author,
    reaction: added,
    conversationId: String(reaction.chat.id),
    ...(reaction.chat.type === 'channel'
      ? { externalPostId: String(reaction.message_id) }
      : { parentExternalId: target }),
    createdAt: new Date(reaction.date * 1000),
    raw,
  }
}

/**
 * One Update as the inbox sees it:
 * - a private message to the bot → MESSAGE;
 * - a discussion-group message replying to the automatic forward of a channel post → COMMENT on that post;
 * - a group message with a `mention`/`text_mention` entity → MENTION;
 * - a group reply to another message → COMMENT with `parentExternalId`;
 * - `message_reaction` with a reaction added → REACTION.
 * Anything else (channel posts, edits, service messages) gives nothing.
 */
export function updateToInteractions(raw: unknown): Interaction[] {
  const parsed = UpdateSchema.safeParse(raw)
  if (!parsed.success) return []
  const update = parsed.data
  const item = update.message
    ? fromMessage(update.message, raw)
    : update.message_reaction
      ? fromReaction(update.message_reaction, update.update_id, raw)
      : undefined
  return item ? [item] : []
}
