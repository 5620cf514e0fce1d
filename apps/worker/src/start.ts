import { randomUUID } from 'node:crypto'
import * as Sentry from '@sentry/node'
import { DEFAULT_METRICS_SCHEDULE } from '@statex/core'
import { createDb, type Db } from '@statex/db'
import { buildProviderRegistry, type ProviderRegistry } from '@statex/providers'
import { quitRedis, type Logger } from '@statex/runtime'
import { Queue, type Job, type Processor, type Worker } from 'bullmq'
import { Redis } from 'ioredis'
import type { WorkerConfig } from './config.js'
import { aiChainFromSettings } from '@statex/ai'
import { createEngineProcessors, scheduleEngine, type EngineDeps } from './engine/engine.js'
import { DEFAULT_POLL_INTERVALS_MS } from './inbox/process-interactions.js'
import { EngineJobFailure } from './engine/failures.js'
import type { PublishEngineSettings } from './engine/publish-processor.js'
import { startHeartbeat, type Heartbeat } from './heartbeat.js'
import {
  closeQueues,
  createQueues,
  QUEUE_NAMES,
  WEBHOOK_DELIVERY_JOB_OPTIONS,
  WEBHOOK_DELIVERY_QUEUE,
  type QueueName,
  type Queues,
} from '@statex/jobs'
import { closeWorkers, startWorkers } from './workers.js'
import {
  startNotificationWorker,
  type NotificationWorker,
} from './notifications/notification-worker.js'

type Processors = Partial<Record<QueueName, Processor>>

export interface StartWorkerOptions {
  config: WorkerConfig
  log: Logger
  /** Default: the publishing engine's processors for every queue. */
  processors?: Processors | ((deps: EngineDeps) => Processors)
  /** Default: built from `config.platforms`. Tests and the chaos suite point providers at simulators. */
  providers?: ProviderRegistry
  /** Engine timings (timeouts, read-after-write delay); defaults in DEFAULT_ENGINE_SETTINGS. */
  engine?: Partial<PublishEngineSettings>
  /** Default 5 s. */
  heartbeatIntervalMs?: number
  /** BullMQ lock duration / stall check; default BullMQ's (30 s). */
  lockDurationMs?: number
  stalledIntervalMs?: number
  /** Wait before a retry that spends an attempt; default the error policy's backoff with jitter. */
  backoffMs?: (attemptsMade: number) => number
  /** Default true: install the dispatcher's and token check's job schedulers. */
  schedule?: boolean
}

export interface RunningWorker {
  readonly instanceId: string
  readonly providers: ProviderRegistry
  readonly db: Db
  readonly redis: Redis
  readonly queues: Queues
  readonly workers: Partial<Record<QueueName, Worker>>
  readonly heartbeat: Heartbeat
  /** Notification emails and the daily digest. */
  readonly notifications: NotificationWorker
  /** Lets active jobs finish, then closes workers, queues, heartbeat, database and Redis. */
  stop(): Promise<void>
}

/** What Sentry is told about a job that failed for good: queue, platform, account. */
export function failureTags(queue: QueueName, job: Job | undefined, error: Error) {
  const tags: Record<string, string> = { queue }
  if (error instanceof EngineJobFailure) {
    if (error.tags.platform) tags.platform = error.tags.platform
    if (error.tags.account) tags.account = error.tags.account
    if (error.tags.target) tags.target = error.tags.target
  } else {
    const data = (job?.data ?? {}) as Record<string, unknown>
    if (typeof data.accountId === 'string') tags.account = data.accountId
    if (typeof data.targetId === 'string') tags.target = data.targetId
  }
  return tags
}

/**
 * Connects and starts everything the worker process runs. Fails (and closes what it opened)
 * when Redis or PostgreSQL do not answer: a worker that cannot record outcomes must not take jobs.
 */
