import { createHash } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Database } from '../deps.js'
import { ApiError } from '../errors.js'

const KEY = /^[\x21-\x7e]{1,255}$/

/** Canonical JSON (sorted keys) so the same body in another key order is the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/**
 * Runs `work` once per `Idempotency-Key` (per workspace, for 24 hours): a repeat with the same
 * method, path and body gets the first answer again (header `Idempotent-Replayed: true`); the same
 * key with anything else is 422. Without the header `work` just runs. A failed request frees its key.
 */
export async function idempotent<T>(
  db: Database,
  workspaceId: string,
  request: FastifyRequest,
  reply: FastifyReply,
  work: () => Promise<{ status: number; body: T }>,
): Promise<T> {
  const key = request.headers['idempotency-key']
  if (key === undefined) {
    const { status, body } = await work()
    void reply.code(status)
    return body
  }
  if (typeof key !== 'string' || !KEY.test(key)) {
    throw new ApiError('VALIDATION_FAILED', {
      details: [
        { path: 'headers.idempotency-key', message: 'must be 1-255 visible ASCII characters' },
      ],
    })
  }
  const requestHash = createHash('sha256')
    .update(`${request.method} ${request.url.split('?')[0]}\n${canonical(request.body)}`)
    .digest('hex')
  const reserved = await db.idempotency.reserve({ workspaceId, key, requestHash })
  if (!reserved.reserved) {
    const { existing } = reserved
    if (existing.requestHash !== requestHash) throw new ApiError('IDEMPOTENCY_KEY_REUSED')
    if (existing.statusCode === 0) throw new ApiError('IDEMPOTENCY_IN_PROGRESS')
    void reply.code(existing.statusCode).header('idempotent-replayed', 'true')
    return existing.response as T
  }
  try {
    const { status, body } = await work()
    await db.idempotency.complete({ workspaceId, key, statusCode: status, response: body })
    void reply.code(status)
    return body
  } catch (error) {
    await db.idempotency.release({ workspaceId, key })
    throw error
  }
}
