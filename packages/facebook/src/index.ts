/**
 * `@statex/facebook`: the Facebook Pages adapter for Statex Social. Publishes feed posts, photos,
 * multi-photo posts, videos and photo stories; reads insights; lists and answers comments;
 * Messenger and Page webhooks. The Graph API simulator is in `@statex/facebook/testing`.
 */
export type { FacebookOptions, FacebookProvider } from './provider.js'
export { FACEBOOK_CAPABILITIES, POST_METRICS, facebook } from './provider.js'
export { FACEBOOK_ERRORS, MESSENGER_WINDOW_MESSAGE, classifyFacebookError } from './errors.js'
export { FACEBOOK_SCOPES } from './oauth.js'
export { parseFacebookWebhook } from './webhooks.js'
export { postUrl } from './publish.js'
export type { FacebookClient } from './client.js'
export { createClient } from './client.js'
