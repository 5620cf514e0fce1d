import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../src/server/config'

async function problemsOf(env: Record<string, string>): Promise<readonly string[]> {
  const error = await loadConfig(env).then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ConfigError)
  return (error as ConfigError).problems
}

describe('loadConfig', () => {
  it('refuses production without a secret or public URL, listing every problem at once', async () => {
    const problems = await problemsOf({ NODE_ENV: 'production', STATEX_API_URL: 'api' })
    expect(problems).toEqual([
      expect.stringMatching(/^STATEX_API_URL must be the API's http\(s\) URL/),
      'NEXTAUTH_SECRET is required in production',
      expect.stringMatching(/^NEXTAUTH_URL is required in production/),
    ])
  })

  it('uses the development secret only outside production, and says so in the result', async () => {
    // No database settings: the dashboard reads and writes, and signs people in, through the API.
    const config = await loadConfig({ NODE_ENV: 'development' })
    expect(config).toMatchObject({
      production: false,
      usingDevSecret: true,
      nextauthUrl: 'http://localhost:3000',
      apiUrl: 'http://127.0.0.1:4000',
    })
    expect(Object.isFrozen(config)).toBe(true)
  })

  it('never echoes the secret in its messages', async () => {
    const secret = 'too-short-secret-value'
    const problems = await problemsOf({
      NODE_ENV: 'production',
      NEXTAUTH_SECRET: secret,
      NEXTAUTH_URL: 'https://social.example.com',
    })
    expect(problems.join('\n')).not.toContain(secret)
    expect(problems).toHaveLength(1)
  })

  it('accepts a complete production configuration', async () => {
    const secret = randomBytes(32).toString('base64')
    const config = await loadConfig({
      NODE_ENV: 'production',
      NEXTAUTH_SECRET: secret,
      NEXTAUTH_URL: 'https://social.example.com',
    })
    expect(config).toMatchObject({
      production: true,
      usingDevSecret: false,
      nextauthSecret: secret,
      nextauthUrl: 'https://social.example.com',
    })
  })

  it('takes the API URL without a trailing slash, and says what a wrong one should look like', async () => {
    const base = { NODE_ENV: 'development' }
    const config = await loadConfig({ ...base, STATEX_API_URL: 'https://api.example.com/' })
    expect(config.apiUrl).toBe('https://api.example.com')
    expect(await problemsOf({ ...base, STATEX_API_URL: 'ftp://api' })).toEqual([
      expect.stringMatching(/^STATEX_API_URL must be the API's http\(s\) URL/),
    ])
  })
  it('reads how many proxies sit in front of the dashboard, 0 unless told', async () => {
    const base = {}
    expect((await loadConfig(base)).trustedProxyHops).toBe(0)
    expect((await loadConfig({ ...base, STATEX_TRUSTED_PROXY_HOPS: '1' })).trustedProxyHops).toBe(1)
    expect(await problemsOf({ ...base, STATEX_TRUSTED_PROXY_HOPS: '-1' })).toEqual([
      'STATEX_TRUSTED_PROXY_HOPS must be 0 (reached directly) or the number of proxies in front',
    ])
  })

  describe('OAuth sign-in providers', () => {
    const github = { AUTH_GITHUB_ID: 'gh-client', AUTH_GITHUB_SECRET: 'gh-secret-value' }
    const google = { AUTH_GOOGLE_ID: 'g-client', AUTH_GOOGLE_SECRET: 'g-secret-value' }
    const oidc = {
      AUTH_OIDC_ISSUER: 'https://login.example.com/realms/acme/',
      AUTH_OIDC_ID: 'o-client',
      AUTH_OIDC_SECRET: 'o-secret-value',
    }

    it('offers none unless configured, and blank variables count as unset', async () => {
      expect((await loadConfig({})).oauthProviders).toEqual([])
      expect(
        (await loadConfig({ AUTH_GITHUB_ID: ' ', AUTH_GITHUB_SECRET: '', AUTH_OIDC_NAME: '' }))
          .oauthProviders,
      ).toEqual([])
    })

    it('turns each on when all its variables are set', async () => {
      const config = await loadConfig({ ...github, ...google, ...oidc, AUTH_OIDC_NAME: 'Acme SSO' })
      expect(config.oauthProviders).toEqual([
        { id: 'github', name: 'GitHub', clientId: 'gh-client', clientSecret: 'gh-secret-value' },
        { id: 'google', name: 'Google', clientId: 'g-client', clientSecret: 'g-secret-value' },
        {
          id: 'oidc',
          name: 'Acme SSO',
          issuer: 'https://login.example.com/realms/acme',
          clientId: 'o-client',
          clientSecret: 'o-secret-value',
        },
      ])
      expect(Object.isFrozen(config.oauthProviders)).toBe(true)
      expect((await loadConfig(oidc)).oauthProviders).toEqual([
        expect.objectContaining({ id: 'oidc', name: 'Single sign-on' }),
      ])
    })

    it('refuses a provider set up halfway, naming each missing variable, never a value', async () => {
      const problems = await problemsOf({
        AUTH_GITHUB_ID: 'gh-client',
        AUTH_GOOGLE_SECRET: 'g-secret-value',
        AUTH_OIDC_NAME: 'Acme SSO',
      })
      expect(problems).toEqual([
        expect.stringMatching(
          /^AUTH_GITHUB_SECRET is missing: github sign-in needs AUTH_GITHUB_ID, AUTH_GITHUB_SECRET/,
        ),
        expect.stringMatching(/^AUTH_GOOGLE_ID is missing: google sign-in needs/),
        expect.stringMatching(
          /^AUTH_OIDC_ISSUER, AUTH_OIDC_ID, AUTH_OIDC_SECRET are missing: oidc sign-in needs/,
        ),
      ])
      expect(problems.join('\n')).not.toMatch(/gh-client|g-secret-value/)
      // The others still load: one provider's mistake is reported beside the rest.
      expect(
        await problemsOf({
          ...github,
          AUTH_OIDC_ISSUER: 'login.example.com',
          AUTH_OIDC_ID: 'x',
          AUTH_OIDC_SECRET: 'y',
        }),
      ).toEqual([expect.stringMatching(/^AUTH_OIDC_ISSUER must be the issuer's http\(s\) URL/)])
    })
  })
})
