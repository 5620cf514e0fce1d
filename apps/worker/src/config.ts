import { loadAiSettings, type AiSettings } from '@statex/ai'
import { loadServiceEnv, withDefault, type ServiceSettings } from '@statex/runtime'
import { z } from 'zod'
import {
  checkSmtpAuth,
  notificationEnvSchema,
  notificationSettings,
  type NotificationSettings,
} from './notifications/smtp-config.js'

export interface WorkerConfig extends ServiceSettings {
  /** Prefix of every BullMQ key and of the heartbeat key; lets several deployments share a Redis. */
  readonly queuePrefix: string
  /** Jobs each queue's worker runs at once (`WORKER_CONCURRENCY`, or the seed's `SOCIAL_WORKER_CONCURRENCY`). */
  readonly concurrency: number
  /** Publish jobs at once per platform in this process; unset platforms use `concurrency`. */
  readonly platformConcurrency: Readonly<Record<string, number>>
  /** How often the dispatcher ticks. */
  readonly dispatchIntervalMs: number
  /** A publish call is abandoned (outcome unknown) after this. */
  readonly publishTimeoutMs: number
  /** Wait after an uncertain publish before asking the platform whether it landed. */
  readonly reconcileDelayMs: number
  /** BullMQ job lock and stall check: how soon a job of a worker that died runs again. */
  readonly jobLockMs: number
  /** The AI tiers for inbox drafts, in order; empty when none is configured. */
  readonly ai: AiSettings
  /** A published post's metrics are synced until it is this old (`METRICS_MAX_AGE_DAYS`, default 30). */
  readonly metricsMaxAgeMs: number
  /** Raw metric snapshots older than this are thinned to one per post and day (`METRICS_RETENTION_DAYS`, default 90). */
  readonly metricsRetentionMs: number
  /** How often the metrics scheduler looks for due posts (`METRICS_INTERVAL_MS`, default 60 s). */
  readonly metricsIntervalMs: number
  /** How often the feed poller looks for due feeds (`FEEDS_TICK_MS`, default 60 s). */
  readonly feedsTickMs: number
  /** Fetch feeds from private addresses too (`STATEX_ALLOW_PRIVATE_URLS=1`): tests and local feeds only. */
  readonly allowPrivateUrls: boolean
  /** SMTP (or none), the dashboard URL for links in emails, the digest's hour. */
  readonly notifications: NotificationSettings
}

const count = (max: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(max, `must be at most ${max}`)

const ms = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(min, `must be at least ${min} ms`)
    .max(max, `must be at most ${max} ms`)

const DAY_MS = 24 * 3_600_000

const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value)

const workerEnvSchema = z
  .object({
    ...notificationEnvSchema.shape,
    QUEUE_PREFIX: withDefault(
      z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, "_" or "-"'),
      'statex',
    ),
    WORKER_CONCURRENCY: z.preprocess(unsetIfEmpty, count(100).optional()),
    // The name the seed's .env used; WORKER_CONCURRENCY wins when both are set.
    SOCIAL_WORKER_CONCURRENCY: z.preprocess(unsetIfEmpty, count(100).optional()),
    PLATFORM_CONCURRENCY: withDefault(
      z
        .string()
        .regex(
          /^$|^[a-z]+=\d+(,[a-z]+=\d+)*$/,
          'must look like "telegram=10,whatsapp=5" (platform=jobs, comma-separated)',
        ),
      '',
    ),
    DISPATCH_INTERVAL_MS: withDefault(ms(200, 60_000), 2_000),
    PUBLISH_TIMEOUT_MS: withDefault(ms(1_000, 600_000), 60_000),
    RECONCILE_DELAY_MS: withDefault(ms(0, 3_600_000), 30_000),
    JOB_LOCK_MS: withDefault(ms(1_000, 600_000), 30_000),
    METRICS_MAX_AGE_DAYS: withDefault(count(365), 30),
    METRICS_RETENTION_DAYS: withDefault(count(3650), 90),
    METRICS_INTERVAL_MS: withDefault(ms(1_000, 3_600_000), 60_000),
    FEEDS_TICK_MS: withDefault(ms(1_000, 3_600_000), 60_000),
    // The API's switch of the same name: the feed URL it accepted is the one the worker fetches.
    STATEX_ALLOW_PRIVATE_URLS: withDefault(z.enum(['0', '1'], { error: 'must be 0 or 1' }), '0'),
  })
  .superRefine(checkSmtpAuth)

/**
 * Reads and validates the worker's settings once; pass `process.env` from `main.ts` only.
 * @throws ConfigError listing every problem, worker and platform settings together.
 */
export function loadConfig(env: Record<string, string | undefined>): WorkerConfig {
  const { app, settings } = loadServiceEnv(env, workerEnvSchema)
  const platformConcurrency = Object.fromEntries(
    app.PLATFORM_CONCURRENCY.split(',')
      .filter(Boolean)
      .map((pair) => {
        const [platform, jobs] = pair.split('=')
        return [platform!, Number(jobs)]
      }),
  )
  return Object.freeze({
    queuePrefix: app.QUEUE_PREFIX,
    concurrency: app.WORKER_CONCURRENCY ?? app.SOCIAL_WORKER_CONCURRENCY ?? 5,
    platformConcurrency: Object.freeze(platformConcurrency),
    dispatchIntervalMs: app.DISPATCH_INTERVAL_MS,
    publishTimeoutMs: app.PUBLISH_TIMEOUT_MS,
    reconcileDelayMs: app.RECONCILE_DELAY_MS,
    jobLockMs: app.JOB_LOCK_MS,
    ai: loadAiSettings(env, {
      ...(settings.platforms.sandboxUrl ? { sandboxUrl: settings.platforms.sandboxUrl } : {}),
    }),
    metricsMaxAgeMs: app.METRICS_MAX_AGE_DAYS * DAY_MS,
    metricsRetentionMs: app.METRICS_RETENTION_DAYS * DAY_MS,
    metricsIntervalMs: app.METRICS_INTERVAL_MS,
    feedsTickMs: app.FEEDS_TICK_MS,
    allowPrivateUrls: app.STATEX_ALLOW_PRIVATE_URLS === '1',
    notifications: notificationSettings(app),
    ...settings,
  })
}
