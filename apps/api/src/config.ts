import { z } from 'zod'
import { parseEncryptionKeys, type Keyring } from '@statex/db'
import {
  ConfigError,
  configIssuesFrom,
  emptyAsUnset,
  parsePlatformConfig,
  type ConfigIssue,
  type PlatformConfig,
} from '@statex/providers'

export interface ApiConfig {
  readonly port: number
  readonly host: string
  readonly databaseUrl: string
  readonly redisUrl: string
  /** Decrypts the account tokens stored in the database; never logged. */
  readonly keyring: Keyring
  readonly sentryDsn?: string
  readonly logLevel: LogLevel
  readonly platforms: PlatformConfig
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

const KEYS_HELP =
  'is required: one or more "<keyId>:<base64 of 32 random bytes>" separated by commas, e.g. k1:$(openssl rand -base64 32)'

const withDefault = <T extends z.ZodType>(schema: T, fallback: z.input<T>) =>
  z.preprocess(emptyAsUnset, schema.default(fallback as never))

const schema = z.object({
  PORT: withDefault(
    z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(0, 'must be 0-65535 (0 picks a free port)')
      .max(65_535, 'must be 0-65535 (0 picks a free port)'),
    4000,
  ),
  HOST: withDefault(z.string(), '0.0.0.0'),
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

/** The keyring parser knows the format; its problems become ours so they are listed with the rest. */
function parseKeyring(value: string): { keyring: Keyring } | { issues: ConfigIssue[] } {
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
 * Reads and validates the API's settings once; pass `process.env` from `main.ts` only.
 * @throws ConfigError listing every problem, app and platform settings together.
 */
export function loadConfig(env: Record<string, string | undefined>): ApiConfig {
  const issues: ConfigIssue[] = []
  const parsed = schema.safeParse(env)
  if (!parsed.success) issues.push(...configIssuesFrom(parsed.error))
  const platforms = parsePlatformConfig(env)
  if (!platforms.ok) issues.push(...platforms.issues)
  // Checked even when other variables are wrong, so its problems appear in the same list.
  const rawKeys = emptyAsUnset(env.STATEX_ENCRYPTION_KEYS)
  const keys = typeof rawKeys === 'string' ? parseKeyring(rawKeys) : undefined
  if (keys && 'issues' in keys) issues.push(...keys.issues)
  if (!parsed.success || !platforms.ok || !keys || 'issues' in keys) throw new ConfigError(issues)

  const e = parsed.data
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    keyring: keys.keyring,
    ...(e.SENTRY_DSN ? { sentryDsn: e.SENTRY_DSN } : {}),
    logLevel: e.LOG_LEVEL,
    platforms: platforms.config,
  })
}