export async function startWorker(options: StartWorkerOptions): Promise<RunningWorker> {
  const { config, log } = options
  const opened: (() => Promise<unknown>)[] = []
  const closeAll = async () => {
    for (const close of opened.reverse())
      await close().catch((error: unknown) => log.warn({ err: error }, 'close failed'))
  }

  try {
    const providers = options.providers ?? buildProviderRegistry(config.platforms)
    log.info(
      { registered: Object.keys(providers.providers), skipped: providers.skipped },
      'platforms: %d registered, %d skipped',
      Object.keys(providers.providers).length,
      providers.skipped.length,
    )

    // BullMQ's blocking commands need maxRetriesPerRequest: null, or a reconnect fails them.
    const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null, lazyConnect: true })
    redis.on('error', (error) => log.warn({ err: error }, 'redis connection error'))
    opened.push(async () => redis.disconnect())
    await redis.connect()
    // Enough connections for every publish job in flight (each holds one per round trip) plus
    // the ticks, within what a shared PostgreSQL allows.
    const db = createDb({
      databaseUrl: config.databaseUrl,
      keyring: config.keyring,
      maxConnections: Math.min(40, config.concurrency + 5),
    })
    opened.push(() => db.close())
    await db.ping()

    const queues = createQueues({ connection: redis, prefix: config.queuePrefix })
    opened.push(() => closeQueues(queues))
    // Only added to here: the API process runs the delivery worker.
    const webhookQueue = new Queue(WEBHOOK_DELIVERY_QUEUE, {
      connection: redis,
      prefix: config.queuePrefix,
      defaultJobOptions: WEBHOOK_DELIVERY_JOB_OPTIONS,
    })
    opened.push(() => webhookQueue.close())
    const notifications = await startNotificationWorker({
      connection: redis,
      prefix: config.queuePrefix,
      db,
      settings: config.notifications,
      log,
      schedule: options.schedule ?? true,
    })
    opened.push(() => notifications.close())
    const stopping = new AbortController()
    const deps: EngineDeps = {
      db,
      redis,
      prefix: config.queuePrefix,
      queues,
      webhookQueue,
      notificationQueue: notifications.queue,
      providers: providers.providers,
      log,
      settings: {
        publishTimeoutMs: config.publishTimeoutMs,
        // Past the publish timeout with room for recording the outcome; after it, a claim's
        // worker is taken for dead.
        leaseMs: Math.round(config.publishTimeoutMs * 1.5) + 5_000,
        readAfterWriteDelayMs: config.reconcileDelayMs,
        ...options.engine,
      },
      platformConcurrency: config.platformConcurrency,
      chain: aiChainFromSettings(config.ai, log),
      pollIntervalsMs: {
        ...DEFAULT_POLL_INTERVALS_MS,
        // Telegram answers getUpdates with 409 while a webhook is set: poll only without one.
        ...(config.platforms.telegram.webhookSecret ? {} : { telegram: 60_000 }),
      },
      metrics: {
        schedule: { ...DEFAULT_METRICS_SCHEDULE, maxAgeMs: config.metricsMaxAgeMs },
        retentionMs: config.metricsRetentionMs,
        tickIntervalMs: config.metricsIntervalMs,
      },
      allowPrivateFeedUrls: config.allowPrivateUrls,
      stopping: stopping.signal,
    }
    log.info(
      { tiers: config.ai.tiers.map((t) => t.name), skipped: config.ai.skipped },
      'AI tiers: %s',
      config.ai.tiers.map((t) => t.name).join(', ') || 'none (triage by rules, no drafts)',
    )
    const processors =
      typeof options.processors === 'function'
        ? options.processors(deps)
        : (options.processors ?? createEngineProcessors(deps))
    const workers = startWorkers({
      connection: redis,
      prefix: config.queuePrefix,
      concurrency: config.concurrency,
      processors,
      lockDurationMs: options.lockDurationMs ?? config.jobLockMs,
      stalledIntervalMs: options.stalledIntervalMs ?? config.jobLockMs,
      ...(options.backoffMs ? { backoffMs: options.backoffMs } : {}),
      onError: (queue, error) => {
        log.error({ err: error, queue }, 'worker error')
        Sentry.captureException(error, { tags: { queue } })
      },
      onFailed: (queue, job, error) => {
        const tags = failureTags(queue, job, error)
        log.warn({ ...tags, err: error }, 'job failed: %s', error.message)
        Sentry.captureException(error, { tags })
      },
    })
    opened.push(() => closeWorkers(workers))
    let rescheduler: NodeJS.Timeout | undefined
    if ((options.schedule ?? true) && workers.dispatch) {
      const schedule = () =>
        scheduleEngine(queues, {
          dispatchIntervalMs: config.dispatchIntervalMs,
          metricsIntervalMs: config.metricsIntervalMs,
          feedsTickMs: config.feedsTickMs,
        })
      await schedule()
      // Again now and then: a Redis flush deletes the schedulers too, and the dispatcher is what
      // puts everything else back.
      rescheduler = setInterval(
        () =>
          void schedule().catch((error: unknown) => log.warn({ err: error }, 'reschedule failed')),
        Math.max(10_000, config.dispatchIntervalMs * 5),
      )
      rescheduler.unref()
      opened.push(async () => clearInterval(rescheduler))
    }
    const serving = QUEUE_NAMES.filter((name) => workers[name])
    const waiting = QUEUE_NAMES.filter((name) => !workers[name])
    log.info({ prefix: config.queuePrefix, serving, waiting }, 'queues ready')
    if (waiting.length > 0)
      log.warn(
        { queues: waiting },
        'no processors for %s: jobs added to them wait',
        waiting.join(', '),
      )

    const instanceId = randomUUID()
    const heartbeat = await startHeartbeat({
      redis,
      prefix: config.queuePrefix,
      instanceId,
      queues: serving,
      ...(options.heartbeatIntervalMs ? { intervalMs: options.heartbeatIntervalMs } : {}),
      onError: (error) => log.warn({ err: error }, 'heartbeat write failed'),
    })
    log.info({ key: heartbeat.key }, 'worker started')

    return {
      instanceId,
      providers,
      db,
      redis,
      queues,
      workers,
      heartbeat,
      notifications,
      async stop() {
        clearInterval(rescheduler)
        stopping.abort()
        // Workers first, so active jobs finish while Redis and PostgreSQL are still there.
        await closeWorkers(workers)
        await closeQueues(queues)
        await webhookQueue.close()
        await notifications.close()
        await heartbeat.stop()
        await Promise.allSettled([db.close(), quitRedis(redis)])
      },
    }
  } catch (error) {
    await closeAll()
    throw error
  }
}
