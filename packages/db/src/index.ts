export { authenticateUser, createDb } from './create-db.js'
export type { CreateDbOptions, Db } from './create-db.js'
export type { Keyring } from './crypto.js'
export {
  DecryptionError,
  KeyringError,
  decryptSecret,
  developmentKeyring,
  encryptSecret,
  generateEncryptionKey,
  parseEncryptionKeys,
} from './crypto.js'
export {
  AccountHasPostsError,
  AttemptAlreadyFinishedError,
  InvalidInputError,
  LastOwnerError,
  NotFoundError,
  StatusConflictError,
} from './errors.js'
export { ensureDatabase, migrate } from './migrations/apply.js'
export type { MigrateOptions, MigrateResult } from './migrations/apply.js'
export type { CreatePostGroupInput } from './repos/posts.js'
export { resolveDraft } from './repos/posts.js'
export { EDITABLE_STATUSES } from './repos/post-queries.js'
export type { UpdatePostGroupInput } from './repos/post-queries.js'
export { IDEMPOTENCY_TTL_MS } from './repos/idempotency.js'
export type { ReserveResult } from './repos/idempotency.js'
export type { OAuthStateRecord } from './repos/oauth-states.js'
export type { TransitionInput } from './repos/status.js'
export type { DispatchItem, EngineAccount, PublishContext, Reconciliation } from './repos/engine.js'
export type { PostingSchedule } from './repos/slots.js'
export type { BeginPublishResult, PublishAttemptResult } from './repos/publish.js'
export { idempotencyKeyFor } from './repos/publish.js'
export { DEMO_USER_EMAIL, DEMO_WORKSPACE_SLUG } from './repos/seed.js'
export { MIN_PASSWORD_LENGTH } from './passwords.js'
export type * from './types.js'
export type {
  CollectedMetrics,
  LatestMetrics,
  MetricsDueItem,
  RecordSyncResult,
} from './repos/metrics-sync.js'
export type {
  AnalyticsFilter,
  DailyRollupRow,
  MetricSums,
  PublishingHealthRow,
  TimeOfWeekRow,
  TopPostRow,
} from './repos/analytics.js'
