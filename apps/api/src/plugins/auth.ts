import type { WorkspaceRole } from '@statex/db'
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify'
import fp from 'fastify-plugin'
import { roleAllows, SESSION_COOKIES, verifySessionToken, type Principal } from '../auth.js'
import type { AppDeps } from '../deps.js'
import { ApiError } from '../errors.js'

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null
    /** Set by `authenticateUser`: the dashboard session's user. */
    sessionUserId: string | null
  }
  interface FastifyInstance {
    /** A preHandler that lets through callers with at least `role` in their workspace. */
    authorize(role: WorkspaceRole): preHandlerAsyncHookHandler
    /** A preHandler for routes of a signed-in person before any workspace (accepting an invitation). */
    authenticateUser: preHandlerAsyncHookHandler
    /** Drops cached API key checks, so a revocation in this process takes effect at once. */
    forgetApiKeys(): void
  }
}

export interface AuthOptions extends Pick<AppDeps, 'db' | 'redis'> {
  nextauthSecret?: string
  /** Redis key prefix for the failed-sign-in counter. */
  prefix: string
  /** Failed authentications per IP per minute before 429; default 20. */
  maxFailuresPerMinute?: number
}

const KEY_CACHE_MS = 5_000
const KEY_CACHE_MAX = 10_000

/** The workspace a session caller acts in: `X-Statex-Workspace`, else their first. */
export const WORKSPACE_HEADER = 'x-statex-workspace'

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization
  if (typeof header === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
    if (match) return match[1]
  }
  const cookies = request.headers.cookie
  if (typeof cookies === 'string') {
    for (const part of cookies.split(';')) {
      const eq = part.indexOf('=')
      const name = part.slice(0, eq).trim()
      if (SESSION_COOKIES.includes(name)) return decodeURIComponent(part.slice(eq + 1).trim())
    }
  }
  return undefined
}

/**
 * Who is calling: an API key (`stx_…`, scoped to its workspace, with its role) or the dashboard's
 * next-auth session (the member's role in the chosen workspace). Failures are counted per IP in
 * Redis so key guessing is throttled; a caller past the limit gets 429 even with a good key.
 */
export const authPlugin = fp<AuthOptions>(async (app, options) => {
  const { db, redis } = options
  const maxFailures = options.maxFailuresPerMinute ?? 20
  app.decorateRequest('principal', null)
  app.decorateRequest('sessionUserId', null)

  // Verified keys are remembered briefly: a database read on every request would cost more than
  // most requests. Revoking through this process clears it; other API processes notice within
  // KEY_CACHE_MS.
  const keyCache = new Map<string, { principal: Principal; until: number }>()
  app.decorate('forgetApiKeys', () => keyCache.clear())

  async function apiKeyPrincipal(token: string): Promise<Principal | null> {
    const now = Date.now()
    const cached = keyCache.get(token)
    if (cached && cached.until > now) return cached.principal
    const key = await db.apiKeys.verifyApiKey(token)
    if (!key) {
      keyCache.delete(token)
      return null
    }
    const principal: Principal = {
      kind: 'api-key',
      workspaceId: key.workspaceId,
      role: key.role,
      apiKeyId: key.id,
      actor: `api-key:${key.id}`,
    }
    if (keyCache.size >= KEY_CACHE_MAX) keyCache.clear()
    keyCache.set(token, { principal, until: now + KEY_CACHE_MS })
    return principal
  }

  const failureKey = (ip: string) => `${options.prefix}:auth-failures:${ip}`

  async function tooManyFailures(ip: string): Promise<boolean> {
    try {
      const count = Number((await redis.get(failureKey(ip))) ?? 0)
      return count >= maxFailures
    } catch {
      // Redis down: sign-in still works; the global rate limit skips too.
      return false
    }
  }

  async function countFailure(ip: string): Promise<void> {
    try {
      await redis.multi().incr(failureKey(ip)).expire(failureKey(ip), 60).exec()
    } catch {
      // As above.
    }
  }

  async function resolve(request: FastifyRequest): Promise<Principal | null> {
    const token = bearer(request)
    if (!token) return null
    if (token.startsWith('stx_')) return apiKeyPrincipal(token)
    if (!options.nextauthSecret) return null
    const userId = await verifySessionToken(token, options.nextauthSecret)
    if (!userId) return null
    const wanted = request.headers[WORKSPACE_HEADER]
    const workspaces = await db.workspaces.listWorkspacesForUser(userId)
    const chosen =
      typeof wanted === 'string'
        ? workspaces.find((w) => w.id === wanted || w.slug === wanted)
        : workspaces[0]
    if (!chosen) {
      // A real session asking for a workspace it is not in: 404, as for any other foreign id.
      if (typeof wanted === 'string')
        throw new ApiError('NOT_FOUND', { message: `No workspace ${wanted} among yours.` })
      throw new ApiError('FORBIDDEN', { message: 'You are not a member of any workspace yet.' })
    }
    return {
      kind: 'session',
      workspaceId: chosen.id,
      role: chosen.role,
      userId,
      actor: `user:${userId}`,
    }
  }

  app.decorate('authenticateUser', async function authenticateUser(request: FastifyRequest) {
    if (await tooManyFailures(request.ip)) throw new ApiError('RATE_LIMITED')
    const token = bearer(request)
    const userId =
      token && !token.startsWith('stx_') && options.nextauthSecret
        ? await verifySessionToken(token, options.nextauthSecret)
        : null
    if (!userId) {
      if (token) await countFailure(request.ip)
      throw new ApiError('UNAUTHENTICATED', {
        message: 'Sign in to the dashboard first; API keys cannot do this.',
      })
    }
    request.sessionUserId = userId
  })

  app.decorate('authorize', (role: WorkspaceRole): preHandlerAsyncHookHandler => {
    return async function authorize(request: FastifyRequest, reply: FastifyReply) {
      // A key verified moments ago is not a guess: it skips the Redis look-up, and an integration
      // behind the same address as a guesser keeps working.
      const token = bearer(request)
      const known = token !== undefined && (keyCache.get(token)?.until ?? 0) > Date.now()
      if (!known && (await tooManyFailures(request.ip))) {
        void reply.header('retry-after', '60')
        throw new ApiError('RATE_LIMITED', {
          message: 'Too many failed sign-in attempts from this address; wait a minute.',
        })
      }
      const principal = await resolve(request)
      if (!principal) {
        if (bearer(request)) await countFailure(request.ip)
        throw new ApiError('UNAUTHENTICATED')
      }
      request.principal = principal
      if (!roleAllows(principal.role, role)) {
        throw new ApiError('FORBIDDEN', {
          message: `This needs the ${role} role; you are ${principal.role === 'owner' ? 'an' : 'a'} ${principal.role}.`,
        })
      }
    }
  })
})

/** The caller of a route behind `authorize`. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new ApiError('UNAUTHENTICATED')
  return request.principal
}
