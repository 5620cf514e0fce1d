import {
  endpoint,
  sendRequest,
  unexpectedResponse,
  type FetchFn,
  type HttpContext,
} from '@statex/core/adapter'
import { z } from 'zod'
import { classifyTelegramError } from './errors.js'
import {
  ChatSchema,
  MessageSchema,
  UserSchema,
  WebhookInfoSchema,
  okEnvelope,
  type TelegramChat,
  type TelegramMessage,
  type TelegramUser,
  type TelegramWebhookInfo,
} from './schemas.js'

/** `Integer or String`: a numeric chat id or `@channelusername`. */
export type ChatId = number | string
export type ParseMode = 'HTML' | 'MarkdownV2'

/** https://core.telegram.org/bots/api#replyparameters */
export interface ReplyParameters {
  message_id: number
  chat_id?: ChatId
  allow_sending_without_reply?: boolean
}

/** https://core.telegram.org/bots/api#linkpreviewoptions */
export interface LinkPreviewOptions {
  is_disabled?: boolean
}

/** Fields every send method shares. */
export interface SendCommon {
  chat_id: ChatId
  disable_notification?: boolean
  protect_content?: boolean
  reply_parameters?: ReplyParameters
}

export interface SendMessageParams extends SendCommon {
  text: string
  parse_mode?: ParseMode
  link_preview_options?: LinkPreviewOptions
}

interface Captioned extends SendCommon {
  caption?: string
  parse_mode?: ParseMode
}
export interface SendPhotoParams extends Captioned {
  photo: string
}
export interface SendVideoParams extends Captioned {
  video: string
}
export interface SendDocumentParams extends Captioned {
  document: string
}

/** https://core.telegram.org/bots/api#inputmediaphoto (and …video, …document) */
export interface InputMedia {
  type: 'photo' | 'video' | 'document'
  media: string
  caption?: string
  parse_mode?: ParseMode
}
export interface SendMediaGroupParams extends SendCommon {
  media: InputMedia[]
}

/** https://core.telegram.org/bots/api#inputpolloption */
export interface InputPollOption {
  text: string
}
export interface SendPollParams extends SendCommon {
  question: string
  options: InputPollOption[]
  open_period?: number
  description?: string
  description_parse_mode?: ParseMode
}

export interface GetUpdatesParams {
  offset?: number
  limit?: number
  timeout?: number
  allowed_updates?: string[]
}

export interface SetWebhookParams {
  url: string
  secret_token?: string
  allowed_updates?: string[]
  drop_pending_updates?: boolean
  max_connections?: number
}

export interface TelegramClientOptions {
  baseUrl: string
  fetch: FetchFn
  /** The bot token; it is part of every path and scrubbed from every error. */
  token: string
}

/**
 * A thin Bot API client: one method per Bot API method, JSON bodies, the `{ ok, result }`
 * envelope checked and unwrapped. It never retries.
 */
