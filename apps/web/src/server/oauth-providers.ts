import type { Provider } from 'next-auth/providers/index'
import GitHubProvider from 'next-auth/providers/github'
import GoogleProvider from 'next-auth/providers/google'
import type { OAuthProviderSettings } from './oauth-config'

/** OIDC claims we read; `email_verified` is a string in a few issuers (Cognito). */
interface OidcClaims {
  sub: string
  email?: string
  email_verified?: boolean | string
  name?: string
  preferred_username?: string
}

/** The next-auth v4 provider of each configured identity provider (config.ts decides which). */
export function oauthProviders(settings: readonly OAuthProviderSettings[]): Provider[] {
  return settings.map((provider) => {
    const credentials = { clientId: provider.clientId, clientSecret: provider.clientSecret }
    switch (provider.id) {
      case 'github':
        return GitHubProvider(credentials)
      case 'google':
        return GoogleProvider(credentials)
      case 'oidc':
        return {
          id: 'oidc',
          name: provider.name,
          type: 'oauth',
          wellKnown: `${provider.issuer}/.well-known/openid-configuration`,
          authorization: { params: { scope: 'openid email profile' } },
          idToken: true,
          checks: ['pkce', 'state'],
          ...credentials,
          profile: (claims: OidcClaims) => ({
            id: claims.sub,
            name: claims.name ?? claims.preferred_username ?? null,
            email: claims.email ?? null,
          }),
        } satisfies Provider
    }
  })
}

/** What a provider vouches for: an email it verified, and the person's name. */
export interface VerifiedIdentity {
  email: string
  name?: string
}

/**
 * The email the provider verified, or null: never an address the person merely typed there.
 * GitHub's profile email is not necessarily verified, so its primary verified one is asked for
 * (GET /user/emails, scope user:email, https://docs.github.com/en/rest/users/emails); Google and
 * OIDC say so in the `email_verified` claim (OpenID Connect Core 1.0 §5.1).
 */
export async function verifiedIdentity(
  input: {
    provider: string
    accessToken?: string
    profile: Record<string, unknown> | undefined
  },
  fetchImpl: typeof fetch = fetch,
): Promise<VerifiedIdentity | null> {
  const profile = input.profile ?? {}
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : undefined)
  const name = text(profile.name) ?? text(profile.login) ?? text(profile.preferred_username)
  const withName = (email: string): VerifiedIdentity => ({ email, ...(name ? { name } : {}) })
  if (input.provider === 'github') {
    if (!input.accessToken) return null
    const answer = await fetchImpl('https://api.github.com/user/emails', {
      headers: {
        authorization: `Bearer ${input.accessToken}`,
        accept: 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
      },
      cache: 'no-store',
    })
    if (!answer.ok) throw new Error(`GitHub answered ${answer.status} to GET /user/emails`)
    const emails = (await answer.json()) as { email: string; primary: boolean; verified: boolean }[]
    const primary = emails.find((e) => e.primary && e.verified)
    return primary ? withName(primary.email) : null
  }
  const email = text(profile.email)
  const verified = profile.email_verified === true || profile.email_verified === 'true'
  return email && verified ? withName(email) : null
}
