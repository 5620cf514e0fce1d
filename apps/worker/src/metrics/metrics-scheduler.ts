import type { Platform, SocialProvider } from '@statex/core'
import type { Db, MetricsDueItem } from '@statex/db'
import type { Queue } from 'bullmq'

export interface MetricsSchedulerOptions {
  db: Db
  /** The `sync-metrics` queue. */
  queue: Queue
  providers: Partial<Record<Platform, SocialProvider>>
  /** No fetch for a target older than this (`METRICS_MAX_AGE_DAYS`). */
  maxAgeMs: number
  /** Targets per job: one account's, at most this many (X's GET /2/tweets takes 100 ids). */
  batchSize?: number
  /** A claimed target is due again after this if its job never ran (Redis lost it). Default 10 min. */
  leaseMs?: number
  /** Upper bound of targets one tick claims; the next tick continues. Default 20,000. */
  maxPerTick?: number
  now?: () => number
}

export interface MetricsTickStats {
  /** `sync-metrics` jobs added for targets. */
  jobs: number
  targets: number
  /** Targets past the schedule's end that were never fetched there: stopped without a fetch. */
  aged: number
  /** Targets of platforms without per-post metrics: stopped as `no_post_metrics`, never fetched. */
  unmeasured: number
  /** Account-level jobs added (one per account and day). */
  accounts: number
}

// A target due at exactly its last fetch (age = maxAge) but delayed (a rate limit, a queue
// backlog) still gets it within this; one older than maxAge plus this (published before metrics
// were synced at all) is stopped without asking the platform.
const LAST_FETCH_GRACE_MS = 24 * 3_600_000

const chunk = <T>(items: T[], size: number): T[][] => {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/**
 * The metrics scheduler's tick, the dispatcher's twin for metrics: PostgreSQL says which published
 * targets are due (claiming them under a lease so no other tick takes them), Redis gets one
 * `sync-metrics` job per account and batch. A lost job costs one lease of delay, never a target.
 */
export function createMetricsScheduler(options: MetricsSchedulerOptions) {
  const { db, queue, providers, maxAgeMs } = options
  const batchSize = options.batchSize ?? 100
  const leaseMs = options.leaseMs ?? 10 * 60_000
  const maxPerTick = options.maxPerTick ?? 20_000
  const now = options.now ?? Date.now

  return {
    async tick(): Promise<MetricsTickStats> {
      const started = now()
      const stats: MetricsTickStats = { jobs: 0, targets: 0, aged: 0, unmeasured: 0, accounts: 0 }
      while (stats.targets + stats.aged + stats.unmeasured < maxPerTick) {
        const due = await db.metrics.claimDue({
          now: new Date(started),
          limit: Math.min(2_000, maxPerTick),
          leaseMs,
        })
        const aged: string[] = []
        const unmeasured: string[] = []
        const byAccount = new Map<string, MetricsDueItem[]>()
        for (const item of due) {
          const provider = providers[item.platform]
          if (!provider?.fetchMetrics || provider.capabilities.metrics.length === 0) {
            // The platform gives no per-post metrics (Telegram, WhatsApp) or is not set up here:
            // nothing to poll, ever, for this target (not "aged": it never had any); a platform
            // set up later starts with new posts.
            unmeasured.push(item.postId)
          } else if (started - item.publishedAt.getTime() > maxAgeMs + LAST_FETCH_GRACE_MS) {
            aged.push(item.postId)
          } else {
            const list = byAccount.get(item.accountId) ?? []
            list.push(item)
            byAccount.set(item.accountId, list)
          }
        }
        await db.metrics.stopSync(aged, 'aged', new Date(started))
        await db.metrics.stopSync(unmeasured, 'no_post_metrics', new Date(started))
        stats.aged += aged.length
        stats.unmeasured += unmeasured.length
        const jobs = [...byAccount].flatMap(([accountId, items]) =>
          chunk(items, batchSize).map((batch, i) => ({
            name: 'sync',
            data: { accountId, targetIds: batch.map((t) => t.postId), scope: 'posts' as const },
            opts: { jobId: `metrics-${accountId}-${started}-${i}`, attempts: 3 },
          })),
        )
        if (jobs.length > 0) await queue.addBulk(jobs)
        stats.jobs += jobs.length
        stats.targets += due.length - aged.length - unmeasured.length
        if (due.length < Math.min(2_000, maxPerTick)) break
      }

      const withAccountFigures = (Object.keys(providers) as Platform[]).filter(
        (p) => typeof providers[p]?.fetchAccountMetrics === 'function',
      )
      const accounts = await db.metrics.listAccountsDueForAccountMetrics({
        now: new Date(started),
        platforms: withAccountFigures,
        limit: 1_000,
      })
      if (accounts.length > 0) {
        const day = new Date(started).toISOString().slice(0, 10).replaceAll('-', '')
        // One id per account and day: every tick of the day re-adds the same job, a no-op.
        await queue.addBulk(
          accounts.map((a) => ({
            name: 'sync',
            data: { accountId: a.accountId, scope: 'account' as const },
            opts: { jobId: `account-metrics-${a.accountId}-${day}`, attempts: 3 },
          })),
        )
      }
      stats.accounts = accounts.length
      return stats
    },
  }
}

export type MetricsScheduler = ReturnType<typeof createMetricsScheduler>
