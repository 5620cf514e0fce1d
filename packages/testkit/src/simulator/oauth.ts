import type { SimResponse } from './server.js'

/** What an OAuth 2.0 authorization code was issued for. */
export interface CodeGrant {
  clientId: string
  redirectUri: string
  /** Epoch milliseconds. */
  expiresAt: number
}

/**
 * The consent page's answer once approved: back to `redirect_uri` with the code and, when the
 * request carried one, the caller's `state` (RFC 6749 §4.1.2).
 */
export function redirectWithCode(
  redirectUri: string,
  code: string,
  state: string | null,
): SimResponse {
  const target = new URL(redirectUri)
  target.searchParams.set('code', code)
  if (state !== null) target.searchParams.set('state', state)
  return { status: 302, headers: { location: target.toString() }, body: '' }
}

/**
 * Redeems an authorization code: it is gone after the first try, valid or not (single use,
 * RFC 6749 §4.1.2), and gives its grant only while unexpired and to the client and redirect URI
 * it was issued for (§4.1.3); otherwise `undefined`, for the platform's own error answer.
 */
export function redeemCode<G extends CodeGrant>(
  codes: Map<string, G>,
  input: {
    code: string | undefined
    clientId: string | undefined
    redirectUri: string | undefined
    now: number
  },
): G | undefined {
  const grant = codes.get(input.code ?? '')
  codes.delete(input.code ?? '')
  if (
    !grant ||
    grant.expiresAt < input.now ||
    grant.clientId !== input.clientId ||
    grant.redirectUri !== input.redirectUri
  )
    return undefined
  return grant
}
