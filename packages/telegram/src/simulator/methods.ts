import { ApiError, badRequest } from './params.js'
import {
  TEXT_MAX,
  checkCaption,
  parseFormatted,
  replyTarget,
  storeOutgoing,
  targetChat,
} from './messages.js'
import type { SimBot } from './state.js'

export interface MethodContext {
  /** A new file_id / file_unique_id pair, as Telegram gives for every stored file. */
  newFile(kind: 'photo' | 'video' | 'document'): { file_id: string; file_unique_id: string }
  /** Whether a file_id was given out earlier (and so may be sent again). */
  knowsFile(fileId: string): boolean
  /** Whether a webhook URL is acceptable (HTTPS; plain HTTP only to this machine, for tests). */
  webhookUrlAllowed(url: string): boolean
}

type Params = Record<string, unknown>
type Method = (bot: SimBot, params: Params, ctx: MethodContext) => unknown

function mediaSource(value: unknown, name: string, ctx: MethodContext): string {
  if (typeof value === 'object' && value !== null) return 'upload'
  const source = String(value)
  if (/^https?:\/\/[^\s/]+\.[^\s]+/.test(source)) return source
  if (source.startsWith('attach://')) throw badRequest(`${name} file not found in the request`)
  if (!ctx.knowsFile(source))
    throw badRequest('wrong remote file identifier specified: Wrong padding length')
  return source
}

