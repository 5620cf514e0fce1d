import { loadServiceEnv, withDefault, type ServiceSettings } from '@statex/runtime'
import { z } from 'zod'

export interface WorkerConfig extends ServiceSettings {
  /** Prefix of every BullMQ key and of the heartbeat key; lets several deployments share a Redis. */
  readonly queuePrefix: string
  /** Jobs each queue's worker runs at once. */
  readonly concurrency: number
}

const workerEnvSchema = z.object({
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
})

/**
 * Reads and validates the worker's settings once; pass `process.env` from `main.ts` only.
 * @throws ConfigError listing every problem, worker and platform settings together.
 */
export function loadConfig(env: Record<string, string | undefined>): WorkerConfig {
  const { app, settings } = loadServiceEnv(env, workerEnvSchema)
  return Object.freeze({
    queuePrefix: app.QUEUE_PREFIX,
    concurrency: app.WORKER_CONCURRENCY,
    ...settings,
  })
}
