import { z } from 'zod'
import { ConfigError, configIssuesFrom, emptyAsUnset, type ConfigIssue } from './config-error.js'

/**
 * App-level platform settings. Per-account secrets (bot tokens, access tokens) live encrypted in
 * the database, never here. Platforms without an adapter yet have no settings.
 */
export interface PlatformConfig {
  /** When set, every available adapter talks to `${sandboxUrl}/<platform>` instead of the real API. */
  readonly sandboxUrl?: string
  readonly telegram: {
    /** Sent as `secret_token` to setWebhook and checked on every update (`X-Telegram-Bot-Api-Secret-Token`). */
    readonly webhookSecret?: string
  }
  readonly whatsapp: {
    /** The Meta app secret: webhooks are signed with it (`X-Hub-Signature-256`). */
    readonly appSecret?: string
    /** Echoed back during the webhook subscription handshake (`hub.verify_token`). */
    readonly verifyToken?: string
    /** Graph API version, e.g. `v23.0`; the adapter's default when unset. */
    readonly apiVersion?: string
  }
  /** The Meta app behind Facebook Login for Pages, and its Page webhooks. */
  readonly facebook: MetaAppConfig
  /** The Meta app behind Instagram (through Facebook Login), and its Instagram webhooks. */
  readonly instagram: MetaAppConfig
  readonly twitter: {
    /** OAuth 2.0 client id of the X app (developer portal → Keys and tokens). */
    readonly clientId?: string
    /** Set for a confidential client (Web App): the token endpoint is called with HTTP Basic. */
    readonly clientSecret?: string
  }
  readonly linkedin: {
    readonly clientId?: string
    readonly clientSecret?: string
    /** `LinkedIn-Version`, `YYYYMM`; the adapter's default when unset. */
    readonly apiVersion?: string
  }
}

export interface MetaAppConfig {
  readonly appId?: string
  /** Login, `appsecret_proof` and webhook signatures (`X-Hub-Signature-256`). */
  readonly appSecret?: string
  /** Echoed back during the webhook subscription handshake (`hub.verify_token`). */
  readonly verifyToken?: string
  readonly apiVersion?: string
}

/** A Meta app's variables go together: a partial setup could not log in or verify webhooks. */
const META_APPS = {
  FACEBOOK: ['FACEBOOK_APP_ID', 'FACEBOOK_APP_SECRET', 'FACEBOOK_VERIFY_TOKEN'],
  INSTAGRAM: ['INSTAGRAM_APP_ID', 'INSTAGRAM_APP_SECRET', 'INSTAGRAM_VERIFY_TOKEN'],
} as const

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyAsUnset, schema.optional())

/**
 * Raw variables only. Exported so an app can report platform problems together with its own.
 * @see https://core.telegram.org/bots/api#setwebhook for the secret_token alphabet and length.
 */
