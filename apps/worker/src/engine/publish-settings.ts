export interface PublishEngineSettings {
  /** A publish call is abandoned (outcome unknown) after this. Default 60 s. */
  publishTimeoutMs: number
  /** How long a claim holds before the engine takes its worker for dead. Default timeout + 30 s. */
  leaseMs: number
  /**
   * How long after an uncertain publish the engine asks `findPublished`, so a post that exists
   * but is not yet visible in the platform's listings is not taken for missing. Default 30 s.
   */
  readAfterWriteDelayMs: number
  /** Between status polls of a PROCESSING target when the adapter gives no hint. Default 5 s. */
  pollIntervalMs: number
  /** A PROCESSING target still unfinished after this fails. Default 24 h. */
  processingLimitMs: number
  /** A SCHEDULED target further than this in the future is left to the dispatcher. Default 60 s. */
  horizonMs: number
}

export const DEFAULT_ENGINE_SETTINGS: PublishEngineSettings = Object.freeze({
  publishTimeoutMs: 60_000,
  leaseMs: 90_000,
  readAfterWriteDelayMs: 30_000,
  pollIntervalMs: 5_000,
  processingLimitMs: 24 * 3_600_000,
  horizonMs: 60_000,
})
