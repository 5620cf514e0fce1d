import { SANDBOX_SECRETS } from '@statex/providers'
import { z } from 'zod'

/**
 * Defaults that only make sense inside the sandbox: the same values the apps verify with in
 * sandbox mode when none is configured (one definition, in @statex/providers). They are printed
 * at start; a value set in the environment is never printed.
 */
export const SANDBOX_DEFAULTS = Object.freeze({
  whatsappAppSecret: SANDBOX_SECRETS.whatsappAppSecret,
  telegramWebhookSecret: SANDBOX_SECRETS.telegramWebhookSecret,
  facebookAppSecret: SANDBOX_SECRETS.facebookAppSecret,
  instagramAppSecret: SANDBOX_SECRETS.instagramAppSecret,
})

const port = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be 0-65535')
  .max(65535, 'must be 0-65535')

const schema = z.object({
  SANDBOX_PORT: port.default(4010),
  // Unset: no SMTP catcher (tests); npm start sets 2525. 0 picks a free port.
  SANDBOX_SMTP_PORT: port.optional(),
  HOST: z.string().min(1).default('127.0.0.1'),
  STATEX_API_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .default('http://127.0.0.1:4000'),
  WHATSAPP_APP_SECRET: z.string().min(1).optional(),
  FACEBOOK_APP_SECRET: z.string().min(1).optional(),
  INSTAGRAM_APP_SECRET: z.string().min(1).optional(),
  // Telegram allows 1-256 characters of A-Z, a-z, 0-9, _ and - (setWebhook secret_token).
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, 'must be 1-256 characters of A-Z, a-z, 0-9, _ and -')
    .optional(),
  SANDBOX_STATE: z.string().min(1).optional(),
})

export interface SandboxConfig {
  port: number
  host: string
  /** The SMTP catcher's port (0: any free one); absent, no catcher runs. */
  smtpPort?: number
  /** Where webhooks are delivered: `${apiUrl}/v1/webhooks/<platform>`. No trailing slash. */
  apiUrl: string
  whatsappAppSecret: string
  telegramWebhookSecret: string
  /** True for each secret left at its sandbox default (only those are printed). */
  defaultSecrets: { whatsappAppSecret: boolean; telegramWebhookSecret: boolean }
  /** The Meta apps' secrets the Facebook and Instagram simulators sign webhooks with. */
  facebookAppSecret: string
  instagramAppSecret: string
  /** True for each Meta app secret left at its sandbox default. */
  defaultMetaSecrets: { facebookAppSecret: boolean; instagramAppSecret: boolean }
  /** When set, the sandbox writes its URLs and fixed accounts to this JSON file at start. */
  statePath?: string
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError'
  constructor(readonly problems: string[]) {
    super(`Invalid sandbox configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  }
}

/** Reads the sandbox settings from `env` once; reports every problem at once; the result is frozen. */
export function loadConfig(env: Record<string, string | undefined>): Readonly<SandboxConfig> {
  // An empty variable means "unset", as in most .env files.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  )
  const parsed = schema.safeParse(present)
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    )
  }
  const values = parsed.data
  return Object.freeze({
    port: values.SANDBOX_PORT,
    host: values.HOST,
    ...(values.SANDBOX_SMTP_PORT !== undefined ? { smtpPort: values.SANDBOX_SMTP_PORT } : {}),
    apiUrl: values.STATEX_API_URL.replace(/\/+$/, ''),
    whatsappAppSecret: values.WHATSAPP_APP_SECRET ?? SANDBOX_DEFAULTS.whatsappAppSecret,
    telegramWebhookSecret: values.TELEGRAM_WEBHOOK_SECRET ?? SANDBOX_DEFAULTS.telegramWebhookSecret,
    defaultSecrets: Object.freeze({
      whatsappAppSecret: values.WHATSAPP_APP_SECRET === undefined,
      telegramWebhookSecret: values.TELEGRAM_WEBHOOK_SECRET === undefined,
    }),
    facebookAppSecret: values.FACEBOOK_APP_SECRET ?? SANDBOX_DEFAULTS.facebookAppSecret,
    instagramAppSecret: values.INSTAGRAM_APP_SECRET ?? SANDBOX_DEFAULTS.instagramAppSecret,
    defaultMetaSecrets: Object.freeze({
      facebookAppSecret: values.FACEBOOK_APP_SECRET === undefined,
      instagramAppSecret: values.INSTAGRAM_APP_SECRET === undefined,
    }),
    ...(values.SANDBOX_STATE ? { statePath: values.SANDBOX_STATE } : {}),
  })
}