export function telegramClient(options: TelegramClientOptions) {
  const { baseUrl, token } = options

  async function call<S extends z.ZodType>(
    method: string,
    params: object,
    result: S,
    signal?: AbortSignal,
  ): Promise<z.infer<S>> {
    const context: HttpContext = {
      platform: 'telegram',
      fetch: options.fetch,
      secrets: [token],
      classify: (response) => classifyTelegramError(response, { method, secrets: [token] }),
      isSuccess: (response) =>
        response.status < 300 && (response.json as { ok?: unknown } | undefined)?.ok === true,
    }
    const response = await sendRequest(context, {
      method: 'POST',
      url: endpoint(baseUrl, `/bot${token}/${method}`),
      body: params,
      signal,
    })
    const parsed = okEnvelope(result).safeParse(response.json)
    if (!parsed.success)
      throw unexpectedResponse(
        'telegram',
        response,
        `${method} result did not match the Bot API: ${parsed.error.issues[0]?.message ?? ''}`,
        [token],
      )
    return (parsed.data as { result: z.infer<S> }).result
  }

  return {
    /** @see https://core.telegram.org/bots/api#sendmessage */
    sendMessage: (params: SendMessageParams, signal?: AbortSignal): Promise<TelegramMessage> =>
      call('sendMessage', params, MessageSchema, signal),
    /** @see https://core.telegram.org/bots/api#sendphoto */
    sendPhoto: (params: SendPhotoParams, signal?: AbortSignal): Promise<TelegramMessage> =>
      call('sendPhoto', params, MessageSchema, signal),
    /** @see https://core.telegram.org/bots/api#sendvideo */
    sendVideo: (params: SendVideoParams, signal?: AbortSignal): Promise<TelegramMessage> =>
      call('sendVideo', params, MessageSchema, signal),
    /** @see https://core.telegram.org/bots/api#senddocument */
    sendDocument: (params: SendDocumentParams, signal?: AbortSignal): Promise<TelegramMessage> =>
      call('sendDocument', params, MessageSchema, signal),
    /** @see https://core.telegram.org/bots/api#sendmediagroup */
    sendMediaGroup: (
      params: SendMediaGroupParams,
      signal?: AbortSignal,
    ): Promise<TelegramMessage[]> => call('sendMediaGroup', params, z.array(MessageSchema), signal),
    /** @see https://core.telegram.org/bots/api#sendpoll */
    sendPoll: (params: SendPollParams, signal?: AbortSignal): Promise<TelegramMessage> =>
      call('sendPoll', params, MessageSchema, signal),
    /** @see https://core.telegram.org/bots/api#deletemessage */
    deleteMessage: (
      params: { chat_id: ChatId; message_id: number },
      signal?: AbortSignal,
    ): Promise<boolean> => call('deleteMessage', params, z.boolean(), signal),
    /**
     * Raw updates, so each can be parsed on its own and kept verbatim as `Interaction.raw`.
     * @see https://core.telegram.org/bots/api#getupdates
     */
    getUpdates: (
      params: GetUpdatesParams,
      signal?: AbortSignal,
    ): Promise<{ update_id: number }[]> =>
      call('getUpdates', params, z.array(z.looseObject({ update_id: z.number() })), signal),
    /** @see https://core.telegram.org/bots/api#setwebhook */
    setWebhook: (params: SetWebhookParams, signal?: AbortSignal): Promise<boolean> =>
      call('setWebhook', params, z.boolean(), signal),
    /** @see https://core.telegram.org/bots/api#deletewebhook */
    deleteWebhook: (
      params: { drop_pending_updates?: boolean },
      signal?: AbortSignal,
    ): Promise<boolean> => call('deleteWebhook', params, z.boolean(), signal),
    /** @see https://core.telegram.org/bots/api#getwebhookinfo */
    getWebhookInfo: (signal?: AbortSignal): Promise<TelegramWebhookInfo> =>
      call('getWebhookInfo', {}, WebhookInfoSchema, signal),

    /** The bot behind the token. @see https://core.telegram.org/bots/api#getme */
    getMe: (signal?: AbortSignal): Promise<TelegramUser> => call('getMe', {}, UserSchema, signal),

    /** The chat as the bot sees it (ChatFullInfo). @see https://core.telegram.org/bots/api#getchat */
    getChat: (chatId: ChatId, signal?: AbortSignal): Promise<TelegramChat> =>
      call('getChat', { chat_id: chatId }, ChatSchema, signal),

    /** Members of the chat (a channel's subscribers). @see https://core.telegram.org/bots/api#getchatmembercount */
    getChatMemberCount: (chatId: ChatId, signal?: AbortSignal): Promise<number> =>
      call('getChatMemberCount', { chat_id: chatId }, z.number().int().nonnegative(), signal),
  }
}

export type TelegramClient = ReturnType<typeof telegramClient>
