/**
 * `@statex/graph`: Meta's Graph API mechanics, written once for the Facebook, Instagram and
 * WhatsApp adapters: the versioned base URL (and graph.instagram.com), appsecret_proof, error
 * classification from the error object, usage headers, webhook signatures and the subscription
 * handshake, cursor paging. Simulator helpers are in `@statex/graph/testing`.
 */
export type { GraphBaseOptions, GraphHost } from './base.js'
export { DEFAULT_GRAPH_API_VERSION, GRAPH_HOSTS, graphBaseUrl } from './base.js'
export { appSecretProof } from './appsecret-proof.js'
export type { GraphErrorContext, GraphRule } from './errors.js'
export {
  TOKEN_SUBCODES,
  classifyGraphError,
  graphPlatformMessage,
  graphRuleByStatus,
  graphRuleFor,
  parseGraphError,
} from './errors.js'
export type { GraphCall, GraphClient, GraphClientOptions } from './client.js'
export { createGraphClient, graphClientOptions } from './client.js'
export type { GraphError } from './schemas.js'
export { graphErrorSchema, listSchema, pagingSchema } from './schemas.js'
export { graphPageSize, nextCursor } from './paging.js'
export type { GraphUsage, GraphUsageReport } from './usage.js'
export { readGraphUsage } from './usage.js'
export { answerGraphChallenge, graphWebhooks, verifyGraphSignature } from './webhooks.js'
export type { CommentWalk } from './comment-walk.js'
export { walkRecentComments } from './comment-walk.js'
export {
  facebookLoginAuthorization,
  facebookLoginPages,
  facebookLoginUrl,
  metaAppCredentials,
} from './login.js'
export { messagingInteraction, messagingItemSchema, sendApiResponse } from './messaging.js'
export type { GraphWebhookEntry } from './webhook-envelope.js'
export { graphWebhookEntries } from './webhook-envelope.js'
