import { randomUUID } from 'node:crypto'
import * as Sentry from '@sentry/node'
import { createDb } from '@statex/db'
import { buildProviderRegistry, ConfigError } from '@statex/providers'
import { Redis } from 'ioredis'
import { loadConfig, type WorkerConfig } from './config.js'
import { startHeartbeat } from './heartbeat.js'
import { createLogger } from './logger.js'
import { PROCESSORS } from './processors.js'
import { closeQueues, createQueues, QUEUE_NAMES, type QueueName } from './queues.js'
import { closeWorkers, startWorkers } from './workers.js'

function readConfig(): WorkerConfig {
  try {
    return loadConfig(process.env)
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message)
      process.exit(1)
    }
    throw error
  }
}

const SHUTDOWN_LIMIT_MS = 30_000

async function main(): Promise<void> {
  const config = readConfig()
  const log = createLogger(config.logLevel)
  if (config.sentryDsn) Sentry.init({ dsn: config.sentryDsn, tracesSampleRate: 0 })

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
  await redis.connect()
  const db = createDb({ databaseUrl: config.databaseUrl, keyring: config.keyring })
  await db.ping()

  const queues = createQueues({ connection: redis, prefix: config.queuePrefix })
  const workers = startWorkers({
    connection: redis,
    prefix: config.queuePrefix,
    concurrency: config.concurrency,
    processors: PROCESSORS,
    onError: (queue, error) => {
      log.error({ err: error, queue }, 'worker error')
      Sentry.captureException(error, { tags: { queue } })
    },
  })
  const serving = Object.keys(workers) as QueueName[]
  const waiting = QUEUE_NAMES.filter((name) => !serving.includes(name))
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
    onError: (error) => log.warn({ err: error }, 'heartbeat write failed'),
  })
  log.info({ key: heartbeat.key }, 'worker started')

  let closing = false
  const shutdown = async (signal: NodeJS.Signals) => {
    if (closing) return
    closing = true
    log.info({ signal }, 'shutting down: finishing active jobs')
    const force = setTimeout(() => {
      log.error('shutdown took longer than %d ms; exiting', SHUTDOWN_LIMIT_MS)
      process.exit(1)
    }, SHUTDOWN_LIMIT_MS)
    force.unref()
    try {
      await closeWorkers(workers)
      await closeQueues(queues)
      await heartbeat.stop()
      await Promise.allSettled([db.close(), redis.quit()])
      await Sentry.close(2000)
      log.info('stopped')
      process.exit(0)
    } catch (error) {
      log.error({ err: error }, 'shutdown failed')
      process.exit(1)
    }
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
}

main().catch((error: unknown) => {
  console.error('The worker failed to start:', error instanceof Error ? error.message : error)
  Sentry.captureException(error)
  void Sentry.close(2000).finally(() => process.exit(1))
})
