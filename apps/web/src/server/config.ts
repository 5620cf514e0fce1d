import { z } from 'zod'
import { oauthProvidersFrom, type OAuthProviderSettings } from './oauth-config'

export type { OAuthProviderSettings } from './oauth-config'

/** Everything the web app reads from its environment, validated once. */
export interface WebConfig {
  readonly production: boolean
  /** Signs and encrypts the session JWT (next-auth). */
  readonly nextauthSecret: string
  /** True when NEXTAUTH_SECRET was absent and the development default is in use (never in production). */
  readonly usingDevSecret: boolean
  /** The public URL of the app; next-auth builds callback URLs and chooses secure cookies from it. */
  readonly nextauthUrl: string
  /** The REST API the dashboard reads and writes through (STATEX_API_URL), without a trailing slash. */
  readonly apiUrl: string
  /**
   * Reverse proxies in front of the dashboard that append to X-Forwarded-For
   * (STATEX_TRUSTED_PROXY_HOPS); the API is told the address the outermost one saw.
   */
  readonly trustedProxyHops: number
  /**
   * Identity providers the sign-in page offers besides email and password (AUTH_GITHUB_*,
   * AUTH_GOOGLE_*, AUTH_OIDC_*), each only when all its variables are set.
   */
  readonly oauthProviders: readonly OAuthProviderSettings[]
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError'
  constructor(readonly problems: readonly string[]) {
    super(`The web app's configuration is invalid:\n- ${problems.join('\n- ')}`)
  }
}

// Public on purpose: it only ever signs sessions of a development server, and it is refused in production.
const DEV_SECRET = 'statex-web-development-secret-do-not-use-in-production'
const DEV_URL = 'http://localhost:3000'
const DEV_API_URL = 'http://127.0.0.1:4000'

const httpUrl = z.url({
  protocol: /^https?$/,
  error: 'must be an http(s) URL, e.g. https://social.example.com',
})

const schema = z.object({
  NODE_ENV: z.string().optional(),
  NEXTAUTH_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters, e.g. the output of `openssl rand -base64 32`')
    .optional(),
  NEXTAUTH_URL: httpUrl.optional(),
  STATEX_API_URL: z
    .url({
      protocol: /^https?$/,
      error: "must be the API's http(s) URL, e.g. http://127.0.0.1:4000",
    })
    .optional(),
  STATEX_TRUSTED_PROXY_HOPS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 (reached directly) or the number of proxies in front')
    .max(10, 'must be at most 10')
    .optional(),
})

/**
 * Validates the environment and reports every problem at once. Values are never echoed: the
 * secret only by name. Blank variables count as unset.
 */
export async function loadConfig(
  env: Readonly<Record<string, string | undefined>>,
): Promise<WebConfig> {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''),
  )
  const parsed = schema.safeParse(present)
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`)
  const production = present.NODE_ENV === 'production'
  if (production && !present.NEXTAUTH_SECRET)
    problems.push('NEXTAUTH_SECRET is required in production')
  if (production && !present.NEXTAUTH_URL)
    problems.push('NEXTAUTH_URL is required in production (the public URL of the app)')
  const oauth = oauthProvidersFrom(present)
  problems.push(...oauth.problems)

  if (!parsed.success || problems.length > 0) throw new ConfigError(problems)

  const { data } = parsed
  return Object.freeze({
    production,
    nextauthSecret: data.NEXTAUTH_SECRET ?? DEV_SECRET,
    usingDevSecret: data.NEXTAUTH_SECRET === undefined,
    nextauthUrl: data.NEXTAUTH_URL ?? DEV_URL,
    apiUrl: (data.STATEX_API_URL ?? DEV_API_URL).replace(/\/+$/, ''),
    trustedProxyHops: data.STATEX_TRUSTED_PROXY_HOPS ?? 0,
    oauthProviders: Object.freeze(oauth.providers),
  })
}

// Next.js gives each route bundle its own copy of this module; a process-wide slot makes "once" true.
const SLOT = Symbol.for('statex.web.config')
type Slot = { [SLOT]?: Promise<WebConfig> }

/** The process's configuration, read from `process.env` on first use (never at import, so `next build` needs none). */
export function getConfig(): Promise<WebConfig> {
  const slot = globalThis as Slot
  slot[SLOT] ??= loadConfig(process.env).then((config) => {
    if (config.usingDevSecret) {
      console.warn(
        '[statex/web] NEXTAUTH_SECRET is not set: sessions are signed with the development default because NODE_ENV is not "production". Set it before exposing this server; production refuses to start without it.',
      )
    }
    return config
  })
  return slot[SLOT]
}
