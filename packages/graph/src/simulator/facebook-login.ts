import { randomBytes } from 'node:crypto'
import type { RecordedRequest, SimResponse } from '@statex/testkit/simulator'
import { graphError, invalidToken, unknownPath } from './error-bodies.js'
import { graphPage } from './paging.js'
import { newAccessToken, tokenOf } from './tokens.js'

/**
 * Facebook Login as a simulator answers it: login codes (single use, 10 minutes, bound to the
 * redirect URI), `GET /oauth/access_token` for the code and for `fb_exchange_token`, and
 * `GET /me/accounts` (and `/me`) for the person's user tokens, listing `pages()` with their tokens.
 */
export function createFacebookLogin(options: {
  appId: string
  appSecret: string
  now: () => number
  /** The Pages the simulated person manages, as `/me/accounts` lists them. */
  pages: () => Record<string, unknown>[]
}) {
  const codes = new Map<string, { redirectUri: string; expiresAt: number }>()
  const userTokens = new Map<string, { longLived: boolean }>()
  const issueToken = (longLived: boolean) => {
    const token = newAccessToken()
    userTokens.set(token, { longLived })
    return token
  }
  function exchange(request: RecordedRequest): SimResponse {
    const q = request.query
    if (q.get('client_id') !== options.appId || q.get('client_secret') !== options.appSecret)
      return graphError({ status: 400, code: 1, message: 'Error validating client secret.' })
    if (q.get('grant_type') === 'fb_exchange_token') {
      if (!userTokens.has(q.get('fb_exchange_token') ?? '')) return invalidToken()
      return {
        status: 200,
        body: { access_token: issueToken(true), token_type: 'bearer', expires_in: 5_183_944 },
      }
    }
    const code = q.get('code') ?? ''
    const grant = codes.get(code)
    codes.delete(code)
    if (!grant || grant.expiresAt < options.now() || grant.redirectUri !== q.get('redirect_uri'))
      return graphError({
        status: 400,
        code: 100,
        subcode: 36007,
        message:
          'This authorization code has expired or was already used, or redirect_uri does not match.',
      })
    return {
      status: 200,
      body: { access_token: issueToken(false), token_type: 'bearer', expires_in: 5_400 },
    }
  }
  /**
   * The login dialog, approving at once as the person would: back to `redirect_uri` with `code`
   * and `state` (the real dialog asks first). Served on the simulator's origin, so the sandbox's
   * `/<platform>/v23.0/dialog/oauth` works as `dialogBaseUrl`.
   */
  function dialog(request: RecordedRequest): SimResponse {
    const q = request.query
    const redirectUri = q.get('redirect_uri')
    if (q.get('client_id') !== options.appId || !redirectUri || !/^https?:\/\//.test(redirectUri))
      return {
        status: 400,
        body: 'Invalid App ID or redirect_uri: the app id must be this app\u2019s and redirect_uri a full URL.',
      }
    const target = new URL(redirectUri)
    target.searchParams.set('code', issue(redirectUri))
    const state = q.get('state')
    if (state !== null) target.searchParams.set('state', state)
    return { status: 302, headers: { location: target.toString() } }
  }
  function issue(redirectUri: string): string {
    const code = `AQ${randomBytes(24).toString('base64url')}`
    codes.set(code, { redirectUri, expiresAt: options.now() + 10 * 60_000 })
    return code
  }
  return {
    /** A code, as the login dialog gives one after the person approves. */
    issueCode: issue,
    /** The answer for a login request, or `undefined` when the request is not one. */
    answer(request: RecordedRequest): SimResponse | undefined {
      const path = request.path.replace(/^\/v\d+\.\d+/, '')
      if (request.method === 'GET' && path === '/oauth/access_token') return exchange(request)
      if (request.method === 'GET' && path === '/dialog/oauth') return dialog(request)
      const token = tokenOf(request)
      if (!token || !userTokens.has(token) || !path.startsWith('/me')) return undefined
      if (path === '/me/accounts')
        return { status: 200, body: graphPage(options.pages(), request, 100) }
      if (path === '/me')
        return { status: 200, body: { id: '10158000000000001', name: 'Simulated Admin' } }
      return unknownPath(request.path)
    },
  }
}
