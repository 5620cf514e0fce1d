import * as Sentry from '@sentry/node'
import { ConfigError } from '@statex/providers'
import { loadConfig, type ApiConfig } from './config.js'
import { startApi } from './start.js'

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
  const api = await startApi({ config })

  let closing = false
  const shutdown = async (signal: NodeJS.Signals) => {
    if (closing) return
    closing = true
    api.app.log.info({ signal }, 'shutting down')
    const force = setTimeout(() => {
      api.app.log.error('shutdown took longer than %d ms; exiting', SHUTDOWN_LIMIT_MS)
      process.exit(1)
    }, SHUTDOWN_LIMIT_MS)
    force.unref()
    try {
      await api.stop()
      await Sentry.close(2000)
      process.exit(0)
    } catch (error) {
      api.app.log.error({ err: error }, 'shutdown failed')
      process.exit(1)
    }
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
}

main().catch((error: unknown) => {
  console.error('The API failed to start:', error instanceof Error ? error.message : error)
  Sentry.captureException(error)
  void Sentry.close(2000).finally(() => process.exit(1))
})