function fileName(source: string): string {
  return decodeURIComponent(source.split(/[?#]/)[0]!.split('/').pop() || 'file')
}

function mediaContent(
  type: 'photo' | 'video' | 'document',
  source: string,
  ctx: MethodContext,
): Record<string, unknown> {
  if (type === 'photo') {
    return {
      photo: [
        { ...ctx.newFile('photo'), width: 90, height: 60, file_size: 1_450 },
        { ...ctx.newFile('photo'), width: 1280, height: 853, file_size: 98_304 },
      ],
    }
  }
  if (type === 'video')
    return {
      video: {
        ...ctx.newFile('video'),
        width: 1280,
        height: 720,
        duration: 12,
        mime_type: 'video/mp4',
        file_size: 2_097_152,
      },
    }
  return {
    document: { ...ctx.newFile('document'), file_name: fileName(source), file_size: 524_288 },
  }
}

function sendMedia(type: 'photo' | 'video' | 'document'): Method {
  return (bot, params, ctx) => {
    const store = targetChat(bot, params.chat_id)
    const source = mediaSource(params[type], type, ctx)
    const caption = checkCaption(params)
    const reply = replyTarget(bot, store, params)
    return storeOutgoing(
      bot,
      store,
      { ...mediaContent(type, source, ctx), ...caption },
      params,
      reply,
    ).message
  }
}

const INPUT_MEDIA_TYPES = new Set(['photo', 'video', 'document', 'audio'])

const sendMediaGroup: Method = (bot, params, ctx) => {
  const store = targetChat(bot, params.chat_id)
  const media = params.media as Params[]
  if (media.length < 2 || media.length > 10)
    throw badRequest('wrong number of media in the album: must include 2-10 items')
  media.forEach((item, i) => {
    if (typeof item !== 'object' || item === null || !INPUT_MEDIA_TYPES.has(String(item.type)))
      throw badRequest(`can't parse InputMedia: unsupported media type in item ${i}`)
    if (item.media === undefined || item.media === '') throw badRequest(`media ${i} is empty`)
  })
  const types = new Set(media.map((m) => String(m.type)))
  for (const alone of ['document', 'audio']) {
    if (types.has(alone) && types.size > 1)
      throw badRequest(`${alone} can't be mixed with other media types`)
  }
  const prepared = media.map((item, i) => ({
    content: mediaContent(
      item.type as 'photo' | 'video' | 'document',
      mediaSource(item.media, `media ${i}`, ctx),
      ctx,
    ),
    caption: checkCaption(item),
  }))
  const reply = replyTarget(bot, store, params)
  const groupId = String(
    13_000_000_000_000_000 + Math.floor(bot.clock.now()) * 10 + store.messages.size,
  )
  return prepared.map(
    ({ content, caption }) =>
      storeOutgoing(bot, store, { media_group_id: groupId, ...content, ...caption }, params, reply)
        .message,
  )
}

const sendMessage: Method = (bot, params) => {
  const store = targetChat(bot, params.chat_id)
  const text = parseFormatted(String(params.text), params.parse_mode)
  if (!text.trim()) throw badRequest('message text is empty')
  if (text.length > TEXT_MAX) throw badRequest('message is too long')
  const reply = replyTarget(bot, store, params)
  const preview = params.link_preview_options as { is_disabled?: unknown } | undefined
  return storeOutgoing(
    bot,
    store,
    {
      text,
      ...(preview?.is_disabled === true ? { link_preview_options: { is_disabled: true } } : {}),
    },
    params,
    reply,
  ).message
}

const sendPoll: Method = (bot, params, ctx) => {
  const store = targetChat(bot, params.chat_id)
  const question = String(params.question)
  if (!question.trim()) throw badRequest('poll question must be non-empty')
  if (question.length > 300) throw badRequest('poll question length must not exceed 300')
  const options = params.options as unknown[]
  if (options.length < 1) throw badRequest('poll must have at least 1 option')
  if (options.length > 12) throw badRequest("poll can't have more than 12 options")
  const texts = options.map((option) => {
    // InputPollOption objects; a bare string is what Bot API versions before 7.3 took.
    if (
      typeof option !== 'object' ||
      option === null ||
      typeof (option as Params).text !== 'string'
    )
      throw badRequest('can\'t parse InputPollOption: field "text" must be of type String')
    const text = (option as { text: string }).text
    if (!text.trim() || text.length > 100)
      throw badRequest('poll options length must not exceed 100')
    return text
  })
  const openPeriod = params.open_period as number | undefined
  if (openPeriod !== undefined && (openPeriod < 5 || openPeriod > 2_628_000))
    throw badRequest('wrong open period specified')
  if (openPeriod !== undefined && params.close_date !== undefined)
    throw badRequest("open_period and close_date can't be used together")
  const description =
    params.description === undefined
      ? undefined
      : parseFormatted(String(params.description), params.description_parse_mode)
  if (description !== undefined && description.length > 1024)
    throw badRequest('poll description is too long')
  const reply = replyTarget(bot, store, params)
  const poll = {
    id: ctx.newFile('document').file_unique_id,
    question,
    options: texts.map((text, i) => ({ persistent_id: String(i), text, voter_count: 0 })),
    total_voter_count: 0,
    is_closed: params.is_closed === true,
    is_anonymous: params.is_anonymous !== false,
    type: params.type === 'quiz' ? 'quiz' : 'regular',
    allows_multiple_answers: params.allows_multiple_answers === true,
    allows_revoting: params.allows_revoting ?? params.type !== 'quiz',
    members_only: params.members_only === true,
    ...(openPeriod !== undefined
      ? { open_period: openPeriod, close_date: bot.now() + openPeriod }
      : {}),
    ...(description ? { description } : {}),
  }
  return storeOutgoing(bot, store, { poll }, params, reply).message
}

const deleteMessage: Method = (bot, params) => {
  const store = targetChat(bot, params.chat_id)
  const stored = store.get(params.message_id as number)
  if (!stored) throw badRequest('message to delete not found')
  if (bot.now() - stored.message.date > 48 * 3600) throw badRequest("message can't be deleted")
  stored.deleted = true
  return true
}

const getUpdates: Method = (bot, params) => {
  if (bot.webhook)
    throw new ApiError(
      409,
      "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    )
  if (params.allowed_updates !== undefined)
    bot.allowedUpdates = (params.allowed_updates as unknown[]).map(String)
  const limit = Math.min(100, Math.max(1, (params.limit as number | undefined) ?? 100))
  return bot.takeUpdates(params.offset as number | undefined, limit)
}

const setWebhook: Method = (bot, params, ctx) => {
  const url = String(params.url ?? '')
  const secret = params.secret_token as string | undefined
  if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret))
    throw badRequest('secret token contains unallowed characters')
  const maxConnections = (params.max_connections as number | undefined) ?? 40
  if (maxConnections < 1 || maxConnections > 100)
    throw badRequest('max_connections must be between 1 and 100')
  if (params.drop_pending_updates === true) bot.updates.length = 0
  if (params.allowed_updates !== undefined)
    bot.allowedUpdates = (params.allowed_updates as unknown[]).map(String)
  if (url === '') {
    bot.webhook = undefined
    return true
  }
  if (!ctx.webhookUrlAllowed(url))
    throw badRequest('bad webhook: An HTTPS URL must be provided for webhook')
  bot.webhook = { url, maxConnections, ...(secret ? { secretToken: secret } : {}) }
  bot.pushPending()
  return true
}

const deleteWebhook: Method = (bot, params) => {
  if (params.drop_pending_updates === true) bot.updates.length = 0
  bot.webhook = undefined
  return true
}

const getWebhookInfo: Method = (bot) => ({
  url: bot.webhook?.url ?? '',
  has_custom_certificate: false,
  pending_update_count: bot.updates.length,
  ...(bot.webhook ? { max_connections: bot.webhook.maxConnections } : {}),
  ...(bot.webhook?.lastErrorDate
    ? {
        last_error_date: bot.webhook.lastErrorDate,
        last_error_message: bot.webhook.lastErrorMessage,
      }
    : {}),
  ...(bot.allowedUpdates ? { allowed_updates: bot.allowedUpdates } : {}),
})

const getMe: Method = (bot) => ({
  ...bot.user,
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
})

/** ChatFullInfo: the chat as the bot sees it; "chat not found" when the bot is not in it. */
const getChat: Method = (bot, params) => ({
  ...targetChat(bot, params.chat_id).chat,
  accent_color_id: 0,
  max_reaction_count: 11,
  accepted_gift_types: {
    unlimited_gifts: false,
    limited_gifts: false,
    unique_gifts: false,
    premium_subscription: false,
  },
})

/** An Integer: members of the chat, the bot included; "chat not found" when the bot is not in it. */
const getChatMemberCount: Method = (bot, params) => targetChat(bot, params.chat_id).memberCount

/** The Bot API methods the simulator serves, by their canonical names. */
export const METHODS: Readonly<Record<string, Method>> = {
  getMe,
  getChat,
  getChatMemberCount,
  sendMessage,
  sendPhoto: sendMedia('photo'),
  sendVideo: sendMedia('video'),
  sendDocument: sendMedia('document'),
  sendMediaGroup,
  sendPoll,
  deleteMessage,
  getUpdates,
  setWebhook,
  deleteWebhook,
  getWebhookInfo,
}
