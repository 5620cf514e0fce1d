import { randomUUID } from 'node:crypto'
import * as Sentry from '@sentry/node'
import { createDb, type Db } from '@statex/db'
import { buildProviderRegistry, type ProviderRegistry } from '@statex/providers'
import { quitRedis, type Logger } from '@statex/runtime'
import type { Processor, Worker } from 'bullmq'
import { Redis } from 'ioredis'
import type { WorkerConfig } from './config.js'
import { startHeartbeat, type Heartbeat } from './heartbeat.js'
import { PROCESSORS } from './processors.js'
import { closeQueues, createQueues, QUEUE_NAMES, type QueueName, type Queues } from '@statex/jobs'
import { closeWorkers, startWorkers } from './workers.js'

export interface StartWorkerOptions {
  config: WorkerConfig
  log: Logger
  /** Default `PROCESSORS` (none yet). */
  processors?: Partial<Record<QueueName, Processor>>
  /** Default 5 s. */
  heartbeatIntervalMs?: number
}

export interface RunningWorker {
  readonly instanceId: string
  readonly providers: ProviderRegistry
  readonly db: Db
  readonly redis: Redis
  readonly queues: Queues
  readonly workers: Partial<Record<QueueName, Worker>>
  readonly heartbeat: Heartbeat
  /** Lets active jobs finish, then closes workers, queues, heartbeat, database and Redis. */
  stop(): Promise<void>
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
    const providers = buildProviderRegistry(config.platforms)
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
    const db = createDb({ databaseUrl: config.databaseUrl, keyring: config.keyring })
    opened.push(() => db.close())
    await db.ping()

    const queues = createQueues({ connection: redis, prefix: config.queuePrefix })
    opened.push(() => closeQueues(queues))
    const workers = startWorkers({
      connection: redis,
      prefix: config.queuePrefix,
      concurrency: config.concurrency,
      processors: options.processors ?? PROCESSORS,
      onError: (queue, error) => {
        log.error({ err: error, queue }, 'worker error')
        Sentry.captureException(error, { tags: { queue } })
      },
    })
    opened.push(() => closeWorkers(workers))
    const serving = QUEUE_NAMES.filter((name) => workers[name])
    const waiting = QUEUE_NAMES.filter((name) => !workers[name])
    log.info({ prefix: config.queuePrefix, serving, waiting }, 'queues ready')
    if (waiting.length > 0) {
      log.warn(
        { queues: waiting },
        'no processors yet for %s: jobs added to them wait; publishing processors arrive with the publishing-engine issue',
        waiting.join(', '),
      )
    }

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
      async stop() {
        // Workers first, so active jobs finish while Redis and PostgreSQL are still there.
        await closeWorkers(workers)
        await closeQueues(queues)
        await heartbeat.stop()
        await Promise.allSettled([db.close(), quitRedis(redis)])
      },
    }
  } catch (error) {
    await closeAll()
    throw error
  }
}
