/**
 * `@statex/graph/testing`: what every Meta simulator shares, written once: Graph error envelopes
 * and the token errors, Business Use Case and app usage headers, access-token and appsecret_proof
 * checks, request paths and body parameters, cursor paging, lifetime insights, the Send API's
 * window, signed webhook deliveries with a pusher, and Meta's GET handshake against a webhook URL.
 * Public surface only: each concern lives in its own file under ./simulator.
 */
export type { GraphErrorInit } from './simulator/error-bodies.js'
export {
  expiredToken,
  graphError,
  graphId,
  invalidAppSecretProof,
  invalidToken,
  parameterError,
  revokedToken,
  unknownObject,
  unknownPath,
} from './simulator/error-bodies.js'
export { appUsageHeader, usageHeader } from './simulator/usage-headers.js'
export type { TokenState } from './simulator/tokens.js'
export {
  checkAppSecretProof,
  createTokenRegistry,
  newAccessToken,
  tokenOf,
} from './simulator/tokens.js'
export type { WebhookLogEntry, WebhookPusher } from './simulator/webhook-delivery.js'
export {
  createWebhookPusher,
  signedDelivery,
  verifyWebhookEndpoint,
} from './simulator/webhook-delivery.js'
export { changePayload, messagingPayload } from './messaging.js'
export { graphPage, graphSince, graphTime } from './simulator/paging.js'
export { bodyField, bodyFlag, bodyString, graphNode, isPublicUrl } from './simulator/request.js'
export type { LifetimeMetric } from './simulator/insights.js'
export { lifetimeInsights, metricNames } from './simulator/insights.js'
export type { SendApiCheck } from './simulator/send-api.js'
export { answerSendApi } from './simulator/send-api.js'
export type { GraphFaultStyle } from './simulator/faults.js'
export { renderGraphFault } from './simulator/faults.js'
export { createFacebookLogin } from './simulator/facebook-login.js'
export type { GraphWebhookControls } from './simulator/controls.js'
export { graphSimulatorControls } from './simulator/controls.js'
