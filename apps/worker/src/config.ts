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

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

export interface WorkerConfig {
  readonly redisUrl: string
  readonly databaseUrl: string
  /** Decrypts account tokens before a provider call; never logged. */
  readonly keyring: Keyring
  /** Prefix of every BullMQ key and of the heartbeat key; lets several deployments share a Redis. */
  readonly queuePrefix: string
  /** Jobs each queue's worker runs at once. */
  readonly concurrency: number
  readonly sentryDsn?: string
  readonly logLevel: LogLevel
  readonly platforms: PlatformConfig
}

const KEYS_HELP =
  'is required: one or more "<keyId>:<base64 of 32 random bytes>" separated by commas, e.g. k1:$(openssl rand -base64 32)'

const withDefault = <T extends z.ZodType>(schema: T, fallback: z.input<T>) =>
  z.preprocess(emptyAsUnset, schema.default(fallback as never))

const schema = z.object({
  REDIS_URL: withDefault(
    z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }),
    'redis://127.0.0.1:6379',
  ),
  DATABASE_URL: withDefault(
    z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgresql:// URL' }),
    'postgresql://postgres@127.0.0.1:5432/statex',
  ),
  STATEX_ENCRYPTION_KEYS: z.preprocess(emptyAsUnset, z.string({ error: KEYS_HELP })),
  QUEUE_PREFIX: withDefault(
    z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, "_" or "-"'),
    'statex',
  ),
  WORKER_CONCURRENCY: withDefault(
    z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(100, 'must be at most 100'),
    5,
  ),
  SENTRY_DSN: z.preprocess(emptyAsUnset, z.url({ error: 'must be a Sentry DSN URL' }).optional()),
  LOG_LEVEL: withDefault(
    z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }),
    'info',
  ),
})

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
 * Reads and validates the worker's settings once; pass `process.env` from `main.ts` only.
 * @throws ConfigError listing every problem, worker and platform settings together.
 */
export function loadConfig(env: Record<string, string | undefined>): WorkerConfig {
  const issues: ConfigIssue[] = []
  const parsed = schema.safeParse(env)
  if (!parsed.success) issues.push(...configIssuesFrom(parsed.error))
  const platforms = parsePlatformConfig(env)
  if (!platforms.ok) issues.push(...platforms.issues)
  const rawKeys = emptyAsUnset(env.STATEX_ENCRYPTION_KEYS)
  const keys = typeof rawKeys === 'string' ? parseKeyring(rawKeys) : undefined
  if (keys && 'issues' in keys) issues.push(...keys.issues)
  if (!parsed.success || !platforms.ok || !keys || 'issues' in keys) throw new ConfigError(issues)

  const e = parsed.data
  return Object.freeze({
    redisUrl: e.REDIS_URL,
    databaseUrl: e.DATABASE_URL,
    keyring: keys.keyring,
    queuePrefix: e.QUEUE_PREFIX,
    concurrency: e.WORKER_CONCURRENCY,
    ...(e.SENTRY_DSN ? { sentryDsn: e.SENTRY_DSN } : {}),
    logLevel: e.LOG_LEVEL,
    platforms: platforms.config,
  })
}
