/**
 * `@statex/instagram`: the Instagram adapter for Statex Social (professional accounts). Publishes
 * images, carousels, reels and stories through media containers (pending until Instagram has
 * processed them), reads insights, lists and answers comments and mentions, direct messages.
 * The Graph API simulator is in `@statex/instagram/testing`.
 */
export type { InstagramOptions, InstagramProvider } from './provider.js'
export { INSTAGRAM_CAPABILITIES, INSTAGRAM_SCOPES, MEDIA_METRICS, instagram } from './provider.js'
export { DM_WINDOW_MESSAGE, INSTAGRAM_ERRORS, classifyInstagramError } from './errors.js'
export type { InstagramKind } from './publish.js'
export { CONTAINER_LIFETIME_MS, STATUS_POLL_MS, containerParams } from './publish.js'
export { validateInstagramPost } from './validate.js'
export { parseInstagramWebhook } from './webhooks.js'
export type { InstagramClient } from './client.js'
export { createClient } from './client.js'
