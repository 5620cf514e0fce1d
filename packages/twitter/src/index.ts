/**
 * `@statex/twitter`: the X (Twitter API v2) adapter for Statex Social. The simulator for tests is
 * in `@statex/twitter/testing`.
 */
export type { TwitterOptions } from './provider.js'
export { twitter, twitterCapabilities, TWITTER_CAPABILITIES } from './provider.js'
export type { ClassifyContext } from './errors.js'
export { classifyXError, classifyXTokenError } from './errors.js'
export type { TweetCreateRequest, XClient, XClientOptions } from './client.js'
export { requestXToken, xClient } from './client.js'
export { DEFAULT_X_SCOPES } from './oauth.js'
export { IDS_PER_CALL, createdAtOf } from './metrics.js'
export type { XCheckpoint } from './publish.js'
export type { XDmEvent, XProblem, XTweet, XUser } from './schemas.js'
