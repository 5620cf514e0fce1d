import type { Db, DispatchItem } from '@statex/db'
import { publishJob } from '@statex/jobs'
import type { Queue } from 'bullmq'
import { PLATFORM_NAMES } from './failures.js'

export interface DispatcherOptions {
  db: Db
  /** The `publish` queue. */
  queue: Queue
  /** Targets due within this are enqueued, delayed to their exact instant. Default 60 s. */
  horizonMs?: number
  /** Rows read per query. Default 2,000. */
  batchSize?: number
  /** Upper bound of targets one tick enqueues; the next tick continues. Default 100,000. */
  maxPerTick?: number
  now?: () => number
}

export interface TickStats {
  /** Publish jobs handed to BullMQ (a job whose id exists already is a no-op there). */
  enqueued: number
  /** In-flight targets (lease over, poll or reconcile due) whose job was put back. */
  resumed: number
  /** Due targets of accounts that need reconnecting, failed with that reason. */
  failed: number
  durationMs: number
}

function reconnectReason(item: DispatchItem): string {
  const name = PLATFORM_NAMES[item.platform]
  const why =
    item.accountStatus === 'disabled'
      ? `is disabled`
      : `needs reconnecting${item.accountStatusReason ? ` (${item.accountStatusReason})` : ''}`
  return `The ${name} account "${item.accountName}" ${why}; this post was not published. Reconnect the account, then retry the post.`
}

/**
 * The dispatcher's tick: PostgreSQL says what is due, Redis gets one `publish-<targetId>` job
 * per target, delayed to its instant. Adding an id BullMQ already holds is a no-op, so ticking
 * twice, or in two workers at once, is harmless, and after a Redis flush the next tick puts back
 * whatever is missing, in-flight targets included. Far-future targets are never read.
 */
export function createDispatcher(options: DispatcherOptions) {
  const { db, queue } = options
  const horizonMs = options.horizonMs ?? 60_000
  const batchSize = options.batchSize ?? 2_000
  const maxPerTick = options.maxPerTick ?? 100_000
  const now = options.now ?? Date.now

  return {
    async tick(): Promise<TickStats> {
      const started = now()
      const until = new Date(started + horizonMs)
      const stats: TickStats = { enqueued: 0, resumed: 0, failed: 0, durationMs: 0 }
      const groups = new Set<string>()
      let after: { dueAt: Date; targetId: string } | undefined
      while (stats.enqueued + stats.failed < maxPerTick) {
        const items = await db.engine.listDueScheduled({
          until,
          limit: batchSize,
          ...(after ? { after } : {}),
        })
        const jobs = []
        for (const item of items) {
          if (item.accountStatus === 'active') {
            jobs.push(
              publishJob(item.targetId, {
                runAt: item.dueAt,
                now: started,
                accountId: item.accountId,
              }),
            )
          } else if (item.dueAt.getTime() <= started) {
            // Due now and cannot go out: say so on the target rather than let it sit.
            const failed = await db.engine.failScheduledTarget(item.targetId, reconnectReason(item))
            if (failed) {
              stats.failed++
              groups.add(failed.groupId)
            }
          }
        }
        if (jobs.length > 0) await queue.addBulk(jobs)
        stats.enqueued += jobs.length
        if (items.length < batchSize) break
        const last = items[items.length - 1]!
        after = { dueAt: last.dueAt, targetId: last.targetId }
      }
      for (const groupId of groups) await db.engine.refreshGroupStatus(groupId)

      const inFlight = await db.engine.listInFlightDue({ now: new Date(started), limit: batchSize })
      if (inFlight.length > 0) {
        await queue.addBulk(
          inFlight.map((item) =>
            publishJob(item.targetId, {
              now: started,
              reason:
                item.status === 'PROCESSING'
                  ? 'poll'
                  : item.status === 'UNKNOWN'
                    ? 'reconcile'
                    : 'retry',
            }),
          ),
        )
        stats.resumed = inFlight.length
      }
      stats.durationMs = now() - started
      return stats
    },
  }
}

export type Dispatcher = ReturnType<typeof createDispatcher>
