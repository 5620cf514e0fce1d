import { parseEncryptionKeys, type Keyring } from '@statex/db'
import {
  ConfigError,
  configIssuesFrom,
  emptyAsUnset,
  parsePlatformConfig,
  type ConfigIssue,
  type PlatformConfig,
} from '@statex/providers'
import { z } from 'zod'

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

const KEYS_HELP =
  'is required: one or more "<keyId>:<base64 of 32 random bytes>" separated by commas, e.g. k1:$(openssl rand -base64 32)'

/** A variable that falls back to `fallback` when unset or blank (`NAME=` in an env file). */
export const withDefault = <T extends z.ZodType>(schema: T, fallback: z.input<T>) =>
  z.preprocess(emptyAsUnset, schema.default(fallback as never))

const serviceEnvSchema = z.object({
  DATABASE_URL: withDefault(
    z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgresql:// URL' }),
    'postgresql://postgres@127.0.0.1:5432/statex',
  ),
  REDIS_URL: withDefault(
    z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }),
    'redis://127.0.0.1:6379',
  ),
  STATEX_ENCRYPTION_KEYS: z.preprocess(emptyAsUnset, z.string({ error: KEYS_HELP })),
  SENTRY_DSN: z.preprocess(emptyAsUnset, z.url({ error: 'must be a Sentry DSN URL' }).optional()),
  LOG_LEVEL: withDefault(
    z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }),
    'info',
  ),
})

/** The settings every service process (API, worker) reads the same way. */
export interface ServiceSettings {
  readonly databaseUrl: string
  readonly redisUrl: string
  /** Decrypts the account tokens stored in the database; never logged. */
  readonly keyring: Keyring
  readonly sentryDsn?: string
  readonly logLevel: LogLevel
  readonly platforms: PlatformConfig
}

/** The keyring parser knows the format; its problems become ours so they are listed with the rest. */
export function parseKeyring(value: string): { keyring: Keyring } | { issues: ConfigIssue[] } {
  try {
    return { keyring: parseEncryptionKeys(value) }
  } catch (error) {
    const problems =
      error instanceof Error && 'problems' in error && Array.isArray(error.problems)
        ? (error.problems as string[])
        : []
    const messages =
      problems.length > 0 ? problems : [error instanceof Error ? error.message : 'is invalid']
    return { issues: messages.map((message) => ({ variable: 'STATEX_ENCRYPTION_KEYS', message })) }
  }
}

/**
 * Validates a service's environment once: its own variables (`appSchema`), the shared ones
 * (`DATABASE_URL`, `REDIS_URL`, `STATEX_ENCRYPTION_KEYS`, `SENTRY_DSN`, `LOG_LEVEL`), the
 * platform settings and the keyring, all checked even when others are wrong.
 * @throws ConfigError listing every problem at once, the app's first; never a value.
 */
export function loadServiceEnv<S extends z.ZodType>(
  env: Record<string, string | undefined>,
  appSchema: S,
): { app: z.output<S>; settings: ServiceSettings } {
  const issues: ConfigIssue[] = []
  const app = appSchema.safeParse(env)
  if (!app.success) issues.push(...configIssuesFrom(app.error))
  const shared = serviceEnvSchema.safeParse(env)
  if (!shared.success) issues.push(...configIssuesFrom(shared.error))
  const platforms = parsePlatformConfig(env)
  if (!platforms.ok) issues.push(...platforms.issues)
  const rawKeys = emptyAsUnset(env.STATEX_ENCRYPTION_KEYS)
  const keys = typeof rawKeys === 'string' ? parseKeyring(rawKeys) : undefined
  if (keys && 'issues' in keys) issues.push(...keys.issues)
  if (!app.success || !shared.success || !platforms.ok || !keys || 'issues' in keys)
    throw new ConfigError(issues)

  const e = shared.data
  return {
    app: app.data,
    settings: {
      databaseUrl: e.DATABASE_URL,
      redisUrl: e.REDIS_URL,
      keyring: keys.keyring,
      ...(e.SENTRY_DSN ? { sentryDsn: e.SENTRY_DSN } : {}),
      logLevel: e.LOG_LEVEL,
      platforms: platforms.config,
    },
  }
}
