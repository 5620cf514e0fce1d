import type { WebhookEvent, WebhookRequest } from '@statex/core'
import { headerValue, safeEqual, type FetchFn } from '@statex/core/adapter'
import { telegramClient } from './client.js'
import { ALLOWED_UPDATES, updateToInteractions } from './inbox.js'

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

/** The events in one webhook body (one Update), mapped exactly as polling maps them. */
export function parseTelegramWebhook(body: unknown): WebhookEvent[] {
  return updateToInteractions(body).map((interaction) => ({ kind: 'interaction', interaction }))
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
