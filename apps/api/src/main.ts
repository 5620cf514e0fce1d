import * as Sentry from '@sentry/node'
import { createDb } from '@statex/db'
import { buildProviderRegistry, ConfigError } from '@statex/providers'
import { Redis } from 'ioredis'
import { buildApp } from './app.js'
import { loadConfig, type ApiConfig } from './config.js'

function readConfig(): ApiConfig {
  try {
    return loadConfig(process.env)
  } catch (error) {
    if (error instanceof ConfigError) {
      // A person fixes configuration; a stack trace would only hide the list.
      console.error(error.message)
      process.exit(1)
    }
    throw error
  }
}

const SHUTDOWN_LIMIT_MS = 10_000

async function main(): Promise<void> {
  const config = readConfig()
  if (config.sentryDsn) Sentry.init({ dsn: config.sentryDsn, tracesSampleRate: 0 })

  const providers = buildProviderRegistry(config.platforms)
  const db = createDb({ databaseUrl: config.databaseUrl, keyring: config.keyring })
  // No offline queue: a health check must fail at once while Redis is down, not wait for it.
  const redis = new Redis(config.redisUrl, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 })
  redis.on('error', () => {
    // ioredis reconnects by itself; GET /health reports the outage and logs its reason.
  })
  await redis.connect()
  // The first query opens the pool (~0.3 s here); paying it now keeps it out of the first health
  // check. A database that is down is reported by GET /health rather than stopping the API.
  await db.ping().catch((error: unknown) => {
    console.error('PostgreSQL did not answer at start-up:', error instanceof Error ? error.message : error)
  })

  const app = await buildApp({ config, db, redis, providers })
  app.log.info(
    { registered: Object.keys(providers.providers), skipped: providers.skipped },
    'platforms: %d registered, %d skipped',
    Object.keys(providers.providers).length,
    providers.skipped.length,
  )

  let closing = false
  const shutdown = async (signal: NodeJS.Signals) => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down')
    const force = setTimeout(() => {
      app.log.error('shutdown took longer than %d ms; exiting', SHUTDOWN_LIMIT_MS)
      process.exit(1)
    }, SHUTDOWN_LIMIT_MS)
    force.unref()
    try {
      await app.close()
      await Promise.allSettled([db.close(), redis.quit()])
      await Sentry.close(2000)
      process.exit(0)
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed')
      process.exit(1)
    }
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)

  await app.listen({ port: config.port, host: config.host })
}

main().catch((error: unknown) => {
  console.error('The API failed to start:', error instanceof Error ? error.message : error)
  Sentry.captureException(error)
  process.exitCode = 1
  void Sentry.close(2000).finally(() => process.exit(1))
})
