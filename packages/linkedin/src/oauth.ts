import { ProviderError, type ConnectedAccount, type TokenSet } from '@statex/core'
import { authorizationUrl, parseTokenResponse, type FetchFn } from '@statex/core/adapter'
import { linkedinClient, requestLinkedInToken } from './client.js'

/**
 * Scopes for member and organization publishing, comments and statistics. `openid profile` gives
 * the member's id and name through /v2/userinfo.
 * @see https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api#permissions
 */
export const DEFAULT_LINKEDIN_SCOPES = [
  'openid',
  'profile',
  'w_member_social',
  'w_organization_social',
  'r_organization_social',
  'rw_organization_admin',
] as const

export interface LinkedInOAuthConfig {
  baseUrl: string
  oauthBaseUrl: string
  fetch: FetchFn
  version: string
  clientId?: string
  clientSecret?: string
  scopes: readonly string[]
}

function credentials(config: LinkedInOAuthConfig): { clientId: string; clientSecret: string } {
  if (!config.clientId || !config.clientSecret)
    throw new ProviderError({
      kind: 'invalid_request',
      platform: 'linkedin',
      message:
        "Connecting a LinkedIn account needs the app's client id and secret: pass `clientId` and `clientSecret` (LinkedIn Developer Portal → your app → Auth).",
    })
  return { clientId: config.clientId, clientSecret: config.clientSecret }
}

function tokensFrom(json: unknown): TokenSet {
  const tokens = parseTokenResponse(json)
  if (!tokens)
    throw new ProviderError({
      kind: 'transient',
      platform: 'linkedin',
      message: 'LinkedIn answered the token request without an access_token.',
    })
  return tokens
}

/** @see https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow */
export function linkedinAuthorizationUrl(
  config: LinkedInOAuthConfig,
  input: { state: string; redirectUri: string; scopes?: string[] },
): URL {
  return authorizationUrl(`${config.oauthBaseUrl.replace(/\/+$/, '')}/oauth/v2/authorization`, {
    response_type: 'code',
    client_id: credentials(config).clientId,
    redirect_uri: input.redirectUri,
    state: input.state,
    scope: (input.scopes ?? config.scopes).join(' '),
  })
}

/**
 * Code → tokens (60 days), the member from /v2/userinfo, and every organization the member
 * administers (organizationAcls), each as its own account in `managedAccounts`.
 */
export async function linkedinExchangeCode(
  config: LinkedInOAuthConfig,
  input: { code: string; redirectUri: string },
): Promise<ConnectedAccount> {
  const tokens = tokensFrom(
    await requestLinkedInToken({
      oauthBaseUrl: config.oauthBaseUrl,
      fetch: config.fetch,
      ...credentials(config),
      params: {
        grant_type: 'authorization_code',
        code: input.code,
        redirect_uri: input.redirectUri,
      },
    }),
  )
  const client = linkedinClient({
    baseUrl: config.baseUrl,
    fetch: config.fetch,
    token: tokens.accessToken,
    version: config.version,
  })
  const me = await client.userInfo()
  const organizations: ConnectedAccount[] = []
  if (!tokens.scopes || tokens.scopes.some((s) => s.includes('organization'))) {
    const acls = await client.organizationAcls()
    for (const acl of acls.elements) {
      const id = acl.organization.split(':').pop()!
      const org = await client.organization(id)
      organizations.push({
        platform: 'linkedin',
        externalAccountId: acl.organization,
        displayName: org.localizedName,
        ...(org.vanityName ? { handle: org.vanityName } : {}),
        tokens,
        raw: org,
      })
    }
  }
  return {
    platform: 'linkedin',
    externalAccountId: `urn:li:person:${me.sub}`,
    displayName: me.name ?? me.sub,
    ...(me.picture ? { avatarUrl: me.picture } : {}),
    tokens,
    ...(organizations.length ? { managedAccounts: organizations } : {}),
    raw: me,
  }
}

/** Only apps approved for programmatic refresh get refresh tokens; they do not extend past 365 days. */
export async function linkedinRefreshToken(
  config: LinkedInOAuthConfig,
  refreshToken: string,
): Promise<TokenSet> {
  return tokensFrom(
    await requestLinkedInToken({
      oauthBaseUrl: config.oauthBaseUrl,
      fetch: config.fetch,
      ...credentials(config),
      params: { grant_type: 'refresh_token', refresh_token: refreshToken },
    }),
  )
}
