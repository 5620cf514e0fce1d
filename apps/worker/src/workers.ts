import { Worker, type ConnectionOptions, type Job, type Processor } from 'bullmq'
import { backoffDelayMs } from './error-policy.js'
import { QUEUE_NAMES, type QueueName } from '@statex/jobs'

export interface StartWorkersOptions {
  connection: ConnectionOptions
  prefix: string
  concurrency: number
  processors: Partial<Record<QueueName, Processor>>
  onError?: (queue: QueueName, error: Error) => void
  /** A job that failed for good (after its outcome was recorded). */
  onFailed?: (queue: QueueName, job: Job | undefined, error: Error) => void
  /** BullMQ lock and stall check; shorter in the chaos suite so killed jobs come back sooner. */
  lockDurationMs?: number
  stalledIntervalMs?: number
  /** Default `jitteredBackoff`; tests shorten it. */
  backoffMs?: (attemptsMade: number) => number
}

/** Queues that run one job at a time per process whatever the concurrency: ticks, not work. */
const SINGLE: ReadonlySet<QueueName> = new Set(['dispatch', 'refresh-tokens', 'poll-feeds'])

/**
 * ±20 % jitter around the error policy's backoff, so targets that failed together (a platform
 * outage) do not all come back in the same second.
 */
export function jitteredBackoff(attemptsMade: number, random: () => number = Math.random): number {
  const base = backoffDelayMs(Math.max(0, attemptsMade - 1))
  return Math.round(base * (0.8 + 0.4 * random()))
}

/** One BullMQ Worker per queue that has a processor; the others are left alone. */
export function startWorkers(options: StartWorkersOptions): Partial<Record<QueueName, Worker>> {
  const workers: Partial<Record<QueueName, Worker>> = {}
  for (const name of QUEUE_NAMES) {
    const processor = options.processors[name]
    if (!processor) continue
    const worker = new Worker(name, processor, {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: SINGLE.has(name) ? 1 : options.concurrency,
      // The error policy's backoff, so a `retry` decision and BullMQ agree on the wait.
      settings: {
        backoffStrategy:
          options.backoffMs ?? ((attemptsMade: number) => jitteredBackoff(attemptsMade)),
      },
      // A job whose worker died comes back; PostgreSQL's status decides what it then does, so
      // coming back more than once is harmless (the dispatcher would put it back anyway).
      maxStalledCount: 10,
      ...(options.lockDurationMs ? { lockDuration: options.lockDurationMs } : {}),
      ...(options.stalledIntervalMs ? { stalledInterval: options.stalledIntervalMs } : {}),
    })
    worker.on('error', (error) => options.onError?.(name, error))
    worker.on('failed', (job, error) => options.onFailed?.(name, job, error))
    workers[name] = worker
  }
  return workers
}

export async function closeWorkers(workers: Partial<Record<QueueName, Worker>>): Promise<void> {
  await Promise.all(Object.values(workers).map((worker) => worker.close()))
}
