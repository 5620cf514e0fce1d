import type { DispatchItem } from '@statex/db'
import { publishJobId } from '@statex/jobs'
import type { Queue } from 'bullmq'

/**
 * Frees the job ids of overdue targets whose job Redis holds only half of: a job hash that is in
 * no list or set (what a non-atomic flush, an eviction or a lost write can leave). BullMQ takes
 * an existing hash for a live job, so adding `publish-<targetId>` again would be a no-op forever
 * and the target would sit SCHEDULED; removing the hash lets the dispatcher add it afresh.
 *
 * Only targets overdue by more than `staleAfterMs` are looked at, oldest first and at most
 * `limit` a tick: a healthy backlog costs a few state reads, and a stuck target, being the
 * oldest, is always among them.
 */
export async function freeLostJobIds<T extends Pick<DispatchItem, 'targetId' | 'dueAt'>>(
  queue: Queue,
  items: readonly T[],
  options: { now: number; staleAfterMs: number; limit: number },
): Promise<T[]> {
  const overdue = items
    .filter((item) => item.dueAt.getTime() < options.now - options.staleAfterMs)
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
    .slice(0, options.limit)
  const freed: T[] = []
  for (const item of overdue) {
    const jobId = publishJobId(item.targetId)
    // 'unknown': in no list; with the hash gone too this is a no-op and the re-add is harmless.
    if ((await queue.getJobState(jobId)) !== 'unknown') continue
    // 0: a worker holds its lock (it is running, its list entry lost): leave it to finish.
    if ((await queue.remove(jobId)) === 1) freed.push(item)
  }
  return freed
}
