import { createStatexClient } from '@statex/api-client'
import type { SignedInUser } from './authenticate'
import type { WebConfig } from './config'
import type { VerifiedIdentity } from './oauth-providers'

/** Why the API let nobody in: shown on the sign-in page as `?error=<this>`. */
export type OAuthRefusal = 'SignUpDisabled' | 'EmailNotVerified'

/**
 * The person behind a verified identity, found or created by the API (`POST
 * /v1/auth/oauth-sign-in`, authenticated with the NEXTAUTH_SECRET both servers share), or why
 * not. Throws when the API could not answer.
 */
export async function oauthSignIn(
  config: WebConfig,
  provider: string,
  identity: VerifiedIdentity,
): Promise<SignedInUser | OAuthRefusal> {
  const client = createStatexClient({
    baseUrl: config.apiUrl,
    headers: { 'x-statex-server-secret': config.nextauthSecret },
  })
  const { data, error, response } = await client.POST('/v1/auth/oauth-sign-in', {
    body: {
      provider,
      email: identity.email,
      emailVerified: true,
      ...(identity.name ? { name: identity.name } : {}),
    },
    cache: 'no-store',
  })
  if (data) return data.user
  const code = (error as { error?: { code?: string } } | undefined)?.error?.code
  if (code === 'SIGNUP_DISABLED') return 'SignUpDisabled'
  if (code === 'EMAIL_NOT_VERIFIED') return 'EmailNotVerified'
  throw new Error(`the API answered ${response.status} (${code ?? 'no code'}) to the OAuth sign-in`)
}
