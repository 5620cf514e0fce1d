import { ProviderError } from '../errors.js'
import type { PublishCheckpoint } from '../results.js'

/**
 * The same failure, carrying what already reached the platform (the first parts of a thread) as
 * `progress`, so the caller can pass it back as `resumeFrom` and nothing is published twice.
 * Anything that is not a ProviderError, or a failure before any part landed, is returned as is.
 */
export function withPublishProgress(
  error: unknown,
  progress: PublishCheckpoint,
  partsDone: number,
): unknown {
  if (!ProviderError.is(error) || partsDone === 0) return error
  return new ProviderError({
    kind: error.kind,
    platform: error.platform,
    message: `${error.message} ${partsDone} part(s) were already published and will not be sent again.`,
    outcome: error.outcome,
    status: error.status,
    platformCode: error.platformCode,
    platformSubcode: error.platformSubcode,
    platformMessage: error.platformMessage,
    retryAfterMs: error.retryAfterMs,
    progress,
    cause: error,
    request: error.request,
    response: error.response,
  })
}
