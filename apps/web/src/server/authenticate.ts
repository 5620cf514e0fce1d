import { clientAddress } from './client-address'
import type { WebConfig } from './config'

export interface SignedInUser {
  id: string
  email: string
  name: string | null
}

/** The API refused to check more passwords from this address for now. */
export class SignInRateLimitedError extends Error {
  override readonly name = 'SignInRateLimitedError'
}

/**
 * Checks an email and password through the API (`POST /v1/auth/sign-in`, @statex/db's scrypt
 * check), which limits attempts per client address; the person's address goes along as
 * X-Forwarded-For, believed by the API only from the dashboard (its TRUSTED_PROXIES).
 * Returns null for a wrong email or password; throws when the check itself failed.
 */
export async function authenticate(
  config: WebConfig,
  credentials: { email: string; password: string },
  requestHeaders: Headers,
): Promise<SignedInUser | null> {
  const headers = new Headers({ 'content-type': 'application/json' })
  const client = clientAddress(requestHeaders, config.trustedProxyHops)
  if (client) headers.set('x-forwarded-for', client)
  const answer = await fetch(`${config.apiUrl}/v1/auth/sign-in`, {
    method: 'POST',
    headers,
    body: JSON.stringify(credentials),
    cache: 'no-store',
  })
  if (answer.status === 401) return null
  if (answer.status === 429) throw new SignInRateLimitedError('too many sign-in attempts')
  if (!answer.ok) throw new Error(`the API answered ${answer.status} to the password check`)
  const { user } = (await answer.json()) as { user: SignedInUser }
  return user
}
