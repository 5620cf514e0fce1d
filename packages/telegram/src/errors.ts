import {
  ProviderError,
  parseRetryAfter,
  type ProviderErrorKind,
  type RequestOutcome,
} from '@statex/core'
import type { HttpResponse } from '@statex/core/adapter'
import { ErrorEnvelopeSchema } from './schemas.js'

/** Bot API methods that create something visible: a 5xx answer to them may hide a success. */
const SENDING_METHODS = new Set([
  'sendmessage',
  'sendphoto',
  'sendvideo',
  'senddocument',
  'sendmediagroup',
  'sendpoll',
])

interface Rule {
  /** A prefix of Telegram's `description`, lower-cased; Telegram distinguishes these only by text. */
  description?: string
  kind: ProviderErrorKind
  /** What a person should do about it. */
  fix: string
}

/**
 * How Telegram fails, per `error_code`, then by the documented description where one code covers
 * causes that need different actions (403 covers both "the bot lost the channel" and "this user
 * blocked the bot"). The first matching rule wins; a rule without `description` is the default.
 */
const RULES: Readonly<Record<number, readonly Rule[]>> = {
  400: [
    {
      description: 'bad request: chat not found',
      kind: 'not_found',
      fix: 'Check the chat id (a numeric id like -1001234567890 or @channelusername) and that the bot was added to the chat.',
    },
    {
      description: 'bad request: message to delete not found',
      kind: 'not_found',
      fix: 'The message was already deleted.',
    },
    {
      description: 'bad request: message to be replied not found',
      kind: 'not_found',
      fix: 'The message being answered was deleted.',
    },
    {
      description: 'bad request: reply message not found',
      kind: 'not_found',
      fix: 'The message being answered was deleted.',
    },
    {
      description: "bad request: message can't be deleted",
      kind: 'invalid_request',
      fix: 'Telegram only lets bots delete messages younger than 48 hours, and in channels only with the "Delete messages" right.',
    },
    {
      description: 'bad request: need administrator rights in the channel chat',
      kind: 'auth_revoked',
      fix: 'Make the bot an administrator of the channel with the "Post messages" right.',
    },
    {
      kind: 'invalid_request',
      fix: 'Telegram rejected the request as it is; change the content and publish again.',
    },
  ],
  401: [
    {
      kind: 'auth_revoked',
      fix: "The bot token was revoked or reset in @BotFather: paste the bot's current token to reconnect.",
    },
  ],
  403: [
    {
      description: 'forbidden: bot was blocked by the user',
      kind: 'invalid_request',
      fix: 'This person blocked the bot; they must unblock it before the bot can write to them.',
    },
    {
      description: "forbidden: bot can't initiate conversation",
      kind: 'invalid_request',
      fix: 'A person must start a chat with the bot before it can write to them.',
    },
    {
      description: 'forbidden: user is deactivated',
      kind: 'invalid_request',
      fix: 'This Telegram account was deleted.',
    },
    {
      description: 'forbidden: bot was kicked',
      kind: 'auth_revoked',
      fix: 'The bot was removed from the chat: add it back as an administrator, then reconnect.',
    },
    {
      description: 'forbidden: bot is not a member',
      kind: 'auth_revoked',
      fix: 'Add the bot to the chat as an administrator with the "Post messages" right.',
    },
    {
      description: 'forbidden: not enough rights',
      kind: 'auth_revoked',
      fix: 'Give the bot the administrator rights it needs in the chat ("Post messages", "Delete messages").',
    },
    {
      kind: 'auth_revoked',
      fix: 'The bot may not act in this chat: make it an administrator of the channel, then reconnect.',
    },
  ],
  // A malformed token (not `<digits>:<secret>`) is answered 404, like an unknown method.
  404: [
    {
      kind: 'auth_revoked',
      fix: 'Telegram does not recognise the bot token (or the method): paste the token exactly as @BotFather gave it.',
    },
  ],
  409: [
    {
      description: 'conflict: terminated by other getupdates',
      kind: 'invalid_request',
      fix: 'Another program polls getUpdates with the same bot token: stop it, or use one receiver per bot.',
    },
    {
      kind: 'invalid_request',
      fix: 'A webhook is set for this bot, so getUpdates is refused: call deleteWebhook to poll, or receive updates through the webhook.',
    },
  ],
}

export interface ClassifyContext {
  /** The Bot API method that was called; decides whether a 5xx may hide a sent message. */
  method?: string
  /** Exact secret values (the bot token) to scrub from messages. */
  secrets?: readonly string[]
}

/**
 * Turns a Bot API error answer (`{ ok: false, error_code, description, parameters }`) into a
 * ProviderError. See https://core.telegram.org/bots/api#making-requests and
 * https://core.telegram.org/bots/api#responseparameters.
 */
export function classifyTelegramError(
  response: HttpResponse,
  context: ClassifyContext = {},
): ProviderError {
  const parsed = ErrorEnvelopeSchema.safeParse(response.json)
  const envelope = parsed.success ? parsed.data : undefined
  const code = envelope?.error_code ?? response.status
  const description =
    envelope?.description ?? (response.text.slice(0, 200) || `HTTP ${response.status}`)
  const base = {
    platform: 'telegram' as const,
    status: response.status,
    platformCode: code,
    platformMessage: description,
    secrets: context.secrets ?? [],
  }

  const retryAfter = envelope?.parameters?.retry_after
  if (code === 429 || retryAfter !== undefined) {
    const retryAfterMs =
      retryAfter !== undefined
        ? retryAfter * 1000
        : (retryAfterFromText(description) ?? parseRetryAfter(response.headers))
    return new ProviderError({
      ...base,
      kind: 'rate_limited',
      retryAfterMs,
      message: `Telegram is limiting this bot (${description}); try again in ${Math.ceil((retryAfterMs ?? 0) / 1000)} s.`,
    })
  }

  const migrateTo = envelope?.parameters?.migrate_to_chat_id
  if (migrateTo !== undefined) {
    return new ProviderError({
      ...base,
      kind: 'invalid_request',
      message: `The group was upgraded to a supergroup with the new chat id ${migrateTo}: change the account's chat id to ${migrateTo} and publish again.`,
    })
  }

  if (code >= 500 || (!envelope && response.status >= 500)) {
    return new ProviderError({
      ...base,
      kind: 'transient',
      // Telegram's 5xx (usually 502 from its front servers) means the answer was lost, not that
      // the work was: a send may have been delivered to the chat. Sending twice is worse than
      // asking a person, so sends are `unknown`; reads and deletes can be repeated safely.
      outcome: outcomeFor5xx(context.method),
      message: `Telegram failed with ${response.status} (${description}).`,
    })
  }

  const rules = RULES[code]
  if (!rules) {
    return new ProviderError({
      ...base,
      kind: envelope ? 'invalid_request' : 'transient',
      outcome: envelope ? 'not_sent' : 'unknown',
      message: `Telegram answered ${response.status}: ${description}`,
    })
  }
  const lower = description.toLowerCase()
  const rule = rules.find((r) => r.description === undefined || lower.startsWith(r.description))!
  return new ProviderError({
    ...base,
    kind: rule.kind,
    message: `Telegram: ${description}. ${rule.fix}`,
  })
}

function outcomeFor5xx(method: string | undefined): RequestOutcome {
  return method === undefined || SENDING_METHODS.has(method.toLowerCase()) ? 'unknown' : 'not_sent'
}

function retryAfterFromText(description: string): number | undefined {
  const match = /retry after (\d+)/i.exec(description)
  return match ? Number(match[1]) * 1000 : undefined
}
