import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { AppDeps } from '../deps.js'

export type CheckResult = 'ok' | 'failed' | 'timeout'

export interface HealthOptions extends AppDeps {
  /** How long each dependency may take to answer before it counts as down. */
  checkTimeoutMs: number
  /** The workers' QUEUE_PREFIX, where their heartbeats are. Default `statex`. */
  queuePrefix?: string
}

/** A SCHEDULED target this late counts as overdue (the dispatcher ticks every few seconds). */
const OVERDUE_AFTER_MS = 60_000

/**
 * Whether a worker beats (its heartbeat keys expire 15 s after the last beat) and how many due
 * targets wait past their time: informational, so a stopped worker does not take the API down.
 */
async function publishingStatus(db: AppDeps['db'], redis: AppDeps['redis'], prefix: string) {
  const keys: string[] = []
  let cursor = '0'
  do {
    const [next, found] = await redis.scan(
      cursor,
      'MATCH',
      `${prefix}:worker:heartbeat:*`,
      'COUNT',
      100,
    )
    keys.push(...found)
    cursor = next
  } while (cursor !== '0')
  const beats = keys.length ? await redis.mget(...keys) : []
  const times = beats.flatMap((beat) => {
    try {
      const at = Date.parse((JSON.parse(beat ?? '') as { at?: string }).at ?? '')
      return Number.isNaN(at) ? [] : [at]
    } catch {
      return []
    }
  })
  const lastBeatAt = times.length ? new Date(Math.max(...times)).toISOString() : null
  return {
    workers: times.length,
    heartbeat: times.length > 0 ? ('fresh' as const) : ('none' as const),
    lastBeatAt,
    overdueTargets: await db.engine.countOverdueTargets({ graceMs: OVERDUE_AFTER_MS }),
  }
}

class CheckTimeout extends Error {}

const messageOf = (error: unknown) =>
  error instanceof Error ? error.message : error === undefined ? undefined : String(error)

async function check(
  run: () => Promise<unknown>,
  timeoutMs: number,
): Promise<{ result: CheckResult; error?: unknown }> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeout()), timeoutMs)
  })
  try {
    await Promise.race([run(), timeout])
    return { result: 'ok' }
  } catch (error) {
    return error instanceof CheckTimeout ? { result: 'timeout' } : { result: 'failed', error }
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Liveness and readiness in one: 200 when PostgreSQL and Redis answer, 503 naming the check that
 * did not. The reason stays in the log; the answer only says which dependency, never why (a
 * driver's message may carry a host or user name).
 */
export const healthRoutes: FastifyPluginAsync<HealthOptions> = async (
  app,
  { db, redis, providers, checkTimeoutMs, queuePrefix = 'statex' },
) => {
  const platforms = {
    registered: Object.keys(providers.providers),
    skipped: providers.skipped,
  }

  // Liveness: the process answers. Never depends on PostgreSQL or Redis, so an orchestrator does
  // not restart a healthy API while a dependency is down, nor on load: under-pressure's 503 is
  // for work an overloaded API should shed, and a busy process is alive, not one to restart.
  app.get('/health/live', { config: { pressureHandler: () => undefined } }, async () => ({
    status: 'ok',
  }))

  // Readiness (and the historical /health): both dependencies answer.
  const ready = async (request: FastifyRequest, reply: FastifyReply) => {
    const [database, cache] = await Promise.all([
      check(() => db.ping(), checkTimeoutMs),
      check(() => redis.ping(), checkTimeoutMs),
    ])
    const checks = { database: database.result, redis: cache.result }
    const ok = database.result === 'ok' && cache.result === 'ok'
    if (!ok) {
      request.log.warn(
        { checks, databaseError: messageOf(database.error), redisError: messageOf(cache.error) },
        'health check failed',
      )
    }
    const publishing = ok
      ? await publishingStatus(db, redis, queuePrefix).catch((error: unknown) => {
          request.log.warn({ error: messageOf(error) }, 'publishing status unavailable')
          return null
        })
      : null
    return reply
      .code(ok ? 200 : 503)
      .send({ status: ok ? 'ok' : 'unavailable', checks, platforms, publishing })
  }
  app.get('/health', ready)
  app.get('/health/ready', ready)
}
