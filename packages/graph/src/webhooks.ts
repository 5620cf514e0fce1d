import type { WebhookRequest } from '@statex/core'
import { headerValue, verifyHmacSignature } from '@statex/core/adapter'

/**
 * True only when `X-Hub-Signature-256` is `sha256=` + hex HMAC-SHA256(app secret, raw body bytes),
 * compared in constant time; false when no app secret is configured. The body must be the bytes
 * Meta sent: re-serialised JSON does not match (Meta escapes unicode).
 * @see https://developers.facebook.com/docs/graph-api/webhooks/getting-started#validate-payloads
 */
export function verifyGraphSignature(
  request: WebhookRequest,
  appSecret: string | undefined,
): boolean {
  if (!appSecret) return false
  return verifyHmacSignature({
    secret: appSecret,
    rawBody: request.rawBody,
    signature: headerValue(request.headers, 'x-hub-signature-256'),
    encoding: 'hex',
  })
}

/**
 * Meta's subscription handshake: echo `hub.challenge` when `hub.mode` is `subscribe` and
 * `hub.verify_token` is ours; otherwise refuse (`undefined`).
 * @see https://developers.facebook.com/docs/graph-api/webhooks/getting-started#verification-requests
 */
export function answerGraphChallenge(
  query: Record<string, string | undefined>,
  verifyToken: string | undefined,
): string | undefined {
  if (!verifyToken || query['hub.mode'] !== 'subscribe') return undefined
  const given = query['hub.verify_token']
  if (given === undefined || given !== verifyToken) return undefined
  return query['hub.challenge']
}

/**
 * A Meta adapter's `webhooks`: the signature check and the subscription handshake above, with
 * the product's own parser. Reads `appSecret` and `verifyToken` from `options` at each call.
 */
export function graphWebhooks<T>(
  options: { appSecret?: string; verifyToken?: string },
  parse: (body: unknown) => T,
) {
  return {
    verify: (request: WebhookRequest) => verifyGraphSignature(request, options.appSecret),
    challenge: ({ query }: { query: Record<string, string | undefined> }) =>
      answerGraphChallenge(query, options.verifyToken),
    parse: ({ body }: { body: unknown }) => parse(body),
  }
}
