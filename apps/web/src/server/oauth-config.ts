/** An identity provider the sign-in page offers, from the web app's environment. */
export type OAuthProviderSettings =
  | {
      readonly id: 'github'
      readonly name: 'GitHub'
      readonly clientId: string
      readonly clientSecret: string
    }
  | {
      readonly id: 'google'
      readonly name: 'Google'
      readonly clientId: string
      readonly clientSecret: string
    }
  | {
      readonly id: 'oidc'
      /** The button's label (AUTH_OIDC_NAME), e.g. "Acme SSO". */
      readonly name: string
      /** The issuer URL; its `/.well-known/openid-configuration` describes the rest. */
      readonly issuer: string
      readonly clientId: string
      readonly clientSecret: string
    }

const DEFAULT_OIDC_NAME = 'Single sign-on'

/** Each provider's variables: all of `required` set turns it on, only some of them is an error. */
const FAMILIES = [
  { id: 'github', prefix: 'AUTH_GITHUB', required: ['ID', 'SECRET'] },
  { id: 'google', prefix: 'AUTH_GOOGLE', required: ['ID', 'SECRET'] },
  // AUTH_OIDC_NAME only labels the button: it counts as setting OIDC up, but has a default.
  { id: 'oidc', prefix: 'AUTH_OIDC', required: ['ISSUER', 'ID', 'SECRET'], optional: ['NAME'] },
] as const

/**
 * The OAuth providers whose variables are all set (`present` holds only non-blank ones), and a
 * problem naming each missing variable of a provider set up halfway: a half-configured provider
 * would otherwise vanish from the sign-in page without a word. Values are never echoed.
 */
export function oauthProvidersFrom(present: Readonly<Record<string, string | undefined>>): {
  providers: OAuthProviderSettings[]
  problems: string[]
} {
  const providers: OAuthProviderSettings[] = []
  const problems: string[] = []
  for (const family of FAMILIES) {
    const variable = (part: string) => `${family.prefix}_${part}`
    const all = [...family.required, ...('optional' in family ? family.optional : [])]
    const given = all.map(variable).filter((name) => present[name] !== undefined)
    if (given.length === 0) continue
    const missing = family.required.map(variable).filter((name) => present[name] === undefined)
    if (missing.length > 0) {
      problems.push(
        `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing: ${family.id} sign-in needs ${family.required.map(variable).join(', ')} (${given.join(', ')} set; unset them all to turn it off)`,
      )
      continue
    }
    const clientId = present[variable('ID')]!
    const clientSecret = present[variable('SECRET')]!
    if (family.id === 'github')
      providers.push({ id: 'github', name: 'GitHub', clientId, clientSecret })
    else if (family.id === 'google')
      providers.push({ id: 'google', name: 'Google', clientId, clientSecret })
    else {
      const issuer = present.AUTH_OIDC_ISSUER!
      if (!URL.canParse(issuer) || !/^https?:$/.test(new URL(issuer).protocol)) {
        problems.push(
          "AUTH_OIDC_ISSUER must be the issuer's http(s) URL, e.g. https://login.example.com/realms/acme",
        )
        continue
      }
      providers.push({
        id: 'oidc',
        name: present.AUTH_OIDC_NAME ?? DEFAULT_OIDC_NAME,
        issuer: issuer.replace(/\/+$/, ''),
        clientId,
        clientSecret,
      })
    }
  }
  return { providers, problems }
}
