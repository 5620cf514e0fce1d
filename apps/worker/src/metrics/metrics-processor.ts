import { DEFAULT_METRICS_SCHEDULE, type MetricsSchedule } from '@statex/core'
import { parsePayload } from '@statex/jobs'
import type { Processor } from 'bullmq'
import type { MetricsScheduler } from './metrics-scheduler.js'
import type { MetricsSync } from './sync-metrics.js'
import type { Db } from '@statex/db'

export interface MetricsSettings {
  /** The decaying schedule; `maxAgeMs` from `METRICS_MAX_AGE_DAYS` (default 30 days). */
  schedule: MetricsSchedule
  /** How often the scheduler looks for due targets. Default 60 s. */
  tickIntervalMs: number
  /** Raw snapshots older than this are thinned to one per post and day. Default 90 days. */
  retentionMs: number
}

export const DEFAULT_METRICS_SETTINGS: Readonly<MetricsSettings> = Object.freeze({
  schedule: DEFAULT_METRICS_SCHEDULE,
  tickIntervalMs: 60_000,
  retentionMs: 90 * 24 * 3_600_000,
})

/**
 * The `sync-metrics` queue's one processor, by job name: `tick` (the scheduler, from a job
 * scheduler), `retention` (daily thinning), `sync` (one account's batch or account figures).
 */
export function createMetricsProcessor(deps: {
  db: Db
  scheduler: MetricsScheduler
  sync: MetricsSync
  settings: MetricsSettings
  now?: () => number
}): Processor {
  const now = deps.now ?? Date.now
  return async (job) => {
    if (job.name === 'tick') return deps.scheduler.tick()
    if (job.name === 'retention') {
      const olderThan = new Date(now() - deps.settings.retentionMs)
      let deleted = 0
      // Bounded batches, so thinning a large backlog never holds one long transaction.
      for (let round = 0; round < 100; round++) {
        const batch = await deps.db.metrics.thinSnapshots({ olderThan, limit: 50_000 })
        deleted += batch.deleted
        if (batch.deleted < 50_000) break
      }
      return { deleted }
    }
    const data = parsePayload('sync-metrics', job.data)
    return data.scope === 'account'
      ? deps.sync.syncAccount(data.accountId)
      : deps.sync.syncPosts(data.accountId, data.targetIds ?? [])
  }
}
