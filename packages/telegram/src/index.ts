/**
 * `@statex/telegram`: the Telegram Bot API adapter for Statex Social. The simulator for tests is
 * in `@statex/telegram/testing`.
 */
export type { TelegramOptions } from './provider.js'
export { telegram, TELEGRAM_CAPABILITIES } from './provider.js'
export type { ClassifyContext } from './errors.js'
export { classifyTelegramError } from './errors.js'
export type { TelegramClient, TelegramClientOptions } from './client.js'
export { telegramClient } from './client.js'
export type { WebhookSetupOptions } from './webhooks.js'
export {
  SECRET_TOKEN_HEADER,
  deleteTelegramWebhook,
  parseTelegramWebhook,
  setTelegramWebhook,
  verifyTelegramWebhook,
} from './webhooks.js'
export { ALLOWED_UPDATES, updateToInteractions } from './inbox.js'
export { formattingProblem } from './formatting.js'
export type { TelegramChat, TelegramMessage, TelegramUpdate, TelegramUser } from './schemas.js'
