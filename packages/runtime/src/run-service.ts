import * as Sentry from '@sentry/node'
import { ConfigError } from '@statex/providers'
import { scrubForSentry } from './sentry-scrub.js'
import type { BaseLogger } from 'pino'

/** What shutdown writes to; a pino logger or Fastify's `app.log`. */
export type ServiceLog = Pick<BaseLogger, 'info' | 'error'>

export interface RunningService {
  readonly log: ServiceLog
  /** Finishes in-flight work and closes connections; the process exits after it. */
  stop(): Promise<void>
}

export interface ServiceDefinition<C extends { readonly sentryDsn?: string }> {
  /** As printed when start-up fails: "The <name> failed to start: …". */
  name: string
  /** Reads the environment; a `ConfigError` it throws is printed as a list, without a stack trace. */
  loadConfig(env: Record<string, string | undefined>): C
  start(config: C): Promise<RunningService>
  /** After SIGINT/SIGTERM, the process exits with 1 when `stop()` has not finished by then. */
  shutdownLimitMs: number
}

/** The parts of `process` a service touches; tests pass their own. */
export interface ServiceHost {
  readonly env: Record<string, string | undefined>
  exit(code: number): void
  once(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown
  printError(message: string): void
}

const processHost: ServiceHost = {
  env: process.env,
  exit: (code) => process.exit(code),
  once: (signal, listener) => process.once(signal, listener),
  printError: (message) => console.error(message),
}

const SENTRY_FLUSH_MS = 2000

/**
 * The life of a service process, from `main.ts`: reads the configuration (a `ConfigError` is
 * printed and exits 1), starts Sentry when `sentryDsn` is set, starts the service, and on the
 * first SIGINT/SIGTERM stops it and exits 0, or 1 when stopping fails or outlasts
 * `shutdownLimitMs`. A start-up failure is printed, sent to Sentry and exits 1.
 */
export async function runService<C extends { readonly sentryDsn?: string }>(
  definition: ServiceDefinition<C>,
  host: ServiceHost = processHost,
): Promise<void> {
  try {
    let config: C
    try {
      config = definition.loadConfig(host.env)
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error
      // A person fixes configuration; a stack trace would only hide the list.
      host.printError(error.message)
      return host.exit(1)
    }
    if (config.sentryDsn) {
      Sentry.init({
        dsn: config.sentryDsn,
        tracesSampleRate: 0,
        beforeSend: (event) => scrubForSentry(event),
        beforeBreadcrumb: (breadcrumb) => scrubForSentry(breadcrumb),
      })
    }
    const running = await definition.start(config)
    const shutdown = stopOnce(running, definition.shutdownLimitMs, host)
    host.once('SIGINT', shutdown)
    host.once('SIGTERM', shutdown)
  } catch (error) {
    host.printError(
      `The ${definition.name} failed to start: ${error instanceof Error ? error.message : String(error)}`,
    )
    Sentry.captureException(error)
    await Sentry.close(SENTRY_FLUSH_MS).catch(() => false)
    host.exit(1)
  }
}

function stopOnce(
  { log, stop }: RunningService,
  limitMs: number,
  host: ServiceHost,
): (signal: NodeJS.Signals) => void {
  let closing = false
  return (signal) => {
    if (closing) return
    closing = true
    log.info({ signal }, 'shutting down')
    const force = setTimeout(() => {
      log.error('shutdown took longer than %d ms; exiting', limitMs)
      host.exit(1)
    }, limitMs)
    force.unref()
    stop()
      .then(async () => {
        await Sentry.close(SENTRY_FLUSH_MS)
        log.info('stopped')
        return 0
      })
      .catch((error: unknown) => {
        log.error({ err: error }, 'shutdown failed')
        return 1
      })
      .then((code) => {
        clearTimeout(force)
        host.exit(code)
      })
  }
}
