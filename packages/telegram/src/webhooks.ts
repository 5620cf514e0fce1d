import type { WebhookEvent, WebhookRequest } from '@statex/core'
import { headerValue, safeEqual, type FetchFn } from '@statex/core/adapter'
import { telegramClient } from './client.js'
import { ALLOWED_UPDATES, updateToInteractions } from './inbox.js'
import { UpdateSchema } from './schemas.js'

/** The header Telegram puts the `secret_token` of setWebhook in (https://core.telegram.org/bots/api#setwebhook). */
export const SECRET_TOKEN_HEADER = 'X-Telegram-Bot-Api-Secret-Token'

/**
 * True when the request carries the secret token given to setWebhook. Telegram does not sign the
 * body: the secret proves the sender, not the integrity of the body (TLS does that).
 */
export function verifyTelegramWebhook(
  request: WebhookRequest,
  secret: string | undefined,
): boolean {
  if (!secret) return false
  const given = headerValue(request.headers, SECRET_TOKEN_HEADER)
  return given !== undefined && safeEqual(given, secret)
}

/**
 * The channel (our account's `externalAccountId`) an Update belongs to, where the Update says:
 * a comment replies to the automatic forward of a channel post, whose `forward_origin.chat` is the
 * channel; a reaction to a channel post names the channel as its chat. An Update carries no bot
 * id, so a private message or a group message outside a post's thread names no channel.
 */
function channelOf(body: unknown): string | undefined {
  const parsed = UpdateSchema.safeParse(body)
  if (!parsed.success) return undefined
  const { message, message_reaction: reaction } = parsed.data
  if (reaction?.chat.type === 'channel') return String(reaction.chat.id)
  const forward = message?.reply_to_message
  const origin = forward?.is_automatic_forward ? forward.forward_origin : undefined
  return origin?.type === 'channel' && origin.chat ? String(origin.chat.id) : undefined
}

/**
 * The events in one webhook body (one Update), mapped exactly as polling maps them, each with the
 * channel it belongs to when the Update names it (the API finds the account by it).
 */
export function parseTelegramWebhook(body: unknown): WebhookEvent[] {
  const channel = channelOf(body)
  return updateToInteractions(body).map((interaction) => ({
    kind: 'interaction',
    ...(channel ? { accountExternalId: channel } : {}),
    interaction,
  }))
}

export interface WebhookSetupOptions {
  token: string
  baseUrl?: string
  fetch?: FetchFn
  signal?: AbortSignal
}

/**
 * Points the bot's updates at `url` (HTTPS, port 443, 80, 88 or 8443), with the secret token
 * Telegram will send in `X-Telegram-Bot-Api-Secret-Token` (1–256 of `A-Za-z0-9_-`).
 * While a webhook is set, getUpdates (and so `listInteractions`) answers 409.
 * @see https://core.telegram.org/bots/api#setwebhook
 */
export function setTelegramWebhook(
  options: WebhookSetupOptions & {
    url: string
    secretToken: string
    allowedUpdates?: readonly string[]
    dropPendingUpdates?: boolean
  },
): Promise<boolean> {
  return clientFor(options).setWebhook(
    {
      url: options.url,
      secret_token: options.secretToken,
      allowed_updates: [...(options.allowedUpdates ?? ALLOWED_UPDATES)],
      ...(options.dropPendingUpdates !== undefined
        ? { drop_pending_updates: options.dropPendingUpdates }
        : {}),
    },
    options.signal,
  )
}

/**
 * Removes the webhook so updates can be polled again.
 * @see https://core.telegram.org/bots/api#deletewebhook
 */
export function deleteTelegramWebhook(
  options: WebhookSetupOptions & { dropPendingUpdates?: boolean },
): Promise<boolean> {
  return clientFor(options).deleteWebhook(
    options.dropPendingUpdates !== undefined
      ? { drop_pending_updates: options.dropPendingUpdates }
      : {},
    options.signal,
  )
}

function clientFor(options: WebhookSetupOptions) {
  return telegramClient({
    token: options.token,
    baseUrl: options.baseUrl ?? 'https://api.telegram.org',
    fetch: options.fetch ?? ((...args) => globalThis.fetch(...args)),
  })
}
