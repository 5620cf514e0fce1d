import { createDb, type Db } from '@statex/db'
import { aiChainFromSettings } from '@statex/ai'
import { buildProviderRegistry, type ProviderRegistry } from '@statex/providers'
import {
  NOTIFICATION_EMAIL_JOB_OPTIONS,
  NOTIFICATION_EMAIL_QUEUE,
  closeQueues,
  createQueues,
} from '@statex/jobs'
import { Queue } from 'bullmq'
import { quitRedis } from '@statex/runtime'
import type { FastifyInstance } from 'fastify'
import { Redis } from 'ioredis'
import { buildApp } from './app.js'
import { startWebhookDeliveries } from './services/webhook-delivery.js'
import type { ApiConfig } from './config.js'

export interface StartApiOptions {
  config: ApiConfig
  logStream?: NodeJS.WritableStream
}

export interface RunningApi {
  readonly app: FastifyInstance
  /** e.g. `http://127.0.0.1:4000`. */
  readonly url: string
  readonly providers: ProviderRegistry
  /** Stops accepting requests, lets those in flight finish, then closes PostgreSQL and Redis. */
  stop(): Promise<void>
}

/**
 * Connects, builds and listens. Unlike the worker, the API starts while PostgreSQL or Redis are
 * down: `GET /health` then answers 503 naming the dependency, which is what an orchestrator reads.
 */
export async function startApi({ config, logStream }: StartApiOptions): Promise<RunningApi> {
  const providers = buildProviderRegistry(config.platforms)
  const db: Db = createDb({ databaseUrl: config.databaseUrl, keyring: config.keyring })
  // No offline queue: a health check must fail at once while Redis is down, not wait for it.
  const redis = new Redis(config.redisUrl, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
  })
  redis.on('error', () => {
    // ioredis reconnects by itself; GET /health reports the outage and logs its reason.
  })

  // BullMQ wants its own connection that waits for Redis rather than failing fast.
  const queueRedis = new Redis(config.redisUrl, { maxRetriesPerRequest: null, lazyConnect: true })
  queueRedis.on('error', () => {
    // As above: reconnects by itself; adding a job fails and the dispatcher's scan covers it.
  })
  const queues = createQueues({ connection: queueRedis, prefix: config.queuePrefix })
  const deliveries = startWebhookDeliveries({
    connection: queueRedis,
    prefix: config.queuePrefix,
    db,
    ...(config.allowPrivateUrls ? { allowPrivate: true } : {}),
  })
  // Only added to here: the worker sends notification emails.
  const notificationQueue = new Queue(NOTIFICATION_EMAIL_QUEUE, {
    connection: queueRedis,
    prefix: config.queuePrefix,
    defaultJobOptions: NOTIFICATION_EMAIL_JOB_OPTIONS,
  })
  const closeAll = () =>
    Promise.allSettled([
      db.close(),
      quitRedis(redis),
      Promise.all([closeQueues(queues), deliveries.close(), notificationQueue.close()]).then(() =>
        quitRedis(queueRedis),
      ),
    ])

  // The chain logs through the app's logger, which exists only once the app is built.
  const built: { app?: FastifyInstance } = {}
  const aiLog = {
    info: (fields: Record<string, unknown>, message: string) =>
      built.app?.log.info(fields, message),
    warn: (fields: Record<string, unknown>, message: string) =>
      built.app?.log.warn(fields, message),
  }
  const app = await buildApp({
    config,
    db,
    redis,
    providers,
    queues,
    webhookQueue: deliveries.queue,
    notificationQueue,
    chain: aiChainFromSettings(config.ai, aiLog),
    ...(logStream ? { logStream } : {}),
  })
  built.app = app
  app.log.info(
    { tiers: config.ai.tiers.map((t) => t.name), skipped: config.ai.skipped },
    'AI tiers for drafts on demand and assist: %s',
    config.ai.tiers.map((t) => t.name).join(', ') || 'none',
  )
  app.log.info(
    { registered: Object.keys(providers.providers), skipped: providers.skipped },
    'platforms: %d registered, %d skipped',
    Object.keys(providers.providers).length,
    providers.skipped.length,
  )
  await redis
    .connect()
    .catch((error: unknown) => app.log.error({ err: error }, 'Redis did not answer at start-up'))
  // The first query opens the pool; paying it now keeps it out of the first health check.
  await db
    .ping()
    .catch((error: unknown) =>
      app.log.error({ err: error }, 'PostgreSQL did not answer at start-up'),
    )

  try {
    const url = await app.listen({ port: config.port, host: config.host })
    return {
      app,
      url,
      providers,
      async stop() {
        await app.close()
        await closeAll()
      },
    }
  } catch (error) {
    await app.close()
    await closeAll()
    throw error
  }
}
