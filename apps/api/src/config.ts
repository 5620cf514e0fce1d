import { loadAiSettings, type AiSettings } from '@statex/ai'
import { emptyAsUnset } from '@statex/providers'
import { loadServiceEnv, withDefault, type ServiceSettings } from '@statex/runtime'
import { isIP } from 'node:net'
import { z } from 'zod'

export interface ApiConfig extends ServiceSettings {
  readonly port: number
  readonly host: string
  /** The API's public origin, e.g. `https://api.social.example.com`: OAuth callbacks and media URLs. */
  readonly publicUrl: string
  /**
   * Where platforms send a person back after consent (`<base>/v1/oauth/:platform/callback`);
   * default `publicUrl`. The dashboard's `<web>/api` lands the person on its accounts page.
   */
  readonly oauthCallbackBaseUrl?: string
  /** Origins the browser may call the API from (the dashboard); empty allows none. */
  readonly corsOrigins: readonly string[]
  /** Verifies the dashboard's next-auth session token; unset turns session sign-in off. */
  readonly nextauthSecret?: string
  /** BullMQ key prefix; the worker's `QUEUE_PREFIX`. */
  readonly queuePrefix: string
  /** Requests per minute per API key (or per IP without one). */
  readonly rateLimitPerMinute: number
  /** Where uploaded media is stored on disk. */
  readonly mediaDir: string
  /** Lets user-given URLs (media fetch, webhook endpoints) reach private addresses: air-gapped setups and tests only. */
  readonly allowPrivateUrls: boolean
  /** How close in time the same or nearly the same text on one account counts as a duplicate; 0 turns the check off. */
  readonly duplicateWindowHours: number
  /** Origin of our short links (`<origin>/l/<code>`); default the API's public URL. */
  readonly linkBaseUrl: string
  /**
   * Addresses (IPs or CIDRs) of the dashboard and reverse proxies whose `X-Forwarded-For` is
   * believed; everyone else's is ignored. Empty: the socket's address is the caller's.
   */
  readonly trustedProxies: readonly string[]
  /**
   * Whether anyone may create an account (`POST /v1/auth/sign-up`, a first OAuth sign-in); off,
   * only invited people can, through their invitation. For private installs.
   */
  readonly signUpEnabled: boolean
  /** Sign-ups per client address per hour. */
  readonly signUpsPerHour: number
  /** Password checks (`POST /v1/auth/sign-in`) per client address per hour. */
  readonly signInAttemptsPerHour: number
  /** The AI tiers on-demand drafts and the composer's assist use (the worker's, from the same variables). */
  readonly ai: AiSettings
}

// An IPv4 or IPv6 address, optionally with a /prefix: what Fastify's trustProxy (proxy-addr) takes.
function isAddressOrCidr(value: string): boolean {
  const [address = '', prefix, extra] = value.split('/')
  const family = isIP(address)
  if (family === 0 || extra !== undefined) return false
  if (prefix === undefined) return true
  const bits = Number(prefix)
  return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128)
}

/**
 * A comma-separated list, `fallback` when unset or blank. Not `withDefault`: zod returns a
 * default as it is, unparsed, so a string default would never become a list.
 */
const commaList = (item: z.ZodType<string, string>, fallback: string) =>
  z.preprocess(
    (value) => emptyAsUnset(value) ?? fallback,
    z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean),
      )
      .pipe(z.array(item)),
  )

const port = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be 0-65535 (0 picks a free port)')
  .max(65_535, 'must be 0-65535 (0 picks a free port)')

