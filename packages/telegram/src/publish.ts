import {
  CONTENT_RULES,
  composeText,
  type AccountAuth,
  type MediaItem,
  type PostDraft,
  type PublishCheckpoint,
  type PublishResult,
} from '@statex/core'
import { withPublishProgress } from '@statex/core/adapter'
import type { ChatId, InputMedia, ReplyParameters, SendCommon, TelegramClient } from './client.js'
import type { TelegramChat, TelegramMessage } from './schemas.js'

/** What `ProviderError.progress` and `resumeFrom` hold: the message ids of every part already sent. */
interface TelegramCheckpoint {
  telegram: 1
  chat: string
  /** One entry per part sent, in order; an album part has several message ids. */
  parts: number[][]
  /** For the post URL when the parts already sent came from an earlier attempt. */
  username?: string
}

interface Part {
  text: string
  media: MediaItem[]
  poll?: PostDraft['poll']
}

/** A numeric chat id goes out as an Integer, `@username` as a String, as the Bot API types `chat_id`. */
export function chatIdOf(account: AccountAuth): ChatId {
  const id = account.externalAccountId.trim()
  return /^-?\d+$/.test(id) ? Number(id) : id
}

/** https://t.me/<username>/<id> for public chats; https://t.me/c/<id>/<id> opens private ones for members. */
export function messageUrl(
  chat: Pick<TelegramChat, 'id' | 'username'> | undefined,
  messageId: number,
): string | undefined {
  if (chat?.username) return `https://t.me/${chat.username}/${messageId}`
  if (chat && String(chat.id).startsWith('-100'))
    return `https://t.me/c/${String(chat.id).slice(4)}/${messageId}`
  return undefined
}

function readCheckpoint(
  value: PublishCheckpoint | undefined,
  chat: string,
): TelegramCheckpoint | undefined {
  if (!value || value.telegram !== 1 || value.chat !== chat || !Array.isArray(value.parts))
    return undefined
  return value as unknown as TelegramCheckpoint
}

const MEDIA_TYPE = { image: 'photo', video: 'video', document: 'document' } as const

async function sendPart(
  client: TelegramClient,
  common: SendCommon,
  part: Part,
  post: PostDraft,
  signal: AbortSignal | undefined,
): Promise<TelegramMessage[]> {
  const options = post.options?.telegram
  const parseMode = options?.parseMode
  const caption = part.text.trim()
    ? { caption: part.text, ...(parseMode ? { parse_mode: parseMode } : {}) }
    : {}
  if (part.poll) {
    const question = part.poll.question ?? part.text
    // With a separate question, the post text becomes the poll's description (0–1024 characters).
    const description = part.poll.question !== undefined && part.text.trim() ? part.text : undefined
    const message = await client.sendPoll(
      {
        ...common,
        question,
        options: part.poll.options.map((text) => ({ text })),
        open_period: part.poll.durationMinutes * 60,
        ...(description
          ? { description, ...(parseMode ? { description_parse_mode: parseMode } : {}) }
          : {}),
      },
      signal,
    )
    return [message]
  }
  if (part.media.length > 1) {
    const media: InputMedia[] = part.media.map((item, i) => ({
      type: MEDIA_TYPE[item.type],
      media: item.url,
      // Telegram shows the album caption from its first item.
      ...(i === 0 ? caption : {}),
    }))
    return client.sendMediaGroup({ ...common, media }, signal)
  }
  const [item] = part.media
  if (item?.type === 'image')
    return [await client.sendPhoto({ ...common, photo: item.url, ...caption }, signal)]
  if (item?.type === 'video')
    return [await client.sendVideo({ ...common, video: item.url, ...caption }, signal)]
  if (item?.type === 'document')
    return [await client.sendDocument({ ...common, document: item.url, ...caption }, signal)]
  return [
    await client.sendMessage(
      {
        ...common,
        text: part.text,
        ...(parseMode ? { parse_mode: parseMode } : {}),
        ...(options?.disableLinkPreview !== undefined
          ? { link_preview_options: { is_disabled: options.disableLinkPreview } }
          : {}),
      },
      signal,
    ),
  ]
}

/**
 * Publishes a post as one message (text, one media item with caption, an album, a poll) and its
 * thread parts as a reply chain. Exactly once: a failure at part k carries the checkpoint of
 * parts 0…k-1 as `progress`, and `resumeFrom` continues after them.
 */
export async function publishPost(
  client: TelegramClient,
  input: {
    account: AccountAuth
    post: PostDraft
    resumeFrom?: PublishCheckpoint
    signal?: AbortSignal
  },
): Promise<PublishResult> {
  const { account, post, signal } = input
  const chat = chatIdOf(account)
  const options = post.options?.telegram
  const parts: Part[] = [
    {
      text: composeText(post.text ?? '', post.link, CONTENT_RULES.telegram),
      media: post.media ?? [],
      poll: post.poll,
    },
    ...(post.thread ?? []).map((p) => ({ text: p.text, media: p.media ?? [] })),
  ]
  const resumed = readCheckpoint(input.resumeFrom, account.externalAccountId)
  const progress: TelegramCheckpoint = {
    telegram: 1,
    chat: account.externalAccountId,
    parts: [...(resumed?.parts ?? [])],
    ...(resumed?.username ? { username: resumed.username } : {}),
  }
  let chatInfo: TelegramChat | undefined
  let firstDate: number | undefined

  for (let index = progress.parts.length; index < parts.length; index++) {
    const previous = progress.parts[index - 1]
    const reply: ReplyParameters | undefined =
      previous?.[0] !== undefined ? { message_id: previous[0] } : undefined
    const common: SendCommon = {
      chat_id: chat,
      ...(options?.disableNotification !== undefined
        ? { disable_notification: options.disableNotification }
        : {}),
      ...(options?.protectContent !== undefined ? { protect_content: options.protectContent } : {}),
      ...(reply ? { reply_parameters: reply } : {}),
    }
    let messages: TelegramMessage[]
    try {
      messages = await sendPart(client, common, parts[index]!, post, signal)
    } catch (error) {
      throw withPublishProgress(
        error,
        progress as unknown as PublishCheckpoint,
        progress.parts.length,
      )
    }
    chatInfo ??= messages[0]?.chat
    firstDate ??= messages[0]?.date
    if (chatInfo?.username) progress.username = chatInfo.username
    progress.parts.push(messages.map((m) => m.message_id))
  }

  const ids = progress.parts.flat()
  const first = ids[0]!
  const url = messageUrl(
    chatInfo ?? (progress.username ? { id: 0, username: progress.username } : undefined),
    first,
  )
  return {
    status: 'published',
    externalId: String(first),
    ...(url ? { url } : {}),
    publishedAt:
      firstDate !== undefined && !resumed?.parts.length ? new Date(firstDate * 1000) : new Date(),
    ...(ids.length > 1 ? { partIds: ids.map(String) } : {}),
  }
}
