import type { Db, DispatchItem } from '@statex/db'
import { publishJob } from '@statex/jobs'
import type { Queue } from 'bullmq'
import { PLATFORM_NAMES } from './failures.js'
import { freeLostJobIds } from './lost-jobs.js'

export interface DispatcherOptions {
  db: Db
  /** The `publish` queue. */
  queue: Queue
  /** Stores a group's status after its targets failed here (and emits the outcome). */
  settleGroup?: (groupId: string) => Promise<unknown>
  /** Targets due within this are enqueued, delayed to their exact instant. Default 60 s. */
  horizonMs?: number
  /** Rows read per query. Default 2,000. */
  batchSize?: number
  /** Upper bound of targets one tick enqueues; the next tick continues. Default 100,000. */
  maxPerTick?: number
  /** A due target's job is checked for a half-lost copy in Redis once this overdue. Default 30 s. */
  staleAfterMs?: number
  /** At most this many such checks a tick. Default 50. */
  repairLimit?: number
  now?: () => number
}

export interface TickStats {
  /** Publish jobs handed to BullMQ (a job whose id exists already is a no-op there). */
  enqueued: number
  /** In-flight targets (lease over, poll or reconcile due) whose job was put back. */
  resumed: number
  /** Due targets of accounts that need reconnecting, failed with that reason. */
  failed: number
  /** Recurring posts whose latest occurrence fell due: the next occurrence was created. */
  rolled: number
  /** Overdue targets whose job id Redis held without a live job, freed and added again. */
  repaired: number
  /** Published targets whose first comment was never claimed, handed a job to send it. */
  firstComments: number
  durationMs: number
}

/** How long after its post a first comment counts as forgotten rather than on its way. */
const FIRST_COMMENT_GRACE_MS = 60_000
/** A first comment not out within a day is left alone: a comment on a day-old post reads oddly. */
const FIRST_COMMENT_SWEEP_MS = 24 * 3_600_000

function reconnectReason(item: DispatchItem): string {
  const name = PLATFORM_NAMES[item.platform]
  const why =
    item.accountStatus === 'disabled'
      ? `is disabled`
      : `needs reconnecting${item.accountStatusReason ? ` (${item.accountStatusReason})` : ''}`
  return `The ${name} account "${item.accountName}" ${why}; this post was not published. Reconnect the account, then retry the post.`
}

/**
 * The batch in the order its jobs should run: by instant, and within one instant one target
 * per account in turn. Publishes of one account go one at a time (the account gate), so a
 * burst of one account's targets side by side would fill the worker's slots with jobs that can
 * only wait; BullMQ runs jobs due in the same millisecond in the order they were added.
 */
export function interleaveAccounts<T extends Pick<DispatchItem, 'accountId' | 'dueAt'>>(
  items: readonly T[],
): T[] {
  const rank = new Map<string, number>()
  return items
    .map((item, index) => {
      const key = `${item.dueAt.getTime()}|${item.accountId}`
      const r = rank.get(key) ?? 0
      rank.set(key, r + 1)
      return { item, rank: r, index }
    })
    .sort(
      (a, b) =>
        a.item.dueAt.getTime() - b.item.dueAt.getTime() || a.rank - b.rank || a.index - b.index,
    )
    .map(({ item }) => item)
}

/** The job that puts an in-flight target's next step (poll, reconcile, lease check) back. */
function resumeJob(item: DispatchItem, now: number) {
  return publishJob(item.targetId, {
    now,
    reason:
      item.status === 'PROCESSING' ? 'poll' : item.status === 'UNKNOWN' ? 'reconcile' : 'retry',
  })
}

/**
 * The dispatcher's tick: PostgreSQL says what is due, Redis gets one `publish-<targetId>` job
 * per target, delayed to its instant. Adding an id BullMQ already holds is a no-op, so ticking
 * twice, or in two workers at once, is harmless, and after a Redis flush the next tick puts back
 * whatever is missing, in-flight targets included. Far-future targets are never read.
 */
export function createDispatcher(options: DispatcherOptions) {
  const { db, queue } = options
  const settleGroup = options.settleGroup ?? ((id: string) => db.engine.refreshGroupStatus(id))
  const horizonMs = options.horizonMs ?? 60_000
  const batchSize = options.batchSize ?? 2_000
  const maxPerTick = options.maxPerTick ?? 100_000
  const now = options.now ?? Date.now
  const repair = {
    staleAfterMs: options.staleAfterMs ?? 30_000,
    limit: options.repairLimit ?? 50,
  }

  return {
    async tick(): Promise<TickStats> {
      const started = now()
      const until = new Date(started + horizonMs)
      const stats: TickStats = {
        enqueued: 0,
        resumed: 0,
        failed: 0,
        rolled: 0,
        repaired: 0,
        firstComments: 0,
        durationMs: 0,
      }
      // A series whose latest occurrence fell due gets its next one (in the future) now.
      stats.rolled = (await db.recurrence.rollDueSeries({ now: new Date(started) })).length
      let oldest: DispatchItem[] | undefined
      const groups = new Set<string>()
      let after: { dueAt: Date; targetId: string } | undefined
      while (stats.enqueued + stats.failed < maxPerTick) {
        const items = await db.engine.listDueScheduled({
          until,
          limit: batchSize,
          ...(after ? { after } : {}),
        })
        oldest ??= items.filter((item) => item.accountStatus === 'active')
        const jobs = []
        for (const item of interleaveAccounts(items)) {
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
      for (const groupId of groups) await settleGroup(groupId)

      const inFlight = await db.engine.listInFlightDue({ now: new Date(started), limit: batchSize })
      if (inFlight.length > 0) {
        await queue.addBulk(inFlight.map((item) => resumeJob(item, started)))
        stats.resumed = inFlight.length
      }

      // Last, so a job added above that Redis already held half of is found and added afresh.
      const lost = [
        ...(await freeLostJobIds(queue, oldest ?? [], { now: started, ...repair })).map((item) =>
          publishJob(item.targetId, { runAt: item.dueAt, now: started, accountId: item.accountId }),
        ),
        ...(await freeLostJobIds(queue, inFlight, { now: started, ...repair })).map((item) =>
          resumeJob(item, started),
        ),
      ]
      if (lost.length > 0) await queue.addBulk(lost)
      stats.repaired = lost.length

      // A first comment is claimed right after its post is recorded; one still unclaimed a
      // minute later lost its worker in between (or its job): a job sends it, at most once.
      const comments = await db.posts.listUnclaimedFirstComments({
        before: new Date(started - FIRST_COMMENT_GRACE_MS),
        since: new Date(started - FIRST_COMMENT_SWEEP_MS),
        limit: repair.limit,
      })
      if (comments.length > 0) {
        await queue.addBulk(
          comments.map((item) =>
            publishJob(item.targetId, {
              now: started,
              reason: 'first-comment',
              accountId: item.accountId,
            }),
          ),
        )
      }
      stats.firstComments = comments.length
      stats.durationMs = now() - started
      return stats
    },
  }
}

export type Dispatcher = ReturnType<typeof createDispatcher>
