/**
 * `@statex/whatsapp`: the WhatsApp Cloud API adapter for Statex Social. Broadcasts a post to
 * opted-in contacts (text, media, templates), replies within the 24-hour window, and reads
 * delivery statuses and inbound messages from webhooks. The simulator is in `@statex/whatsapp/testing`.
 */
export type { WhatsAppAccount, WhatsAppOptions, WhatsAppProvider } from './provider.js'
export { WHATSAPP_CAPABILITIES, whatsapp } from './provider.js'
export { REENGAGEMENT_MESSAGE, classifyWhatsAppError, describeWebhookError } from './errors.js'
export { MEDIA_ID_SCHEME, buildMessage, buildReply, mediaIdUrl } from './messages.js'
export type { OutgoingMessage, WhatsAppClient } from './client.js'
export { createClient } from './client.js'
export { validateWhatsAppPost } from './validate.js'
export { answerChallenge, parseWhatsAppWebhook, verifyWhatsAppSignature } from './webhooks.js'
