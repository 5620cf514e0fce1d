import type { Platform } from './platform.js'
import type { PublishCheckpoint } from './results.js'
import { redactSecrets } from './redact.js'

/**
 * The closed set of failures the worker decides on.
 * - `rate_limited`: wait `retryAfterMs`, then try again without spending an attempt.
 * - `auth_expired`: refresh the token once, then try again.
 * - `auth_revoked`: the account must be reconnected by a person.
 * - `transient`: the platform or the network failed; back off and try again if `outcome` is `not_sent`.
 * - `invalid_request`: the platform rejected the content; shown to the user, never retried.
 * - `not_found`: the post, message or account no longer exists.
 */
export type ProviderErrorKind =
  'rate_limited' | 'auth_expired' | 'auth_revoked' | 'transient' | 'invalid_request' | 'not_found'

export const PROVIDER_ERROR_KINDS = [
  'rate_limited',
  'auth_expired',
  'auth_revoked',
  'transient',
  'invalid_request',
  'not_found',
] as const satisfies readonly ProviderErrorKind[]

/**
 * Whether the request may have reached the platform and taken effect.
 * `not_sent`: certainly not (no connection, or the platform answered with an error).
 * `unknown`: it may have (the connection dropped or timed out after the request was written).
 */
export type RequestOutcome = 'not_sent' | 'unknown'

export interface ProviderErrorInit {
  kind: ProviderErrorKind
  platform: Platform
  message: string
  outcome?: RequestOutcome
  /** HTTP status of the platform's answer, if there was one. */
  status?: number
  /** The platform's own error code (e.g. Graph `code` 190, X `88`, Telegram `error_code`). */
  platformCode?: string | number
  platformSubcode?: string | number
  /** The platform's own message, verbatim (already free of tokens). */
  platformMessage?: string
  retryAfterMs?: number
  /** What reached the platform before the failure (a thread's first parts, delivered recipients). */
  progress?: PublishCheckpoint
  cause?: unknown
  request?: unknown
  response?: unknown
  /** Exact secret values to scrub from every message, in addition to the known token shapes. */
  secrets?: readonly string[]
}

/**
 * The one error every adapter throws. It carries what the caller needs to decide (kind, outcome,
 * retryAfterMs) and what a person needs to understand (the platform's status, code and message).
 * The raw request and response hang off it non-enumerably; `toJSON()` returns safe fields only.
 */
export class ProviderError extends Error {
  override readonly name = 'ProviderError'
  readonly kind: ProviderErrorKind
  readonly platform: Platform
  readonly outcome: RequestOutcome
  readonly status?: number
  readonly platformCode?: string | number
  readonly platformSubcode?: string | number
  readonly platformMessage?: string
  readonly retryAfterMs?: number
  readonly progress?: PublishCheckpoint
  declare readonly request?: unknown
  declare readonly response?: unknown

  constructor(init: ProviderErrorInit) {
    const secrets = init.secrets ?? []
    super(
      redactSecrets(init.message, secrets),
      init.cause === undefined ? undefined : { cause: init.cause },
    )
    this.kind = init.kind
    this.platform = init.platform
    this.outcome = init.outcome ?? 'not_sent'
    if (init.status !== undefined) this.status = init.status
    if (init.platformCode !== undefined) this.platformCode = init.platformCode
    if (init.platformSubcode !== undefined) this.platformSubcode = init.platformSubcode
    if (init.platformMessage !== undefined)
      this.platformMessage = redactSecrets(init.platformMessage, secrets)
    if (init.retryAfterMs !== undefined)
      this.retryAfterMs = Math.max(0, Math.ceil(init.retryAfterMs))
    if (init.progress !== undefined) this.progress = init.progress
    // Non-enumerable: raw exchanges may hold tokens (a Telegram URL, an Authorization header).
    Object.defineProperty(this, 'request', {
      value: init.request,
      enumerable: false,
      configurable: true,
    })
    Object.defineProperty(this, 'response', {
      value: init.response,
      enumerable: false,
      configurable: true,
    })
  }

  /** True when trying again later may succeed and cannot publish twice. */
  get retryable(): boolean {
    return (
      (this.kind === 'rate_limited' || this.kind === 'transient') && this.outcome === 'not_sent'
    )
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      platform: this.platform,
      outcome: this.outcome,
      message: this.message,
      status: this.status,
      platformCode: this.platformCode,
      platformSubcode: this.platformSubcode,
      platformMessage: this.platformMessage,
      retryAfterMs: this.retryAfterMs,
    }
  }

  static is(value: unknown): value is ProviderError {
    return (
      value instanceof ProviderError ||
      (value instanceof Error && value.name === 'ProviderError' && 'kind' in value)
    )
  }
}
