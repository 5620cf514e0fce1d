import * as Sentry from '@sentry/node'
import { ConfigError } from '@statex/providers'
import { loadConfig, type WorkerConfig } from './config.js'
import { createLogger } from './logger.js'
import { startWorker } from './start.js'

function readConfig(): WorkerConfig {
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

/** Longer than the API's: active jobs (a video upload) get time to finish. */
const SHUTDOWN_LIMIT_MS = 30_000

async function main(): Promise<void> {
  const config = readConfig()
  const log = createLogger(config.logLevel)
  if (config.sentryDsn) Sentry.init({ dsn: config.sentryDsn, tracesSampleRate: 0 })
  const worker = await startWorker({ config, log })

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
      await worker.stop()
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
