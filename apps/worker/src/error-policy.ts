import { PLATFORM_NAMES, type ProviderError } from '@statex/core'

/**
 * THE mapping from a provider failure to what the queue does next. Pure: no clock, no I/O, so
 * every kind × outcome combination is pinned by a table test. The publishing engine performs
 * the side effects a decision names (refresh the token, mark the account, record the reason)
 * and `applyQueueAction` turns it into BullMQ control flow.
 */
export type QueueAction =
  /** Wait, then run again without spending an attempt (the platform asked us to slow down). */
  | { type: 'delay'; delayMs: number; reason: string }
  /** Refresh the account's token, then run again at once; allowed once per job. */
  | { type: 'refresh_token_then_retry'; reason: string }
  /** Spend an attempt and run again after `delayMs` (exponential backoff). */
  | { type: 'retry'; delayMs: number; reason: string }
  /**
   * The request may have reached the platform: never repeat it. Mark the target UNKNOWN and let
   * reconciliation find out whether the post exists.
   */
  | { type: 'reconcile'; reason: string }
  /** Stop for good. `userMessage` is shown on the target; `reconnectAccount` marks the account needs_reconnect. */
  | { type: 'fail'; reason: string; userMessage: string; reconnectAccount: boolean }

export interface ErrorContext {
  /** Attempts already spent on this job (BullMQ `job.attemptsMade`); rate-limit delays spend none. */
  attemptsMade: number
  /** Attempts allowed (BullMQ `job.opts.attempts`). */
  maxAttempts: number
  /** True once this job has refreshed the account's token. */
  tokenRefreshed: boolean
  /**
   * `write` (publish, reply): repeating a request that may have landed could post twice.
   * `read` (metrics, inbox polling): repeating is harmless. Default `write`.
   */
  effect?: 'write' | 'read'
}

/** Used when a platform rate-limits without saying for how long. */
export const DEFAULT_RATE_LIMIT_DELAY_MS = 60_000
export const BACKOFF_BASE_MS = 10_000
export const BACKOFF_MAX_MS = 10 * 60_000

/** 10 s, 20 s, 40 s … capped at 10 min; also registered as the workers' BullMQ backoff strategy. */
export function backoffDelayMs(attemptsMade: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attemptsMade), BACKOFF_MAX_MS)
}

type ErrorFacts = Pick<
  ProviderError,
  'kind' | 'outcome' | 'retryAfterMs' | 'platform' | 'message' | 'platformMessage'
>

function said(error: ErrorFacts): string {
  return error.platformMessage ?? error.message
}

export function decideQueueAction(error: ErrorFacts, context: ErrorContext): QueueAction {
  const name = PLATFORM_NAMES[error.platform]
  const mayHaveLanded = error.outcome === 'unknown' && (context.effect ?? 'write') === 'write'

  switch (error.kind) {
    case 'rate_limited':
    case 'auth_expired':
    case 'transient':
      // Whatever the kind, a write that may have landed is never sent again.
      if (mayHaveLanded) {
        return {
          type: 'reconcile',
          reason: `${error.kind}: ${name} may have received the request before it failed`,
        }
      }
      break
    case 'auth_revoked':
      return {
        type: 'fail',
        reason: `auth_revoked: ${said(error)}`,
        userMessage: `${name} no longer accepts this account's authorization. Reconnect the account, then try again. (${name} said: ${said(error)})`,
        reconnectAccount: true,
      }
    case 'invalid_request':
      return {
        type: 'fail',
        reason: `invalid_request: ${said(error)}`,
        userMessage: said(error),
        reconnectAccount: false,
      }
    case 'not_found':
      return {
        type: 'fail',
        reason: `not_found: ${said(error)}`,
        userMessage: `${name} could not find what this needs (the account, channel or post may have been deleted). (${name} said: ${said(error)})`,
        reconnectAccount: false,
      }
  }

  switch (error.kind) {
    case 'rate_limited':
      return {
        type: 'delay',
        delayMs: error.retryAfterMs ?? DEFAULT_RATE_LIMIT_DELAY_MS,
        reason: `rate_limited by ${name}${error.retryAfterMs === undefined ? ' (no Retry-After; default wait)' : ''}`,
      }
    case 'auth_expired':
      if (!context.tokenRefreshed)
        return { type: 'refresh_token_then_retry', reason: `auth_expired: ${said(error)}` }
      // A token refreshed a moment ago and refused again will not get better by itself.
      return {
        type: 'fail',
        reason: `auth_expired after a token refresh: ${said(error)}`,
        userMessage: `${name} refused this account's token even after refreshing it. Reconnect the account, then try again.`,
        reconnectAccount: true,
      }
    case 'transient': {
      if (context.attemptsMade + 1 >= context.maxAttempts) {
        return {
          type: 'fail',
          reason: `transient, attempts exhausted (${context.maxAttempts}): ${said(error)}`,
          userMessage: `${name} kept failing (${said(error)}); gave up after ${context.maxAttempts} attempts.`,
          reconnectAccount: false,
        }
      }
      return {
        type: 'retry',
        delayMs: backoffDelayMs(context.attemptsMade),
        reason: `transient: ${said(error)}`,
      }
    }
  }
}
