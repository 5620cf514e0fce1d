import { Queue, type ConnectionOptions, type DefaultJobOptions } from 'bullmq'

/**
 * Every queue the worker serves, by the name BullMQ stores it under.
 * - `publish`: one job per post target at its scheduled time.
 * - `sync-metrics`: pull per-post metrics from platforms that give them.
 * - `process-interactions`: store comments and messages from webhooks and polling.
 * - `auto-respond`: draft or send AI replies to stored interactions.
 * - `dispatch`: the dispatcher's tick (a job scheduler): puts due targets into `publish`.
 * - `refresh-tokens`: refreshes tokens ahead of expiry, flags accounts whose authorization lapses.
 * - `poll-feeds`: a tick that polls the RSS/Atom feeds that are due and posts their new items.
 */
export const QUEUE_NAMES = [
  'publish',
  'sync-metrics',
  'process-interactions',
  'auto-respond',
  'dispatch',
  'refresh-tokens',
  'poll-feeds',
] as const
export type QueueName = (typeof QUEUE_NAMES)[number]

export interface QueueOptions {
  /** BullMQ connection; a shared ioredis client must have `maxRetriesPerRequest: null`. */
  connection: ConnectionOptions
  /** Key prefix, e.g. `statex`; each test file uses its own. */
  prefix: string
  /** Default `DEFAULT_JOB_OPTIONS`. */
  defaultJobOptions?: DefaultJobOptions
}

export type Queues = Readonly<Record<QueueName, Queue>>

/**
 * Applied to every job unless the producer says otherwise. `backoff.type` names the workers'
 * custom strategy (the error policy's `backoffDelayMs`); rate-limit delays spend no attempt.
 */
export const DEFAULT_JOB_OPTIONS = Object.freeze({
  attempts: 5,
  backoff: { type: 'error-policy' },
  removeOnComplete: { count: 1_000 },
  removeOnFail: { count: 5_000 },
} satisfies DefaultJobOptions)

/** One BullMQ `Queue` per name, all under `prefix`. Close them with `closeQueues`. */
export function createQueues({
  connection,
  prefix,
  defaultJobOptions = DEFAULT_JOB_OPTIONS,
}: QueueOptions): Queues {
  const entries = QUEUE_NAMES.map(
    (name) => [name, new Queue(name, { connection, prefix, defaultJobOptions })] as const,
  )
  return Object.freeze(Object.fromEntries(entries) as Record<QueueName, Queue>)
}

export async function closeQueues(queues: Queues): Promise<void> {
  await Promise.all(Object.values(queues).map((queue) => queue.close()))
}

/**
 * Options of every `publish` job. Removed as soon as it completes or fails: PostgreSQL keeps the
 * attempts and outcomes, and a removed job frees its id, so a target a person retries later gets
 * a fresh `publish-<targetId>` job. While a job lives, its id keeps a second one from being added.
 */
export const PUBLISH_JOB_OPTIONS = Object.freeze({
  ...DEFAULT_JOB_OPTIONS,
  removeOnComplete: true,
  removeOnFail: true,
} satisfies DefaultJobOptions)
