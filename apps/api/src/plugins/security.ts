import cors from '@fastify/cors'
import helmet from '@fastify/helmet'
import rateLimit from '@fastify/rate-limit'
import underPressure from '@fastify/under-pressure'
import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Redis } from 'ioredis'
import { ApiError } from '../errors.js'

export interface SecurityOptions {
  corsOrigins: readonly string[]
  redis: Redis
  /** Requests per minute per API key, or per IP without one. */
  rateLimitPerMinute: number
  prefix: string
}

/** Per credential when one is sent (hashed: the key never reaches Redis), else per address. */
function rateLimitKey(request: FastifyRequest): string {
  const auth = request.headers.authorization
  if (typeof auth === 'string' && auth.length > 7) {
    return `key:${createHash('sha256').update(auth).digest('base64url').slice(0, 22)}`
  }
  return `ip:${request.ip}`
}

/**
 * Headers, CORS, load shedding and rate limits, on the root instance so every route has them.
 * The rate limit lives in Redis so several API processes share it; when Redis is down requests
 * pass (skipOnError) rather than the whole API failing with it.
 */
export async function registerSecurity(app: FastifyInstance, options: SecurityOptions) {
  await app.register(helmet, {
    // The docs UI at /docs needs its inline styles and scripts; everything else is JSON.
    contentSecurityPolicy: false,
  })
  await app.register(cors, {
    origin: [...options.corsOrigins],
    credentials: true,
    exposedHeaders: ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'retry-after'],
  })
  await app.register(underPressure, {
    maxEventLoopDelay: 1000,
    retryAfter: 10,
    exposeStatusRoute: false,
    customError: class extends ApiError {
      constructor() {
        super('SERVICE_UNAVAILABLE', { message: 'The API is overloaded; retry shortly.' })
      }
    } as never,
  })
  await app.register(rateLimit, {
    global: true,
    max: options.rateLimitPerMinute,
    timeWindow: 60_000,
    redis: options.redis,
    nameSpace: `${options.prefix}:rate-limit:`,
    skipOnError: true,
    // IETF draft RateLimit-Limit / -Remaining / -Reset headers.
    enableDraftSpec: true,
    keyGenerator: rateLimitKey,
    allowList: (request) => request.url.startsWith('/health'),
    errorResponseBuilder: (_request, context) =>
      new ApiError('RATE_LIMITED', {
        message: `Rate limit of ${context.max} requests per minute reached; retry in ${Math.ceil(context.ttl / 1000)} s.`,
      }),
  })
}