export const platformEnvSchema = z
  .object({
    STATEX_SANDBOX_URL: optional(
      z.url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. http://127.0.0.1:4100' }),
    ),
    TELEGRAM_WEBHOOK_SECRET: optional(
      z
        .string()
        .regex(
          /^[A-Za-z0-9_-]{1,256}$/,
          'must be 1-256 characters of A-Z, a-z, 0-9, _ and - (Telegram secret_token)',
        ),
    ),
    WHATSAPP_APP_SECRET: optional(z.string()),
    WHATSAPP_VERIFY_TOKEN: optional(z.string()),
    WHATSAPP_API_VERSION: optional(z.string().regex(/^v\d+\.\d+$/, 'must look like v23.0')),
    FACEBOOK_APP_ID: optional(z.string().regex(/^\d+$/, 'must be the numeric app id')),
    FACEBOOK_APP_SECRET: optional(z.string()),
    FACEBOOK_VERIFY_TOKEN: optional(z.string()),
    FACEBOOK_API_VERSION: optional(z.string().regex(/^v\d+\.\d+$/, 'must look like v23.0')),
    INSTAGRAM_APP_ID: optional(z.string().regex(/^\d+$/, 'must be the numeric app id')),
    INSTAGRAM_APP_SECRET: optional(z.string()),
    INSTAGRAM_VERIFY_TOKEN: optional(z.string()),
    INSTAGRAM_API_VERSION: optional(z.string().regex(/^v\d+\.\d+$/, 'must look like v23.0')),
    TWITTER_CLIENT_ID: optional(z.string()),
    TWITTER_CLIENT_SECRET: optional(z.string()),
    LINKEDIN_CLIENT_ID: optional(z.string()),
    LINKEDIN_CLIENT_SECRET: optional(z.string()),
    LINKEDIN_API_VERSION: optional(z.string().regex(/^\d{6}$/, 'must be YYYYMM, e.g. 202611')),
  })
  .superRefine((env, ctx) => {
    // A client secret without its client id configures nothing.
    if (env.TWITTER_CLIENT_SECRET && !env.TWITTER_CLIENT_ID)
      ctx.addIssue({
        code: 'custom',
        path: ['TWITTER_CLIENT_ID'],
        message: 'is required when TWITTER_CLIENT_SECRET is set',
      })
    // LinkedIn's token endpoint always needs both.
    if (!!env.LINKEDIN_CLIENT_ID !== !!env.LINKEDIN_CLIENT_SECRET)
      ctx.addIssue({
        code: 'custom',
        path: [env.LINKEDIN_CLIENT_ID ? 'LINKEDIN_CLIENT_SECRET' : 'LINKEDIN_CLIENT_ID'],
        message: `is required when ${env.LINKEDIN_CLIENT_ID ? 'LINKEDIN_CLIENT_ID' : 'LINKEDIN_CLIENT_SECRET'} is set`,
      })
    // Half a WhatsApp setup would register an adapter that cannot complete the webhook handshake.
    if (env.WHATSAPP_APP_SECRET && !env.WHATSAPP_VERIFY_TOKEN)
      ctx.addIssue({
        code: 'custom',
        path: ['WHATSAPP_VERIFY_TOKEN'],
        message: 'is required when WHATSAPP_APP_SECRET is set',
      })
    if (env.WHATSAPP_VERIFY_TOKEN && !env.WHATSAPP_APP_SECRET)
      ctx.addIssue({
        code: 'custom',
        path: ['WHATSAPP_APP_SECRET'],
        message: 'is required when WHATSAPP_VERIFY_TOKEN is set',
      })
    for (const names of Object.values(META_APPS)) {
      const set = names.filter((name) => env[name])
      if (set.length === 0 || set.length === names.length) continue
      for (const name of names)
        if (!env[name])
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message: `is required when ${set.join(' and ')} ${set.length === 1 ? 'is' : 'are'} set`,
          })
    }
  })

export type PlatformConfigResult =
  { ok: true; config: PlatformConfig } | { ok: false; issues: ConfigIssue[] }

/** Like `loadPlatformConfig`, but returns the problems so an app can list them beside its own. */
export function parsePlatformConfig(env: Record<string, string | undefined>): PlatformConfigResult {
  const parsed = platformEnvSchema.safeParse(env)
  if (!parsed.success) return { ok: false, issues: configIssuesFrom(parsed.error) }
  const e = parsed.data
  const config: PlatformConfig = {
    ...(e.STATEX_SANDBOX_URL ? { sandboxUrl: e.STATEX_SANDBOX_URL.replace(/\/+$/, '') } : {}),
    telegram: Object.freeze({ webhookSecret: e.TELEGRAM_WEBHOOK_SECRET }),
    whatsapp: Object.freeze({
      appSecret: e.WHATSAPP_APP_SECRET,
      verifyToken: e.WHATSAPP_VERIFY_TOKEN,
      apiVersion: e.WHATSAPP_API_VERSION,
    }),
    facebook: Object.freeze({
      appId: e.FACEBOOK_APP_ID,
      appSecret: e.FACEBOOK_APP_SECRET,
      verifyToken: e.FACEBOOK_VERIFY_TOKEN,
      apiVersion: e.FACEBOOK_API_VERSION,
    }),
    instagram: Object.freeze({
      appId: e.INSTAGRAM_APP_ID,
      appSecret: e.INSTAGRAM_APP_SECRET,
      verifyToken: e.INSTAGRAM_VERIFY_TOKEN,
      apiVersion: e.INSTAGRAM_API_VERSION,
    }),
    twitter: Object.freeze({
      clientId: e.TWITTER_CLIENT_ID,
      clientSecret: e.TWITTER_CLIENT_SECRET,
    }),
    linkedin: Object.freeze({
      clientId: e.LINKEDIN_CLIENT_ID,
      clientSecret: e.LINKEDIN_CLIENT_SECRET,
      apiVersion: e.LINKEDIN_API_VERSION,
    }),
  }
  return { ok: true, config: Object.freeze(config) }
}

/**
 * Reads the platform settings from `env` (pass `process.env` from an app's entry point only).
 * @throws ConfigError listing every problem at once.
 */
export function loadPlatformConfig(env: Record<string, string | undefined>): PlatformConfig {
  const result = parsePlatformConfig(env)
  if (!result.ok) throw new ConfigError(result.issues)
  return result.config
}