const apiEnvSchema = z.object({
  PORT: withDefault(port, 4000),
  HOST: withDefault(z.string(), '0.0.0.0'),
  STATEX_API_PUBLIC_URL: z.preprocess(
    emptyAsUnset,
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  ),
  STATEX_OAUTH_CALLBACK_BASE_URL: z.preprocess(
    emptyAsUnset,
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  ),
  CORS_ORIGINS: commaList(
    z.url({ error: 'must be comma-separated origins like https://app.example.com' }),
    'http://localhost:3000',
  ),
  NEXTAUTH_SECRET: z.preprocess(
    emptyAsUnset,
    z
      .string()
      .min(32, "must be at least 32 characters (the dashboard's own NEXTAUTH_SECRET)")
      .optional(),
  ),
  QUEUE_PREFIX: withDefault(
    z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, "_" or "-"'),
    'statex',
  ),
  API_RATE_LIMIT_PER_MINUTE: withDefault(
    z.coerce.number({ error: 'must be a number' }).int().min(1, 'must be at least 1'),
    600,
  ),
  STATEX_MEDIA_DIR: withDefault(z.string().min(1), '.statex/media'),
  STATEX_ALLOW_PRIVATE_URLS: withDefault(z.enum(['0', '1'], { error: 'must be 0 or 1' }), '0'),
  STATEX_LINK_BASE_URL: z.preprocess(
    emptyAsUnset,
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. https://go.example.com' })
      .optional(),
  ),
  TRUSTED_PROXIES: commaList(
    z.string().refine(isAddressOrCidr, {
      error: 'must be comma-separated IPs or CIDRs, e.g. 127.0.0.1,10.0.0.0/8',
    }),
    '',
  ),
  // Not `withDefault`: its default skips the transform, and this one must become a boolean.
  SIGNUP_ENABLED: z.preprocess(
    (value) => emptyAsUnset(value) ?? 'true',
    z
      .enum(['true', 'false', '1', '0'], {
        error: 'must be true or false (or 1 or 0); false lets only invited people create accounts',
      })
      .transform((value) => value === 'true' || value === '1'),
  ),
  SIGN_UP_RATE_LIMIT_PER_HOUR: withDefault(
    z.coerce.number({ error: 'must be a number' }).int().min(1, 'must be at least 1'),
    10,
  ),
  SIGN_IN_RATE_LIMIT_PER_HOUR: withDefault(
    z.coerce.number({ error: 'must be a number' }).int().min(1, 'must be at least 1'),
    30,
  ),
  STATEX_DUPLICATE_WINDOW_HOURS: withDefault(
    z.coerce.number({ error: 'must be a number of hours' }).int().min(0, 'must be 0 (off) or more'),
    72,
  ),
})

/**
 * Reads and validates the API's settings once; pass `process.env` from `main.ts` only.
 * @throws ConfigError listing every problem, app and platform settings together.
 */
export function loadConfig(env: Record<string, string | undefined>): ApiConfig {
  const { app, settings } = loadServiceEnv(env, apiEnvSchema)
  return Object.freeze({
    port: app.PORT,
    host: app.HOST,
    publicUrl: (app.STATEX_API_PUBLIC_URL ?? `http://localhost:${app.PORT}`).replace(/\/$/, ''),
    ...(app.STATEX_OAUTH_CALLBACK_BASE_URL
      ? { oauthCallbackBaseUrl: app.STATEX_OAUTH_CALLBACK_BASE_URL.replace(/\/$/, '') }
      : {}),
    corsOrigins: Object.freeze(app.CORS_ORIGINS),
    ...(app.NEXTAUTH_SECRET ? { nextauthSecret: app.NEXTAUTH_SECRET } : {}),
    queuePrefix: app.QUEUE_PREFIX,
    rateLimitPerMinute: app.API_RATE_LIMIT_PER_MINUTE,
    mediaDir: app.STATEX_MEDIA_DIR,
    allowPrivateUrls: app.STATEX_ALLOW_PRIVATE_URLS === '1',
    duplicateWindowHours: app.STATEX_DUPLICATE_WINDOW_HOURS,
    linkBaseUrl: (
      app.STATEX_LINK_BASE_URL ??
      app.STATEX_API_PUBLIC_URL ??
      `http://localhost:${app.PORT}`
    ).replace(/\/$/, ''),
    trustedProxies: Object.freeze(app.TRUSTED_PROXIES),
    signUpEnabled: app.SIGNUP_ENABLED,
    signUpsPerHour: app.SIGN_UP_RATE_LIMIT_PER_HOUR,
    signInAttemptsPerHour: app.SIGN_IN_RATE_LIMIT_PER_HOUR,
    ai: loadAiSettings(env, {
      ...(settings.platforms.sandboxUrl ? { sandboxUrl: settings.platforms.sandboxUrl } : {}),
    }),
    ...settings,
  })
}
