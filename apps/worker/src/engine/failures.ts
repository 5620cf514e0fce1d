import { ProviderError, type Platform } from '@statex/core'
import { UnrecoverableError } from 'bullmq'

export { PLATFORM_NAMES } from '@statex/core'

/** Tags every job failure carries to Sentry and the logs. */
export interface FailureTags {
  queue: string
  platform?: Platform
  account?: string
  target?: string
}

/**
 * A job that ended for good after its outcome was recorded in PostgreSQL (FAILED, or UNKNOWN for
 * a person to check). Unrecoverable, so BullMQ does not retry it; it carries tags for Sentry.
 */
export class EngineJobFailure extends UnrecoverableError {
  override readonly name = 'EngineJobFailure'
  constructor(
    message: string,
    readonly tags: Omit<FailureTags, 'queue'>,
  ) {
    super(message)
  }
}

/**
 * Anything an adapter throws that is not a ProviderError is a bug on our side, raised somewhere
 * between writing the request and reading the answer: it may have reached the platform.
 */
export function asProviderError(error: unknown, platform: Platform): ProviderError {
  if (ProviderError.is(error)) return error
  const message = error instanceof Error ? error.message : String(error)
  return new ProviderError({
    kind: 'transient',
    platform,
    outcome: 'unknown',
    message: `Unexpected error while publishing: ${message}`,
    cause: error,
  })
}

export function errorInfo(error: ProviderError) {
  return {
    kind: error.kind,
    outcome: error.outcome,
    message: error.message,
    ...(error.status !== undefined ? { status: error.status } : {}),
    ...(error.platformCode !== undefined ? { platformCode: error.platformCode } : {}),
  }
}
