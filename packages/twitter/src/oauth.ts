import { ProviderError, type ConnectedAccount, type TokenSet } from '@statex/core'
import { authorizationUrl, parseTokenResponse, type FetchFn } from '@statex/core/adapter'
import { requestXToken, xClient } from './client.js'

/**
 * Scopes for publishing, reading mentions and answering DMs. `offline.access` is what makes X
 * issue a refresh token; `media.write` is needed by the v2 media upload.
 * @see https://docs.x.com/fundamentals/authentication/oauth-2-0/authorization-code
 */
export const DEFAULT_X_SCOPES = [
  'tweet.read',
  'tweet.write',
  'users.read',
  'offline.access',
  'media.write',
  'dm.read',
  'dm.write',
] as const

export interface XOAuthConfig {
  baseUrl: string
  authorizeUrl: string
  fetch: FetchFn
  clientId?: string
  clientSecret?: string
  scopes: readonly string[]
}

function needClientId(config: XOAuthConfig): string {
  if (!config.clientId)
    throw new ProviderError({
      kind: 'invalid_request',
      platform: 'twitter',
      message:
        "Connecting an X account needs the app's OAuth 2.0 client id: pass `clientId` (X developer portal → your app → Keys and tokens).",
    })
  return config.clientId
}

function tokensFrom(json: unknown): TokenSet {
  const tokens = parseTokenResponse(json)
  if (!tokens)
    throw new ProviderError({
      kind: 'transient',
      platform: 'twitter',
      outcome: 'not_sent',
      message: 'X answered the token request without an access_token.',
    })
  return tokens
}

/** The consent page URL; X requires PKCE, so `codeChallenge` (S256) is required. */
export function xAuthorizationUrl(
  config: XOAuthConfig,
  input: { state: string; redirectUri: string; codeChallenge?: string; scopes?: string[] },
): URL {
  if (!input.codeChallenge)
    throw new ProviderError({
      kind: 'invalid_request',
      platform: 'twitter',
      message: 'X requires PKCE: pass codeChallenge (base64url SHA-256 of the code verifier).',
    })
  return authorizationUrl(config.authorizeUrl, {
    response_type: 'code',
    client_id: needClientId(config),
    redirect_uri: input.redirectUri,
    scope: (input.scopes ?? config.scopes).join(' '),
    state: input.state,
    code_challenge: input.codeChallenge,
    code_challenge_method: 'S256',
  })
}

/** Code → tokens, then GET /2/users/me for the account's id and handle. */
export async function xExchangeCode(
  config: XOAuthConfig,
  input: { code: string; redirectUri: string; codeVerifier?: string },
): Promise<ConnectedAccount> {
  if (!input.codeVerifier)
    throw new ProviderError({
      kind: 'invalid_request',
      platform: 'twitter',
      message: 'X requires PKCE: pass the codeVerifier whose challenge went to the consent page.',
    })
  const tokens = tokensFrom(
    await requestXToken({
      baseUrl: config.baseUrl,
      fetch: config.fetch,
      clientId: needClientId(config),
      clientSecret: config.clientSecret,
      params: {
        grant_type: 'authorization_code',
        code: input.code,
        redirect_uri: input.redirectUri,
        code_verifier: input.codeVerifier,
      },
    }),
  )
  const me = await xClient({
    baseUrl: config.baseUrl,
    fetch: config.fetch,
    token: tokens.accessToken,
  }).me({
    'user.fields': ['profile_image_url'],
  })
  return {
    platform: 'twitter',
    externalAccountId: me.data.id,
    displayName: me.data.name,
    handle: me.data.username,
    ...(me.data.profile_image_url ? { avatarUrl: me.data.profile_image_url } : {}),
    tokens,
    raw: me.data,
  }
}

/**
 * A new token pair. X rotates refresh tokens: the answer's `refresh_token` replaces the one
 * sent, which stops working, so the caller must store it before using the access token.
 */
export async function xRefreshToken(config: XOAuthConfig, refreshToken: string): Promise<TokenSet> {
  return tokensFrom(
    await requestXToken({
      baseUrl: config.baseUrl,
      fetch: config.fetch,
      clientId: needClientId(config),
      clientSecret: config.clientSecret,
      params: { grant_type: 'refresh_token', refresh_token: refreshToken },
    }),
  )
}
