import { createHmac } from 'node:crypto'

/**
 * `appsecret_proof`: hex HMAC-SHA256 of the access token keyed with the app secret. Required on
 * every call when the app has "Require App Secret" on; harmless otherwise, and it makes a stolen
 * token useless without the secret.
 * @see https://developers.facebook.com/docs/graph-api/securing-requests#appsecret_proof
 */
export function appSecretProof(accessToken: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(accessToken, 'utf8').digest('hex')
}
