/**
 * Shared mechanics for adapter packages (Node only): sending a request through the injected
 * `fetch`, classifying network failures, verifying webhook signatures. Adapters import this
 * instead of writing their own; the pure domain stays in `@statex/core`.
 */
export type { FetchFn, HttpContext, HttpRequest, HttpResponse } from './adapter/http.js'
export {
  endpoint,
  networkError,
  parseResponse,
  sendRequest,
  unexpectedResponse,
} from './adapter/http.js'
export type { RawBody } from './adapter/signatures.js'
export { hmacSha256, headerValue, safeEqual, verifyHmacSignature } from './adapter/signatures.js'
export { authorizationUrl, basicAuthorization, parseTokenResponse } from './adapter/oauth.js'
export { withPublishProgress } from './adapter/progress.js'
export { comparableText, sameContent } from './adapter/reconcile.js'
export { classifyTokenError } from './adapter/oauth.js'
export { downloadMedia } from './adapter/media.js'
export { decodeCursor, encodeCursor } from './adapter/cursor.js'
