import type { AiTierName } from './types.js'

/**
 * - `timeout`: the tier took longer than its timeout;
 * - `rate_limited`: 429, `retryAfterMs` when the server said;
 * - `auth`: the key or deployment was refused (401/403);
 * - `unavailable`: the server could not be reached or failed (5xx, connection refused);
 * - `bad_request`: the request was refused as malformed or the model is unknown (400/404);
 * - `refused`: the model declined to answer;
 * - `unusable`: an answer the caller cannot use (empty, over the limit after a shortening try).
 */
export type AiErrorKind =
  'timeout' | 'rate_limited' | 'auth' | 'unavailable' | 'bad_request' | 'refused' | 'unusable'

/** A tier's failure; the message is the server's, never the prompt or a key. */
export class AiError extends Error {
  override readonly name = 'AiError'
  readonly kind: AiErrorKind
  readonly tier: AiTierName
  readonly status: number | undefined
  readonly retryAfterMs: number | undefined
  constructor(init: {
    kind: AiErrorKind
    tier: AiTierName
    message: string
    status?: number
    retryAfterMs?: number
    cause?: unknown
  }) {
    super(init.message, { cause: init.cause })
    this.kind = init.kind
    this.tier = init.tier
    this.status = init.status
    this.retryAfterMs = init.retryAfterMs
  }

  toJSON() {
    return {
      name: this.name,
      kind: this.kind,
      tier: this.tier,
      status: this.status,
      retryAfterMs: this.retryAfterMs,
      message: this.message,
    }
  }
}

/** Every tier failed or was cooling down; `attempts` says what each did. */
export class AllTiersFailedError extends Error {
  override readonly name = 'AllTiersFailedError'
  constructor(
    readonly attempts: readonly { tier: AiTierName; error?: AiError; skipped?: 'cooling_down' }[],
  ) {
    super(
      attempts.length === 0
        ? 'No AI tier is configured.'
        : `No AI tier answered: ${attempts
            .map((a) => `${a.tier} ${a.skipped ?? `${a.error?.kind}: ${a.error?.message}`}`)
            .join('; ')}`,
    )
  }
}

/** Reads `retry-after` (seconds or an HTTP date) and Azure's `retry-after-ms`. */
export function retryAfterMsOf(
  headers: { get(name: string): string | null } | undefined,
  now = Date.now(),
): number | undefined {
  if (!headers) return undefined
  const ms = headers.get('retry-after-ms')
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms))
  const value = headers.get('retry-after')
  if (!value) return undefined
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000)
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

/** The kind an HTTP status means. */
export function kindOfStatus(status: number): AiErrorKind {
  if (status === 429) return 'rate_limited'
  if (status === 401 || status === 403) return 'auth'
  if (status === 400 || status === 404 || status === 422) return 'bad_request'
  return 'unavailable'
}
