import Fastify, { type FastifyInstance } from 'fastify'
import { randomUUID } from 'node:crypto'
import type { ApiConfig } from './config.js'
import type { AppDeps } from './deps.js'
import { loggerOptions } from './logger.js'
import { installErrorHandler } from './plugins/error-handler.js'
import { healthRoutes } from './routes/health.js'
import { platformRoutes } from './routes/platforms.js'

export interface BuildAppOptions extends AppDeps {
  config: Pick<ApiConfig, 'logLevel'>
  /** Where log lines go; stdout by default. Tests pass a stream to read them. */
  logStream?: NodeJS.WritableStream
  /** Per-dependency limit for `GET /health`; default 2000 ms. */
  healthCheckTimeoutMs?: number
  /** The workers' QUEUE_PREFIX, for the heartbeat in `GET /health`; default `statex`. */
  queuePrefix?: string
}

/**
 * Builds the API without listening, so tests drive it with `app.inject()`. Connections are
 * passed in and owned by the caller: closing the app does not close them.
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, db, redis, providers } = options
  const app = Fastify({
    logger: loggerOptions(config.logLevel, options.logStream),
    genReqId: () => randomUUID(),
    // Report every schema problem at once, not the first.
    ajv: { customOptions: { allErrors: true } },
  })

  installErrorHandler(app)
  await app.register(healthRoutes, {
    db,
    redis,
    providers,
    checkTimeoutMs: options.healthCheckTimeoutMs ?? 2000,
    ...(options.queuePrefix ? { queuePrefix: options.queuePrefix } : {}),
  })
  await app.register(platformRoutes, { providers })
  return app
}
